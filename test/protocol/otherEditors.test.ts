// The server as editors other than VS Code use it: Neovim and Eglot name a
// plain text `text`, cannot register didChangeConfiguration dynamically, and
// may ask for plain-text hovers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { repoRoot, startServer, TestServer } from './lspClient';

let server: TestServer;
let workspace: string;
let uri: string;
let text: string;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-editors-'));
  text = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
  const file = path.join(workspace, 'doc.txt');
  fs.writeFileSync(file, text);
  uri = pathToFileURL(file).toString();
  // As Neovim 0.10 says it: configuration pulled, no dynamic registration of didChangeConfiguration, hovers in plain text first.
  server = await startServer(workspace, {}, { didChangeConfiguration: { dynamicRegistration: false } }, undefined, {
    hover: { contentFormat: ['plaintext', 'markdown'] },
  });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'text', version: 1, text } });
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

function positionOf(needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length + 1 };
}

async function until<T>(ask: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const value = await ask();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setImmediate(r));
  }
}

test('a document whose languageId is `text` (Neovim, Eglot) is analysed: outline and hover', async () => {
  const symbols: any[] = await until(() => server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), (s: any) => Array.isArray(s) && s.length > 0);
  assert.ok(symbols.length > 0, 'an outline');
  const hover: any = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('بغداد') });
  assert.ok(hover, 'a hover card');
  assert.equal(hover.contents.kind, 'plaintext', 'the client asked for plain text first');
  assert.doesNotMatch(hover.contents.value, /\*\*|\]\(/, 'no Markdown emphasis or links in plain text');
  assert.match(hover.contents.value, /بغداد/);
});

test('no dynamic registration of didChangeConfiguration when the client says it cannot', async () => {
  // didChangeWatchedFiles is not claimed either: nothing may be registered.
  await until(async () => server.notifications.length, () => true);
  const registrations = server.notifications.filter((n) => n.method === 'client/registerCapability');
  const methods = registrations.flatMap((n) => n.params.registrations.map((r: any) => r.method));
  assert.ok(!methods.includes('workspace/didChangeConfiguration'), JSON.stringify(methods));
});

test('a client that can register it dynamically (VS Code) gets didChangeConfiguration registered', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-editors-'));
  const vscodeLike = await startServer(dir);
  try {
    const params = await vscodeLike.waitForNotification('client/registerCapability', (p) => p.registrations.some((r: any) => r.method === 'workspace/didChangeConfiguration'));
    assert.ok(params);
  } finally {
    await vscodeLike.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
