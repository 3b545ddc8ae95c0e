// Signings that name their parties after a "between" word: a signing verb and
// what it signs (an Instrument), or a noun of signing (توقيع) with or without
// it, then بين and two or more coordinated actors (X وY، X (IOM) وY).
import type { Entity } from '../types';
import { SIGNING_WORD } from '../wordFeatures';
import { CommitmentContext, isCoordination, tokenStart, uniqueByReferent } from './context';

export interface SignedBetween {
  /** The signing word's token. */
  token: number;
  actors: Entity[];
}

export function findSignedBetween(ctx: CommitmentContext, canSign: (e: Entity) => boolean): SignedBetween[] {
  const out: SignedBetween[] = [];
  const n = ctx.doc.tokens.length;
  for (let i = 0; i + 2 < n; i++) {
    // Tokens that are no signing word in any reading are skipped (see wordFeatures).
    if (ctx.entityAt[i] >= 0 || !(ctx.features[i] & SIGNING_WORD)) continue;
    const actors = partiesAfter(ctx, i, canSign);
    if (actors && actors.length >= 1) out.push({ token: i, actors });
  }
  return out;
}

function partiesAfter(ctx: CommitmentContext, i: number, canSign: (e: Entity) => boolean): Entity[] | undefined {
  const { doc, rules, entities, entityAt } = ctx;
  const n = doc.tokens.length;
  const joined = (k: number) => k < n && !doc.hardBreakBefore[k];
  const rs = doc.readingsAt(i);
  const verb = rs.some((r) => !r.proclitics && rules.cues.signing.has(r.stem));
  const noun = !verb && rs.some((r) => rules.signingNouns.has(r.stem));
  if (!verb && !noun) return undefined;
  let k = i + 1;
  // What is signed: an Instrument (required after a verb: وقع has other meanings), after a noun perhaps with على.
  if (noun && joined(k) && doc.readingsAt(k).some((r) => !r.proclitics && rules.cues.emphasisPrepositions.has(r.stem))) k++;
  // Or, after a noun of signing, a word for what is signed (توقيع الاتفاق بين …).
  if (noun && joined(k) && entityAt[k] < 0 && doc.readingsAt(k).some((r) => !r.proclitics && rules.cues.signedObjects.has(r.stem))) k++;
  let reach = 0;
  if (joined(k) && entityAt[k] >= 0 && entities[entityAt[k]].label === 'Instrument') {
    const instrument = entityAt[k];
    while (k < n && entityAt[k] === instrument) k++;
    reach = rules.signingBetweenReach;
  } else if (verb) return undefined;
  // Words between what is signed and بين (مذكرة تفاهم حول القطاع المالي بين …).
  for (let extra = 0; extra < reach && joined(k) && !doc.readingsAt(k).some((r) => !r.proclitics && rules.signingBetween.has(r.stem)); extra++) k++;
  if (!joined(k) || !doc.readingsAt(k).some((r) => !r.proclitics && rules.signingBetween.has(r.stem))) return undefined;
  k++;
  if (!joined(k) || entityAt[k] < 0) return undefined;
  const firstParty = entities[entityAt[k]];
  if (!canSign(firstParty) || firstParty.start !== tokenStart(doc, k)) return undefined;
  const actors = [firstParty];
  for (let e = entityAt[k] + 1; e < entities.length; e++) {
    const between = doc.original.slice(actors[actors.length - 1].end, entities[e].start).trim();
    if (!isCoordination(between) || !canSign(entities[e])) break;
    actors.push(entities[e]);
  }
  // بين X وY with Y no name the entities know: X alone is still a party.
  if (actors.length === 1 && !/^\s*و\S/.test(doc.original.slice(firstParty.end, firstParty.end + 3))) return undefined;
  return uniqueByReferent(actors);
}
