// Incremental analysis: the tagger keeps what it found in each sentence
// (tagger/sentenceMemo.ts) and an edit re-tags only the sentences it touched.
// Exact, not approximate: after every random edit the analysis with the memo
// warm from the texts before is the analysis of a tagger that saw nothing yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze';
import { getDefaultLexicon } from '../../server/src/analysis/lexicon';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { lexiconMatches } from '../../server/src/analysis/entities';
import { getDefaultTagger } from '../../server/src/analysis/tagger';
import { sentenceRanges, SequenceTagger } from '../../server/src/analysis/tagger/tagger';
import { SentenceMemo } from '../../server/src/analysis/tagger/sentenceMemo';
import { CorpusGenerator, loadSources, prng } from '../../scripts/corpus';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const rules = getDefaultRules();
const shipped = getDefaultTagger(getDefaultLexicon(), rules);
const freshTagger = () => new SequenceTagger(shipped.model, shipped.resources);

const LEXICON_FORMS = [...getDefaultLexicon().byId.values()].filter((e) => !e.ar.includes(' ')).map((e) => e.ar);
const PUNCTUATION = ['.', '،', '؟', ':', '؛', '«', '»', '(', ')', '-', '\n', '\n\n', ' '];

/** A random edit of the text, as a writer makes them: characters, words, line breaks and punctuation put in or taken out, sentences copied or cut. */
function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const wordAt = (k: number) => {
    const start = text.lastIndexOf(' ', k) + 1;
    const end = text.indexOf(' ', k);
    return [start, end < 0 ? text.length : end] as const;
  };
  const end = text.slice(at).search(/[.؟!]/);
  const sentenceEnd = end < 0 ? text.length : at + end;
  switch (Math.floor(random() * 12)) {
    case 0: // a letter
      return text.slice(0, at) + pick(['ا', 'ل', 'و', 'ب', 'ة', 'ي']) + text.slice(at);
    case 1: // a character out
      return text.slice(0, at) + text.slice(at + 1);
    case 2: {
      // a word out
      const [start, end] = wordAt(at);
      return text.slice(0, start) + text.slice(end + 1);
    }
    case 3: {
      // a word from elsewhere in
      const [start, end] = wordAt(Math.floor(random() * text.length));
      return text.slice(0, at) + text.slice(start, end) + ' ' + text.slice(at);
    }
    case 4: // punctuation or a line break
      return text.slice(0, at) + pick(PUNCTUATION) + text.slice(at);
    case 5: {
      // punctuation out (a sentence joined to the next)
      const k = text.slice(at).search(/[.،؟:\n]/);
      return k < 0 ? text : text.slice(0, at + k) + text.slice(at + k + 1);
    }
    case 6: {
      // a sentence copied elsewhere (the same sentence in another context)
      const start = Math.max(0, text.lastIndexOf('.', at) + 1);
      const end = text.indexOf('.', at);
      const sentence = text.slice(start, end < 0 ? text.length : end + 1);
      const to = Math.floor(random() * text.length);
      return text.slice(0, to) + sentence + ' ' + text.slice(to);
    }
    case 8: // punctuation or a line break where a sentence ends (the gap after its last word)
      return text.slice(0, sentenceEnd) + pick(PUNCTUATION) + text.slice(sentenceEnd);
    case 9: {
      // the last word of a sentence made a name the lexicon knows, or another word (the lexicon evidence around the next sentence)
      const start = text.lastIndexOf(' ', sentenceEnd - 1) + 1;
      return text.slice(0, start) + (random() < 0.7 ? pick(LEXICON_FORMS) : pick(['قال', 'في', 'الدولة'])) + text.slice(sentenceEnd);
    }
    case 10: {
      // the first word of the next sentence likewise
      const start = text.indexOf(' ', sentenceEnd) + 1;
      const next = text.indexOf(' ', start);
      return start <= 0 || next < 0 ? text : text.slice(0, start) + (random() < 0.7 ? pick(LEXICON_FORMS) : 'أكد') + text.slice(next);
    }
    case 11: {
      // the text's start cut up to the end of its first sentence, the mark kept (it now begins with punctuation), or its last paragraph cut
      const first = text.search(/[.؟!]/);
      const lastParagraph = text.lastIndexOf('\n', text.length - 2);
      if (random() < 0.5) return first >= 0 ? text.slice(first) : text;
      return lastParagraph > 0 ? text.slice(0, lastParagraph + 1) : text;
    }
    default: {
      // a stretch cut
      const length = Math.floor(random() * 200);
      return text.slice(0, at) + text.slice(at + length);
    }
  }
}

/**
 * What the tagger says of a text, unrounded: its names with their probability,
 * and the probability of a name of each type on the first and the last word of
 * every sentence (what the context around a sentence changes first).
 */
function taggerOutput(tagger: SequenceTagger, text: string) {
  const doc = prepareText(text, rules);
  const tagged = tagger.tagDocument(doc);
  const edges = sentenceRanges(doc).flatMap(([a, b]) => ['PERS', 'LOC', 'ORG'].flatMap((type) => [tagged.spanConfidence(a, a + 1, type), tagged.spanConfidence(b - 1, b, type)]));
  return { spans: tagged.spans, edges };
}

function checkEdits(name: string, start: string, seed: number, edits: number): void {
  const random = prng(seed);
  const warm = freshTagger();
  const warmTagger = freshTagger();
  let text = start;
  const check = (when: string) => {
    assert.deepStrictEqual(analyzeText(text, { tagger: warm }), analyzeText(text, { tagger: freshTagger() }), `${name}: ${when}`);
    assert.deepStrictEqual(taggerOutput(warmTagger, text), taggerOutput(freshTagger(), text), `${name}: the tagger, ${when}`);
  };
  check('first analysis');
  for (let k = 0; k < edits; k++) {
    text = randomEdit(text, random);
    check(`after edit ${k + 1}`);
  }
  assert.ok(warm.memo.counts.found > warm.memo.counts.added, `${name}: the memo was used (${JSON.stringify(warm.memo.counts)})`);
}

test('incremental analysis: after each of many random edits of a synthetic text, the analysis with a warm memo is the fresh one', () => {
  checkEdits('synthetic', new CorpusGenerator(loadSources(repoRoot)).document(18, 12_000), 1801, 120);
});

test('incremental analysis: the same on the samples', () => {
  const samples = fs.readdirSync(path.join(repoRoot, 'samples')).filter((f) => f.endsWith('.txt')).sort();
  samples.forEach((f, k) => checkEdits(f, fs.readFileSync(path.join(repoRoot, 'samples', f), 'utf8'), 1802 + k, 40));
});

test('incremental analysis: one edit re-tags the sentences it touched, the others are found in the memo', () => {
  const tagger = freshTagger();
  const text = new CorpusGenerator(loadSources(repoRoot)).document(19, 20_000);
  analyzeText(text, { tagger });
  const before = { ...tagger.memo.counts };
  const at = text.indexOf(' ', text.length >> 1);
  const edited = analyzeText(text.slice(0, at) + 'ا' + text.slice(at), { tagger });
  const added = tagger.memo.counts.added - before.added;
  const found = tagger.memo.counts.found - before.found;
  assert.ok(added >= 1 && added <= 3, `sentences tagged again: ${added}`);
  assert.equal(found + added, edited.sentences.length);
});

test('sentence memo: bounded by the length of its keys, the least recently used out first', () => {
  const memo = new SentenceMemo(100);
  const keyOf = (k: number) => `${k}`.padStart(10, '-');
  for (let k = 0; k < 10; k++) memo.resultsOf(keyOf(k)).firstPass = [];
  memo.resultsOf(keyOf(0)); // used again: now the most recent
  memo.resultsOf(keyOf(10)); // over the capacity: the least recently used goes
  assert.equal(memo.sentences, 10);
  assert.ok(memo.weight <= 100);
  assert.deepEqual(memo.resultsOf(keyOf(0)).firstPass, [], 'kept: used recently');
  assert.equal(memo.resultsOf(keyOf(1)).firstPass, undefined, 'dropped: the least recently used');
});

test("the lexicon's matches in a prepared text are found once, for the rules and the tagger's features; each caller gets its own copies", () => {
  const doc = prepareText(fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8'), rules);
  const lexicon = getDefaultLexicon();
  const first = lexiconMatches(doc, lexicon);
  assert.ok(first.length > 0);
  const expected = structuredClone(first);
  for (const c of first) c.last += 5; // as the rules extend an instrument's name with its number
  assert.deepStrictEqual(lexiconMatches(doc, lexicon), expected);
});
