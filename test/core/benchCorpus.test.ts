import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { CorpusGenerator, deriveSeed, loadSources, prng, workspaceDocuments } from '../../scripts/corpus';
import { growthExponent, percentile } from '../../scripts/benchStats';
import { analyzeText } from '../../server/src/analysis/analyze';

const repo = path.resolve(__dirname, '..', '..', '..');
const sources = loadSources(repo);

test('the synthetic corpus is deterministic: same seed, same text; another seed, another text', () => {
  const a = new CorpusGenerator(sources).document(42, 50_000);
  const b = new CorpusGenerator(sources).document(42, 50_000);
  const c = new CorpusGenerator(sources).document(43, 50_000);
  assert.equal(a, b);
  assert.notEqual(a, c);
  // A longer document from the same seed starts as the shorter one does.
  const longer = new CorpusGenerator(sources).document(42, 100_000);
  assert.ok(longer.startsWith(a.slice(0, a.lastIndexOf('\n'))));
});

test('a document is at least the size asked for, and at most one paragraph more', () => {
  const generator = new CorpusGenerator(sources);
  for (const bytes of [1_000, 20_000, 100_000]) {
    const size = Buffer.byteLength(generator.document(7, bytes), 'utf8');
    assert.ok(size >= bytes, `${size} ≥ ${bytes}`);
    assert.ok(size < bytes + 10_000, `${size} is about ${bytes}`);
  }
});

test('the synthetic text is Arabic with entities about as dense as in the samples', () => {
  const text = new CorpusGenerator(sources).document(5, 60_000);
  const perKB = (t: string) => analyzeText(t).entities.length / (Buffer.byteLength(t, 'utf8') / 1000);
  const samples = perKB(sources.samples.join('\n'));
  const corpus = perKB(text);
  assert.ok(corpus > samples * 0.6 && corpus < samples * 1.6, `entities per KB: corpus ${corpus.toFixed(1)}, samples ${samples.toFixed(1)}`);
  assert.ok(sources.surfaceForms.some((f) => text.includes(f)), 'lexicon forms are spliced in');
});

test('a workspace corpus is the same documents for the same seed, sizes spread between the bounds', () => {
  const generator = new CorpusGenerator(sources);
  const first = [...workspaceDocuments(generator, 9, 30, 1_000, 8_000)];
  const again = [...workspaceDocuments(generator, 9, 30, 1_000, 8_000)];
  assert.deepEqual(first, again);
  assert.equal(new Set(first.map((d) => d.name)).size, 30);
  assert.equal(new Set(first.map((d) => d.text)).size, 30, 'every document differs');
  for (const d of first) assert.ok(Buffer.byteLength(d.text, 'utf8') >= 1_000);
});

test('the PRNG and seed derivation are fixed functions', () => {
  const r = prng(1);
  const values = [r(), r(), r()];
  const again = prng(1);
  assert.deepEqual([again(), again(), again()], values);
  assert.ok(values.every((v) => v >= 0 && v < 1));
  assert.notEqual(deriveSeed(1, 0), deriveSeed(1, 1));
  assert.equal(deriveSeed(1, 5), deriveSeed(1, 5));
});

test('benchmark statistics: percentiles and the growth exponent of a power law', () => {
  assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 95), 10.5);
  const sizes = [1e5, 3e5, 1e6, 3e6, 1e7];
  assert.ok(Math.abs(growthExponent(sizes.map((s) => ({ size: s, cost: 0.002 * s }))) - 1) < 1e-9);
  assert.ok(Math.abs(growthExponent(sizes.map((s) => ({ size: s, cost: 3e-9 * s * s }))) - 2) < 1e-9);
  assert.ok(Number.isNaN(growthExponent([{ size: 1, cost: 1 }])));
});
