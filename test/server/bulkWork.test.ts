// Bounded work on the request thread (issue 17): Accept All on thousands of
// suggestions lets other requests through between its slices, yet is one
// write and one undo step; a burst of edits is one analysis, not one per edit;
// a very long document's first hover does not wait for the analysis of all of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ACCEPT_ALL_SLICE } from '../../server/src/annotations/decisions';
import { storeCommands } from '../../server/src/protocol/commands';
import { WINDOW_DOCUMENT_LENGTH } from '../../server/src/server/analysisService';
import { MemoryFiles } from './memoryFiles';
import { poll, startInProcessServer } from './inProcess';

const sample = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'samples', 'iom-onsa-agreement.txt'), 'utf8');
const uri = 'file:///ws/doc.txt';

test('Accept All on thousands of suggestions answers a hover sent after it first, then writes once, undone in one step', async () => {
  const text = Array.from({ length: 20 }, () => sample).join('\n');
  const files = new MemoryFiles({ '/ws/doc.txt': text });
  const server = await startInProcessServer(files, ['/ws']);
  const { client, pushes } = server;
  try {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const first = await poll(() => pushes.find((p) => p.uri === uri));
    const suggested = first.counts?.suggested ?? 0;
    assert.ok(suggested > 3 * ACCEPT_ALL_SLICE, `${suggested} suggestions: several slices`);
    const answered: string[] = [];
    const acceptAll = client.sendRequest('workspace/executeCommand', { command: storeCommands.acceptAll, arguments: [{ uri }] }).then((r) => (answered.push('acceptAll'), r));
    const hover = client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }).then(() => void answered.push('hover'));
    const [result] = await Promise.all([acceptAll, hover]);
    assert.deepEqual(answered, ['hover', 'acceptAll'], 'the hover was answered between two slices');
    assert.equal((result as { count: number }).count, suggested);
    const annWrites = files.writes.filter(([file]) => file === '/ws/doc.ann');
    assert.equal(annWrites.length, 1, 'one write');
    assert.equal(annWrites[0][1].split('\n').filter((l) => /^A\d+\tReview T\d+ accepted/.test(l)).length, first.entities.filter((e) => e.status === 'suggested').length);
    const undone: any = await client.sendRequest('workspace/executeCommand', { command: storeCommands.undo, arguments: [{ uri }] });
    assert.equal(undone.count, 1);
    assert.equal(files.read('/ws/doc.ann') ?? '', '', 'one undo step takes all of it back');
  } finally {
    await server.stop();
  }
});

test('2,000 rapid edits are one analysis of the document, not one per edit (latest wins)', async () => {
  const files = new MemoryFiles({ '/ws/doc.txt': sample });
  const server = await startInProcessServer(files, ['/ws']);
  const { client, ctx, pushes } = server;
  // Every analysis of the whole document (the provisional views analyse edited lines only).
  const service = ctx.service as unknown as { analyse: (text: string, uri: string, length: number) => unknown };
  const analyse = service.analyse.bind(ctx.service);
  let whole = 0;
  service.analyse = (text, u, length) => {
    if (u === uri && text.length === length) whole++;
    return analyse(text, u, length);
  };
  try {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: sample } });
    await poll(() => pushes.find((p) => p.uri === uri));
    const before = whole;
    const end = sample.split('\n')[0].length;
    for (let version = 2; version <= 2001; version++) {
      const at = { line: 0, character: end + version - 2 };
      void client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: 'ا' }] });
    }
    const last = await poll(() => pushes.find((p) => p.uri === uri && p.version === 2001));
    assert.ok(last);
    assert.equal(ctx.documents.get(uri)?.getText().split('\n')[0].length, end + 2000);
    assert.equal(whole - before, 1, `${whole - before} analyses of the whole document for 2,000 edits`);
    assert.equal(pushes.filter((p) => p.uri === uri && p.version > 1).length, 1, 'one push, of the last version');
  } finally {
    await server.stop();
  }
});

test('a very long document: a hover sent with its opening is answered from the text around it, before the analysis of all of it, which comes in slices', async () => {
  const text = Array.from({ length: Math.ceil((WINDOW_DOCUMENT_LENGTH + 1) / sample.length) }, () => sample.replace(/\n/g, ' ')).join(' ');
  assert.ok(text.length > WINDOW_DOCUMENT_LENGTH);
  const files = new MemoryFiles({ '/ws/doc.txt': text });
  // No workspace folder: the workspace index (which reads texts that are not open) stays out of it.
  const server = await startInProcessServer(files, []);
  const { client, ctx, pushes } = server;
  const service = ctx.service as unknown as { analyse: (text: string, uri: string, length: number) => unknown };
  const analyse = service.analyse.bind(ctx.service);
  const analysed: number[] = [];
  service.analyse = (part, u, length) => {
    if (u === uri) analysed.push(part.length);
    return analyse(part, u, length);
  };
  try {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'text', version: 1, text } });
    const at = sample.indexOf('المنظمة');
    const hover: any = await client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: at + 2 } });
    assert.ok(!pushes.some((p) => p.uri === uri), 'the hover was answered before the document\'s annotations were pushed');
    assert.match(hover.contents.value, /المنظمة الدولية للهجرة/, 'the card of the entity under the cursor');
    const push = await poll(() => pushes.find((p) => p.uri === uri));
    assert.ok(analysed.every((length) => length < text.length), `no analysis of the whole text at once: ${analysed.join(', ')}`);
    assert.ok(analysed.length > 2, 'slices');
    // The slices together are the whole document: the last copy of the sample has its entities too.
    const lastCopy = text.lastIndexOf('المنظمة الدولية للهجرة');
    assert.ok(push.entities.some((e) => e.range.start.character === lastCopy), 'an entity near the end');
  } finally {
    await server.stop();
  }
});
