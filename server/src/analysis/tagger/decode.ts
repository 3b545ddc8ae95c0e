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

// The allowed transitions between tags, as lists: the tags that may precede tag t are
// BEFORE[BEFORE_FROM[t] .. BEFORE_FROM[t + 1]), those that may follow tag p AFTER[AFTER_FROM[p] ..
// AFTER_FROM[p + 1]), in ascending order. The loops below skip the rest: a disallowed
// transition adds a zero probability, or a score of NEG that never wins, so the sums and the
// maxima are the same, in the same order.
function allowedLists(allowedPair: (a: number, b: number) => boolean): { from: Int32Array; tags: Int32Array } {
  const from = new Int32Array(T + 1);
  const tags: number[] = [];
  for (let x = 0; x < T; x++) {
    for (let y = 0; y < T; y++) if (allowedPair(x, y)) tags.push(y);
    from[x + 1] = tags.length;
  }
  return { from, tags: Int32Array.from(tags) };
}
const { from: BEFORE_FROM, tags: BEFORE } = allowedLists((t, p) => ALLOWED[(p + 1) * T + t] === 1);
const { from: AFTER_FROM, tags: AFTER } = allowedLists((p, t) => ALLOWED[(p + 1) * T + t] === 1);

function transition(s: ChainScores, prev: number, next: number): number {
  const k = (prev + 1) * T + next;
  return ALLOWED[k] ? s.transitions[k] : NEG;
}

// Scratch buffers reused from call to call (decoding is never re-entered): a
// document's sentences would otherwise allocate them by the thousand.
let scratchScore = new Float64Array(64 * T);
let scratchBack = new Uint8Array(64 * T);
const scratchTransitions = new Float64Array((T + 1) * T);

function scoreBuffer(size: number): Float64Array {
  if (scratchScore.length < size) scratchScore = new Float64Array(Math.max(size, 2 * scratchScore.length));
  return scratchScore;
}

export function viterbi(s: ChainScores, scale = 1): Uint8Array {
  const n = s.length;
  const tags = new Uint8Array(n);
  if (!n) return tags;
  const score = scoreBuffer(n * T);
  if (scratchBack.length < n * T) scratchBack = new Uint8Array(Math.max(n * T, 2 * scratchBack.length));
  const back = scratchBack;
  const { emissions, transitions } = s;
  // transition(s, p, t) * scale, as the loop below would compute it each time.
  const tr = scratchTransitions;
  for (let k = 0; k < tr.length; k++) tr[k] = (ALLOWED[k] ? transitions[k] : NEG) * scale;
  for (let t = 0; t < T; t++) score[t] = (transition(s, -1, t) + emissions[t]) * scale;
  for (let i = 1; i < n; i++) {
    const row = i * T;
    const previous = row - T;
    for (let t = 0; t < T; t++) {
      let best = 0;
      let bestScore = -Infinity;
      for (let m = BEFORE_FROM[t]; m < BEFORE_FROM[t + 1]; m++) {
        const p = BEFORE[m];
        const v = score[previous + p] + tr[(p + 1) * T + t];
        if (v > bestScore) {
          best = p;
          bestScore = v;
        }
      }
      score[row + t] = bestScore + emissions[row + t] * scale;
      back[row + t] = best;
    }
  }
  let last = 0;
  const lastRow = (n - 1) * T;
  for (let t = 1; t < T; t++) if (score[lastRow + t] + s.ends[t] > score[lastRow + last] + s.ends[last]) last = t;
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
  const n = raw.length;
  // What the lattice keeps, in one allocation: alpha (n x T), beta (n x T), forwardLog (n),
  // backwardLog (n), then the scaled scores when the temperature is not 1.
  const B = n * T;
  const FORWARD_LOG = 2 * n * T;
  const BACKWARD_LOG = FORWARD_LOG + n;
  const SCALED = BACKWARD_LOG + n;
  const store = new Float64Array(SCALED + (temperature === 1 ? 0 : raw.emissions.length + raw.transitions.length + raw.ends.length));
  const s = temperature === 1 ? raw : scaleScores(raw, 1 / temperature, store, SCALED);
  if (!n) return { alpha: () => NEG, beta: () => NEG, logZ: 0, scaled: s };
  const tr = scratchTransitions;
  for (let k = 0; k < tr.length; k++) tr[k] = ALLOWED[k] ? Math.exp(s.transitions[k]) : 0;
  // The emissions as probabilities, each token's shifted by its largest score (not kept: scratch).
  const em = scoreBuffer(n * T);
  if (scratchShift.length < n) scratchShift = new Float64Array(Math.max(n, 2 * scratchShift.length));
  const shift = scratchShift;
  const emissions = s.emissions;
  for (let i = 0; i < n; i++) {
    const row = i * T;
    let max = -Infinity;
    for (let t = 0; t < T; t++) max = Math.max(max, emissions[row + t]);
    shift[i] = max;
    for (let t = 0; t < T; t++) em[row + t] = Math.exp(emissions[row + t] - max);
  }
  // Forward, each row normalised; forwardLog[i] is the log of what rows 0..i took out.
  const a = store;
  let logScale = 0;
  for (let i = 0; i < n; i++) {
    const row = i * T;
    let sum = 0;
    for (let t = 0; t < T; t++) {
      let v = 0;
      if (i === 0) v = tr[t];
      else for (let m = BEFORE_FROM[t]; m < BEFORE_FROM[t + 1]; m++) v += a[row - T + BEFORE[m]] * tr[(BEFORE[m] + 1) * T + t];
      v *= em[row + t];
      a[row + t] = v;
      sum += v;
    }
    for (let t = 0; t < T; t++) a[row + t] /= sum;
    logScale += Math.log(sum) + shift[i];
    store[FORWARD_LOG + i] = logScale;
  }
  let last = 0;
  for (let t = 0; t < T; t++) last += a[(n - 1) * T + t] * Math.exp(s.ends[t]);
  const logZ = Math.log(last) + logScale;
  // Backward, likewise; backwardLog[i] is the log of what rows i..n-1 took out.
  let backLog = 0;
  for (let t = 0; t < T; t++) store[B + (n - 1) * T + t] = Math.exp(s.ends[t]);
  for (let i = n - 1; i >= 0; i--) {
    const row = B + i * T;
    if (i < n - 1) {
      const next = row + T;
      const nextEm = (i + 1) * T;
      for (let p = 0; p < T; p++) {
        let v = 0;
        for (let m = AFTER_FROM[p]; m < AFTER_FROM[p + 1]; m++) {
          const t = AFTER[m];
          v += tr[(p + 1) * T + t] * em[nextEm + t] * store[next + t];
        }
        store[row + p] = v;
      }
      backLog += shift[i + 1];
    }
    let sum = 0;
    for (let t = 0; t < T; t++) sum += store[row + t];
    for (let t = 0; t < T; t++) store[row + t] /= sum;
    backLog += Math.log(sum);
    store[BACKWARD_LOG + i] = backLog;
  }
  // Logarithms only of what is asked for: most positions never are.
  return {
    alpha: (i, t) => Math.log(store[i * T + t]) + store[FORWARD_LOG + i],
    beta: (i, t) => Math.log(store[B + i * T + t]) + store[BACKWARD_LOG + i],
    logZ,
    scaled: s,
  };
}

let scratchShift = new Float64Array(64);

/** The scores times `factor`, written into store[at ..]: emissions, transitions, ends. */
function scaleScores(s: ChainScores, factor: number, store: Float64Array, at: number): ChainScores {
  const emissions = times(s.emissions, factor, store.subarray(at, at + s.emissions.length));
  at += s.emissions.length;
  const transitions = times(s.transitions, factor, store.subarray(at, at + s.transitions.length));
  at += s.transitions.length;
  const ends = times(s.ends, factor, store.subarray(at, at + s.ends.length));
  return { emissions, transitions, ends, length: s.length };
}

function times(values: Float64Array, factor: number, out: Float64Array): Float64Array {
  for (let k = 0; k < values.length; k++) out[k] = values[k] * factor;
  return out;
}

/** P(tag t at token i). */
export function tagMarginal(l: Lattice, i: number, t: number): number {
  return Math.exp(l.alpha(i, t) + l.beta(i, t) - l.logZ);
}

const scratchTail = new Float64Array(T);

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
    const tmp = scratchTail;
    for (let t = 0; t < T; t++) tmp[t] = t === inside ? NEG : transition(s, prev, t) + s.emissions[last * T + t] + l.beta(last, t);
    score += logSumExp(tmp, T);
  }
  return Math.min(1, Math.exp(score - l.logZ));
}
