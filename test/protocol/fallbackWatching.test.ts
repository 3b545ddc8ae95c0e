// A client that cannot register workspace/didChangeWatchedFiles (Neovim before
// 0.10, Helix): the server follows what it needs on disk itself. Another
// program's lexicon file and .ann reach the open document without any event
// from the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { annotationsNotification } from '../../server/src/protocol/messages';
import { repoRoot, startServer } from './lspClient';

/** The UTF-16 line and character of a code-point offset. */
function positionAt(text: string, codePoint: number): { line: number; character: number } {
  const before = Array.from(text).slice(0, codePoint).join('').split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

test('without the client watching files, lexicon and .ann changes made on disk by others are followed', async (t) => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-watch-'));
  const text = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
  const file = path.join(workspace, 'doc.txt');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  // No workspace.didChangeWatchedFiles capability at all.
  const server = await startServer(workspace);
  t.after(async () => {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });
  // Started: its settings read, its watching begun.
  await server.waitForNotification('window/logMessage', (p) => /started/.test(p.message), 30000);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'text', version: 1, text } });
  await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri);
  const registered = server.notifications.filter((n) => n.method === 'client/registerCapability').flatMap((n) => n.params.registrations.map((r: any) => r.method));
  assert.ok(!registered.includes('workspace/didChangeWatchedFiles'), 'nothing registered that the client cannot do');

  // A lexicon written by another program, in a .iltizam folder that did not exist when the server started.
  const phrase = 'حفل الاتفاقية';
  const line = text.split('\n').findIndex((l) => l.includes(phrase));
  assert.ok(line >= 0);
  fs.mkdirSync(path.join(workspace, '.iltizam'));
  fs.writeFileSync(path.join(workspace, '.iltizam', 'lexicon.json'), JSON.stringify({ entries: [{ id: 'org.fictional', label: 'Organization', ar: phrase, en: 'Fictional Ceremony Body' }] }));
  const lexiconPush = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.entities.some((e: any) => e.label === 'Organization' && e.range.start.line === line && text.split('\n')[line].slice(e.range.start.character).startsWith(phrase)), 20000);
  assert.ok(lexiconPush);

  // A .ann written by another program (brat, a script): its annotation is shown as stored.
  const word = 'بغداد';
  const start = Array.from(text).join('').indexOf(word);
  const startCp = Array.from(text.slice(0, start)).length;
  const endCp = startCp + Array.from(word).length;
  fs.writeFileSync(path.join(workspace, 'doc.ann'), `T1\tPerson ${startCp} ${endCp}\t${word}\n`);
  const at = positionAt(text, startCp);
  const annPush = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.entities.some((e: any) => e.label === 'Person' && e.status !== 'suggested' && e.range.start.line === at.line && e.range.start.character === at.character), 20000);
  assert.ok(annPush);
});
