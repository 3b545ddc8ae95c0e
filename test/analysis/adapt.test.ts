import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultLexicon } from '../../server/src/analysis/lexicon';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { adaptedTagger, adaptTagger, checkAdaptation, DecidedSpan, getDefaultTagger, SequenceTagger } from '../../server/src/analysis/tagger';
import { decidedTags } from '../../server/src/analysis/tagger/adapt';
import { TAGS } from '../../server/src/analysis/tagger/tags';

const rules = getDefaultRules();
const shipped = getDefaultTagger(getDefaultLexicon(), rules);

// Made-up names the shipped model does not know.
const decided = 'استقبل زيدوني الكرماني وفدا من الخبراء في العاصمة. ووقعت هيئة برقان للتنمية اتفاقا مع الشركاء.';
const unseen = 'واجتمع زيدوني الكرماني مع الوزراء. وأعلنت هيئة برقان للتنمية خطتها الجديدة.';

const span = (text: string, words: string, label: string): DecidedSpan => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length, label });
const names = (text: string, tagger: SequenceTagger) => analyzeText(text, { tagger }).entities.map((e) => `${e.label}:${e.text}`);

test('adaptation: names accepted in one document are found in another where the shipped model missed them', () => {
  assert.deepEqual(names(unseen, shipped), []);
  const adaptation = adaptTagger(shipped, [
    { doc: prepareText(decided, rules), positives: [span(decided, 'زيدوني الكرماني', 'Person'), span(decided, 'هيئة برقان للتنمية', 'Organization')], negatives: [], reviewed: true },
  ]);
  assert.equal(adaptation.decisions, 2);
  assert.equal(adaptation.documents, 1);
  // Stored as JSON and read again, as the CLI and the server do.
  const adapted = adaptedTagger(shipped, JSON.parse(JSON.stringify(adaptation)));
  assert.deepEqual(names(unseen, adapted).sort(), ['Organization:هيئة برقان للتنمية', 'Person:زيدوني الكرماني']);
  // The shipped tagger is left as it was.
  assert.deepEqual(names(unseen, shipped), []);
});

test('adaptation: a rejected suggestion is no longer suggested elsewhere', () => {
  const rejectedIn = 'زار المبعوث منطقة قرطوبة الشمالية أمس.';
  const elsewhere = 'توجه الوفد إلى منطقة قرطوبة الشمالية صباحا.';
  assert.ok(names(elsewhere, shipped).includes('Location:قرطوبة'), 'the shipped model suggests it');
  const adaptation = adaptTagger(shipped, [{ doc: prepareText(rejectedIn, rules), positives: [], negatives: [span(rejectedIn, 'قرطوبة', 'Location')], reviewed: false }]);
  assert.ok(!names(elsewhere, adaptedTagger(shipped, adaptation)).includes('Location:قرطوبة'));
});

test('adaptation: deterministic, and only for the model it was made for', () => {
  const docs = [{ doc: prepareText(decided, rules), positives: [span(decided, 'زيدوني الكرماني', 'Person')], negatives: [], reviewed: true }];
  const a = adaptTagger(shipped, docs);
  assert.deepEqual(adaptTagger(shipped, docs), a);
  assert.throws(() => checkAdaptation({ ...a, base: 'another' }, shipped.model), /another shipped model/);
  assert.throws(() => checkAdaptation({ format: 1 }, shipped.model), /not an adapted tagger model/);
});

test('adaptation: a reviewed document teaches "no name" everywhere; one under review only around its decisions', () => {
  const text = 'استقبل زيدوني الكرماني وفدا. ثم غادر الوفد.';
  const doc = prepareText(text, rules);
  const positives = [span(text, 'زيدوني الكرماني', 'Person')];
  const reviewed = decidedTags({ doc, positives, negatives: [], reviewed: true });
  assert.equal(reviewed.sentences.length, 2);
  assert.deepEqual([...reviewed.gold].map((t) => TAGS[t]).filter((t) => t !== 'O'), ['B-PERS', 'I-PERS']);
  // Under review: the model's own tags stand where nobody decided, and the undecided sentence is not learnt from.
  const modelTags = new Uint8Array(doc.tokens.length).fill(TAGS.indexOf('B-LOC'));
  const partial = decidedTags({ doc, positives, negatives: [], reviewed: false }, modelTags);
  assert.equal(partial.sentences.length, 1);
  assert.equal(TAGS[partial.gold[0]], 'B-LOC');
  assert.equal(TAGS[partial.gold[1]], 'B-PERS');
});

test('adaptation: an optional span teaches neither way: its tokens keep the model\'s tags in a reviewed document', () => {
  const text = 'استقبل زيدوني الكرماني وفدا. ثم غادر الوفد.';
  const doc = prepareText(text, rules);
  const modelTags = new Uint8Array(doc.tokens.length).fill(TAGS.indexOf('B-LOC'));
  const tags = decidedTags({ doc, positives: [], negatives: [], uncertain: [span(text, 'زيدوني الكرماني', 'Person')], reviewed: true }, modelTags);
  assert.deepEqual([...tags.gold].map((t) => TAGS[t]).filter((t) => t !== 'O'), ['B-LOC', 'B-LOC']);
  assert.equal(tags.sentences.length, 2);
});
