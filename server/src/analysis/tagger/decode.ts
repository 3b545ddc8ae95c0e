// Decoding a linear chain: the best tag sequence (Viterbi), the marginals of
// every tag (forward-backward, in log space), and the probability of one span.
// Scores: emissions[i * T + t] for token i and tag t; transitions[(p + 1) * T + t]
// from tag p (row 0: the start) to tag t; ends[t] for the last tag. Disallowed
// transitions (I-X after anything but X) are never taken.
import { allowed, TAG_COUNT } from './tags';

const T = TAG_COUNT;
const NEG = -1e30;

export interface ChainScores {
  emissions: Float64Array;
  transitions: Float64Array;
  ends: Float64Array;
  length: number;
}

const ALLOWED = (() => {
  const a = new Uint8Array((T + 1) * T);
  for (let p = -1; p < T; p++) for (let t = 0; t < T; t++) a[(p + 1) * T + t] = allowed(p, t) ? 1 : 0;
  return a;
})();

function transition(s: ChainScores, prev: number, next: number): number {
  const k = (prev + 1) * T + next;
  return ALLOWED[k] ? s.transitions[k] : NEG;
}

export function viterbi(s: ChainScores, scale = 1): Uint8Array {
  const n = s.length;
  const tags = new Uint8Array(n);
  if (!n) return tags;
  const score = new Float64Array(n * T);
  const back = new Uint8Array(n * T);
  for (let t = 0; t < T; t++) score[t] = (transition(s, -1, t) + s.emissions[t]) * scale;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = 0;
      let bestScore = -Infinity;
      for (let p = 0; p < T; p++) {
        const v = score[(i - 1) * T + p] + transition(s, p, t) * scale;
        if (v > bestScore) [best, bestScore] = [p, v];
      }
      score[i * T + t] = bestScore + s.emissions[i * T + t] * scale;
      back[i * T + t] = best;
    }
  }
  let last = 0;
  for (let t = 1; t < T; t++) if (score[(n - 1) * T + t] + s.ends[t] > score[(n - 1) * T + last] + s.ends[last]) last = t;
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + tags[i]];
  return tags;
}

function logSumExp(values: Float64Array, count: number): number {
  let max = -Infinity;
  for (let k = 0; k < count; k++) if (values[k] > max) max = values[k];
  if (max === -Infinity || max <= NEG / 2) return NEG;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += Math.exp(values[k] - max);
  return max + Math.log(sum);
}

export interface Lattice {
  /** Log score of all prefixes ending in tag t at token i (emission of i included). */
  alpha(i: number, t: number): number;
  /** Log score of all suffixes after tag t at token i (emission of i excluded). */
  beta(i: number, t: number): number;
  logZ: number;
  /** The scores, each multiplied by 1 / temperature. */
  scaled: ChainScores;
}

/**
 * Forward-backward over the scores divided by `temperature`. It runs in
 * probabilities normalised at every token (a few exponentials per token
 * rather than one per pair of tags) and returns the logarithms.
 */
export function forwardBackward(raw: ChainScores, temperature = 1): Lattice {
  const s = temperature === 1 ? raw : scaleScores(raw, 1 / temperature);
  const n = s.length;
  if (!n) return { alpha: () => NEG, beta: () => NEG, logZ: 0, scaled: s };
  const tr = new Float64Array((T + 1) * T);
  for (let k = 0; k < tr.length; k++) tr[k] = ALLOWED[k] ? Math.exp(s.transitions[k]) : 0;
  const em = new Float64Array(n * T);
  const shift = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let t = 0; t < T; t++) max = Math.max(max, s.emissions[i * T + t]);
    shift[i] = max;
    for (let t = 0; t < T; t++) em[i * T + t] = Math.exp(s.emissions[i * T + t] - max);
  }
  // Forward, each row normalised; forwardLog[i] is the log of what rows 0..i took out.
  const a = new Float64Array(n * T);
  const forwardLog = new Float64Array(n);
  let logScale = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let t = 0; t < T; t++) {
      let v = 0;
      if (i === 0) v = tr[t];
      else for (let p = 0; p < T; p++) v += a[(i - 1) * T + p] * tr[(p + 1) * T + t];
      v *= em[i * T + t];
      a[i * T + t] = v;
      sum += v;
    }
    for (let t = 0; t < T; t++) a[i * T + t] /= sum;
    logScale += Math.log(sum) + shift[i];
    forwardLog[i] = logScale;
  }
  let last = 0;
  for (let t = 0; t < T; t++) last += a[(n - 1) * T + t] * Math.exp(s.ends[t]);
  const logZ = Math.log(last) + logScale;
  // Backward, likewise; backwardLog[i] is the log of what rows i..n-1 took out.
  const b = new Float64Array(n * T);
  const backwardLog = new Float64Array(n);
  let backLog = 0;
  for (let t = 0; t < T; t++) b[(n - 1) * T + t] = Math.exp(s.ends[t]);
  for (let i = n - 1; i >= 0; i--) {
    if (i < n - 1) {
      for (let p = 0; p < T; p++) {
        let v = 0;
        for (let t = 0; t < T; t++) v += tr[(p + 1) * T + t] * em[(i + 1) * T + t] * b[(i + 1) * T + t];
        b[i * T + p] = v;
      }
      backLog += shift[i + 1];
    }
    let sum = 0;
    for (let t = 0; t < T; t++) sum += b[i * T + t];
    for (let t = 0; t < T; t++) b[i * T + t] /= sum;
    backLog += Math.log(sum);
    backwardLog[i] = backLog;
  }
  // Logarithms only of what is asked for: most positions never are.
  return {
    alpha: (i, t) => Math.log(a[i * T + t]) + forwardLog[i],
    beta: (i, t) => Math.log(b[i * T + t]) + backwardLog[i],
    logZ,
    scaled: s,
  };
}

function scaleScores(s: ChainScores, factor: number): ChainScores {
  const times = (a: Float64Array) => a.map((v) => v * factor);
  return { emissions: times(s.emissions), transitions: times(s.transitions), ends: times(s.ends), length: s.length };
}

/** P(tag t at token i). */
export function tagMarginal(l: Lattice, i: number, t: number): number {
  return Math.exp(l.alpha(i, t) + l.beta(i, t) - l.logZ);
}

/**
 * The probability that tokens [first, last) are exactly one name of the type
 * begun by tag `begin` (followed by its I- tag `inside`): B at first, I up to
 * last - 1, and no I of that type at last.
 */
export function spanMarginal(l: Lattice, first: number, last: number, begin: number, inside: number): number {
  const s = l.scaled;
  let score = l.alpha(first, begin);
  let prev = begin;
  for (let i = first + 1; i < last; i++) {
    score += transition(s, prev, inside) + s.emissions[i * T + inside];
    prev = inside;
  }
  if (last >= s.length) score += s.ends[prev];
  else {
    const tmp = new Float64Array(T);
    for (let t = 0; t < T; t++) tmp[t] = t === inside ? NEG : transition(s, prev, t) + s.emissions[last * T + t] + l.beta(last, t);
    score += logSumExp(tmp, T);
  }
  return Math.min(1, Math.exp(score - l.logZ));
}
