// `iltizam lsp --stdio` for an editor other than VS Code: the server speaks
// the language of the client's locale (initialize `locale`), with no bundle
// sent by the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLspClient } from '../../scripts/lspClient';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const sample = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');

async function hoverIn(locale: string | undefined): Promise<string> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-lsp-'));
  const file = path.join(workspace, 'doc.txt');
  fs.writeFileSync(file, sample);
  const client = await startLspClient({
    command: [process.execPath, path.join(repoRoot, 'dist', 'cli.js'), 'lsp', '--stdio'],
    workspace,
    locale,
    stderr: 'inherit',
    capabilities: {},
  });
  try {
    const uri = pathToFileURL(file).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: sample } });
    const hover: any = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    return hover.contents.value;
  } finally {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

test('iltizam lsp --stdio answers in Arabic to a client whose locale is Arabic, in English otherwise', async () => {
  const arabic = await hoverIn('ar');
  assert.match(arabic, /\*\*منظمة\*\*/, arabic);
  assert.match(arabic, /ذُكر/);
  const english = await hoverIn(undefined);
  assert.match(english, /\*\*Organization\*\*/);
  assert.match(english, /Mentioned (once|\d+ times) in this document\./);
});
