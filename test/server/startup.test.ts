// Start-up and the first screen: the settings the server reads just after
// `initialized` can arrive while a document opened meanwhile waits for its
// first screen; they do not put the whole document's analysis first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { annotateTimer } from '../../server/src/server/context';
import { MemoryFiles } from './memoryFiles';
import { poll, startInProcessServer } from './inProcess';

const sample = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'samples', 'iom-onsa-agreement.txt'), 'utf8');
const uri = 'file:///ws/doc.txt';

test('settings read just after a document opened do not analyse it whole ahead of its scheduled push, which annotates it', async () => {
  const text = Array.from({ length: 10 }, () => sample).join('\n');
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  // The configuration is answered when the test says (the server asks for it at `initialized`, before the open).
  const server = await startInProcessServer(new MemoryFiles({ '/ws/doc.txt': text }), ['/ws'], () => held.then(() => ({ learning: { enabled: false } })));
  const { client, ctx, pushes } = server;
  const settingsBefore = ctx.service.settings;
  // The document's scheduled push runs when the test says, not on a clock.
  let scheduledPush: (() => void) | undefined;
  const schedule = ctx.timers.schedule.bind(ctx.timers);
  ctx.timers.schedule = (key, ms, run) => (key === annotateTimer(uri) ? schedule(key, 1e9, () => undefined) : schedule(key, ms, run), void (key === annotateTimer(uri) && (scheduledPush = run)));
  const service = ctx.service as unknown as { analyse: (text: string, uri: string, length: number) => unknown };
  const analyse = service.analyse.bind(ctx.service);
  let whole = 0;
  service.analyse = (t, u, length) => {
    if (u === uri && t.length === length) whole++;
    return analyse(t, u, length);
  };
  try {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    await poll(() => scheduledPush);
    release();
    await poll(() => (ctx.service.settings !== settingsBefore ? true : undefined));
    // A turn of the event loop after the settings: the push of every open document they set off is done.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(whole, 0, 'not analysed whole while its push is still to come');
    ctx.timers.cancel(annotateTimer(uri));
    scheduledPush!();
    const pushed = await poll(() => pushes.find((p) => p.uri === uri && p.version === 1));
    assert.equal(whole, 1);
    assert.ok(pushed.entities.length > 0);
  } finally {
    await server.stop();
  }
});

test('a document’s first push, when it falls due, makes its analysis on a later turn of the event loop: the answers the connection is about to write go first', async () => {
  const text = Array.from({ length: 10 }, () => sample).join('\n');
  const outside = 'file:///elsewhere/doc.txt';
  const server = await startInProcessServer(new MemoryFiles({}), ['/ws']);
  const { client, ctx, pushes } = server;
  await server.indexed();
  const service = ctx.service as unknown as { analyse: (text: string, uri: string, length: number) => unknown };
  const analyse = service.analyse.bind(ctx.service);
  let whole = 0;
  service.analyse = (t, u, length) => {
    if (u === outside && t.length === length) whole++;
    return analyse(t, u, length);
  };
  // The push scheduled at the open runs when the test says, as its timer would.
  let scheduledPush: (() => void) | undefined;
  const schedule = ctx.timers.schedule.bind(ctx.timers);
  ctx.timers.schedule = (key, ms, run) => (key === annotateTimer(outside) ? ((scheduledPush = run), schedule(key, 1e9, () => undefined)) : schedule(key, ms, run));
  try {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: outside, languageId: 'plaintext', version: 1, text } });
    await poll(() => scheduledPush);
    ctx.timers.cancel(annotateTimer(outside));
    scheduledPush!();
    // In the timer's own turn, nothing yet (the connection writes the answers of that turn on the next one).
    assert.equal(whole, 0);
    await poll(() => pushes.find((p) => p.uri === outside && p.version === 1));
    assert.equal(whole, 1);
  } finally {
    await server.stop();
  }
});
