// @ts-check
// The end-to-end checks (test/e2e/run.mjs) through the VS Code API.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'iltizam.iltizam';
const SAMPLE = path.resolve(__dirname, '..', '..', '..', 'samples', 'iom-onsa-agreement.txt');
const ENTITY_EN = 'International Organization for Migration';

/**
 * Polls `fn` until it returns a truthy value (the language server answers
 * asynchronously), or fails after `timeout` ms.
 * @template T
 * @param {() => Promise<T> | T} fn
 * @param {string} what
 */
async function waitFor(fn, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  /** @type {unknown} */
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** @param {vscode.Hover[]} hovers */
function hoverText(hovers) {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('Iltizam in VS Code', function () {
  /** @type {vscode.TextDocument} */
  let doc;

  before(async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    doc = await vscode.workspace.openTextDocument(SAMPLE);
    await vscode.window.showTextDocument(doc);
    await waitFor(() => ext.isActive, 'the extension to activate');
  });

  it('contributes its commands', async function () {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['iltizam.toggleHighlighting', 'iltizam.restartServer', 'iltizam.showOutput']) {
      assert.ok(commands.includes(c), `command ${c} is missing`);
    }
  });

  it('hovering the first entity shows its English name', async function () {
    // The sample starts with المنظمة الدولية للهجرة.
    const text = await waitFor(async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 3)));
      return t.includes(ENTITY_EN) && t;
    }, `a hover with "${ENTITY_EN}"`);
    assert.match(String(text), /International Organization for Migration/);
  });

  it('highlights the entities: the first semantic token is the Organization at the start', async function () {
    /** @type {vscode.SemanticTokensLegend} */
    const legend = await waitFor(() => vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc.uri), 'the semantic tokens legend');
    /** @type {vscode.SemanticTokens} */
    const tokens = await waitFor(async () => {
      const t = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', doc.uri);
      return t && t.data.length > 0 && t;
    }, 'semantic tokens');
    // Each token is five numbers: line delta, start, length, type, modifiers.
    const [line, start, length, type] = tokens.data.slice(0, 4);
    assert.deepEqual([line, start, length], [0, 0, 'المنظمة الدولية للهجرة'.length]);
    assert.equal(legend.tokenTypes[type], 'iltizamOrganization');
  });

  it('the document symbols group the commitments with their strength', async function () {
    /** @type {vscode.DocumentSymbol[]} */
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
      return Array.isArray(s) && s.length > 0 && s;
    }, 'document symbols');
    const group = symbols.find((s) => /^Commitments\b/.test(s.name));
    assert.ok(group, `no top-level "Commitments" group; top level: ${JSON.stringify(symbols.map((s) => s.name))}`);
    assert.ok(group.children.length > 0, 'the "Commitments" group is empty');
    assert.ok(
      group.children.some((c) => /binding/i.test(c.name)),
      `no commitment named with its strength (e.g. "binding"): ${JSON.stringify(group.children.slice(0, 10).map((c) => c.name))}`,
    );
  });

  it('"Toggle Highlighting" turns the highlighting off and on again', async function () {
    const enabled = () => vscode.workspace.getConfiguration('iltizam').get('highlighting.enabled');
    const before = enabled();
    await vscode.commands.executeCommand('iltizam.toggleHighlighting');
    await waitFor(() => enabled() === !before, 'the highlighting setting to flip');
    await vscode.commands.executeCommand('iltizam.toggleHighlighting');
    await waitFor(() => enabled() === before, 'the highlighting setting to flip back');
  });

  it('"Restart Language Server" restarts it and it answers again', async function () {
    await vscode.commands.executeCommand('iltizam.restartServer');
    await waitFor(async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 3)));
      return t.includes(ENTITY_EN);
    }, 'the restarted server to answer a hover');
  });

  it('"Export Annotations" with arguments exports without asking and resolves to the result', async function () {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-export-'));
    try {
      /** @type {{ documents: number; files: string[] }} */
      const result = await vscode.commands.executeCommand('iltizam.export', { paths: [SAMPLE], format: 'json', outDir });
      assert.equal(result?.documents, 1);
      assert.deepEqual(result.files.map((f) => path.basename(f)), ['iltizam.jsonl']);
      const record = JSON.parse(fs.readFileSync(path.join(outDir, 'iltizam.jsonl'), 'utf8').split('\n')[0]);
      assert.ok(record.entities.some((/** @type {{ text: string }} */ e) => e.text === 'المنظمة الدولية للهجرة'));
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('"Compare Two Annotators" with arguments resolves to the agreement report', async function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-agreement-'));
    try {
      const ann = SAMPLE.replace(/\.txt$/, '.ann');
      const original = fs.readFileSync(ann, 'utf8');
      for (const [dir, content] of [['a', original], ['b', original.replace(/^(T\d+)\tOrganization 24 43\t/m, '$1\tPerson 24 43\t')]]) {
        fs.mkdirSync(path.join(root, dir));
        fs.copyFileSync(SAMPLE, path.join(root, dir, path.basename(SAMPLE)));
        fs.writeFileSync(path.join(root, dir, path.basename(ann)), content);
      }
      /** @type {{ documents: string[]; disagreements: { kind: string }[] }} */
      const report = await vscode.commands.executeCommand('iltizam.agreement', { corpusA: path.join(root, 'a'), corpusB: path.join(root, 'b') });
      assert.deepEqual(report?.documents, ['iom-onsa-agreement']);
      assert.deepEqual(report.disagreements.map((d) => d.kind), ['label']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
