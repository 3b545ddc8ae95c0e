// The workspace index off the request path: the server analyses the files on
// disk in a worker thread (dist/indexWorker.js), so a request made while a
// large workspace document is being indexed is answered before the index is
// complete, and the index then holds that document all the same.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { repoRoot, startServer, TestServer } from './lspClient';
import { annotationsNotification, indexProgressNotification } from '../../server/src/protocol/messages';

const samples = ['iom-onsa-agreement.txt', 'ngo-pve-working-group.txt'].map((name) => fs.readFileSync(path.join(repoRoot, 'samples', name), 'utf8'));
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-indexing-'));
const workspace = path.join(folder, 'ws');
let server: TestServer | undefined;

after(async () => {
  await server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('a request made while a large document is indexed is answered before the index is complete, and the index then has the document', async () => {
  fs.mkdirSync(workspace);
  // About 3 MB: long enough to analyse that the hover below comes while it is under way.
  let large = '';
  while (large.length < 1_600_000) large += samples.join('\n') + '\n';
  fs.writeFileSync(path.join(workspace, 'a-large.txt'), large);
  fs.writeFileSync(path.join(workspace, 'b-small.txt'), samples[0]);
  server = await startServer(workspace);
  // Whatever the server reports first about its index, it is not yet complete.
  await server.waitForNotification(indexProgressNotification.method, () => true, 30000);
  const probe = pathToFileURL(path.join(folder, 'probe.txt')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: probe, languageId: 'plaintext', version: 1, text: samples[1] } });
  const annotated = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === probe, 30000);
  const hover: any = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: probe }, position: annotated.entities[0].range.start });
  const completeWhenAnswered = server.notifications.some((n) => n.method === indexProgressNotification.method && n.params.complete);
  assert.equal(completeWhenAnswered, false, 'the hover was answered while the workspace was still being indexed');
  assert.ok(hover?.contents, 'a hover card for the entity');
  const done = await server.waitForNotification(indexProgressNotification.method, (p) => p.complete, 120000);
  assert.equal(done.documents, 3, 'the two files and the open document (a .txt file, indexed from the editor)');
  const symbols: any[] = await server.connection.sendRequest('workspace/symbol', { query: 'المنظمة الدولية للهجرة' });
  const largeUri = pathToFileURL(path.join(workspace, 'a-large.txt')).toString();
  assert.ok(symbols.some((s) => s.location.uri === largeUri), 'the large document is in the index');
});

test('an open document is analysed in the worker thread: a hover on another document is answered before the large one\'s tokens', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-open-analysis-'));
  const ws = path.join(dir, 'ws');
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(ws, 'small.txt'), samples[0]);
  const client = await startServer(ws);
  try {
    await client.waitForNotification(indexProgressNotification.method, (p) => p.complete, 60000);
    const c = client.connection;
    const small = pathToFileURL(path.join(dir, 'small-open.txt')).toString();
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'plaintext', version: 1, text: samples[1] } });
    const annotated = await client.waitForNotification(annotationsNotification.method, (p) => p.uri === small, 30000);
    let large = '';
    while (large.length < 1_600_000) large += samples.join('\n') + '\n';
    const largeUri = pathToFileURL(path.join(dir, 'large-open.txt')).toString();
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri: largeUri, languageId: 'plaintext', version: 1, text: large } });
    let tokensArrived = false;
    const tokens = c.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: largeUri } }).then((t: any) => ((tokensArrived = true), t));
    const hover: any = await c.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: annotated.entities[0].range.start });
    assert.ok(hover?.contents, 'a hover card');
    assert.equal(tokensArrived, false, 'the hover did not wait for the large document\'s analysis');
    const full: any = await tokens;
    assert.ok(full.data.length > 1000, 'the large document is coloured whole');
    await client.waitForNotification(annotationsNotification.method, (p) => p.uri === largeUri && p.version === 1, 60000);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
