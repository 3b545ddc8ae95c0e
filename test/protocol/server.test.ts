import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { repoRoot, startServer, TestServer } from './lspClient';
import { tokenTypes } from '../../server/src/analysis/schema';
import { annotationsNotification, indexProgressNotification } from '../../server/src/protocol/messages';

let server: TestServer;
let workspace: string;
const sampleText = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
let uri: string;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-protocol-'));
  const file = path.join(workspace, 'iom.txt');
  fs.writeFileSync(file, sampleText);
  uri = pathToFileURL(file).toString();
  server = await startServer(workspace);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: sampleText } });
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

const offsetToPosition = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

test('opening an Arabic document pushes its annotations', async () => {
  const params = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri);
  assert.ok(params.entities.length > 40, `entities: ${params.entities.length}`);
  assert.ok(params.commitments.length >= 4);
  assert.ok(params.entities.some((e: any) => e.label === 'Organization'));
  const first = params.entities[0];
  assert.deepEqual(first.range.start, { line: 0, character: 0 });
});

test('hover on an entity shows its card with the English name and mention count', async () => {
  const hover: any = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.ok(hover, 'a hover');
  assert.match(hover.contents.value, /International Organization for Migration/);
  assert.match(hover.contents.value, /Organization/);
  assert.match(hover.contents.value, /Mentioned \d+ times/);
  assert.match(hover.contents.value, /lexicon/);
});

test('hover on a commitment shows its actors, strength, principles and cue', async () => {
  const offset = sampleText.indexOf('التزامهما');
  const hover: any = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: offsetToPosition(sampleText, offset + 2) });
  assert.match(hover.contents.value, /binding/);
  assert.match(hover.contents.value, /International Organization for Migration/);
  assert.match(hover.contents.value, /حقوق الإنسان/);
  assert.match(hover.contents.value, /«التزامهما»/);
});

test('document symbols: commitments first, then entities grouped by label with their mentions', async () => {
  const symbols: any[] = await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols[0].name, 'Commitments');
  assert.ok(symbols[0].children.length >= 4);
  assert.ok(symbols[0].children.some((c: any) => /binding/.test(c.name)));
  const orgs = symbols.find((s) => s.name === 'Organization');
  const iom = orgs.children.find((c: any) => c.name === 'المنظمة الدولية للهجرة');
  assert.ok(iom.children.length >= 5, 'IOM once, with its mentions beneath it');
  assert.ok(symbols.some((s) => s.name === 'Location'));
});

test('semantic tokens, full and by range, use the schema token types', async () => {
  const full: any = await server.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.equal(full.data.length % 5, 0);
  assert.ok(full.data.length / 5 > 40);
  // The first token is IOM at 0:0, typed Organization.
  assert.deepEqual(full.data.slice(0, 4), [0, 0, 'المنظمة الدولية للهجرة'.length, tokenTypes.indexOf('iltizamOrganization')]);
  const ranged: any = await server.connection.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } } });
  // Line 1 holds only the date.
  assert.deepEqual(ranged.data, [1, 0, '٢٠ ديسمبر ٢٠٢١'.length, tokenTypes.indexOf('iltizamDate'), 2]);
});

test('edits are synced incrementally and re-analysed', async () => {
  const insert = 'السيد فلان الزيدوني ';
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: insert }],
  });
  const params = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === 2);
  assert.ok(params.entities.some((e: any) => e.label === 'Person' && e.range.start.line === 1 && e.range.start.character === 'السيد '.length));
});

test('a plain-text document that is not Arabic is left alone', async () => {
  const english = pathToFileURL(path.join(workspace, 'notes.txt')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: english, languageId: 'plaintext', version: 1, text: 'Meeting notes: IOM and the Government of Iraq.' } });
  const params = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === english);
  assert.equal(params.entities.length, 0);
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: english }, position: { line: 0, character: 16 } });
  assert.equal(hover, null);
});

test('a workspace lexicon is picked up without a restart, and its errors are diagnostics at their line', async () => {
  const lexiconFile = path.join(workspace, '.iltizam', 'lexicon.json');
  fs.mkdirSync(path.dirname(lexiconFile), { recursive: true });
  const text = '{\n  "entries": [\n    { "id": "org.fictional", "label": "Organization", "ar": "حفل الاتفاقية", "en": "Fictional Ceremony Body" },\n    { "id": "oops", "label": "Planet", "ar": "المريخ" }\n  ]\n}\n';
  fs.writeFileSync(lexiconFile, text);
  const lexUri = pathToFileURL(lexiconFile).toString();
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: lexUri, type: 1 }] });
  const diagnostics = await server.waitForNotification('textDocument/publishDiagnostics', (p) => p.uri === lexUri && p.diagnostics.length > 0);
  assert.equal(diagnostics.diagnostics.length, 1);
  assert.equal(diagnostics.diagnostics[0].range.start.line, 3);
  assert.match(diagnostics.diagnostics[0].message, /Planet/);
  const params = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.entities.some((e: any) => e.label === 'Organization' && e.range.start.line === 3 && sampleText.split('\n')[3].slice(e.range.start.character).startsWith('حفل الاتفاقية')));
  assert.ok(params);
});

test('opening a document pushes its annotations once: the open and its content change are one push', async () => {
  await server.waitForNotification(indexProgressNotification.method, (p) => p.complete);
  const file = path.join(workspace, 'opened-once.txt');
  fs.writeFileSync(file, sampleText);
  const once = pathToFileURL(file).toString();
  const mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: once, languageId: 'plaintext', version: 1, text: sampleText } });
  // The index takes an open document 300 ms after its push; the content change's push would
  // come 50 ms after the open. Once the document is in the index, that moment has passed.
  const deadline = Date.now() + 10000;
  for (;;) {
    const symbols: any[] = await server.connection.sendRequest('workspace/symbol', { query: 'Migration' });
    if (symbols.some((s) => s.location.uri === once)) break;
    if (Date.now() > deadline) throw new Error('opened-once.txt never reached the index');
    await new Promise((r) => setTimeout(r, 20));
  }
  const pushes = server.notifications.slice(mark).filter((n) => n.method === annotationsNotification.method && n.params.uri === once);
  assert.equal(pushes.length, 1, `pushes of version 1: ${pushes.length}`);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: once } });
});

test('right after an edit the tokens come from the edited lines alone, agree with the exact ones, and the client is asked to refresh', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-provisional-'));
  const file = path.join(dir, 'edited.txt');
  fs.writeFileSync(file, sampleText);
  const edited = pathToFileURL(file).toString();
  const client = await startServer(dir, {}, { semanticTokens: { refreshSupport: true } });
  try {
    let text = sampleText;
    let version = 1;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: edited, languageId: 'plaintext', version, text } });
    await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: edited } });
    await client.waitForNotification(annotationsNotification.method, (p) => p.uri === edited && p.version === 1);
    const at = (needle: string) => {
      const offset = text.indexOf(needle);
      assert.ok(offset >= 0, needle);
      return offsetToPosition(text, offset);
    };
    // A place typed into a line, a word deleted from another (its entity goes), a line broken in two.
    const edits = [
      { range: { start: at('بغداد'), end: at('بغداد') }, text: 'البصرة و' },
      { range: { start: at('التطرف العنيف'), end: { ...at('التطرف العنيف'), character: at('التطرف العنيف').character + 'التطرف العنيف'.length } }, text: 'التعاون' },
      { range: { start: at('وقعت'), end: at('وقعت') }, text: '\n' },
    ];
    for (const change of edits) {
      version++;
      const mark = client.notifications.length;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: edited, version }, contentChanges: [change] });
      const start = change.range.start;
      const lines = text.split('\n');
      lines[start.line] = lines[start.line].slice(0, start.character) + change.text + lines[start.line].slice(change.range.end.character);
      text = lines.join('\n');
      const provisional: any = await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: edited } });
      const v = version;
      await client.waitForNotification(annotationsNotification.method, (p) => p.uri === edited && p.version === v);
      // Only tokens answered from the edited lines are followed by a refresh.
      const deadline = Date.now() + 10000;
      while (!client.notifications.slice(mark).some((n) => n.method === 'workspace/semanticTokens/refresh')) {
        if (Date.now() > deadline) throw new Error(`no refresh after version ${v}`);
        await new Promise((r) => setImmediate(r));
      }
      const exact: any = await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: edited } });
      assert.deepEqual(provisional.data, exact.data, `version ${v}`);
    }
    // The place typed in is coloured as a Location.
    const tokens: any = await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: edited } });
    const basra = at('البصرة');
    let line = 0;
    let character = 0;
    let found = false;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      character = tokens.data[i] ? tokens.data[i + 1] : character + tokens.data[i + 1];
      if (line === basra.line && character === basra.character) found = tokenTypes[tokens.data[i + 3]] === 'iltizamLocation';
    }
    assert.ok(found, 'البصرة is a Location token');
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
