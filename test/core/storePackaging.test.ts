// What ships for annotating by hand must agree with the schema and the code:
// the keybindings, the commands the code registers, the .ann grammar and the
// reviewed sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { analyzeText } from '../../server/src/analysis/analyze';
import { parseBrat } from '../../server/src/annotations/brat';
import { commitmentLabel, entityLabels } from '../../server/src/analysis/schema';
import { AnnotationSet } from '../../server/src/annotations/annotationSet';
import { defaultStoreSchema } from '../../server/src/annotations/conf';
import { mergeView } from '../../server/src/annotations/view';
import { clientCommands } from '../../server/src/protocol/commands';
import { reviewSample } from '../../scripts/review-sample';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('every label of the schema has its keybinding to annotate the selection, as schema.json says', () => {
  const bindings = manifest.contributes.keybindings.filter((k: any) => k.command === clientCommands.annotateSelection && k.args?.label);
  for (const label of entityLabels) {
    const binding = bindings.find((k: any) => k.args.label === label.name);
    assert.ok(binding, `a keybinding for ${label.name}`);
    assert.equal(binding.key, `ctrl+alt+a ${label.key}`, label.name);
  }
  assert.ok(bindings.some((k: any) => k.args.label === commitmentLabel.name));
  const keys = manifest.contributes.keybindings.map((k: any) => `${k.key} ${k.when}`);
  assert.equal(new Set(keys).size, keys.length, 'no two keybindings share a key and a context');
});

test('every client command is contributed with a title, and only offered where annotations can be stored', () => {
  const contributed = new Map(manifest.contributes.commands.map((c: any) => [c.command, c]));
  const palette = manifest.contributes.menus.commandPalette;
  for (const id of Object.values(clientCommands)) {
    assert.ok(contributed.has(id), id);
    assert.equal(palette.find((m: any) => m.command === id)?.when, 'iltizam.storable', id);
  }
  const source = fs.readFileSync(path.join(root, 'client', 'src', 'annotating.ts'), 'utf8');
  for (const key of Object.keys(clientCommands)) assert.ok(source.includes(`clientCommands.${key}`), `client registers ${key}`);
});

test('the .ann grammar gives each kind of line its scopes, and marks a line it does not know', async () => {
  const file = path.join(root, 'syntaxes', 'brat-standoff.tmLanguage.json');
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (name) => (name === 'text.brat-standoff' ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null),
  });
  const grammar = (await registry.loadGrammar('text.brat-standoff'))!;
  const scoped = (line: string, scope: string) =>
    grammar
      .tokenizeLine(line, textmate.INITIAL)
      .tokens.filter((t) => t.scopes.some((s) => s.startsWith(scope)))
      .map((t) => line.slice(t.startIndex, t.endIndex));
  assert.deepEqual(scoped('T1\tThreat 0 7;12 21\tالتطرف العنيف', 'entity.name.type.label'), ['Threat']);
  assert.deepEqual(scoped('T1\tThreat 0 7;12 21\tالتطرف العنيف', 'string.unquoted.text'), ['التطرف العنيف']);
  assert.deepEqual(scoped('T1\tThreat 0 7;12 21\tالتطرف العنيف', 'punctuation.separator.fragment'), [';']);
  assert.deepEqual(scoped('E1\tCommitment:T3 Actor:T1 Actor2:T2', 'variable.parameter.role'), ['Actor', 'Actor2']);
  assert.deepEqual(scoped('E1\tCommitment:T3 Actor:T1 Actor2:T2', 'variable.other.reference'), ['T3', 'T1', 'T2']);
  assert.deepEqual(scoped('A2\tStrength E1 binding', 'constant.language.value'), ['binding']);
  assert.deepEqual(scoped('N1\tReference T1 Wikidata:Q42\tname', 'support.type.resource'), ['Wikidata']);
  assert.deepEqual(scoped('#1\tAnnotatorNotes T1\tchecked', 'comment.line.note.text'), ['checked']);
  assert.deepEqual(scoped('R1\tLocated Arg1:T1 Arg2:T2', 'entity.name.type.relation'), ['Located']);
  assert.deepEqual(scoped('*\tEquiv T1 T2', 'variable.other.reference'), ['T1', 'T2']);
  assert.deepEqual(scoped('this is not brat', 'invalid.illegal'), ['this is not brat']);
  assert.deepEqual(scoped('T2\tLocation 5 x\tIraq', 'invalid.illegal'), ['T2\tLocation 5 x\tIraq']);
});

test('the reviewed sample ships its .ann: made by the review script, read without a problem, stored beside suggested', () => {
  const text = fs.readFileSync(path.join(root, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
  const shipped = fs.readFileSync(path.join(root, 'samples', 'iom-onsa-agreement.ann'), 'utf8');
  const gold = fs.readFileSync(path.join(root, '..', 'shared', 'gold', 'iom-onsa-agreement.ann'), 'utf8');
  assert.equal(shipped, reviewSample(text, gold), 'regenerate with: node out/scripts/review-sample.js');
  assert.deepEqual(parseBrat(shipped, { text }).errors, []);
  const { set, anchoring } = AnnotationSet.load(shipped, text);
  assert.ok(anchoring.every((a) => a.how === 'exact'));
  const view = mergeView(analyzeText(text), set.annotations(), defaultStoreSchema());
  const stored = view.entities.filter((e) => e.status !== 'suggested').length;
  const suggested = view.entities.filter((e) => e.status === 'suggested').length;
  assert.ok(stored > 20 && suggested > 20, `stored ${stored}, suggested ${suggested}`);
  assert.ok(view.commitments.some((c) => c.status === 'accepted') && view.commitments.some((c) => c.status === 'suggested'));
  assert.equal(view.entities[0].status, 'accepted', 'the first mention, المنظمة الدولية للهجرة, is reviewed');
});
