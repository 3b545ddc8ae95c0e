// Who commits, by grammatical role: the subject of the cue (before it, or
// right after a verb); in reported speech the reported clause's subject, or
// the speaker when the clause's subject is a pronoun (أنه يناشد، بلاده،
// first person); the parties of the last agreement for «الطرفان»; the
// parties after بين of a signing; for a verb without a subject, who committed
// last; failing a name, a generic noun phrase (الشركات، جميع الدول).
import { normalizeWord } from '../normalize';
import type { Entity } from '../types';
import { Clause, CommitmentContext, entitiesIn, governedByPreposition, isActor, isCoordination, isSubjectActor, sentenceStart, tokenIs, tokenStart, uniqueByReferent } from './context';
import { Cue, findSpeechVerb } from './cues';
import { genericActorAt, genericActorEndingAt } from './genericActors';
import { findSignedBetween, SignedBetween } from './parties';
import { quotedSentenceBreaks } from './sentences';

/** What actor resolution remembers from one clause to the next. */
export class ActorMemory {
  /** The parties a plural reference (الطرفان) stands for, and the token where they were named. */
  parties: Entity[] = [];
  partiesAt = -1;
  /** The actors of the last commitment that had any, and where its clause starts. */
  previous: { actors: Entity[]; start: number } | undefined;
  private readonly signed: SignedBetween[];
  private nextSigned = 0;
  private quoted: Uint8Array | undefined;

  constructor(private readonly ctx: CommitmentContext) {
    this.signed = findSignedBetween(ctx, (e) => isActor(e) || isSubjectActor(e));
  }

  /** Takes the parties of the signings named after بين before token `limit`. */
  partiesBefore(limit: number): void {
    for (; this.nextSigned < this.signed.length && this.signed[this.nextSigned].token < limit; this.nextSigned++) {
      const s = this.signed[this.nextSigned];
      if (s.token >= this.partiesAt) [this.parties, this.partiesAt] = [s.actors, s.token];
    }
  }

  /** The signing named after بين whose signing word lies in [first, last). */
  signedWithin(first: number, last: number): SignedBetween | undefined {
    return this.signed.find((s) => s.token >= first && s.token < last);
  }

  quotedBreaks(): Uint8Array {
    return (this.quoted ??= quotedSentenceBreaks(this.ctx));
  }

  remember(actors: Entity[], clauseStart: number, cue: Cue): void {
    if (actors.length) this.previous = { actors, start: clauseStart };
    if (cue.signing && actors.length >= 2) [this.parties, this.partiesAt] = [actors, cue.token];
  }
}

export interface ResolvedActors {
  actors: Entity[];
  /** Where the clause starts when an actor before the cue opens it. */
  start: number;
  partyReference?: number;
}

/** The actors of the commitment at `cue`; undefined when the clause is no commitment after all (a bare future verb nobody performs). */
export function resolveActors(ctx: CommitmentContext, memory: ActorMemory, clause: Clause, cue: Cue): ResolvedActors | undefined {
  const cueStart = tokenStart(ctx.doc, cue.token) + cue.skip;
  const subjects = subjectsOfCue(ctx, cue, cueStart, clause);
  const opening = clauseSubject(ctx, clause, cue);
  if (opening) subjects.add(opening);
  // A bare future verb before a place is weather or news more often than policy (ستشهد بغداد أمطاراً).
  const canCommit = (e: Entity) => isActor(e) || (isSubjectActor(e) && subjects.has(e) && !(cue.future && e.start >= cueStart));
  const clauseEntities = entitiesIn(ctx, clause.first, clause.last);
  const before = clauseEntities.filter((e) => canCommit(e) && e.end <= cueStart && !insideRelativeClause(ctx, e, cue.token));
  // «الطرفان» as the subject (before the verb or right after it); «بين البلدين» later names a signing's own parties again.
  const reference = findPartyReference(ctx, clause);
  const partyReference = reference !== undefined && reference <= cue.verb + 1 ? reference : undefined;
  memory.partiesBefore(partyReference ?? cue.token);
  let subjectPhrase: Entity | undefined;
  let actors = pronounSubject(ctx, cue) ? speakerOf(ctx, memory, clause, cue) : undefined;
  if (!actors && cue.stipulation && memory.parties.length) actors = memory.parties;
  actors ??= namedActors(ctx, memory, clause, cue, before, partyReference, canCommit);
  // A call with no subject of its own in reported speech (قالت فلانة إن … يجب …) is the speaker's.
  if (!actors.length && cue.strength === 'call' && findSpeechVerb(ctx, clause.first, cue.token)) actors = speakerOf(ctx, memory, clause, cue) ?? [];
  if (!actors.length) {
    subjectPhrase = genericSubject(ctx, clause, cue);
    if (subjectPhrase) actors = [subjectPhrase];
  }
  if (!actors.length) actors = fallbackActors(ctx, memory, clause, cue);
  if (!actors.length && cue.future) return undefined;
  actors = uniqueByReferent(actors);
  memory.remember(actors, tokenStart(ctx.doc, clause.first), cue);
  let start = cueStart;
  if (before.length) start = Math.min(start, before[0].start);
  if (subjectPhrase && subjectPhrase.start >= tokenStart(ctx.doc, clause.first)) start = Math.min(start, subjectPhrase.start);
  return { actors, start, partyReference };
}

/** Named actors in subject position, or the parties a signing or «الطرفان» stands for. */
function namedActors(ctx: CommitmentContext, memory: ActorMemory, clause: Clause, cue: Cue, before: Entity[], partyReference: number | undefined, canCommit: (e: Entity) => boolean): Entity[] {
  // وقعت اتفاقية بين X وY، تم التوقيع على مذكرة … بين X وY: the parties after بين sign.
  const signedHere = cue.strength === 'binding' ? memory.signedWithin(cue.token, clause.last) : undefined;
  if (signedHere && (cue.passive || !before.length)) return signedHere.actors;
  if (before.length && !cue.passive) return withSigningPartner(ctx, clause, cue, reportedSubjects(ctx, clause.first, cue.token, before) ?? before);
  if (partyReference !== undefined && memory.parties.length) return memory.parties;
  return subjectAfterCue(ctx, clause, cue, canCommit);
}

/**
 * A signing's partner after مع (وقع العراق مع روسيا …، مع مدير الهيئة فلان), or after «بينها و»
 * (أبرمت الجامعة مذكرة بينها وجامعة …): it signs too.
 */
function withSigningPartner(ctx: CommitmentContext, clause: Clause, cue: Cue, actors: Entity[]): Entity[] {
  if (!cue.signing) return actors;
  for (let i = cue.token + 1; i + 1 < clause.last; i++) {
    const between = tokenIs(ctx, i, ctx.rules.betweenPronouns) && ctx.doc.tokens[i + 1].text.startsWith('و');
    if (!between && !ctx.doc.readingsAt(i).some((r) => !r.proclitics && r.stem === 'مع')) continue;
    const partner = entitiesIn(ctx, i + 1, Math.min(clause.last, i + 1 + ctx.rules.titleReach)).find((e) => e.label !== 'Instrument' && startsRightAfter(ctx, i, e));
    return partner && !actors.includes(partner) ? [...actors, partner] : actors;
  }
  return actors;
}

/**
 * The subject of a clause that opens with a verb (عبرت تونس بموجب الاتفاق عن استعدادها …):
 * the name right after its first word, when that word is no name, article-noun, preposition or number.
 */
function clauseSubject(ctx: CommitmentContext, clause: Clause, cue: Cue): Entity | undefined {
  const { doc, rules } = ctx;
  const first = tokenIs(ctx, clause.first, rules.clauseParticles) ? clause.first + 1 : clause.first;
  if (first + 1 >= cue.token || ctx.entityAt[first] >= 0 || ctx.entityAt[first + 1] < 0 || doc.hardBreakBefore[first + 1]) return undefined;
  const verbLike = doc.readingsAt(first).some((r) => !/[بكل]/.test(r.proclitics) && !r.stem.startsWith('ال') && !rules.prepositions.has(r.stem) && !/^\d/.test(r.stem) && !rules.complementizers.has(r.stem));
  const e = ctx.entities[ctx.entityAt[first + 1]];
  return verbLike && e.start === tokenStart(doc, first + 1) ? e : undefined;
}

/** The actors right after the cue (VSO: وقعت X وY …), with coordinated ones and a signing's partner after مع. */
function subjectAfterCue(ctx: CommitmentContext, clause: Clause, cue: Cue, canCommit: (e: Entity) => boolean): Entity[] {
  const cueStart = tokenStart(ctx.doc, cue.token) + cue.skip;
  const after = entitiesIn(ctx, cue.verb + 1, clause.last).filter((e) => canCommit(e) && e.start >= cueStart && !governedByPreposition(ctx, e, cue.signing));
  if (!after.length) return [];
  // A call's addressee comes after it: its subject is the name right after it, or after a title (طالب وزير خارجية X فلان).
  if (cue.strength === 'call' && !startsRightAfter(ctx, cue.verb, after[0])) return [];
  const actors = [after[0]];
  for (const e of after.slice(1)) {
    const between = ctx.doc.original.slice(actors[actors.length - 1].end, e.start).trim();
    if (isCoordination(between) || (cue.signing && /(^|\s)مع$/.test(between))) actors.push(e);
    else break;
  }
  return withSigningPartner(ctx, clause, cue, actors);
}

/**
 * Whether the entity starts at the token after `token`, or after titles and nouns of
 * office with their complements (طالب وزير خارجية النمسا فلان: a place inside the title is passed over).
 */
function startsRightAfter(ctx: CommitmentContext, token: number, e: Entity): boolean {
  const { doc, rules } = ctx;
  for (let k = token + 1; k < Math.min(doc.tokens.length, token + 1 + rules.titleReach); k++) {
    const at = ctx.entityAt[k] >= 0 ? ctx.entities[ctx.entityAt[k]] : undefined;
    if (at === e) return true;
    if (k > token + 1 && doc.hardBreakBefore[k]) return false;
    if (at) {
      if (e.label !== 'Person' || at.label === 'Person' || k === token + 1) return false;
      continue;
    }
    const title = doc.readingsAt(k).some((r) => rules.roleNouns.has(r.stem) || rules.titles.has(r.stem));
    const complement = k > token + 1 && !doc.readingsAt(k).some((r) => rules.prepositions.has(r.stem) || rules.complementizers.has(r.stem));
    if (!title && !complement) return false;
  }
  return false;
}

/**
 * قال فلان إن الحكومة ستعمل …: when a speech verb of the clause, before the cue,
 * opens a reported clause (أن، إن، بأن) whose subject is an actor, that subject
 * commits, not the speaker; when it has none, the speaker does. Undefined when
 * there is no such clause.
 */
function reportedSubjects(ctx: CommitmentContext, first: number, cueToken: number, before: Entity[]): Entity[] | undefined {
  const speech = findSpeechVerb(ctx, first, cueToken);
  if (!speech) return undefined;
  for (let i = speech.token + 1; i < cueToken; i++) {
    if (ctx.entityAt[i] >= 0 || !tokenIs(ctx, i, ctx.rules.complementizers)) continue;
    const subjects = before.filter((e) => e.start > tokenStart(ctx.doc, i) && !governedByPreposition(ctx, e, false));
    if (subjects.length) return subjects;
    // No actor as its subject (إن التعاون مع الوزارة سيستمر): the speaker's side, not who is named inside.
    const speakers = before.filter((e) => e.end <= tokenStart(ctx.doc, i) && !governedByPreposition(ctx, e, false));
    return speakers.length ? speakers : undefined;
  }
  return undefined;
}

/**
 * The entities in the grammatical subject of the cue: the names coordinated (X وY) right
 * after the cue (وقعت X وY …), or right before it when they open the clause or a reported
 * clause (X سيواصل …، إن X سيواصل …). A name governed by a preposition is no subject.
 */
function subjectsOfCue(ctx: CommitmentContext, cue: Cue, cueStart: number, clause: Clause): Set<Entity> {
  const { doc, entities, entityAt } = ctx;
  const out = new Set<Entity>();
  const clauseEnd = doc.spanOf(clause.last - 1, clause.last).end;
  const tokenOf = (e: Entity) => {
    let k = clause.first;
    while (k + 1 < clause.last && tokenStart(doc, k + 1) <= e.start) k++;
    return k;
  };
  const free = (e: Entity) => !governedByPreposition(ctx, e, false) && !/[بكل]/.test(doc.original.slice(tokenStart(doc, tokenOf(e)), e.start));
  const coordinated = (a: Entity, b: Entity) => isCoordination(doc.original.slice(a.end, b.start).trim());
  // حكومة X، وزراء X: X commits (حكومتا السودان وإثيوبيا).
  const next = governedSubjectStart(ctx, cue.verb + 1);
  if (next < clause.last && !doc.hardBreakBefore[next] && entityAt[next] >= 0 && free(entities[entityAt[next]])) {
    out.add(entities[entityAt[next]]);
    for (let e = entityAt[next] + 1; e < entities.length && entities[e].end <= clauseEnd && coordinated(entities[e - 1], entities[e]); e++) out.add(entities[e]);
  }
  const prev = beforeAdverbs(ctx, cue.token - 1, clause.first);
  const adjacent = (e: Entity) => prev === cue.token - 1 ? !/\S/.test(doc.original.slice(e.end, cueStart)) : e.end <= tokenStart(doc, prev + 1);
  if (prev >= clause.first && entityAt[prev] >= 0 && adjacent(entities[entityAt[prev]])) {
    let e = entityAt[prev];
    while (e > 0 && entities[e - 1].start >= tokenStart(doc, clause.first) && coordinated(entities[e - 1], entities[e])) e--;
    const opening = tokenOf(entities[e]);
    const opensClause = opening === clause.first || tokenIs(ctx, opening - 1, ctx.rules.complementizers);
    if (opensClause && free(entities[e])) for (let k = e; k <= entityAt[prev]; k++) out.add(entities[k]);
  }
  return out;
}

/** After حكومة/وزراء (and a word of portfolio: وزراء خارجية X), the token where X starts; else `k`. */
function governedSubjectStart(ctx: CommitmentContext, k: number): number {
  if (!tokenIs(ctx, k, ctx.rules.governmentOf) || ctx.entityAt[k] >= 0) return k;
  for (let j = k + 1; j <= k + 2 && j < ctx.doc.tokens.length && !ctx.doc.hardBreakBefore[j]; j++) if (ctx.entityAt[j] >= 0) return j;
  return k;
}

/** The token before `k` once the adverbs a subject may take (وحده، بدوره، أيضا) are passed over, back to `first`. */
function beforeAdverbs(ctx: CommitmentContext, k: number, first: number): number {
  while (k > first && tokenIs(ctx, k, ctx.rules.subjectAdverbs)) k--;
  return k;
}

/** An entity between الذي/التي and the cue belongs to a relative clause (X الذي يزور روسيا … وقع): not the cue's subject. */
function insideRelativeClause(ctx: CommitmentContext, e: Entity, cueToken: number): boolean {
  for (let i = cueToken - 1; i >= 0 && tokenStart(ctx.doc, i) >= e.end; i--) if (tokenIs(ctx, i, ctx.rules.cues.relativePronouns)) return false;
  for (let i = cueToken - 1; i >= 0 && tokenStart(ctx.doc, i) > e.start - 40; i--) {
    if (tokenStart(ctx.doc, i) < e.start && tokenIs(ctx, i, ctx.rules.cues.relativePronouns)) return true;
  }
  return false;
}

/** The cue's subject is the speaker: a complementiser with a pronoun (أنه يناشد), بلاده before it, or the first person (سنعمل، سأحاول، سوف نعمل، ندعو). */
function pronounSubject(ctx: CommitmentContext, cue: Cue): boolean {
  const { rules, doc } = ctx;
  const word = doc.original.slice(tokenStart(doc, cue.token) + cue.skip, doc.spanOf(cue.token, cue.token + 1).end);
  if (tokenIs(ctx, cue.token - 1, rules.speakerReferences)) return true;
  // أنه يناشد، إنها ستعمل: the pronoun is the verb's subject; before a passive or a noun (أنه تم …) it is no one.
  if (!cue.passive && tokenIs(ctx, cue.token - 1, rules.pronounComplementizers) && /^(س?[يتن]|سوف)/.test(normalizeWord(word))) return true;
  if (/^س[نأ]/.test(word) || tokenIs(ctx, cue.token, rules.cues.firstPerson, true)) return true;
  const next = cue.token + 1 < doc.tokens.length ? doc.tokens[cue.token + 1].text : '';
  if (tokenIs(ctx, cue.token + 1, rules.cues.firstPerson)) return true;
  return /^سوف$/.test(doc.tokens[cue.token].text.slice(cue.skip)) && /^[نا]/.test(next);
}

/** The speaker of the sentence (or the one before): the subject after its speech verb, or who committed last. */
function speakerOf(ctx: CommitmentContext, memory: ActorMemory, clause: Clause, cue: Cue): Entity[] | undefined {
  const from = sentenceStart(ctx.doc, sentenceStart(ctx.doc, clause.first) - 1);
  for (let i = cue.token - 1; i >= from; i--) {
    if (!tokenIs(ctx, i, ctx.rules.speechVerbs)) continue;
    const subject = speechSubject(ctx, i, cue.token);
    if (subject) return [subject];
    // وأضاف الوزير …: a generic noun phrase as the speaker.
    const phrase = i + 1 < cue.token ? genericActorAt(ctx, i + 1) : undefined;
    if (phrase) return [phrase];
  }
  return memory.previous && memory.previous.start >= tokenStart(ctx.doc, from) ? memory.previous.actors : undefined;
}

/** A feminine sound plural after a past verb without the feminine ت (دعا المنظمات …): the verb's object, which a subject would agree with. */
function pluralObject(ctx: CommitmentContext, verb: number, verbWord = ctx.doc.tokens[verb].text): boolean {
  const next = ctx.doc.tokens[verb + 1]?.text ?? '';
  return /ات$/.test(next) && !/ت$/.test(verbWord) && !/^[يتنا]/.test(verbWord);
}

/**
 * The speaker: the last actor within speakerReach words after the speech verb, before what it
 * reports (أن، إن), that no preposition governs.
 */
function speechSubject(ctx: CommitmentContext, verb: number, limit: number): Entity | undefined {
  let end = Math.min(verb + 1 + ctx.rules.speakerReach, limit);
  for (let k = verb + 1; k < end; k++) if (ctx.entityAt[k] < 0 && tokenIs(ctx, k, ctx.rules.complementizers)) end = k;
  const subject = entitiesIn(ctx, verb + 1, end).filter((e) => isActor(e) && !governedByPreposition(ctx, e, false));
  return subject[subject.length - 1];
}

/** A generic noun phrase as the subject: right after a verb cue, or opening the clause right before the cue. */
function genericSubject(ctx: CommitmentContext, clause: Clause, cue: Cue): Entity | undefined {
  const { doc } = ctx;
  const verb = cue.verb;
  const after = verb + 1 < clause.last && !doc.hardBreakBefore[verb + 1] ? genericActorAt(ctx, verb + 1) : undefined;
  const verbWord = doc.tokens[verb].text.slice(verb === cue.token ? cue.skip : 0);
  // After an imperfect call verb (يناشد، تدعو) the noun phrase is the addressee; so is a feminine
  // plural (المنظمات) after a past verb without the feminine ت (دعا المنظمات …), which it would agree with.
  const imperfect = /^[يت]/.test(verbWord);
  if (after && !pluralObject(ctx, verb, verbWord) && (cue.strength !== 'call' || !imperfect)) return after;
  const end = beforeAdverbs(ctx, cue.token - 1, clause.first);
  const before = end >= clause.first ? genericActorEndingAt(ctx, end, clause.first) : undefined;
  if (before) return before;
  // The subject of the speech verb that introduces the cue (شدد نواب الشعب على ضرورة …).
  const speech = findSpeechVerb(ctx, clause.first, cue.token);
  return speech && speech.token + 1 < cue.token ? genericActorAt(ctx, speech.token + 1) : undefined;
}

/**
 * No subject in the clause: the nearest actor before, from the commitment's own sentence;
 * a verb without its subject (وأشار إلى …، طالبت في بيان …) continues the last one who
 * committed, from this sentence or the four before it.
 */
function fallbackActors(ctx: CommitmentContext, memory: ActorMemory, clause: Clause, cue: Cue): Entity[] {
  const { doc } = ctx;
  const from = ownSentenceStart(ctx, memory, clause.first);
  const speech = findSpeechVerb(ctx, from, cue.token);
  let speakerFrom = from;
  for (let k = 0; k < 4; k++) speakerFrom = sentenceStart(doc, speakerFrom - 1);
  const recent = memory.previous && memory.previous.start >= tokenStart(doc, speakerFrom) ? memory.previous.actors : [];
  const verb = speech?.token ?? cue.token;
  const subjectless = (speech || !cue.future) && !verbHasSubject(ctx, verb, speech ? cue.token : clause.last);
  // The verb's subject left out: the last name of its own sentence that no preposition governs
  // (أما النائبة فلانة، فقد دعت …), else who committed last.
  const own = subjectless ? freeActorBefore(ctx, from, cue.token) : undefined;
  if (own) return [own];
  if (subjectless && recent.length) return recent;
  // Reported speech whose clause names no actor (قال الوزير فلان، …، إن المشروع سيدخل …): the speaker's.
  const speaker = speech && !subjectless ? speechSubject(ctx, speech.token, cue.token) : undefined;
  if (speaker) return [speaker];
  // A verb without its subject at the start of a sentence (طالبت في بيان …) continues the topic of the topicSentences before.
  let reach = from;
  if (subjectless && verb === sentenceStart(doc, verb)) for (let k = 0; k < ctx.rules.topicSentences; k++) reach = sentenceStart(doc, reach - 1);
  return ctx.lookup.nearestActorBefore(tokenStart(doc, clause.first)).filter((e) => e.start >= tokenStart(doc, reach));
}

/**
 * The last actor in tokens [from, token) that no preposition governs and no bracket encloses;
 * a body after a noun of office and عن (النائبة عن كتلة X) is the one its member speaks for.
 */
function freeActorBefore(ctx: CommitmentContext, from: number, token: number): Entity | undefined {
  const actors = entitiesIn(ctx, from, token).filter(isActor);
  for (let k = actors.length - 1; k >= 0; k--) {
    const e = actors[k];
    if (ctx.doc.original[e.start - 1] === '(') continue;
    if (!governedByPreposition(ctx, e, false) || representedBody(ctx, e)) return e;
  }
  return undefined;
}

/** ممثل عن X، النائبة عن X: X is what the office-holder stands for. */
function representedBody(ctx: CommitmentContext, e: Entity): boolean {
  const words = ctx.doc.original.slice(Math.max(0, e.start - 30), e.start).trim().split(/\s+/);
  if (normalizeWord(words[words.length - 1] ?? '') !== normalizeWord('عن')) return false;
  const office = normalizeWord(words[words.length - 2] ?? '');
  return ctx.rules.roleNouns.has(office) || ctx.rules.roleNouns.has(office.replace(/^ال/, ''));
}

/**
 * The first token of the sentence a commitment's actor may come from. A full stop
 * does not end that sentence inside a quotation («… والعنف. والدعوة …»), nor
 * before a preposition governing a cue word (أكد فلان … . على «ضرورة …»).
 */
function ownSentenceStart(ctx: CommitmentContext, memory: ActorMemory, first: number): number {
  const { doc, rules } = ctx;
  const quoted = memory.quotedBreaks();
  let k = sentenceStart(doc, first);
  while (k > 0 && doc.sentenceOf[k] !== doc.sentenceOf[k - 1]) {
    const governsCue = k + 1 < doc.tokens.length && doc.readingsAt(k).some((r) => !r.proclitics && rules.prepositions.has(r.stem)) && doc.readingsAt(k + 1).some((r) => rules.cues.words.has(r.stem));
    if (!quoted[k] && !governsCue) break;
    k = sentenceStart(doc, k - 1);
  }
  return k;
}

/**
 * Whether the verb at `verb` has a subject of its own before `limit`: the word after it
 * is not a preposition, a complementiser (أن، إن) or another word that cannot begin a
 * noun phrase (وأشار إلى …، وأضاف أن …), nor the cue itself.
 */
function verbHasSubject(ctx: CommitmentContext, verb: number, limit: number): boolean {
  const { doc, rules } = ctx;
  const next = verb + 1;
  if (next >= limit || doc.hardBreakBefore[next]) return false;
  // A noun of office (وزير، رئيس) begins the subject, though it ends a name.
  const notSubject = (stem: string) => rules.prepositions.has(stem) || (rules.nameStopWords.has(stem) && !rules.roleNouns.has(stem)) || rules.nameClosers.has(stem);
  if (ctx.entityAt[next] < 0 && pluralObject(ctx, verb, doc.tokens[verb].text.replace(/^[وف]/, ''))) return false;
  // Nor is a word with a fused preposition, when it is no name (أهابوا بمنظمات …).
  if (ctx.entityAt[next] < 0 && doc.readingsAt(next).some((r) => /[بل]$/.test(r.proclitics) && r.stem.length > 2)) return false;
  return !doc.readingsAt(next).some((r) => !/[بكل]/.test(r.proclitics) && notSubject(r.stem));
}

function findPartyReference(ctx: CommitmentContext, clause: Clause): number | undefined {
  for (let i = clause.first; i < clause.last; i++) {
    for (const r of ctx.doc.readingsAt(i)) {
      if (ctx.rules.partyReferences.longestMatch(r.stem, (k) => ctx.doc.tokens[i + k]?.text)) return i;
    }
  }
  return undefined;
}
