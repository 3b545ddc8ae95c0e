// docs/PROTOCOL.md documents every iltizam/* message and server command of
// protocol/, and nothing that is not there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allMessages, ReadingViewParams, ReadingViewResult, readingViewRequest } from '../../server/src/protocol/messages';
import { learningCommands, lexiconCommands, storeCommands } from '../../server/src/protocol/commands';

const root = path.resolve(__dirname, '..', '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'PROTOCOL.md'), 'utf8');

test('docs/PROTOCOL.md lists exactly the requests and notifications of protocol/messages.ts', () => {
  const documented = new Set([...doc.matchAll(/`(iltizam\/[A-Za-z/]+)`/g)].map((m) => m[1]));
  const typed = new Set(allMessages.map((m) => m.method));
  assert.ok(typed.size >= 10);
  assert.deepEqual([...documented].sort(), [...typed].sort());
});

test('docs/PROTOCOL.md lists exactly the commands of protocol/commands.ts', () => {
  const documented = new Set([...doc.matchAll(/`(iltizam\.server\.[A-Za-z]+)`/g)].map((m) => m[1]));
  assert.deepEqual([...documented].sort(), [...Object.values(storeCommands), ...Object.values(learningCommands), ...Object.values(lexiconCommands)].sort());
});

test('docs/PROTOCOL.md gives the reading view\'s optional range and its provisional answer', () => {
  const row = doc.split('\n').find((l) => l.startsWith(`| \`${readingViewRequest.method}\``));
  assert.ok(row, `a row for ${readingViewRequest.method}`);
  // The fields of ReadingViewParams and ReadingViewResult the annotation editor's first chunk relies on.
  const params: Record<keyof ReadingViewParams, true> = { uri: true, range: true };
  for (const field of Object.keys(params)) assert.match(row, new RegExp(`\\b${field}\\b`));
  const provisional: keyof ReadingViewResult = 'provisional';
  assert.match(row, new RegExp(`\\b${provisional}: true`));
});
