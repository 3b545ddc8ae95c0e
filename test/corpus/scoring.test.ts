import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBrat } from '../../server/src/annotations/brat';
import {
  combineScoreReports,
  parseNoteFields,
  prf,
  referenceItemsFromBrat,
  ScoredItem,
  scoreAnnotations,
} from '../../server/src/corpus/scoring';

const item = (label: string, start: number, end: number, extra: Partial<ScoredItem> = {}): ScoredItem => ({
  label,
  start,
  end,
  ...extra,
});

const counts = (s: { tp: number; fp: number; fn: number }) => [s.tp, s.fp, s.fn];

test('prf computes precision, recall and F1, with 0 for empty denominators', () => {
  assert.deepEqual(prf(3, 1, 2), { tp: 3, fp: 1, fn: 2, precision: 0.75, recall: 0.6, f1: (2 * 0.75 * 0.6) / 1.35 });
  assert.deepEqual(prf(0, 0, 0), { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
});

test('an overlapping span of the right label matches by overlap but not exactly', () => {
  const reference = [item('Organization', 0, 22), item('Location', 30, 36)];
  const predicted = [item('Organization', 0, 18), item('Location', 30, 36)];
  const report = scoreAnnotations(reference, predicted);
  assert.deepEqual(counts(report.overlap.micro), [2, 0, 0]);
  assert.deepEqual(counts(report.exact.micro), [1, 1, 1]);
  assert.deepEqual(counts(report.exact.byLabel.Organization), [0, 1, 1]);
  assert.deepEqual(counts(report.exact.byLabel.Location), [1, 0, 0]);
  assert.equal(report.overlap.matches[0].exact, false);
  assert.equal(report.overlap.matches[0].overlap, 18);
});

test('spans that only touch do not overlap, and a wrong label is a false positive and a false negative', () => {
  const reference = [item('Organization', 0, 10), item('Location', 20, 26)];
  const predicted = [item('Organization', 10, 15), item('Organization', 20, 26)];
  const report = scoreAnnotations(reference, predicted, { labels: ['Organization', 'Location', 'Date'] });
  assert.deepEqual(counts(report.overlap.byLabel.Organization), [0, 2, 1]);
  assert.deepEqual(counts(report.overlap.byLabel.Location), [0, 0, 1]);
  assert.deepEqual(counts(report.overlap.byLabel.Date), [0, 0, 0]);
  assert.deepEqual(Object.keys(report.overlap.byLabel), ['Organization', 'Location', 'Date']);
});

test('Optional reference items are neither rewarded nor penalised', () => {
  const reference = [item('Organization', 0, 10), item('Organization', 12, 15, { optional: true }), item('Threat', 20, 30, { optional: true })];
  const found = scoreAnnotations(reference, [item('Organization', 0, 10), item('Organization', 12, 15)]);
  assert.deepEqual(counts(found.overlap.micro), [1, 0, 0]);
  assert.equal(found.overlap.optionalMatched, 1);
  assert.deepEqual(found.overlap.falseNegatives, []);
  const missed = scoreAnnotations(reference, [item('Organization', 0, 10)]);
  assert.deepEqual(counts(missed.overlap.micro), [1, 0, 0]);
  assert.equal(missed.overlap.optionalMatched, 0);
});

test('a reference item accepts its alternative labels, counted under its own label', () => {
  const reference = [item('Location', 0, 6, { alternatives: ['Organization'] })];
  const report = scoreAnnotations(reference, [item('Organization', 0, 6)]);
  assert.deepEqual(counts(report.overlap.byLabel.Location), [1, 0, 0]);
  assert.deepEqual(counts(report.overlap.byLabel.Organization), [0, 0, 0]);
  assert.deepEqual(counts(report.exact.micro), [1, 0, 0]);
  const wrong = scoreAnnotations(reference, [item('Person', 0, 6)]);
  assert.deepEqual(counts(wrong.overlap.micro), [0, 1, 1]);
});

test('matching is one to one: a second prediction on the same item is a false positive', () => {
  const reference = [item('Threat', 10, 23)];
  const predicted = [item('Threat', 10, 17), item('Threat', 12, 23)];
  const report = scoreAnnotations(reference, predicted);
  assert.deepEqual(counts(report.overlap.micro), [1, 1, 0]);
  // The larger overlap wins: [12, 23) shares 11, [10, 17) shares 7.
  assert.deepEqual(report.overlap.matches.map((m) => m.predicted.start), [12]);
  assert.deepEqual(report.overlap.falsePositives.map((p) => p.start), [10]);
});

test('a prediction goes to the required item before an Optional one, even with less overlap', () => {
  // The prediction shares 5 with the required item, 15 with the Optional one.
  const reference = [item('Organization', 0, 10), item('Organization', 5, 20, { optional: true })];
  const report = scoreAnnotations(reference, [item('Organization', 5, 20)]);
  assert.deepEqual(counts(report.overlap.micro), [1, 0, 0]);
  assert.equal(report.overlap.matches[0].reference.start, 0);
  assert.equal(report.overlap.optionalMatched, 0);
  // Exactly, the prediction only fits the Optional item: not counted, and the required item is missed.
  assert.deepEqual(counts(report.exact.micro), [0, 0, 1]);
  assert.equal(report.exact.optionalMatched, 1);
});

test('between two required items a prediction goes to the larger overlap', () => {
  const reference = [item('Location', 0, 10), item('Location', 8, 20)];
  const report = scoreAnnotations(reference, [item('Location', 6, 20)]);
  assert.deepEqual(counts(report.overlap.micro), [1, 0, 1]);
  assert.equal(report.overlap.matches[0].reference.start, 8);
  assert.deepEqual(report.overlap.falseNegatives.map((r) => r.start), [0]);
});

test('the matching maximises matched required items before overlap', () => {
  // P1 overlaps R1 most, but only P1 can reach R2: giving R1 to P2 matches both.
  const reference = [item('Location', 0, 10), item('Location', 10, 20)];
  const predicted = [item('Location', 2, 12), item('Location', 0, 3)];
  const report = scoreAnnotations(reference, predicted);
  assert.deepEqual(counts(report.overlap.micro), [2, 0, 0]);
  assert.deepEqual(
    report.overlap.matches.map((m) => [m.reference.start, m.predicted.start]),
    [
      [0, 0],
      [10, 2],
    ],
  );
});

test('arguments of matched commitments are scored as sets', () => {
  const reference = [
    item('Commitment', 0, 50, { args: { actors: ['IOM', 'ONSA'], principles: ['human rights', 'do no harm'] } }),
    item('Commitment', 60, 90, { args: { actors: ['Government of Iraq'] } }),
    item('Commitment', 100, 120, { optional: true, args: { actors: ['IOM'] } }),
    item('Commitment', 130, 150),
  ];
  const predicted = [
    item('Commitment', 5, 50, { args: { actors: ['iom', 'IOM', 'Government of Iraq'], principles: ['Human Rights', 'do no harm'] } }),
    item('Commitment', 60, 80, { args: { actors: ['Government of Iraq'], principles: ['peace'] } }),
    item('Commitment', 100, 120, { args: { actors: ['Someone'] } }),
    item('Commitment', 130, 150, { args: { actors: ['Someone'] } }),
  ];
  const report = scoreAnnotations(reference, predicted, {
    roles: ['actors', 'principles'],
    argumentKey: (k) => k.toLowerCase(),
  });
  // Scored: the first two pairs (the Optional one and the one without annotated arguments are left out).
  assert.equal(report.args.pairs, 2);
  // actors: {iom, government of iraq} vs {iom, onsa}: tp 1, fp 1, fn 1; then {government of iraq} exactly.
  assert.deepEqual(counts(report.args.byRole.actors), [2, 1, 1]);
  // principles: both found in the first; "peace" is extra in the second (missing role = empty set).
  assert.deepEqual(counts(report.args.byRole.principles), [2, 1, 0]);
  assert.deepEqual(
    report.args.errors.map((e) => [e.reference.start, e.role, e.missing, e.extra]),
    [
      [0, 'actors', ['onsa'], ['government of iraq']],
      [60, 'principles', [], ['peace']],
    ],
  );
});

test('reports of several documents add up', () => {
  const a = scoreAnnotations([item('Date', 0, 5)], [item('Date', 0, 5)], { labels: ['Date', 'Person'] });
  const b = scoreAnnotations([item('Person', 0, 5)], [item('Date', 0, 5)], { labels: ['Date', 'Person'] });
  const both = combineScoreReports([a, b]);
  assert.deepEqual(counts(both.overlap.byLabel.Date), [1, 1, 0]);
  assert.deepEqual(counts(both.overlap.byLabel.Person), [0, 0, 1]);
  assert.deepEqual(counts(both.overlap.micro), [1, 1, 1]);
  assert.equal(both.overlap.micro.precision, 0.5);
  assert.equal(both.overlap.falsePositives.length, 1);
});

test('reference items come from brat with Optional, alternatives and argument notes', () => {
  assert.deepEqual(parseNoteFields('actors=A, B; principles=x , y; free comment'), {
    actors: ['A', 'B'],
    principles: ['x', 'y'],
  });
  const doc = parseBrat(
    [
      'T1\tOrganization 0 3\tIOM',
      'A1\tOptional T1',
      'T2\tLocation 4 8;10 14\tIraq Iraq',
      '#2\tAnnotatorNotes T2\talternatives=Organization',
      'T3\tCommitment 0 20\tIOM signs',
      '#3\tAnnotatorNotes T3\tactors=International Organization for Migration',
      'T4\tCommitment 30 40\tcall',
      '',
    ].join('\n'),
  );
  assert.deepEqual(referenceItemsFromBrat(doc), [
    { id: 'T1', start: 0, end: 3, label: 'Organization', text: 'IOM', optional: true },
    { id: 'T2', start: 4, end: 14, label: 'Location', text: 'Iraq Iraq', alternatives: ['Organization'] },
    {
      id: 'T3',
      start: 0,
      end: 20,
      label: 'Commitment',
      text: 'IOM signs',
      args: { actors: ['International Organization for Migration'] },
    },
    { id: 'T4', start: 30, end: 40, label: 'Commitment', text: 'call' },
  ]);
});
