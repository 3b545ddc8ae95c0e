// The analysis core's entry point: text in, entities, commitments and
// sentences out, as one plain data structure shared by every feature.
import { combineEntities, withoutTagger } from './combineEntities';
import { findCommitments } from './commitments';
import { prepareText } from './document';
import { findEntities } from './entities';
import { getDefaultLexicon, Lexicon } from './lexicon';
import { isAdjectivalCountry } from './policyTerms';
import { getDefaultRules, Rules } from './rules';
import { getDefaultTagger, SequenceTagger } from './tagger';
import type { Analysis, Sentence } from './types';

export interface AnalyzerOptions {
  lexicon?: Lexicon;
  rules?: Rules;
  /**
   * When the text is part of a document: the people (Person texts) found in
   * the rest of it. A surname of theirs is that person again here, as it is
   * when the whole document is analysed.
   */
  surroundingPersons?: Iterable<string>;
  /** false: the rules and the lexicon alone, without the sequence tagger (for comparisons); or another tagger than the shipped one. */
  tagger?: false | SequenceTagger;
}

export function analyzeText(text: string, options: AnalyzerOptions = {}): Analysis {
  const lexicon = options.lexicon ?? getDefaultLexicon();
  const rules = options.rules ?? getDefaultRules();
  const doc = prepareText(text, rules);
  const ruleEntities = findEntities(doc, lexicon, rules, options.surroundingPersons);
  const tagger = options.tagger === false ? undefined : options.tagger ?? getDefaultTagger(lexicon, rules);
  const tagged = tagger ? tagger.tagDocument(doc) : withoutTagger;
  // The tagger's places obey the rules' context checks too (a country name as an adjective is no Location).
  const spans = tagged.spans.filter((s) => !(s.label === 'Location' && isAdjectivalCountry(doc, rules, s.first, s.last)));
  const entities = combineEntities(doc, ruleEntities, { ...tagged, spans }, lexicon, (w) => tagger?.resources.clusters?.rank(w) ?? Infinity);
  const commitments = findCommitments(doc, entities, rules);
  const sentences: Sentence[] = [];
  for (let first = 0; first < doc.tokens.length; ) {
    let last = first;
    while (last < doc.tokens.length && doc.sentenceOf[last] === doc.sentenceOf[first]) last++;
    sentences.push(doc.spanOf(first, last));
    first = last;
  }
  return { text, entities, commitments, sentences };
}

const ARABIC_LETTER = /[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]/u;
const LETTER = /\p{L}/u;

/** Share of letters that are Arabic, over (at most) the first 20,000 characters. */
export function arabicShare(text: string): number {
  let arabic = 0;
  let letters = 0;
  const limit = Math.min(text.length, 20000);
  for (let i = 0; i < limit; i++) {
    const kind = unitKindOf(text.charCodeAt(i));
    if (kind === ARABIC) {
      arabic++;
      letters++;
    } else if (kind === OTHER_LETTER) letters++;
  }
  return letters ? arabic / letters : 0;
}

// What each UTF-16 unit is (as the expressions above see it alone), learnt on first sight.
const ARABIC = 1;
const OTHER_LETTER = 2;
const NOT_A_LETTER = 3;
const unitKinds = new Uint8Array(0x10000);

function unitKindOf(code: number): number {
  let kind = unitKinds[code];
  if (kind === 0) {
    const ch = String.fromCharCode(code);
    kind = unitKinds[code] = ARABIC_LETTER.test(ch) ? ARABIC : LETTER.test(ch) ? OTHER_LETTER : NOT_A_LETTER;
  }
  return kind;
}

/** The share of Arabic letters above which a plain text is annotated (the iltizam.arabicThreshold setting's default). */
export const DEFAULT_ARABIC_THRESHOLD = 0.3;

/** Whether a plain-text document is Arabic enough to annotate. */
export function isArabicText(text: string, threshold = DEFAULT_ARABIC_THRESHOLD): boolean {
  const share = arabicShare(text);
  return share >= threshold && share > 0;
}
