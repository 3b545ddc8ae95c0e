// Features of the sequence tagger: what each token of a prepared text says
// about a name starting, going on or not. Every feature is a 32-bit hash
// (the model keeps weights only for the hashes training saw often enough).
// What depends on a word alone (the word, its stems and proclitics, prefixes
// and suffixes, shape, clusters, the vocabularies it is in) is computed once
// per distinct word; context features (±2 words, bigrams, punctuation around,
// lexicon matches, the document-level evidence) combine those by integer mixing.
import type { PreparedText } from '../document';
import type { Lexicon } from '../lexicon';
import type { Rules } from '../rules';
import { lexiconMatches } from '../entities';
import type { WordClusters } from './clusters';

/** What the features consult besides the text: the rule vocabularies (with the name vocabulary), the lexicon, word clusters. */
export interface FeatureResources {
  rules: Rules;
  lexicon: Lexicon;
  clusters?: WordClusters;
  /**
   * Words that labelled text shows mostly inside names, with the type (PERS, LOC,
   * ORG, MISC) they mostly have there; built from training folds other than the
   * one whose features are computed (see entityVocabularyFrom).
   */
  entityVocabulary?: Map<string, string>;
}

/**
 * The entity vocabulary of tagged tokens: a word seen at least twice, more
 * than half of the times inside a name, with the type it has most often.
 */
export function entityVocabularyFrom(tokens: readonly { token: string; tag: string }[], normalize: (w: string) => string): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const t of tokens) {
    const word = normalize(t.token);
    let c = counts.get(word);
    if (!c) counts.set(word, (c = new Map()));
    const type = t.tag === 'O' ? 'O' : t.tag.slice(2);
    c.set(type, (c.get(type) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const [word, c] of counts) {
    let total = 0;
    let best = '';
    let bestCount = 0;
    for (const [type, n] of c) {
      total += n;
      if (type !== 'O' && n > bestCount) [best, bestCount] = [type, n];
    }
    if (total >= 2 && (total - (c.get('O') ?? 0)) * 2 > total) out.set(word, best);
  }
  return out;
}

/** The features of every token: token i has hashes[offsets[i] .. offsets[i+1]). */
export interface TokenFeatures {
  offsets: Int32Array;
  hashes: Uint32Array;
  /**
   * Per token, how many of its first features depend on its word alone (the
   * same for every occurrence of the word): a scorer may cache their sum by word.
   */
  ownCount: Uint16Array;
}

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines two hashes into one (order matters). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0xc2b2ae35) ^ 0x27d4eb2f;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

// Vocabulary memberships of a word, as bits.
const FIRST_NAME = 1;
const NAME_PART = 2;
const COMMON_WORD = 4;
const TITLE = 8;
const ROLE_NOUN = 16;
const ORGANIZATION_HEAD = 32;
const SPEECH_VERB = 64;
const PREPOSITION = 128;
const NAME_CONNECTOR = 256;
const MONTH = 512;
const DEFINITE = 1024;
const NUMBER = 2048;
const LATIN = 4096;
const FLAG_COUNT = 13;

interface WordInfo {
  /** Hash of the word's canonical stem (see canonicalStem). */
  stem: number;
  coarse: number;
  fine: number;
  flags: number;
  /** Features of the word itself. */
  own: Uint32Array;
  /** What the word says as the neighbour at -2, -1, +1, +2: its stem, clusters and vocabulary flags there. */
  asNeighbour: Uint32Array[];
}

const T = (name: string) => fnv1a('template:' + name);
const BOUNDARY = fnv1a('<boundary>');
const STEM_AT = [-2, -1, 1, 2].map((d) => T('stem' + d));
const COARSE_AT = [-2, -1, 1, 2].map((d) => T('coarse' + d));
const FINE_AT = [-2, -1, 1, 2].map((d) => T('fine' + d));
const FLAG_AT = [-2, -1, 1, 2].map((d) => T('flag' + d));
const ENTITY_TYPE_AT = [-2, -1, 1, 2].map((d) => T('entity-type' + d));
const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2];
const BOUNDARY_AT = STEM_AT.map((t) => Uint32Array.of(mix(t, BOUNDARY)));
const BIGRAM_PREV = T('bigram-1,0');
const BIGRAM_NEXT = T('bigram0,1');
const BIGRAM_PREV2 = T('bigram-2,-1');
const BIGRAM_NEXT2 = T('bigram1,2');
const CLUSTER_BIGRAM_PREV = T('coarse-1,0');
const CLUSTER_BIGRAM_NEXT = T('coarse0,1');
const GAP_BEFORE = T('gap-before');
const GAP_AFTER = T('gap-after');
const GAP_KINDS = 11;
const GAP_BEFORE_OF = Array.from({ length: GAP_KINDS }, (_, g) => mix(GAP_BEFORE, g));
const GAP_AFTER_OF = Array.from({ length: GAP_KINDS }, (_, g) => mix(GAP_AFTER, g));
const LEXICON_AT = [-1, 0, 1].map((d) => T('lexicon' + d));
const DOCUMENT = T('document');
const DOCUMENT_FLAGS = T('document-flags');

/** The kind of punctuation (or none) between two tokens, as a small number. */
function gapKind(gap: string, first: boolean): number {
  if (first) return 1;
  if (gap === ' ') return 0;
  let kind = gapKinds.get(gap);
  if (kind === undefined) {
    if (gapKinds.size >= 10_000) gapKinds.clear();
    gapKinds.set(gap, (kind = gapKindOf(gap)));
  }
  return kind;
}

// Gaps recur (". ", "، "): their kinds are cached, bounded.
const gapKinds = new Map<string, number>();

function gapKindOf(gap: string): number {
  if (gap.includes('\n')) return 2;
  if (/[.!?؟]/.test(gap)) return 3;
  if (/[،,؛;]/.test(gap)) return 4;
  if (/[:]/.test(gap)) return 5;
  if (/["«»“”']/.test(gap)) return 6;
  if (/[()[\]{}]/.test(gap)) return 7;
  if (/[-–—]/.test(gap)) return 8;
  if (/[/]/.test(gap)) return 9;
  return /^\s*$/.test(gap) ? 0 : 10;
}

function shapeOf(word: string): string {
  if (/^\d+$/.test(word)) return word.length === 4 ? 'year' : 'digits';
  if (/\d/.test(word)) return 'mixed-digits';
  if (/^[A-Za-z]+$/.test(word)) return /^[A-Z]+$/.test(word) ? 'LATIN' : /^[A-Z]/.test(word) ? 'Latin' : 'latin';
  if (/^[\u0600-\u06ff]+$/.test(word)) return 'arabic';
  return 'other';
}

/** A reusable growable list of hashes. */
class HashList {
  data: Uint32Array;
  length = 0;

  /** `capacity`: about what the list will hold (it grows past it if needed). */
  constructor(capacity = 256) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }

  push(h: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = h;
  }

  pushAll(hs: Uint32Array): void {
    this.pushRange(hs, 0, hs.length);
  }

  /** hs[from .. to): a loop, since TypedArray.set costs more than the few hashes a token has. */
  pushRange(hs: Uint32Array, from: number, to: number): void {
    if (this.length + to - from > this.data.length) this.grow(this.length + to - from);
    const data = this.data;
    let at = this.length;
    for (let k = from; k < to; k++) data[at++] = hs[k];
    this.length = at;
  }

  private grow(needed: number): void {
    const bigger = new Uint32Array(Math.max(needed, this.data.length * 2));
    bigger.set(this.data);
    this.data = bigger;
  }
}

function pushEvidence(list: HashList, evidence: number, flags: number): void {
  list.push(mix(DOCUMENT, evidence));
  if (evidence) list.push(mix(mix(DOCUMENT_FLAGS, evidence), flags & (DEFINITE | COMMON_WORD)));
}

/** Per resources, per word: a bounded cache, since the same words recur across documents. */
const wordCaches = new WeakMap<FeatureResources, Map<string, WordInfo>>();
const MAX_CACHED_WORDS = 50_000;

export class FeatureExtractor {
  private readonly cache: Map<string, WordInfo>;

  constructor(private readonly resources: FeatureResources) {
    let cache = wordCaches.get(resources);
    if (!cache) wordCaches.set(resources, (cache = new Map()));
    this.cache = cache;
  }

  /**
   * The stem the context features use: the word when the cluster vocabulary knows it, else
   * its first reading with proclitics off that the vocabulary knows, else its last reading.
   */
  canonicalStem(word: string, readings: readonly { stem: string }[]): string {
    const clusters = this.resources.clusters;
    if (!clusters || clusters.has(word)) return readings.length > 1 && !clusters ? readings[readings.length - 1].stem : word;
    for (let k = 1; k < readings.length; k++) if (clusters.has(readings[k].stem)) return readings[k].stem;
    return readings[readings.length - 1].stem;
  }

  wordInfo(word: string, readings: readonly { stem: string; proclitics: string }[]): WordInfo {
    let info = this.cache.get(word);
    if (info) return info;
    const { rules, clusters } = this.resources;
    const own: number[] = [];
    const add = (name: string) => own.push(fnv1a(name));
    add('bias');
    add('w=' + word);
    const stem = this.canonicalStem(word, readings);
    let flags = 0;
    for (let k = 1; k < readings.length; k++) {
      add('s=' + readings[k].stem);
      add('p=' + readings[k].proclitics);
    }
    const bare = stem.startsWith('ال') && stem.length > 4 ? stem.slice(2) : stem;
    if (bare !== stem) flags |= DEFINITE;
    add('bare=' + bare);
    for (let n = 1; n <= 4 && n < bare.length; n++) add(`pre${n}=` + bare.slice(0, n));
    for (let n = 1; n <= 4 && n < word.length; n++) add(`suf${n}=` + word.slice(-n));
    const shape = shapeOf(word);
    add('shape=' + shape);
    add('len=' + Math.min(word.length, 9));
    if (shape === 'digits' || shape === 'year') flags |= NUMBER;
    if (/^[A-Za-z]/.test(shape)) flags |= LATIN;
    const stems = readings.map((r) => r.stem);
    const any = (set: { has(w: string): boolean }) => stems.some((s) => set.has(s));
    if (rules.firstNames.has(word) || rules.firstNames.has(stem)) flags |= FIRST_NAME;
    if (rules.nameParts.has(word) || rules.nameParts.has(stem)) flags |= NAME_PART;
    if (rules.commonWords.has(word)) flags |= COMMON_WORD;
    if (stems.some((s) => rules.titles.startsPhrase(s))) flags |= TITLE;
    if (any(rules.roleNouns)) flags |= ROLE_NOUN;
    if (stems.some((s) => rules.organizationHeads.startsPhrase(s))) flags |= ORGANIZATION_HEAD;
    if (any(rules.speechVerbs)) flags |= SPEECH_VERB;
    if (rules.prepositions.has(word)) flags |= PREPOSITION;
    if (rules.nameConnectors.has(word)) flags |= NAME_CONNECTOR;
    if (stems.some((s) => rules.months.startsPhrase(s))) flags |= MONTH;
    for (let bit = 0; bit < FLAG_COUNT; bit++) if (flags & (1 << bit)) add('flag=' + bit);
    const entityType = this.resources.entityVocabulary?.get(word) ?? this.resources.entityVocabulary?.get(stem);
    if (entityType) add('ev=' + entityType);
    let coarse = 0;
    let fine = 0;
    const cluster = clusters?.of(word);
    if (cluster !== undefined) {
      coarse = fnv1a('k1=' + cluster.slice(0, cluster.indexOf('.')));
      fine = fnv1a('k2=' + cluster);
      own.push(coarse, fine);
    } else if (clusters) add('k=unknown');
    // How frequent the word is in the unlabeled text (names are rarer than the words around them), in powers of two.
    if (clusters) add('rank=' + (Number.isFinite(clusters.rank(word)) ? Math.floor(Math.log2(clusters.rank(word) + 1)) : 'none'));
    const stemHash = fnv1a(stem);
    const asNeighbour = [0, 1, 2, 3].map((k) => {
      const hs = [mix(STEM_AT[k], stemHash)];
      if (coarse) hs.push(mix(COARSE_AT[k], coarse));
      if (fine && (k === 1 || k === 2)) hs.push(mix(FINE_AT[k], fine));
      for (let bit = 0; bit < FLAG_COUNT; bit++) if (flags & (1 << bit)) hs.push(mix(FLAG_AT[k], bit));
      if (entityType && (k === 1 || k === 2)) hs.push(mix(ENTITY_TYPE_AT[k], fnv1a(entityType)));
      return Uint32Array.from(hs);
    });
    info = { stem: stemHash, coarse, fine, flags, own: Uint32Array.from(own), asNeighbour };
    if (this.cache.size >= MAX_CACHED_WORDS) this.cache.clear();
    this.cache.set(word, info);
    return info;
  }

  /**
   * The features of every token of the document. `documentEvidence`, for the
   * second pass, gives per token a label index (1-based; 0 for none) that the
   * first pass gave the same word elsewhere in the document.
   */
  extract(doc: PreparedText, documentEvidence?: Uint8Array): TokenFeatures {
    return this.extractRange(doc, 0, doc.tokens.length, this.lexiconEvidence(doc), documentEvidence);
  }

  /**
   * The features of tokens [from, to) alone (token from is the list's token 0),
   * as extract gives them when [from, to) is the whole text or whole sentences
   * of it: a token's features read its own sentence, the gaps around it, and
   * the lexicon evidence (of the whole text: see lexiconEvidence) at ±1.
   */
  extractRange(doc: PreparedText, from: number, to: number, lexicon: Uint32Array, documentEvidence?: Uint8Array): TokenFeatures {
    const n = doc.tokens.length;
    const size = to - from;
    const infos: WordInfo[] = new Array(size);
    const gaps = new Uint8Array(size + 1);
    for (let i = from; i < to; i++) {
      infos[i - from] = this.wordInfo(doc.tokens[i].text, doc.readingsAt(i));
      gaps[i - from] = gapKind(doc.tokens[i].gapBefore, i === 0);
    }
    gaps[size] = to === n ? 1 : gapKind(doc.tokens[to].gapBefore, false);
    const { sentenceOf } = doc;
    const list = new HashList(size * 48);
    const offsets = new Int32Array(size + 1);
    const ownCount = new Uint16Array(size);
    const around: Array<WordInfo | undefined> = [undefined, undefined, undefined, undefined];
    for (let i = from; i < to; i++) {
      const at = i - from;
      offsets[at] = list.length;
      const me = infos[at];
      ownCount[at] = me.own.length;
      list.pushAll(me.own);
      const sentence = sentenceOf[i];
      for (let k = 0; k < 4; k++) {
        const j = i + NEIGHBOUR_OFFSETS[k];
        const o = (around[k] = j >= from && j < to && sentenceOf[j] === sentence ? infos[j - from] : undefined);
        list.pushAll(o ? o.asNeighbour[k] : BOUNDARY_AT[k]);
      }
      const prev = around[1] ? around[1].stem : BOUNDARY;
      const next = around[2] ? around[2].stem : BOUNDARY;
      list.push(mix(mix(BIGRAM_PREV, prev), me.stem));
      list.push(mix(mix(BIGRAM_NEXT, me.stem), next));
      list.push(mix(mix(BIGRAM_PREV2, around[0] ? around[0].stem : BOUNDARY), prev));
      list.push(mix(mix(BIGRAM_NEXT2, next), around[3] ? around[3].stem : BOUNDARY));
      if (me.coarse) {
        list.push(mix(mix(CLUSTER_BIGRAM_PREV, around[1]?.coarse ?? BOUNDARY), me.coarse));
        list.push(mix(mix(CLUSTER_BIGRAM_NEXT, me.coarse), around[2]?.coarse ?? BOUNDARY));
      }
      list.push(GAP_BEFORE_OF[gaps[at]]);
      list.push(GAP_AFTER_OF[gaps[at + 1]]);
      list.push(mix(GAP_BEFORE_OF[gaps[at]], gaps[at + 1]));
      for (let d = -1; d <= 1; d++) {
        const j = i + d;
        if (j >= 0 && j < n && lexicon[j]) list.push(mix(LEXICON_AT[d + 1], lexicon[j]));
      }
      if (documentEvidence) pushEvidence(list, documentEvidence[i], me.flags);
    }
    offsets[size] = list.length;
    return { offsets, hashes: list.data.slice(0, list.length), ownCount };
  }

  /**
   * What the features of the sentence [first, last) read besides the
   * tagger's resources, as text: the normalised text from the end of the
   * token before it to the start of the token after it (its words and the
   * gaps around them), whether it begins or ends the text, and the lexicon
   * evidence from one token before it to one after it. Two sentences with
   * the same context have the same features (and, with the same document
   * evidence, the same scores).
   */
  sentenceContext(doc: PreparedText, first: number, last: number, lexicon: Uint32Array): string {
    const { tokens } = doc;
    const n = tokens.length;
    let key = (first === 0 ? '^' : '') + (last === n ? '$' : '');
    for (let i = Math.max(0, first - 1); i <= last && i < n; i++) if (lexicon[i]) key += `${i - first}=${lexicon[i]},`;
    const from = first > 0 ? tokens[first - 1].end : 0;
    const to = last < n ? tokens[last].start : doc.norm.text.length;
    return key + '|' + doc.norm.text.slice(from, to);
  }

  /** The first pass's features with the document-level evidence added, as extract(doc, evidence) gives them, without computing the rest again. */
  withEvidence(doc: PreparedText, features: TokenFeatures, documentEvidence: Uint8Array): TokenFeatures {
    const n = doc.tokens.length;
    const list = new HashList(features.hashes.length + 2 * n);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      offsets[i] = list.length;
      list.pushRange(features.hashes, features.offsets[i], features.offsets[i + 1]);
      pushEvidence(list, documentEvidence[i], this.wordInfo(doc.tokens[i].text, doc.readingsAt(i)).flags);
    }
    offsets[n] = list.length;
    return { offsets, hashes: list.data.subarray(0, list.length), ownCount: features.ownCount };
  }

  /** Per token, the lexicon's evidence: 0, or a code of the label and whether the match begins here. */
  lexiconEvidence(doc: PreparedText): Uint32Array {
    const out = new Uint32Array(doc.tokens.length);
    for (const c of lexiconMatches(doc, this.resources.lexicon)) {
      const label = fnv1a(c.label);
      out[c.first] = mix(label, 1);
      for (let t = c.first + 1; t < c.last; t++) out[t] = mix(label, 2);
    }
    return out;
  }
}
