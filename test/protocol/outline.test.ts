// The Outline of a big document stays responsive: it stops at
// iltizam.outline.maxSymbols and says how many symbols it left out.
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

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-outline-'));
  const text = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
  const file = path.join(workspace, 'doc.txt');
  fs.writeFileSync(file, text);
  uri = pathToFileURL(file).toString();
  server = await startServer(workspace, { outline: { maxSymbols: 10 } });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

const count = (symbols: any[]): number => symbols.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
const LIMITED = /^Outline limited to (\d+) symbols \((\d+) more not shown\)$/;

async function symbolsUntil(ok: (symbols: any[]) => boolean): Promise<any[]> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const symbols: any[] = await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    if (ok(symbols)) return symbols;
    if (Date.now() > deadline) throw new Error(`unexpected outline: ${JSON.stringify(symbols.map((s) => s.name))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the outline stops at the limit and counts exactly what it left out', async () => {
  const limited = await symbolsUntil((s) => LIMITED.test(s[s.length - 1]?.name ?? ''));
  const notice = LIMITED.exec(limited[limited.length - 1].name)!;
  assert.equal(Number(notice[1]), 10);
  assert.equal(count(limited) - 1, 10, 'ten symbols besides the notice');
  // The whole outline, once the limit is raised.
  server.configuration.outline = { maxSymbols: 100000 };
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const whole = await symbolsUntil((s) => !LIMITED.test(s[s.length - 1]?.name ?? ''));
  assert.equal(Number(notice[2]), count(whole) - 10);
});
