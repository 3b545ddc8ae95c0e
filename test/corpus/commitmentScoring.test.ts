import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptedStrengths,
  combineCommitmentExtras,
  fillsSlot,
  normalizeArgument,
  scoreCommitments,
  scoreSlots,
  slotAlternatives,
} from '../../server/src/corpus/commitmentScoring';
import type { ScoredItem } from '../../server/src/corpus/scoring';

const commitment = (start: number, end: number, args: Record<string, string[]>, extra: Partial<ScoredItem> = {}): ScoredItem => ({
  label: 'Commitment',
  start,
  end,
  args,
  ...extra,
});
const OPTIONS = { labels: ['Commitment'], roles: ['actors', 'principles'], implicitRoles: ['actors'] };
const counts = (s: { tp: number; fp: number; fn: number }) => [s.tp, s.fp, s.fn];

test('arguments are compared without diacritics, tatweel, alef forms, ta marbuta or alef maqsura', () => {
  assert.equal(normalizeArgument('  المُنظّمـة   الإقليمية '), normalizeArgument('المنظمه الاقليميه'));
  assert.equal(normalizeArgument('مستشفى'), normalizeArgument('مستشفي'));
  assert.equal(normalizeArgument('World Bank'), 'world bank');
});

test('a slot lists alternatives separated by a slash, and any one of them fills it', () => {
  assert.deepEqual(slotAlternatives('وزير المالية / الحكومة'), [normalizeArgument('وزير المالية'), normalizeArgument('الحكومة')]);
  assert.equal(fillsSlot('وزير المالية / الحكومة', 'الحكومة'), true);
  assert.equal(fillsSlot('وزير المالية / الحكومة', 'البرلمان'), false);
});

test('a predicted argument fills a slot when it equals, contains or is contained in a surface', () => {
  assert.equal(fillsSlot('مجلس الوزراء', 'الأمانة العامة لمجلس الوزراء'), true);
  assert.equal(fillsSlot('الأمانة العامة لمجلس الوزراء', 'مجلس الوزراء'), true);
  // A prediction with several forms (its text and its English name).
  assert.equal(fillsSlot('World Bank', 'البنك الدولي / World Bank'), true);
});

test('slots: filled ones are hits, unfilled ones misses, arguments filling no slot false positives, a second filler neutral', () => {
  const s = scoreSlots(['الشركة', 'البلدية'], ['الشركة', 'الشركة القابضة', 'الوزارة']);
  assert.deepEqual([s.tp, s.fp, s.fn], [1, 1, 1]);
  assert.deepEqual(s.missing, ['البلدية']);
  assert.deepEqual(s.extra, ['الوزارة']);
});

test('an unmatched required commitment counts its slots as misses; an Optional one counts nothing', () => {
  const reference = [
    commitment(0, 20, { actors: ['الشركة', 'البلدية'], principles: ['الشفافية'] }),
    commitment(30, 40, { actors: ['المجلس'] }, { optional: true }),
  ];
  const report = scoreCommitments(reference, [], OPTIONS);
  assert.deepEqual(counts(report.slots.byRole.actors), [0, 0, 2]);
  assert.deepEqual(counts(report.slots.byRole.principles), [0, 0, 1]);
  assert.equal(report.slots.errors[0].predicted, undefined);
});

test('a reference commitment without actors= is not scored for actors, but is for principles', () => {
  const reference = [commitment(0, 20, { principles: [], strength: ['intent'] })];
  const predicted = [commitment(0, 20, { actors: ['الوزارة'], principles: ['الشفافية'], strength: ['intent'] })];
  const report = scoreCommitments(reference, predicted, OPTIONS);
  assert.deepEqual(counts(report.slots.byRole.actors), [0, 0, 0]);
  assert.deepEqual(counts(report.slots.byRole.principles), [0, 1, 0]);
});

test('strength is right when it is one of the accepted values, with a confusion table by reference value', () => {
  assert.deepEqual(acceptedStrengths('call / intent'), ['call', 'intent']);
  const reference = [
    commitment(0, 10, { strength: ['call / intent'] }),
    commitment(20, 30, { strength: ['binding'] }),
    commitment(40, 50, { strength: ['call'] }, { optional: true }),
  ];
  const predicted = [
    commitment(0, 10, { strength: ['intent'] }),
    commitment(20, 30, { strength: ['intent'] }),
    commitment(40, 50, { strength: ['binding'] }),
  ];
  const report = scoreCommitments(reference, predicted, OPTIONS);
  assert.equal(report.strength.scored, 2);
  assert.equal(report.strength.correct, 1);
  assert.equal(report.strength.accuracy, 0.5);
  assert.deepEqual(report.strength.confusion, { 'call / intent': { intent: 1 }, binding: { intent: 1 } });
  const both = combineCommitmentExtras([report, report]);
  assert.equal(both.strength.scored, 4);
  assert.deepEqual(both.strength.confusion.binding, { intent: 2 });
  assert.deepEqual(counts(both.slots.byRole.actors), [0, 0, 0]);
});
