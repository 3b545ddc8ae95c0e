// The sequence tagger: features per token, a first pass per sentence, then
// (when the model has one) a second pass that also knows what the first pass
// found for the same word elsewhere in the document. Every span comes with the
// probability the model gives to exactly that span (forward-backward).
import type { PreparedText } from '../document';
import { ChainScores, forwardBackward, Lattice, spanMarginal, viterbi } from './decode';
import { FeatureExtractor, FeatureResources, TokenFeatures } from './features';
import { signedHashes, StageModel, TaggerModel } from './model';
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

/** Per stage, the summed scores of each word's own features (bounded, as the word caches are). */
const MAX_CACHED_WORDS = 50_000;

export class SequenceTagger {
  private readonly extractor: FeatureExtractor;
  private readonly ownScoreCaches = new Map<StageModel, Map<string, Float64Array>>();

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
    let features = this.extractor.extract(doc);
    let stage = first;
    if (second) {
      const own = this.ownScores(first, doc, features);
      const found = sentences.flatMap(([a, b]) => spansOf(viterbi(first.scores(features, a, b, own)), a));
      const evidence = documentEvidence(doc, found, (i) => this.extractor.wordInfo(doc.tokens[i].text, doc.readingsAt(i)).stem);
      features = this.extractor.withEvidence(doc, features, evidence);
      stage = second;
    }
    const own = this.ownScores(stage, doc, features);
    const lattices = new Map<number, Lattice>();
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
    const latticeOf = (k: number, scores?: ChainScores) => {
      let l = lattices.get(k);
      if (!l) lattices.set(k, (l = forwardBackward(scores ?? stage.scores(features, sentences[k][0], sentences[k][1], own), this.model.temperature)));
      return l;
    };
    const spans = sentences.flatMap(([a, b], k) => this.tagSentence(stage, features, a, b, own, (scores) => latticeOf(k, scores)));
    const spanConfidence = (first: number, last: number, type: string) => {
      const k = sentenceAt(first);
      const [a, b] = sentences[k];
      const begin = (TAGS as readonly string[]).indexOf('B-' + type);
      if (last > b || begin < 0) return 0;
      return spanMarginal(latticeOf(k), first - a, last - a, begin, begin + 1);
    };
    return { spans, spanConfidence };
  }

  /** A scorer of token i's own features by `stage`, cached by word. */
  private ownScores(stage: StageModel, doc: PreparedText, features: TokenFeatures): (i: number) => Float64Array {
    let cache = this.ownScoreCaches.get(stage);
    if (!cache) this.ownScoreCaches.set(stage, (cache = new Map()));
    const words = cache;
    const hashes = signedHashes(features);
    return (i) => {
      const word = doc.tokens[i].text;
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

  private tagSentence(stage: StageModel, features: TokenFeatures, a: number, b: number, own: (i: number) => Float64Array, latticeOf: (scores: ChainScores) => Lattice): TaggedSpan[] {
    const scores = stage.scores(features, a, b, own);
    const tags = viterbi(scores);
    const spans = spansOf(tags);
    if (!spans.length) return [];
    const lattice = latticeOf(scores);
    return spans.map((s) => ({
      first: a + s.first,
      last: a + s.last,
      type: s.type,
      label: LABEL_OF_TYPE[s.type],
      confidence: spanMarginal(lattice, s.first, s.last, s.begin, s.begin + 1),
    }));
  }
}

export { TAG_COUNT };
