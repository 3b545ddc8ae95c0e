// What ships in package.json, the localisation bundles and the grammar must
// agree with the schema and the code that uses them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { tokenTypes, entityLabels, commitmentLabel, strengths } from '../../server/src/analysis/schema';
import { SymbolKind } from 'vscode-languageserver';
import { kindOf } from '../../server/src/server/features/documentSymbols';
import { defaultSettings } from '../../server/src/server/analysisService';
import { READING_FONT_FILE } from '../../server/src/render/readingView';
import { INDEX_WORKER_SCRIPT } from '../../server/src/server/indexThread';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));
const manifest = readJson('package.json');

test('package.json declares one semantic token type per schema label, each with a scope', () => {
  const declared = manifest.contributes.semanticTokenTypes.map((t: { id: string }) => t.id);
  assert.deepEqual(declared, [...tokenTypes]);
  const scopes = manifest.contributes.semanticTokenScopes[0].scopes;
  for (const label of [...entityLabels, commitmentLabel]) assert.deepEqual(scopes[label.tokenType], [label.scope], label.name);
});

test('every %key% of package.json has English and Arabic text, and the two bundles have the same keys', () => {
  const en = readJson('package.nls.json');
  const ar = readJson('package.nls.ar.json');
  const keys = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 10);
  for (const key of keys) {
    assert.ok(en[key], `package.nls.json lacks ${key}`);
    assert.ok(ar[key], `package.nls.ar.json lacks ${key}`);
  }
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort());
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every string the client and server localise has an Arabic translation (l10n.t, and the reasons of the pure layers: messages/reason.ts)', () => {
  const ar = readJson('l10n/bundle.l10n.ar.json');
  const missing: string[] = [];
  let count = 0;
  for (const file of [...sourceFiles(path.join(root, 'client', 'src')), ...sourceFiles(path.join(root, 'server', 'src'))]) {
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:l10n\.t|\breason)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      count++;
      const message = m[2].replace(/\\(['"`\\])/g, '$1');
      if (!ar[message]) missing.push(`${path.relative(root, file)}: ${message}`);
    }
  }
  assert.ok(count > 10, 'the scan finds the localised strings');
  assert.deepEqual(missing, []);
});

test('every label and strength of schema.json has its Arabic name in the bundle (the names are translated by key, not by a switch)', () => {
  const ar = readJson('l10n/bundle.l10n.ar.json');
  for (const name of [...entityLabels.map((l) => l.name), commitmentLabel.name, ...strengths]) assert.ok(ar[name], `l10n/bundle.l10n.ar.json lacks ${name}`);
});

test('the reading view\'s Arabic font is copied from its npm package by the build, ships in the .vsix with its licence, and is credited', () => {
  assert.ok(manifest.devDependencies['@fontsource/noto-naskh-arabic'], 'a devDependency: the build copies it, the .vsix carries no node_modules');
  const copied = path.join(root, 'media', 'fonts', READING_FONT_FILE);
  const source = path.join(root, 'node_modules', '@fontsource', 'noto-naskh-arabic', 'files', READING_FONT_FILE);
  assert.ok(fs.readFileSync(copied).equals(fs.readFileSync(source)), 'media/fonts/ has the file the reading view loads');
  assert.equal(fs.readFileSync(path.join(root, 'media', 'fonts', 'OFL.txt'), 'utf8'), fs.readFileSync(path.join(root, 'node_modules', '@fontsource', 'noto-naskh-arabic', 'LICENSE'), 'utf8'));
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.ok(ignore.includes('!media/**') && !ignore.some((l) => /^media\/fonts/.test(l)), '.vscodeignore keeps media/fonts/');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.match(readme, /Noto Naskh Arabic[\s\S]*SIL Open Font License/);
});

test('the settings package.json declares have the defaults the server uses', () => {
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties['iltizam.arabicThreshold'].default, defaultSettings.arabicThreshold);
  assert.deepEqual(properties['iltizam.lexicon.paths'].default, defaultSettings.lexiconPaths);
  assert.equal(properties['iltizam.outline.maxSymbols'].default, defaultSettings.maxOutlineSymbols);
  assert.equal(properties['iltizam.annotator'].default, defaultSettings.annotator);
});

test('every label names a distinct LSP symbol kind (schema.json symbolKind), so that other editors group its symbols under it', () => {
  const labels = [...entityLabels, commitmentLabel];
  for (const label of labels) assert.equal(typeof SymbolKind[label.symbolKind as keyof typeof SymbolKind], 'number', `${label.name}: ${label.symbolKind}`);
  assert.equal(new Set(labels.map((l) => l.symbolKind)).size, labels.length, 'no two labels share a kind');
  // The outline's symbols for a label are of its kind.
  for (const label of labels) assert.equal(kindOf[label.name], SymbolKind[label.symbolKind as keyof typeof SymbolKind]);
});

test('the analysis worker thread\'s script is bundled beside the server and ships in the .vsix', () => {
  // Without it the server still works, on one thread: a missing worker would go unnoticed but for this test.
  assert.ok(fs.existsSync(path.join(root, 'dist', 'indexWorker.js')), 'npm run build bundles dist/indexWorker.js');
  assert.equal(path.basename(INDEX_WORKER_SCRIPT), 'indexWorker.js');
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.ok(ignore.includes('!dist/indexWorker.js'), '.vscodeignore keeps dist/indexWorker.js');
});
