// The first screen first, over the real server: the visible range asked for
// with the open is answered, the whole document's annotations follow, and
// from then on the tokens of any range are those of the full request on the
// same lines (a property over random ranges).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import fc from 'fast-check';
import { repoRoot, startServer, TestServer } from './lspClient';
import { annotationsNotification, indexProgressNotification, readingViewRequest } from '../../server/src/protocol/messages';
import { decodeTokens } from '../../scripts/benchLsp';

const samples = ['iom-onsa-agreement.txt', 'ngo-pve-working-group.txt'].map((name) => fs.readFileSync(path.join(repoRoot, 'samples', name), 'utf8'));
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-first-screen-'));
let server: TestServer | undefined;

after(async () => {
  await server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

type Token = { line: number; character: number; length: number; type: number };

function tokensOf(data: number[]): Token[] {
  return decodeTokens(data).map((t, k) => ({ ...t, type: data[5 * k + 3] }));
}

test('the first screen is answered with the open, and afterwards every range gives the full request\'s tokens on its lines', async () => {
  const text = [samples[0], samples[1], samples[0]].join('\n');
  const lines = text.split('\n');
  const uri = pathToFileURL(path.join(folder, 'doc.txt')).toString();
  server = await startServer(folder, {}, { semanticTokens: { refreshSupport: true } });
  const c = server.connection;
  const rangeOf = (from: number, to: number) => ({ start: { line: from, character: 0 }, end: { line: to, character: 0 } });
  await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  const firstScreen: any = await c.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range: rangeOf(0, 3) });
  assert.ok(firstScreen.data.length > 0, 'the first screen has tokens');
  await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === 1, 30000);
  const full = tokensOf(((await c.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as any).data);
  // The first three lines of the sample are coloured alike by themselves and by the whole analysis.
  assert.deepEqual(tokensOf(firstScreen.data), full.filter((t) => t.line < 3));
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: lines.length - 1 }), fc.integer({ min: 1, max: 40 }), async (from, count) => {
      const to = Math.min(lines.length, from + count);
      const ranged: any = await c.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range: rangeOf(from, to) });
      assert.deepEqual(tokensOf(ranged.data), full.filter((t) => t.line >= from && t.line < to));
    }),
    { numRuns: 40, seed: 18 },
  );
});

/** Numbered paragraphs of the samples up to 1 MB (as the editor's benchmark and end-to-end run make it). */
function oneMegabyte(): string {
  const paragraphs = samples.join('\n').split('\n').filter((l) => l.trim());
  const out: string[] = [];
  for (let i = 0, bytes = 0; bytes < 1_000_000; i++) {
    out.push(`${i + 1}. ${paragraphs[i % paragraphs.length]}`);
    bytes += Buffer.byteLength(out[i], 'utf8') + 1;
  }
  return out.join('\n') + '\n';
}

/** Resolves when `condition` holds, checked every 20 ms; rejects after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > end) throw new Error(`not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a first screen of long lines in a fresh 1 MB document is answered from its lines, and the client asked for the exact tokens once they are there', async () => {
  const text = oneMegabyte();
  const lines = text.split('\n');
  // More than the edited lines analysed on their own (20,000 characters): a screen of long lines.
  let last = 0;
  for (let length = 0; length < 25_000; last++) length += lines[last].length + 1;
  const workspace = fs.mkdtempSync(path.join(folder, 'screen-'));
  const uri = pathToFileURL(path.join(workspace, 'long-lines.txt')).toString();
  const screenServer = await startServer(workspace, {}, { semanticTokens: { refreshSupport: true } });
  try {
    const c = screenServer.connection;
    await screenServer.waitForNotification(indexProgressNotification.method, (p) => p.complete, 30000);
    const refreshes = () => screenServer.notifications.filter((n) => n.method === 'workspace/semanticTokens/refresh').length;
    const before = refreshes();
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const range = { start: { line: 0, character: 0 }, end: { line: last, character: 0 } };
    const first: any = await c.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range });
    assert.ok(tokensOf(first.data).some((t) => t.line >= last - 5), 'the whole screen is coloured, its last lines too');
    await screenServer.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === 1, 60000);
    // The first screen was provisional: the client is asked for the tokens again, and gets the exact view's.
    await until(() => refreshes() > before, 30000);
    const full = tokensOf(((await c.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as any).data);
    const exact: any = await c.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range });
    assert.deepEqual(tokensOf(exact.data), full.filter((t) => t.line < last));
  } finally {
    await screenServer.stop();
  }
});

test('the annotation editor\'s first chunk of a fresh 1 MB document is answered from its lines, provisional, with the exact view\'s marks there', async () => {
  const text = oneMegabyte();
  const workspace = fs.mkdtempSync(path.join(folder, 'editor-'));
  const uri = pathToFileURL(path.join(workspace, 'large.txt')).toString();
  const editorServer = await startServer(workspace);
  try {
    const c = editorServer.connection;
    // Indexed (an empty folder): the open document is analysed in the worker thread, as in the editor.
    await editorServer.waitForNotification(indexProgressNotification.method, (p) => p.complete, 30000);
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    // The first three paragraphs, as the editor asks for its first chunk.
    const end = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1);
    const early: any = await c.sendRequest(readingViewRequest.method, { uri, range: { start: 0, end } });
    assert.equal(early.provisional, true, 'answered before the analysis of the whole document');
    assert.equal(early.text, text);
    assert.ok(early.entities.length > 0 && early.entities.every((e: any) => e.end <= end), 'marks of the asked lines only');
    await editorServer.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === 1, 60000);
    const exact: any = await c.sendRequest(readingViewRequest.method, { uri, range: { start: 0, end } });
    assert.equal(exact.provisional, undefined, 'once analysed, the exact view whatever the range');
    const entitiesOf = (v: any) => v.entities.filter((e: any) => e.start < end).map((e: any) => [e.start, e.end, e.label, e.status]);
    const commitmentsOf = (v: any) => v.commitments.filter((x: any) => x.start < end).map((x: any) => [x.start, x.end, x.status, x.strength, x.actors]);
    assert.deepEqual(entitiesOf(early), entitiesOf(exact));
    assert.ok(commitmentsOf(exact).length > 0);
    assert.deepEqual(commitmentsOf(early), commitmentsOf(exact));
    await assert.rejects(c.sendRequest(readingViewRequest.method, { uri, range: { start: 10, end: 2 } }), /range must be/);
  } finally {
    await editorServer.stop();
  }
});
