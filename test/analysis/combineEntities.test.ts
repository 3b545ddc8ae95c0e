import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareText } from '../../server/src/analysis/document';
import { Lexicon } from '../../server/src/analysis/lexicon';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { combineEntities, hideUnsure, TaggerOutput, withoutTagger } from '../../server/src/analysis/combineEntities';
import type { Analysis, Entity } from '../../server/src/analysis/types';
import type { TaggedSpan } from '../../server/src/analysis/tagger';

const rules = getDefaultRules();
const policy = { lexicon: 0.9, rule: 0.6, taggerMinimum: 0.5 };
const lexicon = new Lexicon([
  { id: 'loc.x', label: 'Location', ar: 'الخرطوم', en: 'Khartoum', wikidata: 'Q1963' },
  { id: 'org.y', label: 'Organization', ar: 'الأمم المتحدة', en: 'United Nations', wikidata: 'Q1065' },
]);
const rank = (w: string) => (w === 'عمان' ? 10 : Infinity);

/** An entity over tokens [first, last) of the text, as the rule layer gives it. */
function entity(text: string, first: number, last: number, label: string, source: Entity['source'], extra: Partial<Entity> = {}): Entity {
  const doc = prepareText(text, rules);
  const span = doc.spanOf(first, last);
  return { id: 'x', start: span.start, end: span.end, label, text: text.slice(span.start, span.end), source, ...extra };
}

function tagger(spans: Array<[number, number, string, number]>, confidenceOf: (first: number, last: number, type: string) => number = () => 0): TaggerOutput {
  const labels: Record<string, string> = { PERS: 'Person', LOC: 'Location', ORG: 'Organization', MISC: '' };
  return {
    spans: spans.map(([first, last, type, confidence]): TaggedSpan => ({ first, last, type, label: labels[type] || undefined, confidence })),
    spanConfidence: confidenceOf,
  };
}

const summary = (es: Entity[]) => es.map((e) => `${e.label}:${e.text}:${e.source}:${e.confidence}`);

test('combination: Date, Principle, Threat and Instrument stay the rules\', a tagged name inside one is dropped', () => {
  const text = 'وقعوا اتفاقية باريس أمس';
  const doc = prepareText(text, rules);
  const instrument = entity(text, 1, 3, 'Instrument', 'rule', { rule: 'instrument-head' });
  const out = combineEntities(doc, [instrument], tagger([[2, 3, 'LOC', 0.99]]), lexicon, rank, policy);
  assert.deepEqual(summary(out), ['Instrument:اتفاقية باريس:rule:0.6']);
});

test('combination: where a tagged name and a rule entity overlap, the higher confidence stays, at equal the rule', () => {
  const text = 'قال جورج سمعان الحداد امس';
  const doc = prepareText(text, rules);
  const person = entity(text, 1, 3, 'Person', 'rule', { rule: 'speech-subject' });
  // The tagger gives the rule's two words 0.3 and its own three 0.8: its own wins.
  const out = combineEntities(doc, [person], tagger([[1, 4, 'PERS', 0.8]], () => 0.3), lexicon, rank, policy);
  assert.deepEqual(summary(out), ['Person:جورج سمعان الحداد:tagger:0.8']);
  // At 0.6, the rule's floor, the rule stays.
  const tie = combineEntities(doc, [person], tagger([[1, 4, 'PERS', 0.6]], () => 0.3), lexicon, rank, policy);
  assert.deepEqual(summary(tie), ['Person:جورج سمعان:rule:0.6']);
  // A name crossing the rule's span takes its place when surer.
  const crossing = combineEntities(doc, [person], tagger([[2, 5, 'PERS', 0.7]], () => 0.3), lexicon, rank, policy);
  assert.deepEqual(summary(crossing), ['Person:سمعان الحداد امس:tagger:0.7']);
  // A rule entity's confidence is the tagger's probability of its span when that is higher than the floor.
  const sure = combineEntities(doc, [person], withoutTaggerButSure(0.95), lexicon, rank, policy);
  assert.deepEqual(summary(sure), ['Person:جورج سمعان:rule:0.95']);
});

function withoutTaggerButSure(p: number): TaggerOutput {
  return { spans: [], spanConfidence: (_f, _l, type) => (type === 'PERS' ? p : 0) };
}

test('combination: a name nested in a rule entity does not break it up', () => {
  const text = 'وكالة الأمم المتحدة للاجئين';
  const doc = prepareText(text, rules);
  const org = entity(text, 0, 4, 'Organization', 'rule', { rule: 'organization-head' });
  const out = combineEntities(doc, [org], tagger([[1, 3, 'ORG', 0.99]]), lexicon, rank, policy);
  assert.deepEqual(summary(out), ['Organization:وكالة الأمم المتحدة للاجئين:rule:0.6']);
});

test('combination: a lexicon match gives way only to a longer tagged name that contains it', () => {
  const text = 'جامعة الخرطوم الجديدة';
  const doc = prepareText(text, rules);
  const place = entity(text, 1, 2, 'Location', 'lexicon', { kb: 'loc.x' });
  const shorter = combineEntities(doc, [entity('الخرطوم الجديدة', 0, 2, 'Location', 'lexicon', { kb: 'loc.x' })], tagger([[0, 1, 'LOC', 0.99]]), lexicon, rank, policy);
  assert.deepEqual(summary(shorter), ['Location:الخرطوم الجديدة:lexicon:0.9']);
  const longer = combineEntities(doc, [place], tagger([[0, 3, 'ORG', 0.95]]), lexicon, rank, policy);
  assert.deepEqual(summary(longer), ['Organization:جامعة الخرطوم الجديدة:tagger:0.95']);
  const unsure = combineEntities(doc, [place], tagger([[0, 3, 'ORG', 0.7]]), lexicon, rank, policy);
  assert.deepEqual(summary(unsure), ['Location:الخرطوم:lexicon:0.9']);
});

test('combination: a tagged name that is a lexicon form links to the entry; one letter of proclitic is left out', () => {
  const text = 'وصل الوفد بالخرطوم ثم وعمان وعمان';
  const doc = prepareText(text, rules);
  const out = combineEntities(doc, [], tagger([[2, 3, 'LOC', 0.9], [4, 5, 'LOC', 0.7], [5, 6, 'LOC', 0.3]]), lexicon, rank, policy);
  assert.deepEqual(summary(out), ['Location:الخرطوم:tagger:0.9', 'Location:عمان:tagger:0.7'], 'under the minimum a lone name is not suggested');
  assert.equal(out[0].kb, 'loc.x');
  assert.equal(out[0].nameEn, 'Khartoum');
  assert.equal(out[0].wikidata, 'Q1963');
  assert.deepEqual(out.map((e) => e.id), ['e1', 'e2']);
  // MISC names are learned, never suggested.
  assert.deepEqual(combineEntities(doc, [], tagger([[2, 3, 'MISC', 0.99]]), lexicon, rank, policy), []);
});

test('without the tagger, every entity has its source\'s confidence', () => {
  const text = 'زار الخرطوم في 5 مايو 2020';
  const doc = prepareText(text, rules);
  const out = combineEntities(doc, [entity(text, 1, 2, 'Location', 'lexicon'), entity(text, 3, 6, 'Date', 'rule')], withoutTagger, lexicon, rank, policy);
  assert.deepEqual(out.map((e) => e.confidence), [0.9, 0.6]);
});

test('hideUnsure: entities under the minimum are hidden, and commitments no longer name them', () => {
  const a: Analysis = {
    text: 'x',
    entities: [
      { id: 'e1', start: 0, end: 1, label: 'Person', text: 'x', source: 'tagger', confidence: 0.4 },
      { id: 'e2', start: 0, end: 1, label: 'Organization', text: 'x', source: 'lexicon', confidence: 0.9 },
    ],
    commitments: [{ id: 'c1', start: 0, end: 1, text: 'x', strength: 'binding', actors: ['e1', 'e2'], principles: [], cue: { start: 0, end: 1, text: 'x' }, negated: false }],
    sentences: [],
  };
  const shown = hideUnsure(a, 0.5);
  assert.deepEqual(shown.entities.map((e) => e.id), ['e2']);
  assert.deepEqual(shown.commitments[0].actors, ['e2']);
  assert.equal(hideUnsure(a, 0), a);
});
