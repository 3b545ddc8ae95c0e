// Commitments: one per clause that carries a cue of commitment, intent,
// striving or a call; with who commits (the clause's subject, in reported
// speech the reported clause's; "the two parties" resolved to the signatories;
// or the nearest actor before in the same sentence) and the principles it
// invokes.
import type { PreparedText } from './document';
import { normalizeWord } from './normalize';
import type { Rules } from './rules';
import { actorLabels, subjectActorLabels } from './schema';
import type { Commitment, Entity, Strength } from './types';
import { CUE_CANDIDATE, SIGNING_WORD, tokenFeatures } from './wordFeatures';

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
  const isSubjectActor = (e: Entity) => subjectActorLabels.includes(e.label);
  // (The partner of a signing, after مع, does commit.)
  const governedByPreposition = (e: Entity, signing: boolean) => {
    if (/^لل/.test(e.text)) return true;
    const before = doc.original.slice(Math.max(0, e.start - 12), e.start).trim().split(/\s+/).pop() ?? '';
    const word = normalizeWord(before);
    return rules.prepositions.has(word) && !(signing && word === 'مع');
  };
  /**
   * قال فلان إن الحكومة ستعمل …: when a speech verb of the clause, before the cue,
   * opens a reported clause (أن، إن، بأن) whose subject is an actor, that subject
   * commits, not the speaker; when it has none, the speaker does. Undefined when
   * there is no such clause.
   */
  const reportedSubjects = (first: number, cueToken: number, before: Entity[]): Entity[] | undefined => {
    const speech = findSpeechVerb(doc, rules, first, cueToken);
    if (!speech) return undefined;
    for (let i = speech.token + 1; i < cueToken; i++) {
      if (entityAt[i] >= 0 || !doc.readingsAt(i).some((r) => rules.complementizers.has(r.stem))) continue;
      const subjects = before.filter((e) => e.start > tokenStart(i) && !governedByPreposition(e, false));
      if (subjects.length) return subjects;
      // No actor as its subject (إن التعاون مع الوزارة سيستمر): the speaker's side, not who is named inside.
      const speakers = before.filter((e) => e.end <= tokenStart(i));
      return speakers.length ? speakers : undefined;
    }
    return undefined;
  };
  /**
   * The entities in the grammatical subject of the cue at token `cueToken` of the clause
   * [first, last): the names coordinated (X وY) right after the cue (وقعت X وY …), or right
   * before it when they open the clause or a reported clause (X سيواصل …، إن X سيواصل …).
   * A name governed by a preposition (في العراق، بالعراق) is no subject.
   */
  const subjectsOfCue = (cueToken: number, cueStart: number, first: number, last: number): Set<Entity> => {
    const out = new Set<Entity>();
    const clauseStart = tokenStart(first);
    const clauseEnd = doc.spanOf(last - 1, last).end;
    /** The token an entity of the clause starts in. */
    const tokenOf = (e: Entity) => {
      let k = first;
      while (k + 1 < last && tokenStart(k + 1) <= e.start) k++;
      return k;
    };
    // Not after a preposition, written (في العراق) or fused (بالعراق، للعراق).
    const free = (e: Entity) => !governedByPreposition(e, false) && !/[بكل]/.test(doc.original.slice(tokenStart(tokenOf(e)), e.start));
    const coordinated = (a: Entity, b: Entity) => isCoordination(doc.original.slice(a.end, b.start).trim());
    // After the cue: the name that starts on the next token, and those coordinated with it.
    const next = cueToken + 1;
    if (next < last && !doc.hardBreakBefore[next] && entityAt[next] >= 0 && free(entities[entityAt[next]])) {
      out.add(entities[entityAt[next]]);
      for (let e = entityAt[next] + 1; e < entities.length && entities[e].end <= clauseEnd && coordinated(entities[e - 1], entities[e]); e++) out.add(entities[e]);
    }
    // Before the cue: the name that ends right before it, and those coordinated with it,
    // when they open the clause or a reported clause (إن العراق سيواصل …).
    const prev = cueToken - 1;
    if (prev >= first && entityAt[prev] >= 0 && !/\S/.test(doc.original.slice(entities[entityAt[prev]].end, cueStart))) {
      let e = entityAt[prev];
      while (e > 0 && entities[e - 1].start >= clauseStart && coordinated(entities[e - 1], entities[e])) e--;
      const opening = tokenOf(entities[e]);
      const opensClause = opening === first || doc.readingsAt(opening - 1).some((r) => rules.complementizers.has(r.stem));
      if (opensClause && free(entities[e])) for (let k = e; k <= entityAt[prev]; k++) out.add(entities[k]);
    }
    return out;
  };
  const lookup = new EntityLookup(entities, isActor);
  const commitments: Commitment[] = [];
  /** The parties a plural reference (الطرفان) stands for, and the token where they were named. */
  let parties: Entity[] = [];
  let partiesAt = -1;
  // Signings that name their parties after بين (توقيع اتفاقية تعاون بين X وY), in document order.
  const features = tokenFeatures(doc, rules);
  const signedBetween = findSignedBetween(doc, rules, entities, entityAt, features, (e) => isActor(e) || isSubjectActor(e));
  let nextSigned = 0;
  /** Takes the parties of the signings named after بين before token `limit`. */
  const partiesBefore = (limit: number) => {
    for (; nextSigned < signedBetween.length && signedBetween[nextSigned].token < limit; nextSigned++) {
      const s = signedBetween[nextSigned];
      if (s.token >= partiesAt) [parties, partiesAt] = [s.actors, s.token];
    }
  };
  /** The actors of the last commitment that had any, and where its clause starts. */
  let previous: { actors: Entity[]; start: number } | undefined;
  /** The first token of the sentence of token i (0 for i < 0). */
  const sentenceStart = (i: number) => {
    if (i <= 0) return 0;
    let k = i;
    while (k > 0 && doc.sentenceOf[k - 1] === doc.sentenceOf[i]) k--;
    return k;
  };
  // Computed when a fallback first needs it.
  let quotedBreak: Uint8Array | undefined;
  /**
   * The first token of the sentence a commitment's actor may come from. A full stop
   * does not end that sentence inside a quotation («… والعنف. والدعوة …»), nor
   * before a preposition governing a cue word (أكد فلان … . على «ضرورة …»): what
   * follows it cannot stand on its own.
   */
  const ownSentenceStart = (first: number) => {
    quotedBreak ??= quotedSentenceBreaks(doc, rules);
    let k = sentenceStart(first);
    while (k > 0 && doc.sentenceOf[k] !== doc.sentenceOf[k - 1]) {
      const governsCue = k + 1 < n && doc.readingsAt(k).some((r) => !r.proclitics && rules.prepositions.has(r.stem)) && doc.readingsAt(k + 1).some((r) => rules.cues.words.has(r.stem));
      if (!quotedBreak[k] && !governsCue) break;
      k = sentenceStart(k - 1);
    }
    return k;
  };

  for (let first = 0; first < n; ) {
    let last = first;
    while (last < n && doc.clauseOf[last] === doc.clauseOf[first]) last++;
    partiesBefore(first);
    const clauseEntities = entitiesIn(entityAt, first, last).map((k) => entities[k]);
    const cue = findCue(doc, rules, first, last, entityAt, clauseEntities, features);
    if (cue) {
      const cueStart = tokenStart(cue.token) + cue.skip;
      // Places commit only as the cue's subject (وقعت جمهورية العراق …، إن العراق سيواصل …).
      const subjects = subjectsOfCue(cue.token, cueStart, first, last);
      // A bare future verb before a place is weather or news more often than policy (ستشهد بغداد أمطاراً).
      const canCommit = (e: Entity) => isActor(e) || (isSubjectActor(e) && subjects.has(e) && !(cue.future && e.start >= cueStart));
      const before = clauseEntities.filter((e) => canCommit(e) && e.end <= cueStart);
      // After the cue, an entity governed by a preposition (للمجلس، مع الوزارة) is not the one committing.
      const after = clauseEntities.filter((e) => canCommit(e) && e.start >= cueStart && !governedByPreposition(e, cue.signing));
      const partyRef = findPartyReference(doc, rules, first, last);
      partiesBefore(partyRef ?? cue.token);
      // وقعت اتفاقية تعاون بين X وY: the parties after بين sign.
      const signedHere = cue.signing ? signedBetween.find((s) => s.token === cue.token) : undefined;
      let actors: Entity[];
      if (before.length) actors = reportedSubjects(first, cue.token, before) ?? before;
      else if (signedHere) actors = signedHere.actors;
      else if (partyRef !== undefined && parties.length) actors = parties;
      else if (after.length) {
        actors = [after[0]];
        // Coordinated subjects (X وY) and, for signing, the partner after "مع".
        for (const e of after.slice(1)) {
          const between = doc.original.slice(actors[actors.length - 1].end, e.start).trim();
          if (isCoordination(between) || (cue.signing && /(^|\s)مع$/.test(between))) actors.push(e);
          else break;
        }
      } else {
        // The nearest actor before, from the commitment's own sentence: an actor of an
        // earlier sentence is another topic's (وقعت وزارة العدل … . وشدد المجلس على ضرورة …).
        // (The speech verb may stand before the quotation mark that starts the clause.)
        const from = ownSentenceStart(first);
        const speech = cue.future ? undefined : findSpeechVerb(doc, rules, from, cue.token);
        // A speech verb without its subject (وأشار إلى …) continues the last one who committed,
        // from this sentence or the four before it.
        let speakerFrom = from;
        for (let k = 0; k < 4; k++) speakerFrom = sentenceStart(speakerFrom - 1);
        if (speech && !speechHasSubject(doc, rules, speech.token, cue.token) && previous && previous.start >= tokenStart(speakerFrom)) {
          actors = previous.actors;
        } else actors = lookup.nearestActorBefore(tokenStart(first)).filter((e) => e.start >= tokenStart(from));
        if (!actors.length && cue.future) {
          first = last;
          continue;
        }
      }
      actors = uniqueByReferent(actors);
      if (actors.length) previous = { actors, start: tokenStart(first) };
      if (cue.signing && actors.length >= 2) [parties, partiesAt] = [actors, cue.token];

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

/**
 * Signings that name their parties after a "between" word: a signing verb and
 * what it signs (an Instrument), or a noun of signing (توقيع) with or without
 * it, then بين and two or more coordinated actors (X وY، X (IOM) وY).
 */
function findSignedBetween(doc: PreparedText, rules: Rules, entities: Entity[], entityAt: Int32Array, features: Int32Array, isActor: (e: Entity) => boolean): { token: number; actors: Entity[] }[] {
  const out: { token: number; actors: Entity[] }[] = [];
  const n = doc.tokens.length;
  const joined = (k: number) => k < n && !doc.hardBreakBefore[k];
  for (let i = 0; i + 2 < n; i++) {
    // Tokens that are no signing word in any reading are skipped (see wordFeatures).
    if (entityAt[i] >= 0 || !(features[i] & SIGNING_WORD)) continue;
    const rs = doc.readingsAt(i);
    const verb = rs.some((r) => !r.proclitics && rules.cues.signing.has(r.stem));
    const noun = !verb && rs.some((r) => rules.signingNouns.has(r.stem));
    if (!verb && !noun) continue;
    let k = i + 1;
    // What is signed: an Instrument (required after a verb: وقع has other meanings).
    if (joined(k) && entityAt[k] >= 0 && entities[entityAt[k]].label === 'Instrument') {
      const instrument = entityAt[k];
      while (k < n && entityAt[k] === instrument) k++;
    } else if (verb) continue;
    if (!joined(k) || !doc.readingsAt(k).some((r) => !r.proclitics && rules.signingBetween.has(r.stem))) continue;
    k++;
    if (!joined(k) || entityAt[k] < 0) continue;
    const firstParty = entities[entityAt[k]];
    if (!isActor(firstParty) || firstParty.start !== doc.norm.origin[doc.tokens[k].start]) continue;
    const actors = [firstParty];
    for (let e = entityAt[k] + 1; e < entities.length; e++) {
      const between = doc.original.slice(actors[actors.length - 1].end, entities[e].start).trim();
      if (!isCoordination(between) || !isActor(entities[e])) break;
      actors.push(entities[e]);
    }
    const parties = uniqueByReferent(actors);
    if (parties.length >= 2) out.push({ token: i, actors: parties });
  }
  return out;
}

/** What stands between two coordinated names: و, or the brackets of an acronym (X (IOM) وY). */
function isCoordination(between: string): boolean {
  return between === 'و' || between === '(' || between === ')' || between === ') و';
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

/**
 * For every token, whether the sentence break before it lies inside a quotation
 * (“…. …”، «…. …»): a quotation open at the break's full stop and still open
 * after it. A line break always ends a sentence, and closes any quotation.
 */
function quotedSentenceBreaks(doc: PreparedText, rules: Rules): Uint8Array {
  const { tokens } = doc;
  const quoted = new Uint8Array(tokens.length);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const gap = tokens[i].gapBefore;
    if (gap.length === 1 && gap.charCodeAt(0) === 0x20) continue;
    let brokenInside = false;
    let broken = false;
    for (let c = 0; c < gap.length; c++) {
      const code = gap.charCodeAt(c);
      if (code === 0x20) continue;
      if (code === 0x0a) {
        depth = 0;
        broken = true;
        brokenInside = false;
      } else if (code === 0x201c || code === 0xab) depth++; // “ «
      else if (code === 0x201d || code === 0xbb) depth = Math.max(0, depth - 1); // ” »
      else if (code === 0x22) depth = depth > 0 ? depth - 1 : 1; // "
      else if (rules.sentencePunctuation.has(gap[c])) {
        if (!broken) brokenInside = depth > 0;
        broken = true;
      }
    }
    if (broken && brokenInside && depth > 0) quoted[i] = 1;
  }
  return quoted;
}

/**
 * Whether the speech verb at `verb` has a subject of its own before the cue: the
 * word after it is not a preposition, a complementiser (أن، إن) or another word
 * that cannot begin a noun phrase (وأشار إلى …، وأضاف أن …), nor the cue itself.
 */
function speechHasSubject(doc: PreparedText, rules: Rules, verb: number, cueToken: number): boolean {
  const next = verb + 1;
  if (next >= cueToken || doc.hardBreakBefore[next]) return false;
  return !doc.readingsAt(next).some((r) => !/[بكل]/.test(r.proclitics) && (rules.prepositions.has(r.stem) || rules.nameStopWords.has(r.stem) || rules.nameClosers.has(r.stem)));
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
