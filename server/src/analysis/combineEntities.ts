// Combines the rule layer's entities with the sequence tagger's names, and
// gives every entity its confidence. One policy decides where they disagree:
//
// - Date, Principle, Threat and Instrument are the rules' and the lexicon's
//   alone: a tagged name that overlaps one of them is dropped.
// - A Person, Location or Organization entity's confidence is the tagger's
//   probability of exactly its span and label, and for a lexicon or rule
//   entity at least its source's floor (server/data/suggestion-confidence.json).
// - Where a tagged name overlaps such entities, the higher confidence stays;
//   at equal confidence the lexicon's or the rule's. A lexicon match (a name
//   someone checked) gives way only to a longer name that contains it; a rule
//   entity never gives way to a name nested inside it (by the guidelines the
//   outer name is the annotation, the inner one optional).
// - A tagged name that overlaps nothing stays when its confidence reaches the
//   tagger's minimum. A kept name whose words are a lexicon form links to that
//   entry (English name, description, Wikidata) as a lexicon match does.
import confidenceData from '../../data/suggestion-confidence.json';
import type { PreparedText } from './document';
import type { Lexicon } from './lexicon';
import { entryFields } from './entities';
import type { TaggedSpan } from './tagger';
import type { Analysis, Entity } from './types';
import { inDocumentOrder } from './order';

export interface ConfidencePolicy {
  lexicon: number;
  rule: number;
  taggerMinimum: number;
}

export const DEFAULT_CONFIDENCE: ConfidencePolicy = { lexicon: confidenceData.lexicon, rule: confidenceData.rule, taggerMinimum: confidenceData.taggerMinimum };

const TAGGED_LABELS: Record<string, string> = { Person: 'PERS', Location: 'LOC', Organization: 'ORG' };

/** What the combination needs of the tagger's output: its names, and its probability of any span. */
export interface TaggerOutput {
  spans: TaggedSpan[];
  spanConfidence(first: number, last: number, type: string): number;
}

interface Ranged {
  entity: Entity;
  first: number;
  last: number;
}

/** Whether the tagged name s takes the place of the overlapping entity r (see the policy above). */
function displaces(s: TaggedSpan, r: Ranged): boolean {
  if (!TAGGED_LABELS[r.entity.label] || r.entity.confidence! >= s.confidence) return false;
  const contains = s.first <= r.first && r.last <= s.last && s.last - s.first > r.last - r.first;
  const inside = r.first <= s.first && s.last <= r.last && s.last - s.first < r.last - r.first;
  return r.entity.source === 'lexicon' ? contains : !inside;
}

/** The token range [first, last) an entity covers, given each token's start and end in the original text. */
function tokenRange(starts: Int32Array, ends: Int32Array, start: number, end: number): [number, number] {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < starts.length && starts[last] < end) last++;
  return [lo, Math.max(last, lo + 1)];
}

/**
 * Characters of the first token to leave out, as the guidelines do: a
 * one-letter proclitic before the article (بالخرطوم), or before a word that is
 * far more frequent without it (وجامعة، ولبنان; but وزارة، بغداد stay whole).
 * `rank` is a word's frequency rank in the clusters' text (Infinity when unknown).
 */
function proclitic(doc: PreparedText, first: number, rank: (word: string) => number): number {
  const word = doc.tokens[first].text;
  for (const r of doc.readingsAt(first)) {
    if (r.skip !== 1 || (r.proclitics === 'ل' && word.startsWith('لل'))) continue;
    if (r.stem.startsWith('ال') && r.stem.length > 3) return 1;
    if (rank(r.stem) * 4 < rank(word)) return 1;
  }
  return 0;
}

/** The lexicon entry one of whose forms is exactly tokens [first, last) (the first read without its proclitics too). */
export function lexiconEntryAt(doc: PreparedText, lexicon: Lexicon, first: number, last: number) {
  for (const r of doc.readingsAt(first)) {
    let node = lexicon.root.next.get(r.stem);
    for (let j = first + 1; node && j < last; j++) node = node.next.get(doc.tokens[j].text);
    if (node?.entry && node.entry.label) return node.entry;
  }
  return undefined;
}

/**
 * The entities over each token (usually one, none for most), so that a tagged name finds its
 * rivals in the tokens it covers: token t's are entities[from[t] .. from[t + 1]), in order.
 */
function entitiesAtTokens(ranged: readonly Ranged[], tokenCount: number): { from: Int32Array; entities: Int32Array } {
  const from = new Int32Array(tokenCount + 2);
  for (const r of ranged) for (let t = r.first; t < r.last; t++) from[t + 2]++;
  for (let t = 2; t < from.length; t++) from[t] += from[t - 1];
  const entities = new Int32Array(from[from.length - 1]);
  // from[t + 1] counts up as token t's entities are written, ending where token t + 1's begin.
  ranged.forEach((r, k) => {
    for (let t = r.first; t < r.last; t++) entities[from[t + 1]++] = k;
  });
  return { from: from.subarray(0, tokenCount + 1), entities };
}

export function combineEntities(
  doc: PreparedText,
  ruleEntities: readonly Entity[],
  tagged: TaggerOutput,
  lexicon: Lexicon,
  rank: (word: string) => number,
  policy: ConfidencePolicy = DEFAULT_CONFIDENCE,
): Entity[] {
  const { origin } = doc.norm;
  const { tokens } = doc;
  const starts = new Int32Array(tokens.length);
  const ends = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    starts[i] = origin[tokens[i].start];
    ends[i] = origin[tokens[i].end - 1] + 1;
  }
  const ranged: Array<Ranged & { kept: boolean }> = ruleEntities.map((e) => {
    const [first, last] = tokenRange(starts, ends, e.start, e.end);
    const floor = e.source === 'lexicon' ? policy.lexicon : policy.rule;
    const type = TAGGED_LABELS[e.label];
    const confidence = type ? Math.max(floor, tagged.spanConfidence(first, last, type)) : floor;
    return { entity: { ...e, confidence }, first, last, kept: true };
  });
  const atToken = entitiesAtTokens(ranged, tokens.length);
  const added: Entity[] = [];
  for (const s of tagged.spans) {
    if (!s.label) continue;
    const found = new Set<number>();
    for (let t = s.first; t < s.last; t++) for (let m = atToken.from[t]; m < atToken.from[t + 1]; m++) if (ranged[atToken.entities[m]].kept) found.add(atToken.entities[m]);
    const rivals = [...found].map((k) => ranged[k]);
    if (rivals.some((r) => !displaces(s, r))) continue;
    if (!rivals.length && s.confidence < policy.taggerMinimum) continue;
    for (const r of rivals) r.kept = false;
    const span = doc.spanOf(s.first, s.last, proclitic(doc, s.first, rank));
    const e: Entity = { id: '', start: span.start, end: span.end, label: s.label, text: doc.original.slice(span.start, span.end), source: 'tagger', confidence: s.confidence };
    const entry = lexiconEntryAt(doc, lexicon, s.first, s.last);
    if (entry && entry.label === s.label) Object.assign(e, entryFields(entry));
    added.push(e);
  }
  const kept: Entity[] = [];
  for (const r of ranged) if (r.kept) kept.push(r.entity);
  const all = inDocumentOrder(kept, added);
  all.forEach((e, k) => {
    e.id = `e${k + 1}`;
    e.confidence = round(e.confidence!);
  });
  return all;
}

const round = (p: number) => Math.round(p * 1000) / 1000;

/** What the rule layer found, as combineEntities gives it when there is no tagger: each with its source's confidence. */
export const withoutTagger: TaggerOutput = { spans: [], spanConfidence: () => 0 };

/**
 * The analysis without the entities under `minimum` confidence (the setting
 * iltizam.suggestions.minConfidence); commitments no longer name them as actors or principles.
 */
export function hideUnsure(analysis: Analysis, minimum: number): Analysis {
  if (!(minimum > 0)) return analysis;
  const hidden = new Set(analysis.entities.filter((e) => (e.confidence ?? 1) < minimum).map((e) => e.id));
  if (!hidden.size) return analysis;
  const shown = (ids: string[]) => ids.filter((id) => !hidden.has(id));
  return {
    ...analysis,
    entities: analysis.entities.filter((e) => !hidden.has(e.id)),
    commitments: analysis.commitments.map((c) => ({ ...c, actors: shown(c.actors), principles: shown(c.principles) })),
  };
}
