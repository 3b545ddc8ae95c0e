// The tagger's weights as shipped (server/data/tagger-model.json): per stage,
// the feature hashes training kept (sorted), their weights per tag quantised
// to 16 bits, the transition and end scores. Loaded into an open-addressing
// table, so that scoring a token is one probe per feature.
import type { ChainScores } from './decode';
import type { TokenFeatures } from './features';
import { TAG_COUNT, TAGS } from './tags';

const T = TAG_COUNT;

export interface StageData {
  /** base64 of the little-endian Uint32 feature hashes. */
  features: string;
  /** base64 of the little-endian Int16 weights, TAG_COUNT per feature; weight = value * weightScale. */
  weights: string;
  weightScale: number;
  /** (TAG_COUNT + 1) x TAG_COUNT: from the start (row 0) or from each tag, to each tag. */
  transitions: number[];
  ends: number[];
}

export interface TaggerModelData {
  format: 1;
  tags: string[];
  /** Softmax temperature of the confidences (1 for a CRF, calibrated for a perceptron). */
  temperature: number;
  /** The first pass, then (optionally) the second, which also reads the document-level evidence of the first. */
  stages: StageData[];
  /** The entity vocabulary of the training data (see features.ts), per type: words joined by line breaks. */
  entityVocabulary?: Record<string, string>;
  [other: string]: unknown;
}

/** Plain weights of one stage, as training produces them. */
export interface StageWeights {
  hashes: Uint32Array;
  /** TAG_COUNT per feature. */
  weights: Float64Array;
  transitions: Float64Array;
  ends: Float64Array;
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  return btoa(binary);
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function uint32s(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.byteLength / 4);
  if (littleEndian) out.set(new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  else for (let k = 0; k < out.length; k++) out[k] = view.getUint32(4 * k, true);
  return out;
}

function int16s(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(bytes.byteLength / 2);
  if (littleEndian) out.set(new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  else for (let k = 0; k < out.length; k++) out[k] = view.getInt16(2 * k, true);
  return out;
}

/** Quantises and encodes trained weights; features whose weights all round to zero are left out. */
export function encodeStage(w: StageWeights): StageData {
  let max = 0;
  for (const v of w.weights) max = Math.max(max, Math.abs(v));
  const scale = max / 32767 || 1;
  const kept: number[] = [];
  for (let f = 0; f < w.hashes.length; f++) {
    let any = false;
    for (let t = 0; t < T && !any; t++) any = Math.round(w.weights[f * T + t] / scale) !== 0;
    if (any) kept.push(f);
  }
  kept.sort((a, b) => w.hashes[a] - w.hashes[b]);
  const hashes = new Uint32Array(kept.length);
  const weights = new Int16Array(kept.length * T);
  kept.forEach((f, k) => {
    hashes[k] = w.hashes[f];
    for (let t = 0; t < T; t++) weights[k * T + t] = Math.round(w.weights[f * T + t] / scale);
  });
  const le = (a: Uint32Array | Int16Array) => {
    const bytes = new Uint8Array(a.byteLength);
    const view = new DataView(bytes.buffer);
    if (a instanceof Uint32Array) a.forEach((v, k) => view.setUint32(4 * k, v, true));
    else a.forEach((v, k) => view.setInt16(2 * k, v, true));
    return bytes;
  };
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { features: base64Of(le(hashes)), weights: base64Of(le(weights)), weightScale: scale, transitions: [...w.transitions].map(round), ends: [...w.ends].map(round) };
}

/** The feature hashes as signed integers (the same bits), as the scoring loop reads them. */
export function signedHashes(features: TokenFeatures): Int32Array {
  return new Int32Array(features.hashes.buffer, features.hashes.byteOffset, features.hashes.length);
}

/** One stage's weights, ready to score tokens. */
export class StageModel {
  // The open-addressing table: slot s holds the feature hash (signed, so that every key and hash
  // read is a small integer for the engine) at 2s and its row at 2s + 1 (-1: empty), so that
  // one probe reads one cache line.
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly weights: Float64Array;
  readonly transitions: Float64Array;
  readonly ends: Float64Array;
  readonly featureCount: number;
  readonly hashes: Uint32Array;

  constructor(w: StageWeights) {
    this.hashes = w.hashes;
    this.weights = w.weights;
    this.transitions = w.transitions;
    this.ends = w.ends;
    this.featureCount = w.hashes.length;
    let size = 1;
    while (size < w.hashes.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(2 * size);
    for (let s = 0; s < size; s++) this.slots[2 * s + 1] = -1;
    for (let f = 0; f < w.hashes.length; f++) {
      let slot = w.hashes[f] & this.mask;
      while (this.slots[2 * slot + 1] >= 0) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = w.hashes[f] | 0;
      this.slots[2 * slot + 1] = f;
    }
  }

  static decode(data: StageData): StageModel {
    const hashes = uint32s(bytesOf(data.features));
    const q = int16s(bytesOf(data.weights));
    const weights = new Float64Array(q.length);
    for (let k = 0; k < q.length; k++) weights[k] = q[k] * data.weightScale;
    if (weights.length !== hashes.length * T) throw new Error(`tagger model: ${hashes.length} features but ${weights.length} weights (expected ${T} per feature)`);
    if (data.transitions.length !== (T + 1) * T || data.ends.length !== T) throw new Error('tagger model: transition or end scores of the wrong size');
    return new StageModel({ hashes, weights, transitions: Float64Array.from(data.transitions), ends: Float64Array.from(data.ends) });
  }

  /** These weights plus `delta` (whose features may be new): a new stage, this one unchanged. */
  plus(delta: StageWeights): StageModel {
    const extra = [...new Set(delta.hashes)].filter((h) => this.rowOf(h) < 0);
    const hashes = new Uint32Array(this.featureCount + extra.length);
    hashes.set(this.hashes);
    hashes.set(extra, this.featureCount);
    const weights = new Float64Array(hashes.length * T);
    weights.set(this.weights);
    const merged = new StageModel({ hashes, weights, transitions: this.transitions.slice(), ends: this.ends.slice() });
    delta.hashes.forEach((h, f) => {
      const row = merged.rowOf(h) * T;
      for (let t = 0; t < T; t++) weights[row + t] += delta.weights[f * T + t];
    });
    for (let k = 0; k < merged.transitions.length; k++) merged.transitions[k] += delta.transitions[k];
    for (let t = 0; t < T; t++) merged.ends[t] += delta.ends[t];
    return merged;
  }

  /** The row of a feature hash, -1 when the model has no weights for it. */
  rowOf(hash: number): number {
    return this.probe(this.slots, this.mask, hash | 0);
  }

  /** The scores of the features [from, to) of the list (see signedHashes), added to out[at .. at + TAG_COUNT). */
  addScores(signed: Int32Array, from: number, to: number, out: Float64Array, at: number): void {
    if (T === 9) {
      this.addNineScores(signed, from, to, out, at);
      return;
    }
    const { slots, mask, weights } = this;
    for (let k = from; k < to; k++) {
      const row = this.probe(slots, mask, signed[k]);
      if (row < 0) continue;
      const w = row * T;
      for (let t = 0; t < T; t++) out[at + t] += weights[w + t];
    }
  }

  /** The row of a hash: the probe of rowOf, inlined by the engine into the scoring loops. */
  private probe(slots: Int32Array, mask: number, hash: number): number {
    let slot = hash & mask;
    let row = slots[2 * slot + 1];
    while (row >= 0 && slots[2 * slot] !== hash) {
      slot = (slot + 1) & mask;
      row = slots[2 * slot + 1];
    }
    return row;
  }

  // addScores for the nine tags there are: the same additions in the same order, into locals
  // written out one by one, so that the engine keeps the sums in registers.
  private addNineScores(signed: Int32Array, from: number, to: number, out: Float64Array, at: number): void {
    const { slots, mask, weights } = this;
    let s0 = out[at], s1 = out[at + 1], s2 = out[at + 2], s3 = out[at + 3], s4 = out[at + 4], s5 = out[at + 5], s6 = out[at + 6], s7 = out[at + 7], s8 = out[at + 8];
    for (let k = from; k < to; k++) {
      const row = this.probe(slots, mask, signed[k]);
      if (row < 0) continue;
      const w = row * 9;
      s0 += weights[w];
      s1 += weights[w + 1];
      s2 += weights[w + 2];
      s3 += weights[w + 3];
      s4 += weights[w + 4];
      s5 += weights[w + 5];
      s6 += weights[w + 6];
      s7 += weights[w + 7];
      s8 += weights[w + 8];
    }
    out[at] = s0;
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
    out[at + 4] = s4;
    out[at + 5] = s5;
    out[at + 6] = s6;
    out[at + 7] = s7;
    out[at + 8] = s8;
  }

  /**
   * The chain scores of tokens [first, last). `ownScores(i)`, when given, is the
   * (cached) sum of the scores of token i's word-only features.
   */
  scores(features: TokenFeatures, first: number, last: number, ownScores?: (i: number) => Float64Array): ChainScores {
    const length = last - first;
    const emissions = new Float64Array(length * T);
    const { offsets, ownCount } = features;
    const hashes = signedHashes(features);
    for (let i = first; i < last; i++) {
      const base = (i - first) * T;
      let from = offsets[i];
      if (ownScores) {
        const own = ownScores(i);
        for (let t = 0; t < T; t++) emissions[base + t] = own[t];
        from += ownCount[i];
      }
      this.addScores(hashes, from, offsets[i + 1], emissions, base);
    }
    return { emissions, transitions: this.transitions, ends: this.ends, length };
  }
}

export class TaggerModel {
  readonly stages: StageModel[];
  readonly temperature: number;
  readonly entityVocabulary?: Map<string, string>;

  constructor(data: TaggerModelData) {
    if (data.format !== 1) throw new Error(`tagger model: unknown format ${String(data.format)}`);
    if (data.tags.join(' ') !== TAGS.join(' ')) throw new Error(`tagger model: its tags (${data.tags.join(' ')}) are not the tagger's (${TAGS.join(' ')})`);
    if (!data.stages.length) throw new Error('tagger model: no stage');
    this.stages = data.stages.map((s) => StageModel.decode(s));
    this.temperature = data.temperature;
    if (data.entityVocabulary) {
      this.entityVocabulary = new Map();
      for (const [type, words] of Object.entries(data.entityVocabulary)) for (const w of words.split('\n')) if (w) this.entityVocabulary.set(w, type);
    }
  }

  /** The same model with other weights (an adapted one: see adapt.ts). */
  withStages(stages: StageModel[]): TaggerModel {
    if (stages.length !== this.stages.length) throw new Error(`tagger model: ${stages.length} stages given for a model of ${this.stages.length}`);
    return Object.assign(Object.create(TaggerModel.prototype) as TaggerModel, { ...this, stages });
  }

  /** The entity vocabulary in the shape the model stores it. */
  static encodeVocabulary(vocabulary: Map<string, string>): Record<string, string> {
    const byType: Record<string, string[]> = {};
    for (const [w, type] of [...vocabulary].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) (byType[type] ??= []).push(w);
    return Object.fromEntries(Object.entries(byType).sort().map(([type, words]) => [type, words.join('\n')]));
  }
}
