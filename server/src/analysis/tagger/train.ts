// Training the tagger's weights (used by scripts/train-tagger.ts and the
// tests; never by the editor): an averaged structured perceptron and a
// linear-chain CRF trained by stochastic gradient descent with L2, both over
// the same features and the same constrained decoder. Deterministic for a seed.
import { ChainScores, forwardBackward, viterbi } from './decode';
import type { TokenFeatures } from './features';
import type { StageWeights } from './model';
import { allowed, TAG_COUNT } from './tags';
import { seededRandom, shuffle } from './random';

const T = TAG_COUNT;

/** One document: its token features, gold tags and sentences. */
export interface TrainingDocument {
  features: TokenFeatures;
  gold: Uint8Array;
  sentences: Array<[number, number]>;
}

export interface TrainingOptions {
  algorithm: 'perceptron' | 'crf';
  epochs: number;
  seed: number;
  /** Features seen fewer times than this get no weight. */
  minCount: number;
  /** CRF: L2 strength per example and initial learning rate. */
  l2?: number;
  learningRate?: number;
}

/** A sentence with its features as rows of the weight table. */
interface Example {
  offsets: Int32Array;
  rows: Int32Array;
  gold: Uint8Array;
}

function indexFeatures(docs: readonly TrainingDocument[], minCount: number): { hashes: Uint32Array; examples: Example[] } {
  const counts = new Map<number, number>();
  for (const d of docs) for (const h of d.features.hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  const kept = [...counts].filter(([, c]) => c >= minCount).map(([h]) => h).sort((a, b) => a - b);
  const rowOf = new Map<number, number>();
  kept.forEach((h, k) => rowOf.set(h, k));
  const examples: Example[] = [];
  for (const d of docs) {
    for (const [a, b] of d.sentences) {
      const offsets = new Int32Array(b - a + 1);
      const rows: number[] = [];
      for (let i = a; i < b; i++) {
        offsets[i - a] = rows.length;
        for (let k = d.features.offsets[i]; k < d.features.offsets[i + 1]; k++) {
          const row = rowOf.get(d.features.hashes[k]);
          if (row !== undefined) rows.push(row);
        }
      }
      offsets[b - a] = rows.length;
      examples.push({ offsets, rows: Int32Array.from(rows), gold: d.gold.slice(a, b) });
    }
  }
  return { hashes: Uint32Array.from(kept), examples };
}

function emissionsOf(e: Example, weights: Float64Array, scale = 1): Float64Array {
  const n = e.gold.length;
  const out = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    for (let k = e.offsets[i]; k < e.offsets[i + 1]; k++) {
      const w = e.rows[k] * T;
      for (let t = 0; t < T; t++) out[i * T + t] += weights[w + t];
    }
    if (scale !== 1) for (let t = 0; t < T; t++) out[i * T + t] *= scale;
  }
  return out;
}

export function train(docs: readonly TrainingDocument[], options: TrainingOptions): StageWeights {
  const { hashes, examples } = indexFeatures(docs, options.minCount);
  const random = seededRandom(options.seed);
  const result = options.algorithm === 'crf' ? trainCrf(hashes.length, examples, options, random) : trainPerceptron(hashes.length, examples, options, random);
  return { hashes, ...result };
}

type Trained = Omit<StageWeights, 'hashes'>;

function trainPerceptron(features: number, examples: Example[], options: TrainingOptions, random: () => number): Trained {
  const w = new Float64Array(features * T);
  const u = new Float64Array(features * T);
  const trans = new Float64Array((T + 1) * T);
  const transU = new Float64Array((T + 1) * T);
  const ends = new Float64Array(T);
  const endsU = new Float64Array(T);
  let c = 1;
  const order = examples.map((_, k) => k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const k of order) {
      const e = examples[k];
      const n = e.gold.length;
      const predicted = viterbi({ emissions: emissionsOf(e, w), transitions: trans, ends, length: n });
      for (let i = 0; i < n; i++) {
        const g = e.gold[i];
        const p = predicted[i];
        if (g !== p) {
          for (let r = e.offsets[i]; r < e.offsets[i + 1]; r++) {
            const base = e.rows[r] * T;
            w[base + g] += 1;
            u[base + g] += c;
            w[base + p] -= 1;
            u[base + p] -= c;
          }
        }
        const gp = i ? e.gold[i - 1] : -1;
        const pp = i ? predicted[i - 1] : -1;
        if (g !== p || gp !== pp) {
          trans[(gp + 1) * T + g] += 1;
          transU[(gp + 1) * T + g] += c;
          trans[(pp + 1) * T + p] -= 1;
          transU[(pp + 1) * T + p] -= c;
        }
      }
      if (e.gold[n - 1] !== predicted[n - 1]) {
        ends[e.gold[n - 1]] += 1;
        endsU[e.gold[n - 1]] += c;
        ends[predicted[n - 1]] -= 1;
        endsU[predicted[n - 1]] -= c;
      }
      c++;
    }
  }
  const average = (a: Float64Array, au: Float64Array) => a.map((v, k) => v - au[k] / c);
  return { weights: average(w, u), transitions: average(trans, transU), ends: average(ends, endsU) };
}

function trainCrf(features: number, examples: Example[], options: TrainingOptions, random: () => number): Trained {
  const v = new Float64Array(features * T);
  const trans = new Float64Array((T + 1) * T);
  const ends = new Float64Array(T);
  const l2 = options.l2 ?? 1e-5;
  const eta0 = options.learningRate ?? 0.1;
  // The weights are scale * v, so that the L2 decay of every weight is one multiplication.
  let scale = 1;
  let step = 0;
  const order = examples.map((_, k) => k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const k of order) {
      const e = examples[k];
      const n = e.gold.length;
      const eta = eta0 / (1 + (eta0 * l2 * step++));
      const scores: ChainScores = { emissions: emissionsOf(e, v, scale), transitions: trans, ends, length: n };
      const l = forwardBackward(scores);
      scale *= 1 - eta * l2;
      const step2 = eta / scale;
      for (let i = 0; i < n; i++) {
        for (let t = 0; t < T; t++) {
          const marginal = Math.exp(l.alpha(i, t) + l.beta(i, t) - l.logZ);
          const g = (e.gold[i] === t ? 1 : 0) - marginal;
          if (Math.abs(g) < 1e-7) continue;
          for (let r = e.offsets[i]; r < e.offsets[i + 1]; r++) v[e.rows[r] * T + t] += step2 * g;
        }
        // Transitions into token i.
        if (i === 0) {
          for (let t = 0; t < T; t++) {
            if (!allowed(-1, t)) continue;
            const p = Math.exp(trans[t] + scores.emissions[t] + l.beta(0, t) - l.logZ);
            trans[t] += eta * ((e.gold[0] === t ? 1 : 0) - p);
          }
        } else {
          for (let p = 0; p < T; p++) {
            for (let t = 0; t < T; t++) {
              if (!allowed(p, t)) continue;
              const k2 = (p + 1) * T + t;
              const pm = Math.exp(l.alpha(i - 1, p) + trans[k2] + scores.emissions[i * T + t] + l.beta(i, t) - l.logZ);
              trans[k2] += eta * ((e.gold[i - 1] === p && e.gold[i] === t ? 1 : 0) - pm);
            }
          }
        }
      }
      for (let t = 0; t < T; t++) {
        const p = Math.exp(l.alpha(n - 1, t) + ends[t] - l.logZ);
        ends[t] += eta * ((e.gold[n - 1] === t ? 1 : 0) - p);
      }
      if (scale < 1e-9) {
        for (let q = 0; q < v.length; q++) v[q] *= scale;
        scale = 1;
      }
    }
  }
  return { weights: v.map((x) => x * scale), transitions: trans, ends };
}

/**
 * The temperature that makes the tag marginals of these (held-out) sentences
 * most likely: a perceptron's scores are not probabilities until scaled.
 */
export function calibrateTemperature(sentences: ReadonlyArray<{ scores: ChainScores; gold: Uint8Array }>): number {
  const nll = (temperature: number) => {
    let sum = 0;
    for (const s of sentences) {
      const l = forwardBackward(s.scores, temperature);
      for (let i = 0; i < s.gold.length; i++) sum -= Math.max(-50, l.alpha(i, s.gold[i]) + l.beta(i, s.gold[i]) - l.logZ);
    }
    return sum;
  };
  // The likelihood is unimodal in log T: a golden-section search over T in [1/8, 128].
  let lo = Math.log(1 / 8);
  let hi = Math.log(128);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(b));
  for (let k = 0; k < 14; k++) {
    if (fa < fb) {
      [hi, b, fb] = [b, a, fa];
      a = hi - phi * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      [lo, a, fa] = [a, b, fb];
      b = lo + phi * (hi - lo);
      fb = nll(Math.exp(b));
    }
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1e4) / 1e4;
}
