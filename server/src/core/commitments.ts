// Commitments: one per clause that carries a cue of commitment, intent,
// striving or a call; with who commits (the clause's subject, "the two
// parties" resolved to the signatories, or the nearest actor before) and the
// principles it invokes.
import type { PreparedText } from './document';
import { normalizeWord } from './normalize';
import type { Rules } from './rules';
import { actorLabels } from './schema';
import type { Commitment, Entity, Strength } from './types';
import { CUE_CANDIDATE, tokenFeatures } from './wordFeatures';

interface Cue {
  token: number;
  skip: number;
  strength: Strength;
  signing: boolean;
  /** Found by the future prefix (س + verb) rather than a cue word. */
  future?: boolean;
}

export function findCommitments(doc: PreparedText, entities: Entity[], rules: Rules): Commitment[] {
  const { tokens, norm } = doc;
  const n = tokens.length;
  const tokenStart = (i: number) => norm.origin[tokens[i].start];
  // Which entity covers each token (-1: none).
  const entityAt = new Int32Array(n).fill(-1);
  {
    let e = 0;
    for (let i = 0; i < n; i++) {
      const s = tokenStart(i);
      while (e < entities.length && entities[e].end <= s) e++;
      if (e < entities.length && entities[e].start <= s + (tokens[i].end - tokens[i].start) - 1 && entities[e].end > s) entityAt[i] = e;
    }
  }
  const isActor = (e: Entity) => actorLabels.includes(e.label);
  // (The partner of a signing, after مع, does commit.)
  const governedByPreposition = (e: Entity, signing: boolean) => {
    if (/^لل/.test(e.text)) return true;
    const before = doc.original.slice(Math.max(0, e.start - 12), e.start).trim().split(/\s+/).pop() ?? '';
    const word = normalizeWord(before);
    return rules.prepositions.has(word) && !(signing && word === 'مع');
  };
  const lookup = new EntityLookup(entities, isActor);
  const features = tokenFeatures(doc, rules);
  const commitments: Commitment[] = [];
  let parties: Entity[] = [];
  /** The actors of the last commitment that had any, and where its clause starts. */
  let previous: { actors: Entity[]; start: number } | undefined;
  /** The first token of the sentence of token i (0 for i < 0). */
  const sentenceStart = (i: number) => {
    if (i <= 0) return 0;
    let k = i;
    while (k > 0 && doc.sentenceOf[k - 1] === doc.sentenceOf[i]) k--;
    return k;
  };

  for (let first = 0; first < n; ) {
    let last = first;
    while (last < n && doc.clauseOf[last] === doc.clauseOf[first]) last++;
    const clauseEntities = entitiesIn(entityAt, first, last).map((k) => entities[k]);
    const cue = findCue(doc, rules, first, last, entityAt, clauseEntities, features);
    if (cue) {
      const cueStart = tokenStart(cue.token) + cue.skip;
      const before = clauseEntities.filter((e) => isActor(e) && e.end <= cueStart);
      // After the cue, an entity governed by a preposition (للمجلس، مع الوزارة) is not the one committing.
      const after = clauseEntities.filter((e) => isActor(e) && e.start >= cueStart && !governedByPreposition(e, cue.signing));
      const partyRef = findPartyReference(doc, rules, first, last);
      let actors: Entity[];
      if (before.length) actors = before;
      else if (partyRef !== undefined && parties.length) actors = parties;
      else if (after.length) {
        actors = [after[0]];
        // Coordinated subjects (X وY) and, for signing, the partner after "مع".
        for (const e of after.slice(1)) {
          const between = doc.original.slice(actors[actors.length - 1].end, e.start).trim();
          const coordinated = between === 'و' || between === '(' || between === ')' || between === ') و';
          if (coordinated || (cue.signing && /(^|\s)مع$/.test(between))) actors.push(e);
          else break;
        }
      } else {
        // The nearest actor before, but not from an earlier topic: from this sentence or the
        // two before it (a bare future verb needs an actor in its own sentence).
        // (The speech verb may stand before the quotation mark that starts the clause.)
        const speaking = !cue.future && !!findSpeechVerb(doc, rules, sentenceStart(first), cue.token);
        let from = sentenceStart(first);
        for (let k = 0; k < (cue.future ? 0 : 2); k++) from = sentenceStart(from - 1);
        let speakerFrom = from;
        for (let k = 0; k < 2; k++) speakerFrom = sentenceStart(speakerFrom - 1);
        if (speaking && previous && previous.start >= tokenStart(speakerFrom)) {
          // A speech verb without its subject (وأشار إلى …) continues the last one who committed.
          actors = previous.actors;
        } else actors = lookup.nearestActorBefore(tokenStart(first)).filter((e) => e.start >= tokenStart(from));
        if (!actors.length && cue.future) {
          first = last;
          continue;
        }
      }
      actors = uniqueByReferent(actors);
      if (actors.length) previous = { actors, start: tokenStart(first) };
      if (cue.signing && actors.length >= 2) parties = actors;

      const speechVerb = findSpeechVerb(doc, rules, first, cue.token);
      let start = cueStart;
      if (before.length) start = Math.min(start, before[0].start);
      if (partyRef !== undefined && partyRef < cue.token) start = Math.min(start, tokenStart(partyRef));
      if (speechVerb !== undefined) start = Math.min(start, tokenStart(speechVerb.token) + speechVerb.skip);
      const end = doc.spanOf(last - 1, last).end;
      const principles = lookup.principlesWithin(start, end);
      const cueSpan = doc.spanOf(cue.token, cue.token + 1, cue.skip);
      commitments.push({
        id: `c${commitments.length + 1}`,
        start,
        end,
        text: doc.original.slice(start, end),
        strength: cue.strength,
        actors: actors.map((e) => e.id),
        principles: principles.map((e) => e.id),
        cue: { ...cueSpan, text: doc.original.slice(cueSpan.start, cueSpan.end) },
        negated: isNegated(doc, rules, first, cue.token),
      });
    }
    first = last;
  }
  return commitments;
}

function entitiesIn(entityAt: Int32Array, first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i < last; i++) if (entityAt[i] >= 0 && out[out.length - 1] !== entityAt[i]) out.push(entityAt[i]);
  return out;
}

function findCue(doc: PreparedText, rules: Rules, first: number, last: number, entityAt: Int32Array, clauseEntities: Entity[], features: Int32Array): Cue | undefined {
  const hasInstrument = clauseEntities.some((e) => e.label === 'Instrument');
  for (let i = first; i < last; i++) {
    // Tokens that are no cue and no future verb in any reading are skipped (see wordFeatures).
    if (entityAt[i] >= 0 || !(features[i] & CUE_CANDIDATE)) continue;
    for (const r of doc.readingsAt(i)) {
      if (r.proclitics && /[بكل]/.test(r.proclitics)) continue;
      const strength = rules.cues.words.get(r.stem);
      if (strength) {
        const signing = rules.cues.signing.has(r.stem);
        // Signing is a commitment when what is signed is an instrument.
        if (signing && !hasInstrument) continue;
        return { token: i, skip: r.skip, strength, signing };
      }
      if (isFutureVerb(doc, rules, i, r.stem, r.skip)) return { token: i, skip: r.skip, strength: 'intent', signing: false, future: true };
    }
  }
  return undefined;
}

/** س + an imperfect verb (ستعزز، سيعمل، سنواصل، سأعمل). */
function isFutureVerb(doc: PreparedText, rules: Rules, i: number, stem: string, skip: number): boolean {
  if (stem.length < 5 || stem[0] !== 'س') return false;
  const prefix = stem[1];
  if (prefix === 'ا') {
    // Only a written hamza (سأعمل) marks the first person; سا… is mostly other words.
    const at = doc.norm.origin[doc.tokens[i].start + skip + 1];
    if (doc.original[at] !== 'أ') return false;
  } else if (!'يتن'.includes(prefix)) return false;
  return !rules.cues.futureNotPrefixes.some((p) => stem.startsWith(p));
}

function findPartyReference(doc: PreparedText, rules: Rules, first: number, last: number): number | undefined {
  for (let i = first; i < last; i++) {
    for (const r of doc.readingsAt(i)) {
      if (rules.partyReferences.longestMatch(r.stem, (k) => doc.tokens[i + k]?.text)) return i;
    }
  }
  return undefined;
}

function findSpeechVerb(doc: PreparedText, rules: Rules, first: number, cueToken: number): { token: number; skip: number } | undefined {
  for (let i = first; i < cueToken; i++) {
    const r = doc.readingsAt(i).find((x) => rules.speechVerbs.has(x.stem));
    if (r) return { token: i, skip: r.skip };
  }
  return undefined;
}

function isNegated(doc: PreparedText, rules: Rules, first: number, cueToken: number): boolean {
  for (let i = Math.max(first, cueToken - rules.cueNegationWindow); i < cueToken; i++) {
    if (doc.readingsAt(i).some((r) => rules.negations.has(r.stem))) return true;
  }
  return false;
}

/**
 * The two entity queries every commitment makes, answered by binary search
 * rather than a scan of all the entities (which made long documents
 * quadratic). Entities come in document order without overlaps, so their
 * starts and ends both ascend; should they not, the plain scans are used.
 */
class EntityLookup {
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

/** One mention per referent: "المنظمة الدولية للهجرة (IOM)" is one actor. */
function uniqueByReferent(actors: Entity[]): Entity[] {
  const seen = new Set<string>();
  return actors.filter((e) => {
    const key = e.kb ?? e.text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
