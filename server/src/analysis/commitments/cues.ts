// Cues of commitment: the word or construction that makes a clause a
// commitment, and its strength (guidelines.md, dev-policy/README.md):
// cue words (تلتزم، تعهد، ينص، ضرورة، يجب …), the future prefix on a verb
// (ستعمل، سنواصل، سأعمل), a passive auxiliary with a noun of agreement (تم
// توقيع، تم الاتفاق), قام ب + a noun of signing, an emphasis verb + على + a
// word of obligation (شدد على عدم …), a verb of launching + a noun of appeal,
// an urgent need. A cue word used as a noun (ألف طالب، طالب في كلية), under
// a condition (ما إذا كانوا سوف …) or in a relative clause is none.
import { CUE_CANDIDATE } from '../wordFeatures';
import type { Strength } from '../types';
import { Clause, CommitmentContext, entitiesIn, tokenIs } from './context';

export interface Cue {
  token: number;
  skip: number;
  strength: Strength;
  signing: boolean;
  /** Found by the future prefix (س + verb) rather than a cue word. */
  future?: boolean;
  /** The verb whose subject commits: the cue, or the verb after a particle (سوف تنسحب). */
  verb: number;
  /** An agreement stipulating (ينص الاتفاق على …): its parties commit. */
  stipulation?: boolean;
  /** A passive (تم التوقيع): no name before it is its subject. */
  passive?: boolean;
}

export function findCue(ctx: CommitmentContext, clause: Clause): Cue | undefined {
  // Looked for only when a signing verb is met: it reads to the end of the sentence.
  let signable: boolean | undefined;
  const isSignable = () => (signable ??= hasSignedObject(ctx, clause));
  for (let i = clause.first; i < clause.last; i++) {
    // Tokens that are no cue and no future verb in any reading are skipped (see wordFeatures).
    if (ctx.entityAt[i] >= 0 || !(ctx.features[i] & CUE_CANDIDATE)) continue;
    if (isNounUse(ctx, i) || isConditional(ctx, clause, i) || afterRelativePronoun(ctx, i)) continue;
    const cue = cueAt(ctx, i, isSignable) ?? constructionAt(ctx, i);
    if (cue) return withVerb(ctx, cue);
  }
  return undefined;
}

/** The verb of a particle cue (سوف + verb), and whether the cue is a stipulation. */
function withVerb(ctx: CommitmentContext, cue: Omit<Cue, 'verb'> & { verb?: number }): Cue {
  const particle = tokenIs(ctx, cue.token, ctx.rules.cues.futureParticles, true) && cue.token + 1 < ctx.doc.tokens.length && !ctx.doc.hardBreakBefore[cue.token + 1];
  const stipulation = tokenIs(ctx, cue.token, ctx.rules.cues.stipulationVerbs, true);
  return { ...cue, verb: particle ? cue.token + 1 : cue.token, ...(stipulation ? { stipulation } : {}) };
}

/**
 * A second commitment in the clause: a later cue verb with no conjunction or complementiser
 * before it and a name of its own right after it (سيتم تنفيذها … تعهدت من خلالها وزارة …).
 * Its token, where the clause is cut; undefined when there is none.
 */
export function secondCue(ctx: CommitmentContext, clause: Clause, cue: Cue): number | undefined {
  const { doc, rules } = ctx;
  for (let i = cue.verb + 2; i < clause.last; i++) {
    if (ctx.entityAt[i] >= 0 || !(ctx.features[i] & CUE_CANDIDATE)) continue;
    if (!doc.readingsAt(i).some((r) => !r.proclitics && rules.cues.words.has(r.stem))) continue;
    if (tokenIs(ctx, i - 1, rules.complementizers) || afterRelativePronoun(ctx, i) || isNounUse(ctx, i)) continue;
    for (let k = i + 1; k <= i + rules.cues.secondSubjectReach && k < clause.last; k++) {
      if (ctx.entityAt[k] >= 0 && rules.cues.secondSubjectLabels.includes(ctx.entities[ctx.entityAt[k]].label)) return i;
    }
  }
  return undefined;
}

/** A cue word, or a future verb, at token i. */
function cueAt(ctx: CommitmentContext, i: number, signable: () => boolean): Omit<Cue, 'verb'> | undefined {
  const { rules } = ctx;
  for (const r of ctx.doc.readingsAt(i)) {
    if (r.proclitics && /[بكل]/.test(r.proclitics)) continue;
    const strength = rules.cues.words.get(r.stem);
    if (strength) {
      const signing = rules.cues.signing.has(r.stem);
      // Signing is a commitment when what is signed is an instrument.
      if (signing && !signable()) continue;
      return { token: i, skip: r.skip, strength, signing };
    }
    if (isFutureVerb(ctx, i, r.stem, r.skip)) return { token: i, skip: r.skip, strength: 'intent', signing: false, future: true };
  }
  return undefined;
}

/**
 * Cues of two or more words, found at their first: تم/جرى + a noun of agreement (binding); قام ب +
 * a noun of signing (binding); an emphasis verb + على + عدم/ضرورة (call); a verb of launching +
 * a noun of appeal (أطلق … نداء: call); a need said to be urgent (الحاجة ملحة: call).
 */
function constructionAt(ctx: CommitmentContext, i: number): Omit<Cue, 'verb'> | undefined {
  const { rules, doc } = ctx;
  const free = doc.readingsAt(i).find((r) => !/[بكل]/.test(r.proclitics) && isConstructionWord(ctx, r.stem));
  if (!free) return undefined;
  const at = (strength: Strength, extra: Partial<Cue> = {}) => ({ token: i, skip: free.skip, strength, signing: false, ...extra });
  if (rules.cues.passiveAuxiliaries.has(free.stem)) return followedWithin(ctx, i, rules.cues.passiveReach, rules.cues.agreementNouns) ? at('binding', { passive: true }) : undefined;
  if (rules.cues.performVerbs.has(free.stem)) {
    const next = i + 1 < doc.tokens.length && !doc.hardBreakBefore[i + 1] && doc.readingsAt(i + 1).some((r) => r.proclitics.endsWith('ب') && rules.signingNouns.has(r.stem));
    return next ? at('binding') : undefined;
  }
  if (rules.cues.appealVerbs.has(free.stem)) return followedWithin(ctx, i, rules.cues.appealReach, rules.cues.appealNouns) ? at('call') : undefined;
  if (rules.cues.needNouns.has(free.stem)) return tokenIs(ctx, i + 1, rules.cues.urgencyWords) && !doc.hardBreakBefore[i + 1] ? at('call') : undefined;
  return emphasisCall(ctx, i) ? at('call') : undefined;
}

function isConstructionWord(ctx: CommitmentContext, stem: string): boolean {
  const c = ctx.rules.cues;
  return c.passiveAuxiliaries.has(stem) || c.performVerbs.has(stem) || c.emphasisVerbs.has(stem) || c.appealVerbs.has(stem) || c.needNouns.has(stem);
}

/** Whether one of `words` follows token i within `reach` words of its sentence (the words between may be set off by commas). */
function followedWithin(ctx: CommitmentContext, i: number, reach: number, words: Set<string>): boolean {
  for (let k = i + 1; k <= i + reach && k < ctx.doc.tokens.length && ctx.doc.sentenceOf[k] === ctx.doc.sentenceOf[i]; k++) {
    if (tokenIs(ctx, k, words, true)) return true;
  }
  return false;
}

/** شدد (its subject may stand between: شددت النائبة) على عدم/ضرورة …, within the clause. */
function emphasisCall(ctx: CommitmentContext, i: number): boolean {
  const { rules, doc } = ctx;
  const within = (k: number) => k < doc.tokens.length && doc.sentenceOf[k] === doc.sentenceOf[i];
  for (let k = i + 1; k <= i + 1 + rules.cues.emphasisReach && within(k + 1) && !doc.hardBreakBefore[k]; k++) {
    if (tokenIs(ctx, k, rules.cues.emphasisPrepositions, true)) return tokenIs(ctx, k + 1, rules.cues.obligationNouns);
  }
  return false;
}

/**
 * What a signing verb signs: an Instrument of the clause, or a word that heads one (عقدا، اتفاقا،
 * مذكرة), there or later in the sentence (أمضى فلان وفلان، اليوم بمقر الهيئة، على مذكرة تعاون).
 */
function hasSignedObject(ctx: CommitmentContext, clause: Clause): boolean {
  let last = clause.last;
  while (last < ctx.doc.tokens.length && ctx.doc.sentenceOf[last] === ctx.doc.sentenceOf[clause.last - 1]) last++;
  if (entitiesIn(ctx, clause.first, last).some((e) => e.label === 'Instrument')) return true;
  for (let i = clause.first; i < last; i++) {
    // (A word that is also an adjective, الاستراتيجية, signs nothing by itself.)
    const signed = (stem: string) => ctx.rules.cues.signedObjects.has(stem) || (ctx.rules.instrumentHeads.has(stem) && !ctx.rules.adjectivalInstrumentHeads.has(stem));
    if (ctx.doc.readingsAt(i).some((r) => !/[بكل]/.test(r.proclitics) && signed(r.stem))) return true;
  }
  return false;
}

/** A cue word right after a number (ألف طالب), or طالب right before في/من (طالب في كلية), is a noun: a student, not "demanded". */
function isNounUse(ctx: CommitmentContext, i: number): boolean {
  const { doc, rules } = ctx;
  const beforePreposition = i + 1 < doc.tokens.length && !doc.hardBreakBefore[i + 1] && tokenIs(ctx, i, rules.cues.nounsBeforePrepositions, true) && doc.readingsAt(i + 1).some((r) => !r.proclitics && rules.prepositions.has(r.stem));
  if (beforePreposition) return true;
  if (i === 0 || doc.hardBreakBefore[i]) return false;
  return /^\d+$/.test(doc.tokens[i - 1].text) || tokenIs(ctx, i - 1, rules.cues.numberWords);
}

/** Under a condition or a doubt (إذا، لو، هل) a few words before, an action is not undertaken. */
function isConditional(ctx: CommitmentContext, clause: Clause, i: number): boolean {
  for (let k = Math.max(clause.first, i - ctx.rules.cues.conditionReach); k < i; k++) {
    if (tokenIs(ctx, k, ctx.rules.cues.conditionMarkers)) return true;
  }
  return false;
}

/** A verb right after الذي/التي belongs to a relative clause about a noun, not to the clause's own statement. */
function afterRelativePronoun(ctx: CommitmentContext, i: number): boolean {
  return i > 0 && !ctx.doc.hardBreakBefore[i] && tokenIs(ctx, i - 1, ctx.rules.cues.relativePronouns);
}

/** س + an imperfect verb (ستعزز، سيعمل، سنواصل، سأعمل). */
function isFutureVerb(ctx: CommitmentContext, i: number, stem: string, skip: number): boolean {
  const { doc, rules } = ctx;
  if (stem.length < 5 || stem[0] !== 'س') return false;
  const prefix = stem[1];
  if (prefix === 'ا') {
    // Only a written hamza (سأعمل) marks the first person; سا… is mostly other words.
    const at = doc.norm.origin[doc.tokens[i].start + skip + 1];
    if (doc.original[at] !== 'أ') return false;
  } else if (!'يتن'.includes(prefix)) return false;
  return !rules.cues.futureNotPrefixes.some((p) => stem.startsWith(p));
}

export function findSpeechVerb(ctx: CommitmentContext, first: number, cueToken: number): { token: number; skip: number } | undefined {
  for (let i = first; i < cueToken; i++) {
    const r = ctx.doc.readingsAt(i).find((x) => ctx.rules.speechVerbs.has(x.stem));
    if (r) return { token: i, skip: r.skip };
  }
  return undefined;
}

export function isNegated(ctx: CommitmentContext, first: number, cueToken: number): boolean {
  for (let i = Math.max(first, cueToken - ctx.rules.cueNegationWindow); i < cueToken; i++) {
    if (ctx.doc.readingsAt(i).some((r) => ctx.rules.negations.has(r.stem))) return true;
  }
  return false;
}
