// The sequence tagger's suggestions over LSP: the hover card gives their
// confidence, and iltizam.suggestions.minConfidence hides those under it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer, TestServer } from './lspClient';

let server: TestServer;
let workspace: string;
let uri: string;
// A made-up name no lexicon lists, in a context that says it is a person.
const text = 'وقال المتحدث باسم الشركة فريد الزعبي إن الوفد سيزور المدينة الأسبوع المقبل.\n';
const name = 'فريد الزعبي';

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-confidence-'));
  const file = path.join(workspace, 'doc.txt');
  fs.writeFileSync(file, text);
  uri = pathToFileURL(file).toString();
  server = await startServer(workspace, {});
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function hoverOnName(): Promise<string | undefined> {
  const hover: any = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: text.indexOf(name) + 2 } });
  return hover?.contents.value;
}

async function until<T>(get: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a tagged name\'s hover card says the tagger found it and how sure it is; a higher minimum hides it', async () => {
  // The name is also inside a commitment clause: the hover shows the entity's card above the clause's.
  const card = await until(hoverOnName, (v) => !!v && v.includes('Person'));
  assert.match(card!, /\*\*Person\*\*: فريد الزعبي/);
  assert.match(card!, /sequence tagger/);
  const percent = Number(/Confidence: (\d+)%/.exec(card!)?.[1]);
  assert.ok(percent > 50 && percent <= 100, card);
  server.configuration.suggestions = { minConfidence: Math.min(1, (percent + 1) / 100) };
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await until(hoverOnName, (v) => !v?.includes('Person'));
  server.configuration.suggestions = { minConfidence: 0 };
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await until(hoverOnName, (v) => !!v?.includes('Person'));
});
