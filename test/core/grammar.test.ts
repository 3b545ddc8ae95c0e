// The TextMate grammar, run by the same engine VS Code uses (vscode-textmate
// with the Oniguruma regex library).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { grammarPath, renderGrammar } from '../../scripts/build-grammar';

async function loadGrammar(file: string, scopeName: string): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (name) => (name === scopeName ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null),
  });
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar);
  return grammar;
}

/** The text of each token whose innermost scope starts with `prefix`. */
function tokensWithScope(grammar: textmate.IGrammar, line: string, prefix: string): string[] {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens.filter((t) => t.scopes.some((s) => s.startsWith(prefix))).map((t) => line.slice(t.startIndex, t.endIndex));
}

test('the committed grammar is the one generated from the rules data', () => {
  assert.equal(fs.readFileSync(grammarPath, 'utf8'), renderGrammar());
});

test('dates, numbers, quotations and commitment cues get their scopes', async () => {
  const grammar = await loadGrammar(grammarPath, 'text.arabic-policy');
  const line = 'وفي 16 كانون الأول 2021 تلتزم الوزارة بتمويل ٣٥ مشروعاً وستعزز «التعاون» وتدعو إلى الحوار، في 3/4/2019.';
  assert.deepEqual(tokensWithScope(grammar, line, 'constant.other.date'), ['16 كانون الأول 2021', '3/4/2019']);
  assert.deepEqual(tokensWithScope(grammar, line, 'constant.numeric'), ['٣٥']);
  assert.deepEqual(tokensWithScope(grammar, 'عقد في حزيران/يونيو 2021 اجتماع', 'constant.other.date'), ['حزيران/يونيو 2021']);
  assert.deepEqual(tokensWithScope(grammar, line, 'keyword.other.commitment.binding'), ['تلتزم']);
  assert.deepEqual(tokensWithScope(grammar, line, 'keyword.other.commitment.call'), ['وتدعو']);
  assert.ok(tokensWithScope(grammar, line, 'string.quoted.guillemet').join('').includes('التعاون'));
});

test('cue words match with diacritics and hamza variants, and not inside longer words', async () => {
  const grammar = await loadGrammar(grammarPath, 'text.arabic-policy');
  assert.deepEqual(tokensWithScope(grammar, 'تَلْتَزِمُ الحكومة', 'keyword.other.commitment.binding'), ['تَلْتَزِمُ']);
  assert.deepEqual(tokensWithScope(grammar, 'وإتفقت الأطراف', 'keyword.other.commitment.binding'), ['وإتفقت']);
  assert.deepEqual(tokensWithScope(grammar, 'الالتزامية', 'keyword.other.commitment'), []);
  assert.deepEqual(tokensWithScope(grammar, 'الحكومة ملتزمة بحماية الحقوق', 'keyword.other.commitment.binding'), ['ملتزمة']);
});
