// The pattern-rule vocabularies (server/data/rules.json and the name
// vocabulary), normalised once the way the text is.
import rulesData from '../../data/rules.json';
import nameVocabulary from '../../data/name-vocabulary.json';
import { normalizeWord } from './normalize';
import type { Strength } from './types';

/** Phrases as sequences of normalised words, looked up by their first word. */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();

  constructor(phrases: Iterable<string>) {
    for (const p of phrases) {
      const words = normalizeWord(p).split(' ').filter(Boolean);
      if (!words.length) continue;
      const list = this.byFirst.get(words[0]) ?? [];
      list.push(words);
      list.sort((a, b) => b.length - a.length);
      this.byFirst.set(words[0], list);
    }
  }

  /** Length in words of the longest phrase starting with `first` and continuing with `next(k)`. */
  longestMatch(first: string, next: (k: number) => string | undefined): number {
    const candidates = this.byFirst.get(first);
    if (!candidates) return 0;
    for (const words of candidates) {
      let ok = true;
      for (let k = 1; k < words.length && ok; k++) ok = next(k) === words[k];
      if (ok) return words.length;
    }
    return 0;
  }

  has(word: string): boolean {
    return this.byFirst.get(word)?.some((w) => w.length === 1) ?? false;
  }

  /** Whether some phrase starts with this word (longestMatch is 0 for any other first word). */
  startsPhrase(word: string): boolean {
    return this.byFirst.has(word);
  }
}

const wordSet = (words: Iterable<string>) => new Set([...words].map(normalizeWord));

export interface CueRules {
  words: Map<string, Strength>;
  signing: Set<string>;
  futureNotPrefixes: string[];
  /** Cue words in the first person (ندعو، نلتزم): the speaker's side commits. */
  firstPerson: Set<string>;
  /** تم/جرى + a noun of agreement within passiveReach words. */
  passiveAuxiliaries: Set<string>;
  passiveReach: number;
  agreementNouns: Set<string>;
  /** قام + ب + a noun of signing. */
  performVerbs: Set<string>;
  /** شدد + على + عدم/ضرورة. */
  emphasisVerbs: Set<string>;
  emphasisPrepositions: Set<string>;
  emphasisReach: number;
  /** أطلق/وجه … نداء; الحاجة ملحة. */
  appealVerbs: Set<string>;
  appealNouns: Set<string>;
  appealReach: number;
  needNouns: Set<string>;
  urgencyWords: Set<string>;
  /** سوف: the verb after it carries the subject. */
  futureParticles: Set<string>;
  /** ينص، تنص: an agreement stipulating. */
  stipulationVerbs: Set<string>;
  /** A second cue verb with a name of these labels this close after it starts a new commitment. */
  secondSubjectReach: number;
  secondSubjectLabels: string[];
  obligationNouns: Set<string>;
  /** What a signing verb may sign when no Instrument is named (عقدا، اتفاقا). */
  signedObjects: Set<string>;
  numberWords: Set<string>;
  conditionMarkers: Set<string>;
  conditionReach: number;
  relativePronouns: Set<string>;
  /** طالب: a noun (student) right before a preposition other than ب. */
  nounsBeforePrepositions: Set<string>;
}

export interface Rules {
  titles: PhraseSet;
  speechVerbs: Set<string>;
  /** أن، إن، بأن…: what opens the reported clause after a speech verb. */
  complementizers: Set<string>;
  nameConnectors: Set<string>;
  nameStopWords: Set<string>;
  /** Nouns of office (مدير، وزير…) after which a name set off by commas is a person. */
  roleNouns: Set<string>;
  /** Words that end a name in "قال فلان إن". */
  nameClosers: Set<string>;
  prepositions: Set<string>;
  organizationHeads: PhraseSet;
  locativeOrganizationHeads: Set<string>;
  instrumentHeads: PhraseSet;
  instrumentPurposeWords: Set<string>;
  instrumentLinkWords: Map<string, Set<string>>;
  /** رقم before an instrument's number (قرار … رقم 45). */
  instrumentNumberWords: Set<string>;
  /** سنة، عام before a year (… لسنة 2019). */
  yearMarkers: Set<string>;
  threatHeads: Set<string>;
  threatAdjectives: Set<string>;
  governmentReferences: Set<string>;
  partyReferences: PhraseSet;
  governmentHeads: Set<string>;
  months: PhraseSet;
  monthNumber: Map<string, number>;
  clausePunctuation: Set<string>;
  sentencePunctuation: Set<string>;
  cues: CueRules;
  /** Nouns of signing (توقيع) and the words (بين) that introduce the parties after what is signed. */
  signingNouns: Set<string>;
  signingBetween: Set<string>;
  /** How many words may stand between what is signed and بين. */
  signingBetweenReach: number;
  /** بينها و…: the partner of the signing subject. */
  betweenPronouns: Set<string>;
  /** بلاده، حكومته: the speaker's side. */
  speakerReferences: Set<string>;
  /** أنه، إنها …: a reported clause whose subject is a pronoun. */
  pronounComplementizers: Set<string>;
  speakerReach: number;
  /** How many words of titles and office may stand between a call verb and its subject. */
  titleReach: number;
  /** حكومة X، وزراء X: X commits. */
  governmentOf: Set<string>;
  /** قد، لقد before the verb that opens a clause. */
  clauseParticles: Set<string>;
  topicSentences: number;
  /** وحده، بدوره: between a subject and its cue. */
  subjectAdverbs: Set<string>;
  /** Heads of generic actor phrases (الشركات، الدول) and what may stand before them (جميع). */
  actorNouns: Set<string>;
  quantifiers: Set<string>;
  verbalNounsAfterActors: Set<string>;
  /** policyTerms.ts: words of combat and what follows them, instrument phrases, negating heads. */
  combatWords: Set<string>;
  combatPrepositions: Set<string>;
  combatNotThreats: Set<string>;
  instrumentAdjectiveReach: number;
  negatingHeads: Set<string>;
  instrumentSubjectLinks: Set<string>;
  instrumentConnectors: Set<string>;
  instrumentPhraseReach: number;
  countryBodyHeads: Set<string>;
  adjectivalInstrumentHeads: Set<string>;
  asideMaxWords: number;
  asideClauses: number;
  callComplements: Set<string>;
  possessedPrinciples: Set<string>;
  possessiveSuffixes: string[];
  negations: Set<string>;
  cueNegationWindow: number;
  firstNames: Set<string>;
  nameParts: Set<string>;
  commonWords: Set<string>;
}

let compiled: Rules | undefined;

export function getDefaultRules(): Rules {
  if (compiled) return compiled;
  const r = rulesData;
  const cueWords = new Map<string, Strength>();
  const addCues = (list: string[], strength: Strength) => list.forEach((w) => cueWords.set(normalizeWord(w), strength));
  addCues(r.commitmentCues.binding.words, 'binding');
  addCues(r.commitmentCues.binding.signing, 'binding');
  addCues(r.commitmentCues.intent.words, 'intent');
  addCues(r.commitmentCues.aspirational.words, 'aspirational');
  addCues(r.commitmentCues.call.words, 'call');
  const monthNumber = new Map<string, number>();
  for (const [n, names] of Object.entries(r.months)) for (const name of names) monthNumber.set(normalizeWord(name), Number(n));
  compiled = {
    titles: new PhraseSet(r.titles),
    speechVerbs: wordSet(r.speechVerbs),
    complementizers: wordSet(r.complementizers),
    nameConnectors: wordSet(r.nameConnectors),
    nameStopWords: wordSet(r.nameStopWords),
    roleNouns: wordSet(r.roleNouns),
    nameClosers: wordSet(r.nameClosers),
    prepositions: wordSet(r.prepositions),
    organizationHeads: new PhraseSet(r.organizationHeads),
    locativeOrganizationHeads: wordSet(r.locativeOrganizationHeads),
    instrumentHeads: new PhraseSet(r.instrumentHeads),
    instrumentPurposeWords: wordSet(r.instrumentPurposeWords),
    instrumentNumberWords: wordSet(r.instrumentNumberWords),
    yearMarkers: wordSet(r.yearMarkers),
    instrumentLinkWords: new Map(Object.entries(r.instrumentLinkWords).map(([k, v]) => [normalizeWord(k), wordSet(v)])),
    threatHeads: wordSet(r.threatHeads),
    threatAdjectives: wordSet(r.threatAdjectives),
    governmentReferences: wordSet(r.genericReferences.government),
    partyReferences: new PhraseSet(r.genericReferences.parties),
    governmentHeads: wordSet(r.governmentHeads),
    months: new PhraseSet(Object.values(r.months).flat()),
    monthNumber,
    clausePunctuation: new Set(r.clausePunctuation),
    sentencePunctuation: new Set(r.sentencePunctuation),
    cues: {
      words: cueWords,
      signing: wordSet(r.commitmentCues.binding.signing),
      futureNotPrefixes: r.commitmentCues.intent.futureNotPrefixes.map(normalizeWord),
      firstPerson: wordSet(r.commitmentCues.firstPerson.words),
      passiveAuxiliaries: wordSet(r.commitmentCues.constructions.passiveAuxiliaries),
      passiveReach: r.commitmentCues.constructions.passiveReach,
      agreementNouns: wordSet(r.commitmentCues.constructions.agreementNouns),
      performVerbs: wordSet(r.commitmentCues.constructions.performVerbs),
      emphasisVerbs: wordSet(r.commitmentCues.constructions.emphasisVerbs),
      emphasisPrepositions: wordSet(r.commitmentCues.constructions.emphasisPrepositions),
      emphasisReach: r.commitmentCues.constructions.emphasisReach,
      appealVerbs: wordSet(r.commitmentCues.constructions.appealVerbs),
      appealNouns: wordSet(r.commitmentCues.constructions.appealNouns),
      appealReach: r.commitmentCues.constructions.appealReach,
      needNouns: wordSet(r.commitmentCues.constructions.needNouns),
      urgencyWords: wordSet(r.commitmentCues.constructions.urgencyWords),
      futureParticles: wordSet(r.commitmentCues.constructions.futureParticles),
      stipulationVerbs: wordSet(r.commitmentCues.constructions.stipulationVerbs),
      secondSubjectReach: r.commitmentCues.constructions.secondSubjectReach,
      secondSubjectLabels: r.commitmentCues.constructions.secondSubjectLabels,
      obligationNouns: wordSet(r.commitmentCues.constructions.obligationNouns),
      signedObjects: wordSet(r.commitmentCues.signedObjects.words),
      numberWords: wordSet(r.commitmentCues.notCues.numberWords),
      conditionMarkers: wordSet(r.commitmentCues.notCues.conditionMarkers),
      conditionReach: r.commitmentCues.notCues.conditionReach,
      relativePronouns: wordSet(r.commitmentCues.notCues.relativePronouns),
      nounsBeforePrepositions: wordSet(r.commitmentCues.notCues.nounsBeforePrepositions),
    },
    signingNouns: wordSet(r.signingParties.nouns),
    signingBetween: wordSet(r.signingParties.between),
    signingBetweenReach: r.signingParties.betweenReach,
    betweenPronouns: wordSet(r.signingParties.betweenPronouns),
    speakerReferences: wordSet(r.speakers.references),
    pronounComplementizers: wordSet(r.speakers.pronounComplementizers),
    speakerReach: r.speakers.speakerReach,
    titleReach: r.speakers.titleReach,
    governmentOf: wordSet(r.speakers.governmentOf),
    clauseParticles: wordSet(r.speakers.clauseParticles),
    topicSentences: r.speakers.topicSentences,
    subjectAdverbs: wordSet(r.speakers.subjectAdverbs),
    actorNouns: wordSet(r.genericActors.nouns),
    quantifiers: wordSet(r.genericActors.quantifiers),
    verbalNounsAfterActors: wordSet(r.genericActors.endingNouns),
    combatWords: wordSet(r.policyTerms.combatWords),
    combatPrepositions: wordSet(r.policyTerms.combatPrepositions),
    combatNotThreats: wordSet(r.policyTerms.combatNotThreats),
    instrumentAdjectiveReach: r.policyTerms.instrumentAdjectiveReach,
    negatingHeads: wordSet(r.policyTerms.negatingHeads),
    instrumentSubjectLinks: wordSet(r.policyTerms.instrumentSubjectLinks),
    instrumentConnectors: wordSet(r.policyTerms.instrumentConnectors),
    instrumentPhraseReach: r.policyTerms.instrumentPhraseReach,
    countryBodyHeads: wordSet(r.policyTerms.countryBodyHeads),
    adjectivalInstrumentHeads: wordSet(r.policyTerms.adjectivalInstrumentHeads),
    asideMaxWords: r.clauses.asideMaxWords,
    asideClauses: r.clauses.asideClauses,
    callComplements: wordSet(r.clauses.callComplements),
    possessedPrinciples: wordSet(r.policyTerms.possessedPrinciples),
    possessiveSuffixes: r.policyTerms.possessiveSuffixes.map(normalizeWord),
    negations: wordSet(r.negations),
    cueNegationWindow: r.cueNegationWindow,
    firstNames: new Set(nameVocabulary.firstNames),
    nameParts: new Set(nameVocabulary.nameParts),
    commonWords: new Set(nameVocabulary.commonWords),
  };
  return compiled;
}
