// The sequence tagger: features per token, a first pass per sentence, then
// (when the model has one) a second pass that also knows what the first pass
// found for the same word elsewhere in the document. Every span comes with the
// probability the model gives to exactly that span (forward-backward).
import type { PreparedText } from '../document';
import { ChainScores, forwardBackward, Lattice, spanMarginal, viterbi } from './decode';
import { FeatureExtractor, FeatureResources, TokenFeatures } from './features';
import { signedHashes, StageModel, TaggerModel } from './model';
import { FinalPass, SentenceMemo } from './sentenceMemo';
import { isBegin, isInside, LABEL_OF_TYPE, TAG_COUNT, TAGS, typeOf } from './tags';

/** A name the tagger found: tokens [first, last). */
export interface TaggedSpan {
  first: number;
  last: number;
  /** ANERcorp's type: PERS, LOC, ORG or MISC. */
  type: string;
  /** The Iltizam label, undefined for MISC. */
  label?: string;
  /** The marginal probability of the span, 0..1. */
  confidence: number;
}

/** Document-level evidence: the type index (1-based) of each type, as the second pass reads it. */
const TYPES = ['PERS', 'LOC', 'ORG', 'MISC'];

/** The sentences of a prepared text, as [first, last) token ranges. */
export function sentenceRanges(doc: PreparedText): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = doc.tokens.length;
  for (let first = 0; first < n; ) {
    let last = first + 1;
    while (last < n && doc.sentenceOf[last] === doc.sentenceOf[first]) last++;
    out.push([first, last]);
    first = last;
  }
  return out;
}

/** The spans of a tag sequence (tags of tokens [offset, offset + tags.length)). */
export function spansOf(tags: ArrayLike<number>, offset = 0): Array<{ first: number; last: number; type: string; begin: number }> {
  const out: Array<{ first: number; last: number; type: string; begin: number }> = [];
  for (let i = 0; i < tags.length; i++) {
    if (!isBegin(tags[i]) && !(isInside(tags[i]) && (i === 0 || typeOf(tags[i - 1]) !== typeOf(tags[i])))) continue;
    const type = typeOf(tags[i]);
    let j = i + 1;
    while (j < tags.length && isInside(tags[j]) && typeOf(tags[j]) === type) j++;
    out.push({ first: offset + i, last: offset + j, type, begin: TAGS.indexOf(`B-${type}` as (typeof TAGS)[number]) });
    i = j - 1;
  }
  return out;
}

/**
 * Per token, the type (1-based index in TYPES) that the given spans give the
 * same word at some other position of the document, 0 for none: a name tagged
 * once is evidence for its other mentions.
 */
export function documentEvidence(doc: PreparedText, spans: readonly { first: number; last: number; type: string }[], stemOf: (i: number) => number): Uint8Array {
  const n = doc.tokens.length;
  const counts = new Map<number, Int32Array>();
  const own = new Int8Array(n).fill(-1);
  for (const s of spans) {
    const type = TYPES.indexOf(s.type);
    for (let i = s.first; i < s.last; i++) {
      const stem = stemOf(i);
      let c = counts.get(stem);
      if (!c) counts.set(stem, (c = new Int32Array(TYPES.length)));
      c[type]++;
      own[i] = type;
    }
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = counts.get(stemOf(i));
    if (!c) continue;
    let best = -1;
    let bestCount = 0;
    for (let k = 0; k < TYPES.length; k++) {
      const count = c[k] - (own[i] === k ? 1 : 0);
      if (count > bestCount) [best, bestCount] = [k, count];
    }
    out[i] = best + 1;
  }
  return out;
}

/** The document-level evidence of tokens [a, b) as text, one character (of code 0 to 4) per token. */
function evidenceKey(evidence: Uint8Array, a: number, b: number): string {
  let key = '';
  for (let from = a; from < b; from += 4096) key += String.fromCharCode.apply(null, evidence.subarray(from, Math.min(b, from + 4096)) as unknown as number[]);
  return key;
}

/** Per stage, the summed scores of each word's own features (bounded, as the word caches are). */
const MAX_CACHED_WORDS = 50_000;

export class SequenceTagger {
  private readonly extractor: FeatureExtractor;
  private readonly ownScoreCaches = new Map<StageModel, Map<string, Float64Array>>();
  /** What earlier analyses found in each sentence (see sentenceMemo.ts). */
  readonly memo = new SentenceMemo();

  constructor(
    readonly model: TaggerModel,
    readonly resources: FeatureResources,
  ) {
    this.extractor = new FeatureExtractor(resources);
  }

  /** The names in the document, with their confidence. */
  tag(doc: PreparedText): TaggedSpan[] {
    return this.tagDocument(doc).spans;
  }

  /**
   * The names in the document, and the probability the model gives any other
   * span of tokens (within a sentence) of being exactly one name of a type.
   */
  tagDocument(doc: PreparedText): { spans: TaggedSpan[]; spanConfidence(first: number, last: number, type: string): number } {
    const sentences = sentenceRanges(doc);
    const [first, second] = this.model.stages;
    const lexicon = this.extractor.lexiconEvidence(doc);
    const results = sentences.map(([a, b]) => this.memo.resultsOf(this.extractor.sentenceContext(doc, a, b, lexicon)));
    let evidence: Uint8Array | undefined;
    if (second) {
      const found = sentences.flatMap(([a, b], k) => {
        const spans = (results[k].firstPass ??= spansOf(viterbi(this.sentenceScores(first, doc, a, b, lexicon)), 0));
        return spans.map((s) => ({ first: a + s.first, last: a + s.last, type: s.type }));
      });
      evidence = documentEvidence(doc, found, (i) => this.extractor.wordInfo(doc.tokens[i].text, doc.readingsAt(i)).stem);
    }
    const stage = second ?? first;
    // Lattices are made for this call only (as they are asked for): the memo keeps what was read from them.
    const lattices = new Map<number, Lattice>();
    const latticeOf = (k: number, scores?: ChainScores) => {
      let l = lattices.get(k);
      if (!l) lattices.set(k, (l = forwardBackward(scores ?? this.sentenceScores(stage, doc, sentences[k][0], sentences[k][1], lexicon, evidence), this.model.temperature)));
      return l;
    };
    const finals = sentences.map(([a, b], k) =>
      SentenceMemo.finalPassOf(results[k], evidence ? evidenceKey(evidence, a, b) : '', () => this.tagSentence(this.sentenceScores(stage, doc, a, b, lexicon, evidence), (scores) => latticeOf(k, scores))),
    );
    const spans = sentences.flatMap(([a], k) => finals[k].spans.map((s) => ({ ...s, first: a + s.first, last: a + s.last })));
    const sentenceAt = (i: number) => {
      let lo = 0;
      let hi = sentences.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (sentences[mid][0] <= i) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const spanConfidence = (first: number, last: number, type: string) => {
      const k = sentenceAt(first);
      const [a, b] = sentences[k];
      const begin = (TAGS as readonly string[]).indexOf('B-' + type);
      if (last > b || begin < 0) return 0;
      const asked = `${first - a},${last - a},${begin}`;
      let p = finals[k].confidences.get(asked);
      if (p === undefined) finals[k].confidences.set(asked, (p = spanMarginal(latticeOf(k), first - a, last - a, begin, begin + 1)));
      return p;
    };
    return { spans, spanConfidence };
  }

  /** The chain scores of the sentence [a, b) by `stage`, from its own features (and its evidence, for the second pass). */
  private sentenceScores(stage: StageModel, doc: PreparedText, a: number, b: number, lexicon: Uint32Array, evidence?: Uint8Array): ChainScores {
    const features = this.extractor.extractRange(doc, a, b, lexicon, evidence);
    return stage.scores(features, 0, b - a, this.ownScores(stage, doc, features, a));
  }

  /** A scorer of token i's own features by `stage`, cached by word (features of the tokens from `base` on). */
  private ownScores(stage: StageModel, doc: PreparedText, features: TokenFeatures, base = 0): (i: number) => Float64Array {
    let cache = this.ownScoreCaches.get(stage);
    if (!cache) this.ownScoreCaches.set(stage, (cache = new Map()));
    const words = cache;
    const hashes = signedHashes(features);
    return (i) => {
      const word = doc.tokens[base + i].text;
      let own = words.get(word);
      if (!own) {
        own = new Float64Array(TAG_COUNT);
        stage.addScores(hashes, features.offsets[i], features.offsets[i] + features.ownCount[i], own, 0);
        if (words.size >= MAX_CACHED_WORDS) words.clear();
        words.set(word, own);
      }
      return own;
    };
  }

  /** The features of the document as the first pass sees them (for training and tests). */
  features(doc: PreparedText, evidence?: Uint8Array): TokenFeatures {
    return this.extractor.extract(doc, evidence);
  }

  get featureExtractor(): FeatureExtractor {
    return this.extractor;
  }

  /** The names of a sentence (relative to it) with their confidence. */
  private tagSentence(scores: ChainScores, latticeOf: (scores: ChainScores) => Lattice): FinalPass['spans'] {
    const spans = spansOf(viterbi(scores));
    if (!spans.length) return [];
    const lattice = latticeOf(scores);
    return spans.map((s) => ({
      first: s.first,
      last: s.last,
      type: s.type,
      label: LABEL_OF_TYPE[s.type],
      confidence: spanMarginal(lattice, s.first, s.last, s.begin, s.begin + 1),
    }));
  }
}

export { TAG_COUNT };
