// Policy terms beyond the lexicon's names, and context checks on its matches:
// - the object of a verb or noun of combat (مكافحة، محاربة، التصدي ل، القضاء
//   على) is a Threat candidate: what policy acts against;
// - an Instrument takes the adjectives after its head (مذكرة تفاهم علمي،
//   اتفاق تعاون عسكري) and its purpose (اتفاقية … للمناخ);
// - a Principle after a negating head (فقدان، انعدام، غياب) is what is lost,
//   not a value invoked.
import type { PreparedText } from './document';
import type { Candidate } from './entities';
import type { Rules } from './rules';
import type { Reading } from './tokenize';
import { COMBAT_WORD, POSSESSED_HEAD, possessedHead, tokenFeatures } from './wordFeatures';

/** Threat candidates: the definite noun (and its definite adjective) after a word of combat. */
export function combatObjects(doc: PreparedText, rules: Rules, covered: Uint8Array): Candidate[] {
  const out: Candidate[] = [];
  const n = doc.tokens.length;
  const joined = (k: number) => k < n && !doc.hardBreakBefore[k];
  const features = tokenFeatures(doc, rules);
  for (let i = 0; i + 1 < n; i++) {
    if (!(features[i] & COMBAT_WORD) || !anyStemIn(doc.readingsAt(i), rules.combatWords)) continue;
    let k = i + 1;
    // التصدي ل…، القضاء على …: the preposition, written apart, after the word.
    if (joined(k) && doc.readingsAt(k).some((r) => !r.proclitics && rules.combatPrepositions.has(r.stem))) k++;
    if (!joined(k) || covered[k]) continue;
    const head = doc.readingsAt(k).find((r) => (r.proclitics === '' || r.proclitics === 'ل') && r.stem.startsWith('ال') && r.stem.length > 4);
    if (!head || rules.combatNotThreats.has(head.stem)) continue;
    let last = k + 1;
    if (joined(last) && !covered[last] && isAdjective(doc.tokens[last].text)) last++;
    out.push({ first: k, last, skip: head.proclitics === 'ل' ? 0 : head.skip, proclitics: head.proclitics, label: 'Threat', rule: 'combat-object' });
  }
  return out;
}

/** A definite nisba adjective (الإلكتروني، المنظمة is no adjective: only ي/ية endings). */
function isAdjective(word: string): boolean {
  return word.startsWith('ال') && NISBA_ENDING.test(word);
}

/**
 * Instruments as the whole noun phrase around their head: over the adjectives after them
 * (indefinite after an indefinite head: مذكرة تفاهم علمي), a number (عدد 60/2016، رقم 5), a
 * subject (المتعلق بالقضاء على العنف ضد المرأة) and a purpose (للمناخ، لمكافحة تغير المناخ);
 * without a relative pronoun at their end (الدستور الذي).
 */
export function extendInstruments(doc: PreparedText, rules: Rules, candidates: Candidate[], covered: Uint8Array): Candidate[] {
  return splitAtInstrumentHeads(doc, rules, candidates).map((c) => {
    if (c.label !== 'Instrument') return c;
    let last = c.last;
    while (last - c.first > 1 && tokenIs(doc, last - 1, rules.cues.relativePronouns)) last--;
    last = adjectivesEnd(doc, rules, c, last, covered);
    last = numberEnd(doc, rules, last);
    // A kind of instrument (اتفاقية تعاون) takes a subject (المتعلقة ب…) but no purpose: لمنع … is what it is for.
    last = subjectEnd(doc, rules, last, !c.entry?.id.startsWith('instr.kind.'));
    return last === c.last ? c : { ...c, last };
  });
}

const tokenIs = (doc: PreparedText, k: number, words: Set<string>) => k >= 0 && k < doc.tokens.length && anyStemIn(doc.readingsAt(k), words);

/** Whether a reading's stem is in the set (a loop: the passes over every token allocate no closure). */
function anyStemIn(readings: readonly Reading[], words: Set<string>): boolean {
  for (let k = 0; k < readings.length; k++) if (words.has(readings[k].stem)) return true;
  return false;
}
const joinedAt = (doc: PreparedText, k: number) => k < doc.tokens.length && !doc.hardBreakBefore[k];

function adjectivesEnd(doc: PreparedText, rules: Rules, c: Candidate, last: number, covered: Uint8Array): number {
  const definite = doc.tokens[c.first].text.slice(c.skip).startsWith('ال') || doc.tokens[last - 1].text.startsWith('ال');
  const from = last;
  while (joinedAt(doc, last) && !covered[last] && last - from < rules.instrumentAdjectiveReach) {
    const w = doc.tokens[last].text;
    if (tokenIs(doc, last, rules.cues.relativePronouns)) break;
    const adjective = definite ? isAdjective(w) : !w.startsWith('ال') && /(ي|يه)$/.test(w) && w.length > 3;
    if (!adjective) break;
    last++;
  }
  return last;
}

/** عدد 60/2016، رقم 5: a number word and digits (a slash between two numbers is one number). */
function numberEnd(doc: PreparedText, rules: Rules, last: number): number {
  const digits = (k: number) => k < doc.tokens.length && /^\d+$/.test(doc.tokens[k].text);
  if (!joinedAt(doc, last) || !tokenIs(doc, last, rules.instrumentNumberWords) || !joinedAt(doc, last + 1) || !digits(last + 1)) return last;
  last += 2;
  if (digits(last) && doc.tokens[last].gapBefore.trim() === '/') last++;
  return last;
}

/**
 * A subject or purpose after the instrument: a link word with ب (المتعلق ب…، الخاص ب…) or a word
 * of purpose with ل (لمكافحة، لمنع), then the noun phrase it governs.
 */
function subjectEnd(doc: PreparedText, rules: Rules, last: number, withPurpose: boolean): number {
  let k = last;
  const linked = (i: number) => joinedAt(doc, i) && doc.readingsAt(i).some((r) => r.proclitics.endsWith('ب'));
  // The link word may already close the name (القانون المتعلق), its ب-word not.
  if (tokenIs(doc, k - 1, rules.instrumentSubjectLinks) && linked(k)) k += 1;
  else if (joinedAt(doc, k) && tokenIs(doc, k, rules.instrumentSubjectLinks) && joinedAt(doc, k + 1) && doc.readingsAt(k + 1).some((r) => r.proclitics.endsWith('ب'))) k += 2;
  else if (withPurpose && joinedAt(doc, k) && doc.readingsAt(k).some((r) => r.proclitics.endsWith('ل') && rules.instrumentPurposeWords.has(r.stem))) k += 1;
  else return last;
  return nounPhraseEnd(doc, rules, k);
}

/**
 * The end of the noun phrase going on at token k: definite words, a noun in construct before
 * one (تغير المناخ), and a connecting preposition before one (على العنف ضد المرأة).
 */
function nounPhraseEnd(doc: PreparedText, rules: Rules, k: number): number {
  const definite = (i: number) => joinedAt(doc, i) && doc.readingsAt(i).some((r) => (r.proclitics === '' || r.proclitics === 'و' || r.proclitics === 'ل') && r.stem.startsWith('ال') && !rules.cues.relativePronouns.has(r.stem));
  const from = k;
  while (k - from < rules.instrumentPhraseReach) {
    if (definite(k)) k++;
    else if (joinedAt(doc, k) && /^\p{L}+$/u.test(doc.tokens[k].text) && !tokenIs(doc, k, rules.instrumentConnectors) && definite(k + 1)) k += 2;
    else if (joinedAt(doc, k) && tokenIs(doc, k, rules.instrumentConnectors) && definite(k + 1)) k += 2;
    else break;
  }
  return k;
}

/**
 * A name found by its organisation head that runs on into an instrument (جامعة … الأمنية مذكرة
 * تفاهم …): after a definite word, an indefinite instrument head starts a name of its own.
 */
function splitAtInstrumentHeads(doc: PreparedText, rules: Rules, candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    const trimmed = c.label === 'Organization' && !c.entry ? beforeTitle(doc, rules, c) : c;
    const cut = trimmed.label === 'Organization' && !trimmed.entry ? instrumentInside(doc, rules, trimmed) : undefined;
    if (cut === undefined) out.push(trimmed);
    else out.push({ ...trimmed, last: cut.first }, cut);
  }
  return out;
}

/** A name found by its head ends before a title (كتلة الأمل السيدة فلانة: the title starts a person). */
function beforeTitle(doc: PreparedText, rules: Rules, c: Candidate): Candidate {
  for (let t = c.first + 1; t < c.last; t++) {
    if (rules.titles.has(doc.tokens[t].text)) return { ...c, last: t };
  }
  return c;
}

function instrumentInside(doc: PreparedText, rules: Rules, c: Candidate): Candidate | undefined {
  for (let t = c.first + 1; t < c.last; t++) {
    const head = doc.tokens[t].text;
    if (head.startsWith('ال') || !doc.tokens[t - 1].text.startsWith('ال')) continue;
    const length = rules.instrumentHeads.longestMatch(head, (k) => doc.tokens[t + k]?.text);
    if (length) return { first: t, last: Math.min(c.last, t + length), skip: 0, proclitics: '', label: 'Instrument', rule: 'instrument-head' };
  }
  return undefined;
}

/**
 * Principles held by someone: a noun of value with a possessive suffix (كرامتهم، حقوقهم) and the
 * definite adjectives after it, coordinated or not (حقوقهم الاجتماعية والاقتصادية).
 */
export function possessedPrinciples(doc: PreparedText, rules: Rules, covered: Uint8Array): Candidate[] {
  const out: Candidate[] = [];
  const n = doc.tokens.length;
  const features = tokenFeatures(doc, rules);
  for (let i = 0; i < n; i++) {
    if (covered[i] || !(features[i] & POSSESSED_HEAD)) continue;
    const r = possessedReading(rules, doc.readingsAt(i));
    if (!r) continue;
    let last = i + 1;
    while (last < n && !doc.hardBreakBefore[last] && !covered[last] && doc.readingsAt(last).some((x) => (x.proclitics === '' || x.proclitics === 'و') && isAdjective(x.stem))) last++;
    out.push({ first: i, last, skip: r.skip, proclitics: r.proclitics, label: 'Principle', rule: 'possessed-principle' });
  }
  return out;
}

// Regular expressions used per token live here: a literal in a function is a new object at every call.
const PREPOSITION_FUSED = /[بكل]/;
const NISBA_ENDING = /(ي|يه|يين|يون|يات)$/;

/** The first reading, without a preposition fused, that is a noun of value with a possessive suffix. */
function possessedReading(rules: Rules, readings: readonly Reading[]): Reading | undefined {
  for (let k = 0; k < readings.length; k++) {
    const x = readings[k];
    if (!PREPOSITION_FUSED.test(x.proclitics) && possessedHead(rules, x.stem)) return x;
  }
  return undefined;
}


/** Context checks on candidates before they are chosen (see the three functions below). */
export function checkContext(doc: PreparedText, rules: Rules, candidates: Candidate[]): Candidate[] {
  return countriesInContext(doc, rules, withoutAdjectivalInstruments(doc, rules, withoutNegatedPrinciples(doc, rules, candidates)));
}

/** Drops Principle matches right after a negating head (فقدان التنوع، انعدام المساواة). */
export function withoutNegatedPrinciples(doc: PreparedText, rules: Rules, candidates: Candidate[]): Candidate[] {
  return candidates.filter((c) => c.label !== 'Principle' || c.first === 0 || doc.hardBreakBefore[c.first] || !doc.readingsAt(c.first - 1).some((r) => rules.negatingHeads.has(r.stem)));
}

/** The definite word before candidate c, when nothing but a space separates them and c has no proclitic. */
function definiteBefore(doc: PreparedText, c: Pick<Candidate, 'first' | 'skip'>): string | undefined {
  if (c.first === 0 || c.skip > 0 || doc.hardBreakBefore[c.first]) return undefined;
  const previous = doc.tokens[c.first - 1].text;
  return previous.startsWith('ال') ? previous : undefined;
}

/** A one-word instrument head that is also an adjective (الاستراتيجية: strategic) after a definite noun is that adjective. */
function withoutAdjectivalInstruments(doc: PreparedText, rules: Rules, candidates: Candidate[]): Candidate[] {
  return candidates.filter((c) => !(c.label === 'Instrument' && c.last - c.first === 1 && rules.adjectivalInstrumentHeads.has(doc.tokens[c.first].text) && definiteBefore(doc, c)));
}

/**
 * A country name written as an adjective (السعودية، ends in ية) right after a definite noun: after
 * the head of a body (الحكومة السعودية، القوات العراقية) the two are one Organization; after
 * another noun (الأراضي السعودية) it is an adjective, no Location.
 */
function countriesInContext(doc: PreparedText, rules: Rules, candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    const previous = adjectivalCountryHead(doc, c);
    if (previous === undefined) out.push(c);
    else if (rules.countryBodyHeads.has(previous)) out.push({ first: c.first - 1, last: c.last, skip: 0, proclitics: '', label: 'Organization', rule: 'country-body' });
    else if (!agreesWithFeminine(previous)) out.push(c);
  }
  return out;
}

/** The definite noun before a one-word Location shaped like a feminine nisba (السعودية), which it may qualify. */
function adjectivalCountryHead(doc: PreparedText, c: Pick<Candidate, 'first' | 'last' | 'skip' | 'label'>): string | undefined {
  return c.label === 'Location' && c.last - c.first === 1 && /^ال.+يه$/.test(doc.tokens[c.first].text) ? definiteBefore(doc, c) : undefined;
}

/**
 * Whether a Location span found by other means (the tagger) is a country name used as an adjective,
 * which the context checks above turn into part of a body or drop: the same rule for every finder.
 */
export function isAdjectivalCountry(doc: PreparedText, rules: Rules, first: number, last: number): boolean {
  const previous = adjectivalCountryHead(doc, { first, last, skip: 0, label: 'Location' });
  return previous !== undefined && (rules.countryBodyHeads.has(previous) || agreesWithFeminine(previous));
}

/**
 * Whether a definite noun would take a feminine adjective (السعودية): it ends in ة or ات, or is a
 * broken plural of the أفاعل pattern (الأراضي). الوفد السعودية is no adjective: the country is named.
 */
function agreesWithFeminine(word: string): boolean {
  return /(ه|ات)$/.test(word) || /^الا.ا.ي?$/.test(word);
}
