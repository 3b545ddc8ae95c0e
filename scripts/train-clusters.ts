// Learns word clusters from the unlabeled Arabic text of ../shared/data
// (arwiki-comparable-2017.txt.gz) for the sequence tagger's cluster features:
// each frequent word is described by the words around it (±2, positive
// pointwise mutual information), projected to a few dense dimensions, and
// grouped by spherical k-means into coarse clusters, each split again into
// fine ones. Deterministic for a seed.
//
//   npm run train:clusters            # writes server/data/word-clusters.json
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { normalizeForMatching } from '../server/src/analysis/normalize';
import { tokenize } from '../server/src/analysis/tokenize';
import { seededRandom } from '../server/src/analysis/tagger/random';

const repoRoot = path.resolve(__dirname, '..', '..');
const source = path.resolve(repoRoot, '..', 'shared', 'data', 'arwiki-comparable-2017.txt.gz');
const target = path.join(repoRoot, 'server', 'data', 'word-clusters.json');

export const CLUSTER_SETTINGS = {
  seed: 20170120,
  /** 'exchange': classes of a predictive class bigram model; 'kmeans': k-means of context vectors. */
  method: (process.env.ILTIZAM_CLUSTER_METHOD ?? 'exchange') as 'exchange' | 'kmeans',
  /** Words clustered: the most frequent ones seen at least minCount times. */
  vocabulary: 40000,
  minCount: 5,
  /** Context words: the most frequent ones (and one id for a break in the text). */
  contexts: 500,
  window: 2,
  dimensions: 96,
  coarse: 64,
  finePerCoarse: 8,
  iterations: 15,
};

const CREDIT =
  'Contains text from Arabic Wikipedia (ar.wikipedia.org, dump of 2017-01-20), by Wikipedia contributors, via the Comparable Wikipedia Corpus of Motaz Saad and Basem Alijla (github.com/motazsaad/comparableWikiCoprus), CC BY-SA 4.0; cleaned and deduplicated.';

const BREAK = -1;

/** The text as word ids (BREAK between paragraphs and at punctuation) and the words by id. */
function readCorpus(file: string): { ids: Int32Array; words: string[]; counts: number[] } {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  const idOf = new Map<string, number>();
  const words: string[] = [];
  const counts: number[] = [];
  const ids: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const tokens = tokenize(normalizeForMatching(text.slice(lineStart, lineEnd)).text);
    ids.push(BREAK);
    for (const t of tokens) {
      if (/[^\s]/.test(t.gapBefore)) ids.push(BREAK);
      let id = idOf.get(t.text);
      if (id === undefined) {
        id = words.length;
        idOf.set(t.text, id);
        words.push(t.text);
        counts.push(0);
      }
      counts[id]++;
      ids.push(id);
    }
    lineStart = lineEnd + 1;
  }
  ids.push(BREAK);
  return { ids: Int32Array.from(ids), words, counts };
}

/** Ids ranked by frequency (ties by the word, for determinism). */
function ranked(words: string[], counts: number[]): number[] {
  return words.map((_, id) => id).sort((a, b) => counts[b] - counts[a] || (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
}

/** Dense, L2-normalised vectors of the clustered words: PPMI of their contexts, randomly projected. */
function wordVectors(ids: Int32Array, rowOf: Int32Array, rows: number, columnOf: Int32Array): Float32Array {
  const S = CLUSTER_SETTINGS;
  const perOffset = S.contexts + 1;
  const width = 2 * S.window * perOffset;
  const counts = new Uint32Array(rows * width);
  const offsets: number[] = [];
  for (let d = -S.window; d <= S.window; d++) if (d) offsets.push(d);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === BREAK) continue;
    const row = rowOf[id];
    if (row < 0) continue;
    for (let o = 0; o < offsets.length; o++) {
      const j = i + offsets[o];
      if (j < 0 || j >= ids.length) continue;
      const c = ids[j] === BREAK ? S.contexts : columnOf[ids[j]];
      if (c < 0) continue;
      counts[row * width + o * perOffset + c]++;
    }
  }
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(width);
  let total = 0;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < width; c++) {
      const n = counts[r * width + c];
      rowSum[r] += n;
      colSum[c] += n;
      total += n;
    }
  const random = seededRandom(S.seed);
  const projection = new Float32Array(width * S.dimensions);
  for (let k = 0; k < projection.length; k++) projection[k] = random() < 0.5 ? -1 : 1;
  const vectors = new Float32Array(rows * S.dimensions);
  for (let r = 0; r < rows; r++) {
    const v = vectors.subarray(r * S.dimensions, (r + 1) * S.dimensions);
    for (let c = 0; c < width; c++) {
      const n = counts[r * width + c];
      if (!n) continue;
      const pmi = Math.log((n * total) / (rowSum[r] * colSum[c]));
      if (pmi <= 0) continue;
      const p = projection.subarray(c * S.dimensions, (c + 1) * S.dimensions);
      for (let d = 0; d < S.dimensions; d++) v[d] += pmi * p[d];
    }
    normalise(v);
  }
  return vectors;
}

function normalise(v: Float32Array): void {
  let s = 0;
  for (let d = 0; d < v.length; d++) s += v[d] * v[d];
  const norm = Math.sqrt(s) || 1;
  for (let d = 0; d < v.length; d++) v[d] /= norm;
}

/** Spherical k-means of the given rows; returns each row's cluster (0..k-1). */
function kMeans(vectors: Float32Array, dims: number, members: number[], k: number, random: () => number): Int32Array {
  const assignment = new Int32Array(members.length);
  if (members.length <= k) {
    members.forEach((_, m) => (assignment[m] = m));
    return assignment;
  }
  const centroids = new Float32Array(k * dims);
  // Seeds: k distinct members picked at random.
  const picked = new Set<number>();
  for (let c = 0; c < k; c++) {
    let m: number;
    do m = Math.floor(random() * members.length);
    while (picked.has(m));
    picked.add(m);
    centroids.set(vectors.subarray(members[m] * dims, (members[m] + 1) * dims), c * dims);
  }
  for (let it = 0; it < CLUSTER_SETTINGS.iterations; it++) {
    for (let m = 0; m < members.length; m++) {
      const v = vectors.subarray(members[m] * dims, (members[m] + 1) * dims);
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const off = c * dims;
        for (let d = 0; d < dims; d++) s += v[d] * centroids[off + d];
        if (s > bestScore) [best, bestScore] = [c, s];
      }
      assignment[m] = best;
    }
    centroids.fill(0);
    for (let m = 0; m < members.length; m++) {
      const off = assignment[m] * dims;
      for (let d = 0; d < dims; d++) centroids[off + d] += vectors[members[m] * dims + d];
    }
    for (let c = 0; c < k; c++) normalise(centroids.subarray(c * dims, (c + 1) * dims));
  }
  return assignment;
}

/** x log x, from a table for the small counts that dominate. */
const XLOGX_TABLE = 1 << 20;
const xlogxTable = new Float64Array(XLOGX_TABLE);
for (let x = 1; x < XLOGX_TABLE; x++) xlogxTable[x] = x * Math.log(x);
const xlogx = (x: number) => (x < XLOGX_TABLE ? xlogxTable[x] : x * Math.log(x));

/**
 * Word classes by the exchange algorithm of the predictive class bigram model
 * (Uszkoreit and Brants, 2008): each word in turn moves to the class that makes
 * the text most likely when a word's class is predicted from the word before
 * it. `rowOf` gives the clustered words' rows (-1: not clustered; such a word
 * still counts as a predecessor, as one "other" word).
 */
function exchangeClusters(ids: Int32Array, rowOf: Int32Array, rows: number, classes: number, iterations: number): Int32Array {
  const OTHER = rows;
  const BREAK_ROW = rows + 1;
  const predecessors = rows + 2;
  // Bigram counts (predecessor, clustered word) as sorted keys.
  const keys: number[] = [];
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] === BREAK) continue;
    const r = rowOf[ids[i]];
    if (r < 0) continue;
    const p = ids[i - 1] === BREAK ? BREAK_ROW : rowOf[ids[i - 1]] < 0 ? OTHER : rowOf[ids[i - 1]];
    keys.push(r * predecessors + p);
  }
  const sorted = Float64Array.from(keys).sort();
  // Per clustered word, its predecessors and counts (CSR).
  const start = new Int32Array(rows + 1);
  const predOf: number[] = [];
  const countOf: number[] = [];
  const total = new Float64Array(rows);
  for (let k = 0; k < sorted.length; ) {
    let j = k;
    while (j < sorted.length && sorted[j] === sorted[k]) j++;
    const r = Math.floor(sorted[k] / predecessors);
    predOf.push(sorted[k] - r * predecessors);
    countOf.push(j - k);
    start[r + 1] = predOf.length;
    total[r] += j - k;
    k = j;
  }
  for (let r = 1; r <= rows; r++) if (start[r] < start[r - 1]) start[r] = start[r - 1];
  const pred = Int32Array.from(predOf);
  const count = Int32Array.from(countOf);
  const classOf = new Int32Array(rows);
  for (let r = 0; r < rows; r++) classOf[r] = r % classes;
  const nc = new Float64Array(predecessors * classes);
  const ncl = new Float64Array(classes);
  const move = (r: number, c: number, sign: number) => {
    for (let k = start[r]; k < start[r + 1]; k++) nc[pred[k] * classes + c] += sign * count[k];
    ncl[c] += sign * total[r];
  };
  for (let r = 0; r < rows; r++) move(r, classOf[r], 1);
  const gain = new Float64Array(classes);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let r = 0; r < rows; r++) {
      if (!total[r]) continue;
      const old = classOf[r];
      move(r, old, -1);
      for (let c = 0; c < classes; c++) gain[c] = xlogx(ncl[c]) - xlogx(ncl[c] + total[r]);
      for (let k = start[r]; k < start[r + 1]; k++) {
        const base = pred[k] * classes;
        const n = count[k];
        for (let c = 0; c < classes; c++) {
          const v = nc[base + c];
          gain[c] += xlogx(v + n) - xlogx(v);
        }
      }
      let best = old;
      for (let c = 0; c < classes; c++) if (gain[c] > gain[best] + 1e-9) best = c;
      if (best !== old) moved++;
      classOf[r] = best;
      move(r, best, 1);
    }
    console.log(`train-clusters: exchange with ${classes} classes, iteration ${it + 1}: ${moved} words moved`);
  }
  return classOf;
}

function main(): void {
  const S = CLUSTER_SETTINGS;
  if (!fs.existsSync(source)) {
    console.error(`train-clusters: ${source} not found (it is in ../shared/data beside the repository)`);
    process.exit(2);
  }
  const started = Date.now();
  const { ids, words, counts } = readCorpus(source);
  const order = ranked(words, counts);
  const clustered = order.filter((id) => counts[id] >= S.minCount && /\p{L}/u.test(words[id])).slice(0, S.vocabulary);
  const rowOf = new Int32Array(words.length).fill(-1);
  clustered.forEach((id, row) => (rowOf[id] = row));
  const columnOf = new Int32Array(words.length).fill(-1);
  order.slice(0, S.contexts).forEach((id, c) => (columnOf[id] = c));
  console.log(`train-clusters: ${ids.length} positions, ${words.length} distinct words, clustering ${clustered.length} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  let coarse: Int32Array;
  let fine: Int32Array;
  if (S.method === 'exchange') {
    coarse = exchangeClusters(ids, rowOf, clustered.length, S.coarse, S.iterations);
    fine = exchangeClusters(ids, rowOf, clustered.length, S.coarse * S.finePerCoarse, S.iterations);
  } else {
    const vectors = wordVectors(ids, rowOf, clustered.length, columnOf);
    const random = seededRandom(S.seed + 1);
    const all = clustered.map((_, row) => row);
    coarse = kMeans(vectors, S.dimensions, all, S.coarse, random);
    fine = new Int32Array(clustered.length);
    for (let c = 0; c < S.coarse; c++) {
      const members = all.filter((row) => coarse[row] === c);
      const sub = kMeans(vectors, S.dimensions, members, S.finePerCoarse, random);
      members.forEach((row, m) => (fine[row] = sub[m]));
    }
  }
  const data = {
    $comment: 'Word clusters for the sequence tagger, learned by scripts/train-clusters.ts (npm run train:clusters) from ../shared/data/arwiki-comparable-2017.txt.gz. ' + CREDIT,
    licence: 'CC-BY-SA-4.0',
    credit: CREDIT,
    settings: S,
    words: clustered.map((id) => words[id]).join('\n'),
    clusters: clustered.map((_, row) => `${coarse[row]}.${fine[row]}`).join(' '),
  };
  fs.writeFileSync(target, JSON.stringify(data) + '\n');
  console.log(`train-clusters: wrote ${path.relative(repoRoot, target)} (${(fs.statSync(target).size / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const w of ['القاهرة', 'تونس', 'محمد', 'وزارة', 'جامعة', 'الشركة', 'باريس', 'يوسف']) {
    const row = clustered.findIndex((id) => words[id] === w);
    if (row < 0) continue;
    const same = clustered.filter((_, r) => coarse[r] === coarse[row] && fine[r] === fine[row]).slice(0, 12).map((id) => words[id]);
    console.log(`  ${w}: ${coarse[row]}.${fine[row]} ${same.join(' ')}`);
  }
}

if (require.main === module) main();
