// What every step of commitment finding shares: the prepared text, the
// entities, which entity covers each token, and small questions about them.
import type { PreparedText } from '../document';
import { normalizeWord } from '../normalize';
import type { Rules } from '../rules';
import { actorLabels, subjectActorLabels } from '../schema';
import type { Entity } from '../types';
import { tokenFeatures } from '../wordFeatures';

export interface CommitmentContext {
  doc: PreparedText;
  rules: Rules;
  entities: Entity[];
  /** Index of the entity covering each token, -1 for none. */
  entityAt: Int32Array;
  features: Int32Array;
  lookup: EntityLookup;
}

/** A clause: tokens [first, last). */
export interface Clause {
  first: number;
  last: number;
}

export function createContext(doc: PreparedText, entities: Entity[], rules: Rules): CommitmentContext {
  return { doc, rules, entities, entityAt: coveringEntities(doc, entities), features: tokenFeatures(doc, rules), lookup: new EntityLookup(entities, isActor) };
}

function coveringEntities(doc: PreparedText, entities: Entity[]): Int32Array {
  const n = doc.tokens.length;
  const entityAt = new Int32Array(n).fill(-1);
  let e = 0;
  for (let i = 0; i < n; i++) {
    const s = tokenStart(doc, i);
    while (e < entities.length && entities[e].end <= s) e++;
    if (e < entities.length && entities[e].start <= s + (doc.tokens[i].end - doc.tokens[i].start) - 1 && entities[e].end > s) entityAt[i] = e;
  }
  return entityAt;
}

/** Original-text offset of token i. */
export function tokenStart(doc: PreparedText, i: number): number {
  return doc.norm.origin[doc.tokens[i].start];
}

export const isActor = (e: Entity) => actorLabels.includes(e.label);
export const isSubjectActor = (e: Entity) => subjectActorLabels.includes(e.label);

const PREPOSITION_FUSED = /[بكل]/;

/** Some reading of token i has its stem in `words` (and no fused ب ك ل when `free`). */
export function tokenIs(ctx: CommitmentContext, i: number, words: Set<string>, free = false): boolean {
  if (i < 0 || i >= ctx.doc.tokens.length) return false;
  // A loop rather than some(): asked of most tokens, it should allocate nothing.
  const readings = ctx.doc.readingsAt(i);
  for (let k = 0; k < readings.length; k++) if (words.has(readings[k].stem) && !(free && PREPOSITION_FUSED.test(readings[k].proclitics))) return true;
  return false;
}

/** Whether entity `e` is governed by a preposition, written before it or fused (للمجلس). The partner after مع of a signing is not. */
export function governedByPreposition(ctx: CommitmentContext, e: Entity, signing: boolean): boolean {
  if (/^لل/.test(e.text)) return true;
  const before = ctx.doc.original.slice(Math.max(0, e.start - 12), e.start).trim().split(/\s+/).pop() ?? '';
  const word = normalizeWord(before);
  return ctx.rules.prepositions.has(word) && !(signing && word === 'مع');
}

/** What stands between two coordinated names: و, or the brackets of an acronym (X (IOM) وY). */
export function isCoordination(between: string): boolean {
  return between === 'و' || between === '(' || between === ')' || between === ') و';
}

export function entitiesIn(ctx: CommitmentContext, first: number, last: number): Entity[] {
  const out: number[] = [];
  for (let i = first; i < last; i++) if (ctx.entityAt[i] >= 0 && out[out.length - 1] !== ctx.entityAt[i]) out.push(ctx.entityAt[i]);
  return out.map((k) => ctx.entities[k]);
}

/** The first token of the sentence of token i (0 for i ≤ 0). */
export function sentenceStart(doc: PreparedText, i: number): number {
  if (i <= 0) return 0;
  let k = i;
  while (k > 0 && doc.sentenceOf[k - 1] === doc.sentenceOf[i]) k--;
  return k;
}

/** One mention per referent: "المنظمة الدولية للهجرة (IOM)" is one actor. */
export function uniqueByReferent(actors: Entity[]): Entity[] {
  const seen = new Set<string>();
  return actors.filter((e) => {
    const key = e.kb ?? e.text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The two entity queries every commitment makes, answered by binary search
 * rather than a scan of all the entities (which made long documents
 * quadratic). Entities come in document order without overlaps, so their
 * starts and ends both ascend; should they not, the plain scans are used.
 */
export class EntityLookup {
  private readonly ordered: boolean;
  /** lastActor[k]: the highest index ≤ k of an actor, -1 when none. */
  private readonly lastActor: Int32Array;

  constructor(
    private readonly entities: Entity[],
    private readonly isActor: (e: Entity) => boolean,
  ) {
    let ordered = true;
    for (let k = 1; k < entities.length && ordered; k++) {
      ordered = entities[k - 1].start <= entities[k].start && entities[k - 1].end <= entities[k].end;
    }
    this.ordered = ordered;
    this.lastActor = new Int32Array(entities.length);
    for (let k = 0; k < entities.length; k++) this.lastActor[k] = isActor(entities[k]) ? k : k > 0 ? this.lastActor[k - 1] : -1;
  }

  /** The last actor (in entity order) that ends at or before `offset`, as a one-element list. */
  nearestActorBefore(offset: number): Entity[] {
    const { entities } = this;
    if (!this.ordered) {
      for (let k = entities.length - 1; k >= 0; k--) {
        if (entities[k].end <= offset && this.isActor(entities[k])) return [entities[k]];
      }
      return [];
    }
    // Entities [0, p) end at or before the offset.
    let lo = 0;
    let hi = entities.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entities[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    const k = lo > 0 ? this.lastActor[lo - 1] : -1;
    return k >= 0 ? [entities[k]] : [];
  }

  /** The Principle mentions inside [start, end), in entity order. */
  principlesWithin(start: number, end: number): Entity[] {
    const { entities } = this;
    if (!this.ordered) return entities.filter((e) => e.label === 'Principle' && e.start >= start && e.end <= end);
    let lo = 0;
    let hi = entities.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entities[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    const out: Entity[] = [];
    // Past an entity that starts after `end`, none can end by it.
    for (let k = lo; k < entities.length && entities[k].start <= end; k++) {
      const e = entities[k];
      if (e.label === 'Principle' && e.end <= end) out.push(e);
    }
    return out;
  }
}
