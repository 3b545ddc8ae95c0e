// Commitments: one per clause that carries a cue of commitment, intent,
// striving or a call (commitments/cues.ts), over clauses that run on across
// abbreviations, quotation marks and asides (commitments/clauses.ts), with who
// commits, by grammatical role (commitments/actors.ts), and the principles it
// invokes.
import type { PreparedText } from './document';
import type { Rules } from './rules';
import type { Commitment, Entity } from './types';
import { inDocumentOrder } from './order';
import { ActorMemory, resolveActors, ResolvedActors } from './commitments/actors';
import { segmentClauses, withComplement } from './commitments/clauses';
import { Clause, CommitmentContext, createContext, tokenStart } from './commitments/context';
import { Cue, findCue, findSpeechVerb, isNegated, secondCue } from './commitments/cues';

export interface CommitmentsFound {
  commitments: Commitment[];
  /** The actor entities of each commitment, generic noun phrases (no entity of the entity pass, id '') included. */
  actorsOf: Entity[][];
}

export function findCommitmentsAndActors(doc: PreparedText, entities: Entity[], rules: Rules): CommitmentsFound {
  const ctx = createContext(doc, entities, rules);
  const memory = new ActorMemory(ctx);
  const commitments: Commitment[] = [];
  const actorsOf: Entity[][] = [];
  const clauses = segmentClauses(ctx);
  for (let k = 0; k < clauses.length; k++) {
    let clause = clauses[k];
    memory.partiesBefore(clause.first);
    const cue = findCue(ctx, clause);
    if (!cue) continue;
    if (cue.strength === 'call') {
      const j = withComplement(ctx, clauses, k, cue.token);
      [clause, k] = [{ first: clause.first, last: clauses[j].last }, j];
    } else {
      // A second commitment with its own subject starts a clause of its own.
      const cut = secondCue(ctx, clause, cue);
      if (cut !== undefined) {
        clauses.splice(k + 1, 0, { first: cut, last: clause.last });
        clause = { first: clause.first, last: cut };
      }
    }
    const resolved = resolveActors(ctx, memory, clause, cue);
    if (!resolved) continue;
    actorsOf.push(resolved.actors);
    commitments.push(buildCommitment(ctx, clause, cue, resolved, commitments.length + 1));
  }
  return { commitments, actorsOf };
}

/** The commitments; generic actors are added to `entities`, whose ids are then given again in document order. */
export function findCommitments(doc: PreparedText, entities: Entity[], rules: Rules): Commitment[] {
  const found = findCommitmentsAndActors(doc, entities, rules);
  mergeGenericActors(entities, found);
  return found.commitments;
}

function buildCommitment(ctx: CommitmentContext, clause: Clause, cue: Cue, resolved: ResolvedActors, n: number): Commitment {
  const { doc } = ctx;
  const speechVerb = findSpeechVerb(ctx, clause.first, cue.token);
  let start = resolved.start;
  if (resolved.partyReference !== undefined && resolved.partyReference < cue.token) start = Math.min(start, tokenStart(doc, resolved.partyReference));
  if (speechVerb !== undefined) start = Math.min(start, tokenStart(doc, speechVerb.token) + speechVerb.skip);
  const end = doc.spanOf(clause.last - 1, clause.last).end;
  const cueSpan = doc.spanOf(cue.token, cue.token + 1, cue.skip);
  return {
    id: `c${n}`,
    start,
    end,
    text: doc.original.slice(start, end),
    strength: cue.strength,
    actors: resolved.actors.map((e) => e.id),
    principles: ctx.lookup.principlesWithin(start, end).map((e) => e.id),
    cue: { ...cueSpan, text: doc.original.slice(cueSpan.start, cueSpan.end) },
    negated: isNegated(ctx, clause.first, cue.token),
  };
}

/**
 * Adds the generic actors to `entities` in document order (one per span) and gives
 * every entity its id again ("e1", "e2", …), the commitments' arguments following.
 * The entities are renumbered in place: they are the analysis's own, made for it.
 */
function mergeGenericActors(entities: Entity[], found: CommitmentsFound): void {
  const spans = new Map<string, Entity>();
  for (const actors of found.actorsOf) {
    for (const e of actors) {
      if (e.id !== '') continue;
      const key = `${e.start}:${e.end}`;
      if (!spans.has(key)) spans.set(key, e);
    }
  }
  if (!spans.size) return;
  const canonical = (e: Entity) => (e.id === '' ? (spans.get(`${e.start}:${e.end}`) as Entity) : e);
  // The commitments name few of the entities: only theirs are looked up by old id or by object.
  const named = new Set<string>();
  for (const c of found.commitments) for (const id of c.principles) named.add(id);
  const actors = new Set<Entity>();
  for (const list of found.actorsOf) for (const e of list) actors.add(canonical(e));
  const all = inDocumentOrder(entities, [...spans.values()]);
  const newIdOfOld = new Map<string, string>();
  const newIdOf = new Map<Entity, string>();
  for (let i = 0; i < all.length; i++) {
    const e = all[i];
    const id = `e${i + 1}`;
    if (e.id !== '' && named.has(e.id)) newIdOfOld.set(e.id, id);
    if (actors.has(e)) newIdOf.set(e, id);
    e.id = id;
  }
  found.commitments.forEach((c, k) => {
    c.actors = found.actorsOf[k].map((e) => newIdOf.get(canonical(e)) as string);
    c.principles = c.principles.map((id) => newIdOfOld.get(id) as string);
  });
  entities.length = 0;
  // One at a time: spreading hundreds of thousands of entities (a 20 MB document) overflows the stack.
  for (const e of all) entities.push(e);
}
