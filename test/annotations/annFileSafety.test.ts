// What Iltizam writes into a .ann stays one line per value, and what it reads
// and does not understand it writes back byte for byte, whatever the bytes:
// a fuzz test of the reader and writer (random bytes, random valid files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBrat } from '../../server/src/annotations/brat';
import { AnnotationSet } from '../../server/src/annotations/annotationSet';
import { decodeLossless, encodeLossless } from '../../server/src/annotations/lossless';

const text = 'منظمة الصحة العالمية تلتزم بحماية المدنيين في بغداد\tمنذ ٢٠٢٠.';

test('line breaks and tabs in a strength, a note, the annotator or a lexicon id write no extra lines or fields', () => {
  const set = AnnotationSet.empty(text);
  const hostile = { by: 'eve\nT9\tPerson 0 5\tمنظمة', at: '2026\t01' };
  const id = set.add('Commitment', [{ start: 21, end: 26 }], 'manual', hostile, { commitment: { strength: 'binding\nA9\tNegated T1' } });
  const org = set.add('Organization', [{ start: 0, end: 20 }], 'manual', hostile, { kb: 'who org\n#9\tx', kbName: 'WHO\r\nT8\tPerson 0 1\tx' });
  set.setNote(org, 'first line\nT7\tPerson 0 1\tx\u2028second', hostile);
  const ann = set.serialize();
  const parsed = parseBrat(ann, { text });
  assert.deepEqual(parsed.errors, [], ann);
  assert.ok(!parsed.items.some((i) => i.kind === 'verbatim'), 'no line the reader does not understand');
  assert.deepEqual(parsed.items.filter((i) => i.kind === 'textBound').map((i) => i.kind === 'textBound' && i.id), [id, org], 'no T line smuggled in');
  for (const line of ann.trimEnd().split('\n')) {
    const fields = line.split('\t');
    assert.ok(fields.length <= 3, `at most three fields: ${JSON.stringify(line)}`);
  }
  const reloaded = AnnotationSet.load(ann, text).set.annotations();
  assert.equal(reloaded.find((a) => a.id === org)?.kb?.replace(/_/g, ' ').startsWith('who org'), true, 'the lexicon id is read back (white space as "_")');
});

/** The lines of a .ann's bytes, as bytes (split on \n, the line break kept out). */
function byteLines(bytes: Uint8Array): string[] {
  return Buffer.from(bytes).toString('latin1').split('\n');
}

/** The property: after a decision, every line the reader did not understand is in the written file, byte for byte. */
function keepsUnknownLines(bytes: Uint8Array): void {
  const source = decodeLossless(bytes);
  const unknown = parseBrat(source).items.filter((i) => i.kind === 'verbatim').map((i) => (i.kind === 'verbatim' ? i.raw : ''));
  const set = AnnotationSet.load(source, text).set;
  set.add('Location', [{ start: 45, end: 50 }], 'manual', { by: 'fuzz', at: 'now' });
  const written = encodeLossless(set.serialize());
  const lines = new Set(byteLines(written));
  for (const raw of unknown) {
    const expected = Buffer.from(encodeLossless(raw)).toString('latin1');
    assert.ok(lines.has(expected), `the line ${JSON.stringify(expected)} is kept byte for byte`);
  }
  // Unchanged, a file is written back exactly as it was read.
  assert.deepEqual(Buffer.from(encodeLossless(AnnotationSet.load(source, text).set.serialize())), Buffer.from(bytes));
}

test('fuzz: random bytes read and written back keep every line the reader does not understand, byte for byte', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => keepsUnknownLines(bytes)), { numRuns: 400 });
});

const validLine = fc.oneof(
  fc.tuple(fc.nat(60), fc.nat(5)).map(([start, len]) => `T${start + 1}\tPerson ${start} ${Math.min(start + len, text.length)}\t${text.slice(start, Math.min(start + len, text.length))}`),
  fc.nat(60).map((n) => `A${n + 1}\tReview T${n + 1} accepted`),
  fc.tuple(fc.nat(60), fc.string({ maxLength: 20 })).map(([n, s]) => `#${n + 1}\tAnnotatorNotes T${n + 1}\t${s.replace(/[\r\n]/g, ' ')}`),
);
const garbageLine = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b.filter((x) => x !== 0x0a)).toString('latin1'));

test('fuzz: random valid files with foreign and non-UTF-8 lines keep those lines byte for byte through a decision', () => {
  const file = fc.array(fc.oneof(validLine.map((l) => Buffer.from(l, 'utf8')), garbageLine.map((l) => Buffer.from(l, 'latin1'))), { maxLength: 20 });
  fc.assert(
    fc.property(file, fc.boolean(), (lines, crlf) => {
      const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from(crlf ? '\r\n' : '\n')]));
      keepsUnknownLines(bytes);
    }),
    { numRuns: 300 },
  );
});

test('the lossless decoding is UTF-8 for UTF-8 and reversible for any bytes', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => decodeLossless(Buffer.from(s, 'utf8')) === s));
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => Buffer.from(encodeLossless(decodeLossless(b))).equals(Buffer.from(b))));
});
