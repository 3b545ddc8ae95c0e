// What each word could start, for the rule passes to skip the many tokens
// that start nothing. A feature is a necessary condition only: a pass that
// sees a feature still applies its own rule in full, so the features change
// how fast the passes are, never what they find. Computed once per distinct
// word (and set of rules), from the word's readings.
//
// A pass given a new way to start (a new trigger word list, a new reading)
// must add it to computeFeatures, or it will skip the tokens it should look
// at: test/core/fastPaths.test.ts analyses texts with and without the
// features and expects the same result.
import { PreparedText, readingsOfWord } from './document';
import type { Lexicon } from './lexicon';
import type { Rules } from './rules';

/** Some reading is a day number (1–31) or starts a month name. */
export const DATE_START = 1;
/** Some reading without a fused ب starts an organisation or instrument head. */
export const HEAD_START = 2;
/** Some reading is a threat head. */
export const THREAT_HEAD = 4;
/** Some reading is a bare reference to the government. */
export const GOVERNMENT_REFERENCE = 8;
/** Some reading starts a title, is a speech verb or a noun of office; or the word is a known first name. */
export const PERSON_TRIGGER = 16;
/** Some reading without a fused ب ك ل is a commitment cue word or could be a future verb (س…). */
export const CUE_CANDIDATE = 32;
/** Some reading without a proclitic is a signing verb, or some reading is a noun of signing (توقيع). */
export const SIGNING_WORD = 64;
/** Some reading is a word of combat (مكافحة، التصدي): a Threat may follow. */
export const COMBAT_WORD = 128;
/** Some reading without a fused ب ك ل is a noun of value with a possessive suffix (كرامتهم, see possessedHead). */
export const POSSESSED_HEAD = 256;

let filtering = true;

/** For tests: false gives every token every feature, as if there were no features (the passes look at every token). */
export function setFeatureFiltering(on: boolean): void {
  filtering = on;
}

const byRules = new WeakMap<Rules, Map<string, number>>();
const byDocument = new WeakMap<PreparedText, { rules: Rules; features: Int32Array }>();
const MAX_CACHED_WORDS = 200_000;

const isDayNumber = (w: string) => /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31;

function wordCache<K extends object, V>(caches: WeakMap<K, Map<string, V>>, key: K): Map<string, V> {
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  else if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  return cache;
}

function computeFeatures(word: string, rules: Rules): number {
  let f = 0;
  for (const r of readingsOfWord(word)) {
    const stem = r.stem;
    if (isDayNumber(stem) || rules.months.startsPhrase(stem)) f |= DATE_START;
    if (!r.proclitics.includes('ب') && (rules.organizationHeads.startsPhrase(stem) || rules.instrumentHeads.startsPhrase(stem))) f |= HEAD_START;
    if (rules.threatHeads.has(stem)) f |= THREAT_HEAD;
    if (rules.governmentReferences.has(stem)) f |= GOVERNMENT_REFERENCE;
    if (rules.titles.startsPhrase(stem) || rules.speechVerbs.has(stem) || rules.roleNouns.has(stem)) f |= PERSON_TRIGGER;
    if (!/[بكل]/.test(r.proclitics) && (rules.cues.words.has(stem) || isConstructionStart(rules, stem) || (stem.length >= 5 && stem[0] === 'س'))) f |= CUE_CANDIDATE;
    if ((!r.proclitics && rules.cues.signing.has(stem)) || rules.signingNouns.has(stem)) f |= SIGNING_WORD;
    if (rules.combatWords.has(stem)) f |= COMBAT_WORD;
    if (!/[بكل]/.test(r.proclitics) && possessedHead(rules, stem)) f |= POSSESSED_HEAD;
  }
  if (rules.firstNames.has(word)) f |= PERSON_TRIGGER;
  return f;
}

/** Whether a word is a noun of value with a possessive suffix (ت restored to ة before it). */
export function possessedHead(rules: Rules, word: string): boolean {
  for (const suffix of rules.possessiveSuffixes) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const base = word.slice(0, -suffix.length);
    if (rules.possessedPrinciples.has(base) || (base.endsWith('ت') && rules.possessedPrinciples.has(base.slice(0, -1) + 'ه'))) return true;
  }
  return false;
}

/** A word that starts a cue of two or more words (تم …، قام ب…، شدد على …، أطلق … نداء، الحاجة ملحة). */
function isConstructionStart(rules: Rules, stem: string): boolean {
  const c = rules.cues;
  return c.passiveAuxiliaries.has(stem) || c.performVerbs.has(stem) || c.emphasisVerbs.has(stem) || c.appealVerbs.has(stem) || c.needNouns.has(stem);
}

export function wordFeatures(word: string, rules: Rules): number {
  const cache = wordCache(byRules, rules);
  let f = cache.get(word);
  if (f === undefined) cache.set(word, (f = computeFeatures(word, rules)));
  return f;
}

/** The features of every token of the document, computed once per document. */
export function tokenFeatures(doc: PreparedText, rules: Rules): Int32Array {
  if (!filtering) return new Int32Array(doc.tokens.length).fill(-1);
  const known = byDocument.get(doc);
  if (known && known.rules === rules) return known.features;
  const cache = wordCache(byRules, rules);
  const { words, wordOf } = doc;
  // Once per distinct word of the text, then per token by its word.
  const ofWord = new Int32Array(words.length);
  for (let w = 0; w < words.length; w++) {
    let f = cache.get(words[w]);
    if (f === undefined) cache.set(words[w], (f = computeFeatures(words[w], rules)));
    ofWord[w] = f;
  }
  const features = new Int32Array(wordOf.length);
  for (let i = 0; i < features.length; i++) features[i] = ofWord[wordOf[i]];
  byDocument.set(doc, { rules, features });
  return features;
}

const lexiconStarts = new WeakMap<Lexicon, Map<string, boolean>>();

/** For every token, whether some reading of it is the first word of a form of the lexicon (else no lexicon match starts there). */
export function lexiconStartsOf(doc: PreparedText, lexicon: Lexicon): Uint8Array {
  if (!filtering) return new Uint8Array(doc.tokens.length).fill(1);
  const cache = wordCache(lexiconStarts, lexicon);
  const { words, wordOf } = doc;
  const ofWord = new Uint8Array(words.length);
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    let yes = cache.get(word);
    if (yes === undefined) cache.set(word, (yes = readingsOfWord(word).some((r) => lexicon.root.next.has(r.stem))));
    ofWord[w] = yes ? 1 : 0;
  }
  const starts = new Uint8Array(wordOf.length);
  for (let i = 0; i < starts.length; i++) starts[i] = ofWord[wordOf[i]];
  return starts;
}
