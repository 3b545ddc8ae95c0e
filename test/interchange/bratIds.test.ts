// New brat ids for thousands of exported suggestions: each line's id is what
// nextBratId would give, but the document is read once per prefix, not once
// per line (an export of 6,900 suggestions read the .ann 14,000 times).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as brat from '../../server/src/annotations/brat';
import { bratIdAllocator, BratItem, createBratDocument, nextBratId, parseBrat } from '../../server/src/annotations/brat';
import { AnnotatedDocument, ExportEntity, SUGGESTED } from '../../server/src/interchange/corpusDocument';
import { bratAnnFor } from '../../server/src/interchange/brat';

test('the allocator gives the ids nextBratId would, reading each line once per prefix', () => {
  const source = 'T1\tLocation 0 4\tIraq\nT7\tPerson 5 8\tAli\nA3\tReview T1 accepted\n#2\tAnnotatorNotes T1\tok\nN1\tReference T1 Wikidata:Q796\tIraq\n';
  const doc = parseBrat(source);
  let reads = 0;
  doc.items = doc.items.map((item) => {
    const counted = { ...item } as BratItem & { id: string };
    const id = counted.id;
    Object.defineProperty(counted, 'id', { get: () => (reads++, id), enumerable: true });
    return counted;
  });
  const expected = createBratDocument();
  expected.items = parseBrat(source).items;
  const next = bratIdAllocator(doc);
  for (let i = 0; i < 500; i++) {
    for (const prefix of ['T', 'A', 'N', '#', 'E'] as const) {
      const id = next(prefix);
      assert.equal(id, nextBratId(expected, prefix));
      expected.items.push({ kind: 'attribute', id, name: 'x', target: 'T1' });
    }
  }
  // At most two reads of a line's id (its prefix, its number) per prefix: 5 prefixes.
  assert.ok(reads <= 2 * 5 * doc.items.length, `${reads} reads of ${doc.items.length} lines for 2,500 ids`);
});

test('the brat export takes every new line\'s id from one allocator: the .ann read once per prefix, ids in sequence', () => {
  const text = 'كلمة '.repeat(300);
  const stored = parseBrat('T1\tLocation 0 4\tكلمة\nA1\tReview T1 accepted\n');
  const suggestions: ExportEntity[] = Array.from({ length: 299 }, (_, i) => {
    const start = (i + 1) * 5;
    return { id: `e${i}`, label: 'Organization', start, end: start + 4, fragments: [{ start, end: start + 4 }], text: 'كلمة', status: SUGGESTED, source: 'lexicon', optional: false, kb: `org.${i}` };
  });
  const doc: AnnotatedDocument = { name: 'd', textFile: '/d.txt', rawText: text, text, entities: suggestions, commitments: [], brat: stored, rejected: new Set() };
  const original = brat.bratIdAllocator;
  let scans = 0;
  (brat as { bratIdAllocator: typeof original }).bratIdAllocator = (d) => original(new Proxy(d, { get: (t, p) => (p === 'items' && scans++, Reflect.get(t, p)) }));
  let ann: string;
  try {
    ann = bratAnnFor(doc);
  } finally {
    (brat as { bratIdAllocator: typeof original }).bratIdAllocator = original;
  }
  assert.ok(scans > 0 && scans <= 3, `the document was scanned ${scans} times for its T, A and N ids`);
  const ids = ann.trimEnd().split('\n').map((l) => l.split('\t')[0]);
  assert.equal(new Set(ids).size, ids.length, 'no id twice');
  assert.deepEqual(ids.filter((id) => id.startsWith('T')).slice(-2), ['T299', 'T300']);
  assert.deepEqual(ids.filter((id) => id.startsWith('A')).slice(-1), ['A300']);
  assert.deepEqual(ids.filter((id) => id.startsWith('N')).slice(-1), ['N299']);
});
