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
  [other: string]: unknown;
}

/** Plain weights of one stage, as training produces them. */
export interface StageWeights {
  hashes: Uint32Array;
  /** TAG_COUNT per feature. */
  weights: Float32Array;
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

/** One stage's weights, ready to score tokens. */
export class StageModel {
  private readonly keys: Uint32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;
  readonly weights: Float32Array;
  readonly transitions: Float64Array;
  readonly ends: Float64Array;
  readonly featureCount: number;

  constructor(w: StageWeights) {
    this.weights = w.weights;
    this.transitions = w.transitions;
    this.ends = w.ends;
    this.featureCount = w.hashes.length;
    let size = 1;
    while (size < w.hashes.length * 2) size <<= 1;
    this.mask = size - 1;
    this.keys = new Uint32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    for (let f = 0; f < w.hashes.length; f++) {
      let slot = w.hashes[f] & this.mask;
      while (this.rows[slot] >= 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = w.hashes[f];
      this.rows[slot] = f;
    }
  }

  static decode(data: StageData): StageModel {
    const hashes = uint32s(bytesOf(data.features));
    const q = int16s(bytesOf(data.weights));
    const weights = new Float32Array(q.length);
    for (let k = 0; k < q.length; k++) weights[k] = q[k] * data.weightScale;
    if (weights.length !== hashes.length * T) throw new Error(`tagger model: ${hashes.length} features but ${weights.length} weights (expected ${T} per feature)`);
    if (data.transitions.length !== (T + 1) * T || data.ends.length !== T) throw new Error('tagger model: transition or end scores of the wrong size');
    return new StageModel({ hashes, weights, transitions: Float64Array.from(data.transitions), ends: Float64Array.from(data.ends) });
  }

  /** The row of a feature hash, -1 when the model has no weights for it. */
  rowOf(hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const row = this.rows[slot];
      if (row < 0 || this.keys[slot] === hash) return row;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The chain scores of tokens [first, last). */
  scores(features: TokenFeatures, first: number, last: number): ChainScores {
    const length = last - first;
    const emissions = new Float64Array(length * T);
    const { offsets, hashes } = features;
    for (let i = first; i < last; i++) {
      const base = (i - first) * T;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        const row = this.rowOf(hashes[k]);
        if (row < 0) continue;
        const w = row * T;
        for (let t = 0; t < T; t++) emissions[base + t] += this.weights[w + t];
      }
    }
    return { emissions, transitions: this.transitions, ends: this.ends, length };
  }
}

export class TaggerModel {
  readonly stages: StageModel[];
  readonly temperature: number;

  constructor(data: TaggerModelData) {
    if (data.format !== 1) throw new Error(`tagger model: unknown format ${String(data.format)}`);
    if (data.tags.join(' ') !== TAGS.join(' ')) throw new Error(`tagger model: its tags (${data.tags.join(' ')}) are not the tagger's (${TAGS.join(' ')})`);
    if (!data.stages.length) throw new Error('tagger model: no stage');
    this.stages = data.stages.map((s) => StageModel.decode(s));
    this.temperature = data.temperature;
  }
}
