// The core's fast paths (tables learnt per code unit, typed arrays) against
// the plain definitions they replace, on random and awkward text: the same
// normalised text and offsets, the same words, the same Arabic share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { arabicShare } from '../../server/src/analysis/analyze';
import { foldChar, normalizeForMatching } from '../../server/src/analysis/normalize';
import { tokenize } from '../../server/src/analysis/tokenize';
import { setFeatureFiltering } from '../../server/src/analysis/wordFeatures';
import { analyzeText } from '../../server/src/analysis/analyze';
import * as path from 'path';
import { CorpusGenerator, loadSources, prng, workspaceDocuments } from '../../scripts/corpus';
import * as fs from 'fs';

/** The plain definition: fold each unit, record where each folded unit came from (at most two per original unit). */
function plainNormalize(original: string): { text: string; origin: number[] } {
  const parts: string[] = [];
  const origin = new Uint32Array(original.length * 2 + 1);
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    const folded = code < 0x80 ? original[i] : foldChar(code);
    for (let k = 0; k < folded.length; k++) origin[n++] = i;
    if (folded.length) parts.push(folded);
  }
  origin[n] = original.length;
  return { text: parts.join(''), origin: [...origin.subarray(0, n + 1)] };
}

function plainTokenize(normalized: string) {
  const tokens = [];
  let last = 0;
  for (const m of normalized.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = m.index!;
    tokens.push({ start, end: start + m[0].length, text: m[0], gapBefore: normalized.slice(last, start) });
    last = start + m[0].length;
  }
  return tokens;
}

function plainArabicShare(text: string): number {
  let arabic = 0;
  let letters = 0;
  for (let i = 0; i < Math.min(text.length, 20000); i++) {
    const ch = text[i];
    if (/[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]/u.test(ch)) {
      arabic++;
      letters++;
    } else if (/\p{L}/u.test(ch)) letters++;
  }
  return letters ? arabic / letters : 0;
}

// Arabic letters, diacritics, tatweel, digits of three scripts, presentation forms
// (some expand, like ﷺ; some, like ﴾, make foldChar throw), invisible marks,
// astral letters and lone surrogates.
const pieces = [
  'ا', 'أ', 'ة', 'ى', 'ي', 'ك', 'ک', 'ی', 'ل', 'م', 'ن', 'و', 'ال', 'لل', ' ', '  ', '\n', '\r\n', '\t', '،', ',', '.', '؟', '«', '»',
  '\u064b', '\u0651', '\u0670', '\u0640', '\u200f', '\u200c', '\ufeff', '\u00ad', '٢', '۳', '7', 'a', 'Z', 'é',
  '\ufdfa', '\ufefb', '\ufe8d', '\ufb50', '\ufd3e', '𝒳', '😀', '\ud800', '\udc00', '\ud83d', '中', 'Ω', '\u0300',
];
const arabicish = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 60 }).map((a) => a.join(''));

/** What a call gives: its value, or the kind of error it throws (some presentation forms make foldChar throw). */
function outcome<T>(f: () => T): { value: T } | { error: string } {
  try {
    return { value: f() };
  } catch (err) {
    return { error: (err as Error).name };
  }
}

test('normalizeForMatching gives the plain definition’s text and offsets', () => {
  fc.assert(
    fc.property(arabicish, (s) => {
      const fast = outcome(() => {
        const n = normalizeForMatching(s);
        return { text: n.text, origin: [...n.origin] };
      });
      assert.deepEqual(fast, outcome(() => plainNormalize(s)));
    }),
    { numRuns: 3000 },
  );
  // Long texts take another path than short ones (scratch buffers): the same results.
  const safe = pieces.filter((p) => outcome(() => plainNormalize(p)).hasOwnProperty('value'));
  for (const length of [1000, 1030, 5000, 60000]) {
    let long = '';
    for (let k = 0; long.length < length; k++) long += safe[(k * 7919) % safe.length];
    const fast = normalizeForMatching(long);
    const plain = plainNormalize(long);
    assert.equal(fast.text, plain.text);
    assert.deepEqual([...fast.origin], plain.origin);
  }
  // A ligature that expands past two units per original unit: offsets beyond the map are not recorded, as before.
  for (const ligatures of ['\ufdfa\ufdfa\ufdfa', '\ufdfa'.repeat(1500), 'ا' + '\ufdfa'.repeat(40) + 'ب'.repeat(2000)]) {
    assert.deepEqual([...normalizeForMatching(ligatures).origin], plainNormalize(ligatures).origin);
    assert.equal(normalizeForMatching(ligatures).text, plainNormalize(ligatures).text);
  }
});

test('tokenize finds the words /[\\p{L}\\p{N}]+/u finds, with the same gaps', () => {
  fc.assert(
    fc.property(arabicish, (s) => {
      assert.deepEqual(tokenize(s), plainTokenize(s));
      const normalized = outcome(() => normalizeForMatching(s).text);
      if ('value' in normalized) assert.deepEqual(tokenize(normalized.value), plainTokenize(normalized.value));
    }),
    { numRuns: 3000 },
  );
});

test('arabicShare counts letters as the regular expressions do, unit by unit', () => {
  fc.assert(
    fc.property(arabicish, (s) => {
      assert.equal(arabicShare(s), plainArabicShare(s));
    }),
    { numRuns: 2000 },
  );
});

test('the word features only let the rule passes skip tokens where nothing starts: the same analysis without them', () => {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const sources = loadSources(repo);
  const texts = [...sources.samples];
  // The example sentences of the analysis tests, and synthetic text in bulk.
  const tests = fs.readFileSync(path.join(repo, 'test', 'analysis', 'analyze.test.ts'), 'utf8');
  for (const m of tests.matchAll(/analyzeText\(\s*'([^']+)'/g)) texts.push(m[1]);
  for (const d of workspaceDocuments(new CorpusGenerator(sources), 77, 40, 1_000, 12_000)) texts.push(d.text);
  texts.push(...triggerRichTexts(repo, 400));
  const withFeatures = texts.map((t) => analyzeText(t));
  setFeatureFiltering(false);
  try {
    texts.forEach((t, k) => assert.deepEqual(analyzeText(t), withFeatures[k], `text ${k}: ${t.slice(0, 60)}…`));
  } finally {
    setFeatureFiltering(true);
  }
});

/**
 * Random sentences of the rules' own vocabulary (titles, nouns of office,
 * speech verbs, months, heads, cue words, first names…), lexicon forms,
 * numbers and punctuation, with fused proclitics: every rule gets its chance
 * to fire, so a trigger missing from the features shows.
 */
function triggerRichTexts(repo: string, count: number): string[] {
  const strings = (v: unknown, out: string[]): string[] => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== '$comment' && strings(x, out));
    return out;
  };
  const data = (name: string) => JSON.parse(fs.readFileSync(path.join(repo, 'server', 'data', name), 'utf8'));
  const names = data('name-vocabulary.json') as { firstNames: string[]; nameParts: string[] };
  const rules = data('rules.json');
  // Rules that need two words of their lists in a row get some of those pairs ready-made.
  const pairs = (heads: unknown, tails: unknown) => {
    const a = strings(heads, []);
    const b = strings(tails, []);
    return a.flatMap((x, k) => [`${x} ${b[k % Math.max(1, b.length)] ?? ''}`, `ال${x.replace(/^ال/, '')} ${b[(k * 7) % Math.max(1, b.length)] ?? ''}`]);
  };
  const vocabulary = [
    ...strings(rules, []).filter((w) => w.length < 40),
    ...pairs(rules.threatHeads, rules.threatAdjectives),
    ...names.firstNames.slice(0, 400),
    ...names.nameParts.slice(0, 200),
    ...loadSources(repo).surfaceForms.slice(0, 300),
    ...'في من إلى على مع أن إن الوطنية العراقية المتطرفة الإرهابية العامة الدولية الأعرجي الدهان فلان توني بلير'.split(' '),
    '16', '20', '31', '2021', '3/4/2019', '٢٠', '٢٠٢١',
  ];
  const gaps = [' ', ' ', ' ', ' ', ' ', '، ', ', ', '. ', '\n', ' (', ') ', ': ', '؛ ', ' «', '» '];
  const random = prng(4242);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let text = '';
    for (let w = 3 + Math.floor(random() * 25); w > 0; w--) {
      let word = pick(vocabulary);
      const r = random();
      if (r < 0.08) word = 'و' + word;
      else if (r < 0.12) word = 'ب' + word;
      else if (r < 0.16) word = word.startsWith('ال') ? 'لل' + word.slice(2) : 'ل' + word;
      text += word + pick(gaps);
    }
    out.push(text);
  }
  return out;
}
