import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  bratItemsOfKind,
  bratSpansToUtf16,
  BratTextBound,
  createBratDocument,
  nextBratId,
  parseBrat,
  serializeBrat,
  validateBratText,
} from '../../server/src/annotations/brat';
import { inEnglish } from '../../server/src/messages/reason';

// out/test/core → repository root → ../shared
const sharedDir = path.resolve(__dirname, '..', '..', '..', '..', 'shared');

const EVERY_TYPE = [
  'T1\tOrganization 0 3\tIOM',
  'T2\tThreat 4 9;14 19\tviole exter',
  'T3\tCommitment 20 25\tsigns',
  'E1\tCommitment:T3 Actor:T1 Actor2:T1',
  'R1\tTargets Arg1:T1 Arg2:T2',
  'A1\tOptional T2',
  'A2\tStrength E1 binding',
  'M1\tNegated E1',
  'N1\tReference T1 Wikidata:Q1137000\tInternational Organization for Migration',
  'N2\tReference T2 Lexicon:threat-ve',
  '#1\tAnnotatorNotes T3\tactors=IOM; principles=do no harm',
  '*\tEquiv T1 T3',
  '',
].join('\n');

test('parses every brat line type', () => {
  const doc = parseBrat(EVERY_TYPE);
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(
    doc.items.map((i) => i.kind),
    ['textBound', 'textBound', 'textBound', 'event', 'relation', 'attribute', 'attribute', 'attribute', 'normalization', 'normalization', 'note', 'equivalence'],
  );
  const [t1] = bratItemsOfKind(doc, 'textBound');
  assert.deepEqual(
    { id: t1.id, label: t1.label, fragments: t1.fragments, text: t1.text, line: t1.line },
    { id: 'T1', label: 'Organization', fragments: [{ start: 0, end: 3 }], text: 'IOM', line: 1 },
  );
  const [e1] = bratItemsOfKind(doc, 'event');
  assert.equal(e1.type, 'Commitment');
  assert.equal(e1.trigger, 'T3');
  assert.deepEqual(e1.args, [
    { role: 'Actor', target: 'T1' },
    { role: 'Actor2', target: 'T1' },
  ]);
  const [r1] = bratItemsOfKind(doc, 'relation');
  assert.equal(r1.type, 'Targets');
  assert.deepEqual(r1.args, [
    { role: 'Arg1', target: 'T1' },
    { role: 'Arg2', target: 'T2' },
  ]);
  const [a1, a2, m1] = bratItemsOfKind(doc, 'attribute');
  assert.deepEqual([a1.id, a1.name, a1.target, a1.value], ['A1', 'Optional', 'T2', undefined]);
  assert.deepEqual([a2.id, a2.name, a2.target, a2.value], ['A2', 'Strength', 'E1', 'binding']);
  assert.deepEqual([m1.id, m1.name, m1.target, m1.value], ['M1', 'Negated', 'E1', undefined]);
  const [n1, n2] = bratItemsOfKind(doc, 'normalization');
  assert.deepEqual(
    [n1.type, n1.target, n1.resource, n1.entryId, n1.text],
    ['Reference', 'T1', 'Wikidata', 'Q1137000', 'International Organization for Migration'],
  );
  assert.deepEqual([n2.resource, n2.entryId, n2.text], ['Lexicon', 'threat-ve', undefined]);
  const [note] = bratItemsOfKind(doc, 'note');
  assert.deepEqual([note.id, note.type, note.target, note.text], ['#1', 'AnnotatorNotes', 'T3', 'actors=IOM; principles=do no harm']);
  const [equiv] = bratItemsOfKind(doc, 'equivalence');
  assert.deepEqual([equiv.type, equiv.targets], ['Equiv', ['T1', 'T3']]);
  assert.equal(serializeBrat(doc), EVERY_TYPE);
});

test('discontinuous spans keep every fragment and validate against the joined text', () => {
  const text = 'violent and extremist';
  const doc = parseBrat('T1\tThreat 0 7;12 21\tviolent extremist\n', { text });
  assert.deepEqual(doc.errors, []);
  const [t1] = bratItemsOfKind(doc, 'textBound');
  assert.deepEqual(t1.fragments, [
    { start: 0, end: 7 },
    { start: 12, end: 21 },
  ]);
  const [span] = bratSpansToUtf16(doc, text);
  assert.deepEqual([span.start, span.end], [0, 21]);
});

test('malformed and unknown lines are reported with their line number and kept on serialize', () => {
  const source = [
    'T1\tOrganization 0 3\tIOM',
    'X1\tSomething T1',
    'T2\tLocation 5 x\tIraq',
    '',
    'T3\tLocation 9 4\tIraq',
    'T4\tLocation 4 8',
    'A1\tOptional',
    'E1\tCommitment T1',
    'R1\tTargets Arg1:T1',
    '*\tEquiv T1',
    'T1\tPerson 0 3\tIOM',
    'A2\tOptional T99',
  ].join('\n');
  const doc = parseBrat(source);
  assert.deepEqual(
    doc.errors.map((e) => e.line),
    [2, 3, 5, 6, 7, 8, 9, 10, 11, 12],
  );
  assert.match(inEnglish(doc.errors[0].message), /unknown line type "X1"/);
  assert.match(inEnglish(doc.errors[1].message), /T2: malformed offsets "5 x"/);
  assert.match(inEnglish(doc.errors[2].message), /ends before it starts/);
  assert.match(inEnglish(doc.errors[3].message), /T4: missing the tab-separated text field/);
  assert.match(inEnglish(doc.errors[8].message), /duplicate id T1 \(first defined on line 1\)/);
  assert.match(inEnglish(doc.errors[9].message), /A2: refers to T99, which is not defined/);
  assert.equal(doc.items.length, 12);
  assert.deepEqual(
    doc.items.filter((i) => i.kind === 'verbatim').map((i) => i.line),
    [2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.equal(serializeBrat(doc), source, 'no final newline, nothing dropped');
});

test('the gold file round-trips byte for byte and matches its text', () => {
  const ann = fs.readFileSync(path.join(sharedDir, 'gold', 'iom-onsa-agreement.ann'), 'utf8');
  const text = fs.readFileSync(path.join(sharedDir, 'corpus', 'iom-onsa-agreement.txt'), 'utf8');
  const doc = parseBrat(ann, { text });
  assert.deepEqual(doc.errors, []);
  assert.equal(bratItemsOfKind(doc, 'textBound').length, 83);
  assert.ok(bratItemsOfKind(doc, 'attribute').length > 0);
  assert.ok(bratItemsOfKind(doc, 'note').length > 0);
  assert.equal(serializeBrat(doc), ann);
});

test('unchanged lines keep their exact bytes; changed and new items are written canonically', () => {
  const source = 'T1\tOrganization 0 3\tIOM\r\nA1\tOptional  T1 \r\nT2\tLocation 4 8\tIraq\r\n';
  const doc = parseBrat(source);
  assert.deepEqual(doc.errors, []);
  assert.equal(doc.eol, '\r\n');
  assert.equal(serializeBrat(doc), source);

  const t2 = doc.items[2] as BratTextBound;
  t2.label = 'Organization';
  const id = nextBratId(doc, 'T');
  assert.equal(id, 'T3');
  doc.items.push({ kind: 'note', id: '#1', type: 'AnnotatorNotes', target: 'T1', text: 'checked' });
  assert.equal(
    serializeBrat(doc),
    'T1\tOrganization 0 3\tIOM\r\nA1\tOptional  T1 \r\nT2\tOrganization 4 8\tIraq\r\n#1\tAnnotatorNotes T1\tchecked\r\n',
  );

  const fresh = createBratDocument();
  assert.equal(serializeBrat(fresh), '');
  fresh.items.push({ kind: 'attribute', id: 'A1', name: 'Strength', target: 'E1', value: 'call' });
  assert.equal(serializeBrat(fresh), 'A1\tStrength E1 call\n');
});

test('code-point offsets after an emoji convert to the right UTF-16 span', () => {
  const text = '😀 وقعت المنظمة الدولية للهجرة';
  // "المنظمة" starts at code point 7 (the emoji is one code point, two UTF-16 units).
  const doc = parseBrat('T1\tOrganization 7 14\tالمنظمة\n', { text });
  assert.deepEqual(doc.errors, [], 'validation slices by code points');
  const [span] = bratSpansToUtf16(doc, text);
  assert.deepEqual([span.start, span.end], [8, 15]);
  assert.deepEqual(span.fragments, [{ start: 8, end: 15 }]);
  assert.equal(text.slice(span.start, span.end), 'المنظمة');
});

test('text validation reports mismatches and spans beyond the text with line numbers', () => {
  const text = 'IOM in Iraq';
  const doc = parseBrat('T1\tOrganization 0 3\tIOM\nT2\tLocation 7 11\tIran\nT3\tLocation 7 40\tIraq\n');
  assert.deepEqual(doc.errors, []);
  const errors = validateBratText(doc, text);
  assert.deepEqual(
    errors.map((e) => e.line),
    [2, 3],
  );
  assert.match(inEnglish(errors[0].message), /T2: the text at 7 11 is "Iraq" but the line records "Iran"/);
  assert.match(inEnglish(errors[1].message), /T3: span 7 40 lies beyond the end of the text \(11 code points\)/);
});
