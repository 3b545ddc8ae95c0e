// A generic noun phrase as the actor when no name fits: a noun of agents
// (الشركات، الدول، المنظمات، نواب، الأمين) with an optional quantifier before
// it (جميع، كل), one definite modifier after it (الدول المتقدمة، نواب الشعب)
// and a coordinated second agent noun (المنظمات والجمعيات).
import type { Entity } from '../types';
import { CommitmentContext, tokenIs, tokenStart } from './context';

/** The generic actor phrase starting at token i (after its proclitic), if any. */
export function genericActorAt(ctx: CommitmentContext, i: number): Entity | undefined {
  const { doc, rules } = ctx;
  const n = doc.tokens.length;
  const joined = (k: number) => k < n && !doc.hardBreakBefore[k] && ctx.entityAt[k] < 0;
  if (ctx.entityAt[i] >= 0) return undefined;
  let head = i;
  if (tokenIs(ctx, i, rules.quantifiers, true) && joined(i + 1)) head = i + 1;
  const headReading = doc.readingsAt(head).find((r) => !/[بكل]/.test(r.proclitics) && rules.actorNouns.has(r.stem));
  if (!headReading) return undefined;
  let last = head;
  if (joined(last + 1) && isModifier(ctx, last + 1)) last++;
  const second = last + 1 < n && doc.readingsAt(last + 1).find((r) => r.proclitics === 'و' && rules.actorNouns.has(r.stem));
  if (second && joined(last + 1)) {
    last++;
    if (joined(last + 1) && isModifier(ctx, last + 1)) last++;
  }
  const skip = head === i ? headReading.skip : (doc.readingsAt(i).find((r) => rules.quantifiers.has(r.stem))?.skip ?? 0);
  const span = doc.spanOf(i, last + 1, skip);
  return { id: '', label: 'Organization', start: span.start, end: span.end, text: doc.original.slice(span.start, span.end), source: 'rule', rule: 'generic-actor' };
}

/** The longest generic actor phrase that ends with token `last` and starts at or after `first`. */
export function genericActorEndingAt(ctx: CommitmentContext, last: number, first: number): Entity | undefined {
  for (let i = Math.max(first, last - 4); i <= last; i++) {
    const phrase = genericActorAt(ctx, i);
    if (phrase && phrase.end === ctx.doc.spanOf(last, last + 1).end) return phrase;
  }
  return undefined;
}

/** A definite word (no proclitic but the article) that is no preposition, cue or verbal noun of action. */
function isModifier(ctx: CommitmentContext, k: number): boolean {
  const word = ctx.doc.tokens[k].text;
  return word.startsWith('ال') && !ctx.rules.cues.words.has(word) && !ctx.rules.verbalNounsAfterActors.has(word) && tokenStart(ctx.doc, k) >= 0;
}
