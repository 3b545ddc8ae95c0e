// Entities: lexicon matches first, then pattern rules for what no lexicon
// lists (dates, people after titles and speech verbs, organisations and
// instruments from their head nouns with their genitive chains, threat
// phrases), then document-level resolution (repeated surnames, "the
// government").
import type { Lexicon, LexiconEntry } from './lexicon';
import type { PreparedText } from './document';
import type { Rules } from './rules';
import type { Entity } from './types';
import { normalizeForMatching } from './normalize';
import { checkContext, combatObjects, extendInstruments, possessedPrinciples } from './policyTerms';
import { tokenize } from './tokenize';
import type { Reading } from './tokenize';
import { DATE_START, GOVERNMENT_REFERENCE, HEAD_START, lexiconStartsOf, PERSON_TRIGGER, THREAT_HEAD, tokenFeatures } from './wordFeatures';

/** A span of tokens [first, last) found by the lexicon or a rule. */
export interface Candidate {
  first: number;
  last: number;
  /** Characters of the first token left out of the span (a one-letter proclitic). */
  skip: number;
  proclitics: string;
  label: string;
  entry?: LexiconEntry;
  rule?: string;
}

const isDefinite = (w: string) => w.startsWith('ال') && w.length > 3;
/**
 * A definite word shaped like an adjective (normalised): a nisba (الوطنية، العراقي),
 * a participle (المستقلة، المتحدة), or an elative or feminine form (الأعلى، العليا، الكبرى، العامة).
 */
const looksAdjectival = (w: string) => /(ي|يه|يين|يون|يات)$/.test(w) || /^ال(م|ا.{1,2}ي$)/.test(w) || /^ال.{2}ي?ا$/.test(w) || /^ال.{1,2}ا.ه$/.test(w);
/** /[،,]/.test(gap), without the regular expression for the usual single space. */
const hasComma = (gap: string) => gap !== ' ' && /[،,]/.test(gap);
const isWord = (w: string) => /^\p{L}+$/u.test(w);

export function findEntities(doc: PreparedText, lexicon: Lexicon, rules: Rules, surroundingPersons?: Iterable<string>): Entity[] {
  const lexical = lexiconMatches(doc, lexicon);
  const unitAt = new Map<number, Candidate>();
  const covered = new Uint8Array(doc.tokens.length);
  for (const c of lexical) {
    unitAt.set(c.first, c);
    covered.fill(1, c.first, c.last);
  }
  const finder = new RuleFinder(doc, rules, unitAt, covered);
  finder.numberLexicalInstruments(lexical);
  const policy = [...combatObjects(doc, rules, covered), ...possessedPrinciples(doc, rules, covered)];
  const headed = extendInstruments(doc, rules, [...lexical, ...finder.headedPhrases()], covered);
  const candidates = checkContext(doc, rules, [...headed, ...finder.dates(), ...finder.threatPhrases(), ...finder.governmentReferences(), ...policy]);
  let selected = selectOutermost(candidates);
  const people = finder.people(selected);
  selected = selectOutermost([...selected, ...people]);
  selected = selectOutermost([...selected, ...finder.repeatedNames(selected, surroundingPersons)]);
  return toEntities(doc, selected, rules);
}

// The lexicon's matches in a prepared text, found once for the rules and the
// tagger's features; each caller gets its own copies (the rules extend them).
const matchesOfText = new WeakMap<PreparedText, { lexicon: Lexicon; matches: readonly Candidate[] }>();

export function lexiconMatches(doc: PreparedText, lexicon: Lexicon): Candidate[] {
  let found = matchesOfText.get(doc);
  if (found?.lexicon !== lexicon) matchesOfText.set(doc, (found = { lexicon, matches: findLexiconMatches(doc, lexicon) }));
  return found.matches.map((c) => ({ ...c }));
}

function findLexiconMatches(doc: PreparedText, lexicon: Lexicon): Candidate[] {
  const { tokens, hardBreakBefore } = doc;
  const n = tokens.length;
  const out: Candidate[] = [];
  const starts = lexiconStartsOf(doc, lexicon);
  let i = 0;
  while (i < n) {
    if (!starts[i]) {
      i++;
      continue;
    }
    let best: Candidate | undefined;
    for (const r of doc.readingsAt(i)) {
      let node = lexicon.root.next.get(r.stem);
      let j = i + 1;
      while (node) {
        // Longer matches win; at equal length the reading listed first (fewer proclitics off) wins.
        if (node.entry && (!best || j > best.last)) {
          best = { first: i, last: j, skip: r.skip, proclitics: r.proclitics, label: node.entry.label, entry: node.entry };
        }
        if (j >= n || j - i >= lexicon.maxTokens || hardBreakBefore[j]) break;
        node = node.next.get(tokens[j].text);
        j++;
      }
    }
    if (best) {
      out.push(best);
      i = best.last;
    } else i++;
  }
  return out;
}

/** Keeps the longest candidates that do not overlap a longer (or earlier-found) one. */
function selectOutermost(candidates: Candidate[]): Candidate[] {
  let size = 0;
  let longest = 0;
  let shortest = 0;
  for (const c of candidates) {
    if (c.last > size) size = c.last;
    const length = c.last - c.first;
    if (length > longest) longest = length;
    if (length < shortest) shortest = length;
  }
  let order: Candidate[];
  if (shortest < 0 || longest > 256) {
    order = candidates
      .map((c, k) => ({ c, k }))
      .sort((a, b) => b.c.last - b.c.first - (a.c.last - a.c.first) || a.k - b.k)
      .map((x) => x.c);
  } else {
    // Longest first, in the order found at equal length: a stable counting sort by length.
    const byLength: Candidate[][] = [];
    for (let l = 0; l <= longest; l++) byLength.push([]);
    for (const c of candidates) byLength[c.last - c.first].push(c);
    order = [];
    for (let l = longest; l >= 0; l--) for (const c of byLength[l]) order.push(c);
  }
  const taken: Candidate[] = [];
  const used = new Uint8Array(size);
  for (const c of order) {
    let free = true;
    for (let t = c.first; t < c.last && free; t++) free = !used[t];
    if (!free) continue;
    for (let t = c.first; t < c.last; t++) used[t] = 1;
    taken.push(c);
  }
  // In document order: a stable counting sort by first token.
  const before = new Int32Array(size + 2);
  for (const c of taken) before[c.first + 1]++;
  for (let t = 1; t < before.length; t++) before[t] += before[t - 1];
  const sorted: Candidate[] = new Array(taken.length);
  for (const c of taken) sorted[before[c.first]++] = c;
  return sorted;
}

/** The first reading whose stem is in the set (a loop: no closure per call). */
function readingIn(readings: readonly Reading[], stems: Set<string>): Reading | undefined {
  for (let k = 0; k < readings.length; k++) if (stems.has(readings[k].stem)) return readings[k];
  return undefined;
}

/** A set of token indices, a byte per token. */
class TokenSet {
  private readonly bits: Uint8Array;

  constructor(n: number) {
    this.bits = new Uint8Array(n);
  }

  has(i: number): boolean {
    return this.bits[i] === 1;
  }

  add(i: number): void {
    this.bits[i] = 1;
  }
}

class RuleFinder {
  private readonly n: number;
  /** What each token could start (see wordFeatures): the passes skip tokens that start nothing. */
  private readonly features: Int32Array;

  constructor(
    private readonly doc: PreparedText,
    private readonly rules: Rules,
    private readonly unitAt: Map<number, Candidate>,
    private readonly covered: Uint8Array,
  ) {
    this.n = doc.tokens.length;
    this.features = tokenFeatures(doc, rules);
  }

  private word(i: number): string | undefined {
    return this.doc.tokens[i]?.text;
  }

  /**
   * Whether token i (less `skip` proclitic letters) has the article. آ folds
   * to ا, so آلية normalises like a definite word: the original letter says.
   */
  private definiteAt(i: number, stem: string, skip = 0): boolean {
    if (!isDefinite(stem)) return false;
    const t = this.doc.tokens[i];
    return this.doc.original[this.doc.norm.origin[t.start + skip]] !== 'آ';
  }

  /** Token i follows token i-1 within the same phrase (white space only between them). */
  private joined(i: number): boolean {
    return i < this.n && !this.doc.hardBreakBefore[i];
  }

  /**
   * The k-th word after token i while the phrase goes on (for PhraseSet.longestMatch).
   * A method rather than an arrow in the loops: a loop variable captured by a
   * closure costs an allocation on every turn of the loop, taken or skipped.
   */
  private wordsAfter(i: number): (k: number) => string | undefined {
    return (k) => (this.joined(i + k) ? this.word(i + k) : undefined);
  }

  // Dates: DAY MONTH [YEAR], MONTH YEAR, and DD/MM/YYYY.
  dates(): Candidate[] {
    const out: Candidate[] = [];
    const monthAt = (i: number) => this.monthNames(i, this.word(i) ?? '');
    const isYear = (i: number) => i < this.n && /^\d{4}$/.test(this.word(i)!);
    const isDay = (w: string) => /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31;
    const t = this.doc.tokens;
    dayLoop: for (let i = 0; i < this.n; i++) {
      if (!(this.features[i] & DATE_START)) continue;
      // A conjunction may be fused to the day ("و20"), so try each reading.
      for (const r of this.doc.readingsAt(i)) {
        if (!isDay(r.stem)) continue;
        const m = this.joined(i + 1) ? monthAt(i + 1) : 0;
        if (m) {
          const last = this.joined(i + 1 + m) && isYear(i + 1 + m) ? i + 2 + m : i + 1 + m;
          out.push({ first: i, last, skip: r.skip, proclitics: r.proclitics, label: 'Date', rule: 'date' });
          i = last - 1;
          continue dayLoop;
        }
        // 16/12/2021: the separators are the gaps between the three numbers.
        const sep = t[i + 1]?.gapBefore;
        if (i + 2 < this.n && sep && /^[/\-.]$/.test(sep) && isDay(t[i + 1].text) && Number(t[i + 1].text) <= 12 && /^\d{4}$/.test(t[i + 2].text) && t[i + 2].gapBefore === sep) {
          out.push({ first: i, last: i + 3, skip: r.skip, proclitics: r.proclitics, label: 'Date', rule: 'date' });
          i += 2;
          continue dayLoop;
        }
      }
      for (const r of this.doc.readingsAt(i)) {
        const m = this.monthNames(i, r.stem);
        if (m && this.joined(i + m) && isYear(i + m)) {
          out.push({ first: i, last: i + m + 1, skip: r.skip, proclitics: r.proclitics, label: 'Date', rule: 'date' });
          i += m;
          break;
        }
      }
    }
    return out;
  }

  /**
   * The length in tokens of the month name at token i (read as `first`), 0 when there
   * is none; with the same month's other name after a slash (حزيران/يونيو، كانون الثاني / يناير).
   */
  private monthNames(i: number, first: string): number {
    const { months, monthNumber } = this.rules;
    const m = months.longestMatch(first, this.wordsAfter(i));
    if (!m) return 0;
    const j = i + m;
    if (j >= this.n || !/^\s*\/\s*$/.test(this.doc.tokens[j].gapBefore)) return m;
    const other = months.longestMatch(this.word(j)!, this.wordsAfter(j));
    const name = (from: number, length: number, firstWord: string) => [firstWord, ...this.doc.tokens.slice(from + 1, from + length).map((t) => t.text)].join(' ');
    if (other && monthNumber.get(name(i, m, first)) === monthNumber.get(name(j, other, this.word(j)!))) return m + other;
    return m;
  }

  // Organisations and instruments named by a head noun and its genitive chain.
  headedPhrases(): Candidate[] {
    const out: Candidate[] = [];
    for (let i = 0; i < this.n; i++) {
      if (this.covered[i] || !(this.features[i] & HEAD_START)) continue;
      for (const r of this.doc.readingsAt(i)) {
        if (r.proclitics.includes('ب')) continue;
        const next = this.wordsAfter(i);
        const orgHead = this.rules.organizationHeads.longestMatch(r.stem, next);
        const instrumentHead = orgHead ? 0 : this.rules.instrumentHeads.longestMatch(r.stem, next);
        const head = orgHead || instrumentHead;
        if (!head) continue;
        let end = this.genitiveChain(i + head, {
          locative: orgHead > 0 && this.rules.locativeOrganizationHeads.has(r.stem),
          instrument: instrumentHead > 0,
          // A definite head (المجلس) is not in construct: only adjectives and the like follow it.
          definiteHead: isDefinite(r.stem),
        });
        if (instrumentHead) end = this.instrumentNumber(end);
        if (end > i + head) {
          out.push({ first: i, last: end, skip: r.skip, proclitics: r.proclitics, label: orgHead ? 'Organization' : 'Instrument', rule: orgHead ? 'organization-head' : 'instrument-head' });
          i = end - 1;
        }
        break;
      }
    }
    return out;
  }

  /**
   * The end (exclusive) of the genitive chain that starts at token j: nouns
   * in construct, then definite nouns and adjectives, names from the lexicon,
   * ل-genitives (لمجلس الوزراء), coordination of definite words, and, for
   * missions and offices, "في" and a place. The chain must end on a definite
   * word or a name; j itself when there is no chain.
   */
  private genitiveChain(j: number, opts: { locative: boolean; instrument: boolean; definiteHead?: boolean }): number {
    const { rules } = this;
    const chainStart = j;
    let end = j;
    let definite = opts.definiteHead ?? false;
    let constructs = 0;
    let pendingLink = false;
    for (let steps = 0; j < this.n && this.joined(j) && steps < 12; steps++) {
      const unit = this.unitAt.get(j);
      if (unit) {
        if (unit.label === 'Person' || unit.label === 'Date' || /[وفب]/.test(unit.proclitics)) break;
        j = unit.last;
        end = j;
        definite = true;
        pendingLink = false;
        continue;
      }
      if (this.covered[j]) break;
      const w = this.word(j)!;
      if (rules.prepositions.has(w)) {
        const prev = this.word(j - 1) ?? '';
        if (opts.locative && w === 'في') {
          const place = this.unitAt.get(j + 1);
          if (definite && place && place.label === 'Location' && !place.proclitics && this.joined(j + 1)) end = place.last;
          break;
        }
        if (opts.instrument && definite && rules.instrumentLinkWords.get(prev)?.has(w)) {
          j++;
          pendingLink = true;
          continue;
        }
        break;
      }
      if (!isWord(w) && !(opts.instrument && definite && /^\d+$/.test(w))) break;
      if (/^\d+$/.test(w)) {
        j++;
        end = j;
        continue;
      }
      if (rules.nameStopWords.has(w) || rules.cues.words.has(w) || rules.speechVerbs.has(w)) break;
      if (this.definiteAt(j, w)) {
        // After a definite head (المجلس) only adjectives follow: a definite noun there
        // is the verb's object (ستقدم الخطة الدعم), not part of the name.
        if (opts.definiteHead && j === chainStart && !looksAdjectival(w)) break;
        j++;
        end = j;
        definite = true;
        pendingLink = false;
        continue;
      }
      if (w === 'غير' && isDefinite(this.word(j + 1) ?? '') && this.joined(j + 1) && definite) {
        j += 2;
        end = j;
        continue;
      }
      const rs = this.doc.readingsAt(j);
      const coordinated = rs.find((r) => r.proclitics === 'و' && this.definiteAt(j, r.stem, r.skip));
      if (coordinated) {
        // A coordinated head noun starts a name of its own (… والأمانة العامة …).
        const startsName = rules.organizationHeads.longestMatch(coordinated.stem, (k) => this.word(j + k)) || rules.instrumentHeads.longestMatch(coordinated.stem, (k) => this.word(j + k));
        if (!definite || startsName || pendingLink) break;
        j++;
        end = j;
        continue;
      }
      const genitiveL = rs.find((r) => r.proclitics === 'ل');
      if (genitiveL) {
        if (isDefinite(genitiveL.stem)) {
          // للهجرة: ل + the article.
          j++;
          end = j;
          definite = true;
          continue;
        }
        // لمجلس, لمكافحة: a construct that needs its own genitive to follow.
        j++;
        pendingLink = true;
        continue;
      }
      if (!definite && constructs < 2 && !rs.some((r) => r.proclitics)) {
        j++;
        constructs++;
        continue;
      }
      break;
    }
    return end;
  }

  /** An instrument the lexicon names takes its number and year too (قانون مكافحة الإرهاب رقم 13 لسنة 2005). */
  numberLexicalInstruments(lexical: Candidate[]): void {
    for (const c of lexical) {
      if (c.label !== 'Instrument') continue;
      const last = this.instrumentNumber(c.last);
      this.covered.fill(1, c.last, last);
      c.last = last;
    }
  }

  /**
   * The end of an instrument's number and year after its name, which ends at token j:
   * رقم 45، لسنة 2019 (or لعام), either or both (قرار مجلس الوزراء رقم 45 لسنة 2019).
   */
  private instrumentNumber(j: number): number {
    const { rules } = this;
    const number = (k: number) => this.joined(k) && /^\d+$/.test(this.word(k)!);
    if (this.joined(j) && readingIn(this.doc.readingsAt(j), rules.instrumentNumberWords)?.proclitics === '' && number(j + 1)) j += 2;
    if (this.joined(j) && this.doc.readingsAt(j).some((r) => r.proclitics === 'ل' && rules.yearMarkers.has(r.stem)) && number(j + 1) && this.word(j + 1)!.length === 4) j += 2;
    return j;
  }

  // Threat phrases: a definite head (الحركات، الجماعات، الفكر…) and adjectives ending on المتطرفة/الإرهابية….
  threatPhrases(): Candidate[] {
    const out: Candidate[] = [];
    for (let i = 0; i < this.n; i++) {
      if (this.covered[i] || !(this.features[i] & THREAT_HEAD)) continue;
      const r = this.doc.readingsAt(i).find((x) => this.rules.threatHeads.has(x.stem));
      if (!r) continue;
      let last = 0;
      for (let j = i + 1; j < Math.min(this.n, i + 4) && this.joined(j) && !this.covered[j] && isDefinite(this.word(j)!); j++) {
        if (this.rules.threatAdjectives.has(this.word(j)!)) last = j + 1;
      }
      if (last) {
        out.push({ first: i, last, skip: r.skip, proclitics: r.proclitics, label: 'Threat', rule: 'threat-phrase' });
        i = last - 1;
      }
    }
    return out;
  }

  // "الحكومة" alone: an Organization resolved later to the document's government.
  governmentReferences(): Candidate[] {
    const out: Candidate[] = [];
    for (let i = 0; i < this.n; i++) {
      if (this.covered[i] || !(this.features[i] & GOVERNMENT_REFERENCE)) continue;
      const r = this.doc.readingsAt(i).find((x) => this.rules.governmentReferences.has(x.stem));
      if (!r) continue;
      // "الحكومة المحلية" is some other government: only the bare word refers back.
      if (this.joined(i + 1) && isDefinite(this.word(i + 1)!) && !this.rules.prepositions.has(this.word(i + 1)!)) continue;
      out.push({ first: i, last: i + 1, skip: r.skip, proclitics: r.proclitics, label: 'Organization', rule: 'government-reference' });
    }
    return out;
  }

  private isNamePart(j: number, first: boolean, taken: TokenSet, vouched = false): boolean {
    // The first part may follow a comma or begin the text; the others follow it directly.
    if (j >= this.n || (!first && !this.joined(j)) || this.covered[j] || taken.has(j)) return false;
    const w = this.word(j)!;
    const { rules } = this;
    if (w.length < 2 || !isWord(w)) return false;
    if (rules.nameStopWords.has(w) || rules.prepositions.has(w) || rules.speechVerbs.has(w) || rules.cues.words.has(w) || rules.titles.has(w) || rules.roleNouns.has(w)) return false;
    if (rules.organizationHeads.has(w) || rules.instrumentHeads.has(w)) return false;
    if (rules.firstNames.has(w) || rules.nameParts.has(w) || rules.nameConnectors.has(w)) return true;
    if (rules.commonWords.has(w) && !vouched) return false;
    // An unknown word with a fused و is a conjunction and a word, not a name (known names such as وليد were accepted above).
    if (first) return !/^(و|بال|لل|فال|كال)/.test(w);
    return !/^(و|بال|لل|فال|كال)/.test(w);
  }

  /** The end of a name starting at token j (j itself when there is none). */
  /** The end of the name starting at token j (j when there is none); `vouched` when the context already says a name follows. */
  private nameFrom(j: number, taken: TokenSet, vouched = false): number {
    if (!this.isNamePart(j, true, taken, vouched)) return j;
    let end = j + 1;
    for (let k = 0; k < 3; k++) {
      const w = this.word(end - 1)!;
      // A definite family name (الأعرجي) ends the name, unless it is a connector's complement (عبد الله).
      if (isDefinite(w) && !this.rules.nameConnectors.has(this.word(end - 2) ?? '')) break;
      if (!this.isNamePart(end, false, taken, vouched)) break;
      end++;
    }
    // A connector cannot end a name.
    while (end > j + 1 && this.rules.nameConnectors.has(this.word(end - 1)!)) end--;
    return end;
  }

  /**
   * The end of a name the context vouches for (after a title, or a known first name
   * after a speech verb): as nameFrom, and a one-word name the lexicon knows (a
   * surname: الكاظمي) right after a name not yet closed by a family name belongs
   * to it: السيد أحمد الكاظمي is one person, not أحمد and the lexicon's.
   */
  private nameWithSurnameFrom(j: number, taken: TokenSet): number {
    let end = this.nameFrom(j, taken);
    if (end === j) return end;
    const known = this.unitAt.get(end);
    const closed = isDefinite(this.word(end - 1)!) && !this.rules.nameConnectors.has(this.word(end - 2) ?? '');
    if (known && known.label === 'Person' && known.last === end + 1 && !known.proclitics && this.joined(end) && !closed) end = known.last;
    return end;
  }

  // People: after titles (السيد، معالي…), as subjects of speech verbs, in apposition between commas.
  people(selected: Candidate[]): Candidate[] {
    const taken = new TokenSet(this.n);
    for (const c of selected) for (let t = c.first; t < c.last; t++) taken.add(t);
    const out: Candidate[] = [];
    const add = (first: number, last: number, rule: string) => {
      out.push({ first, last, skip: 0, proclitics: '', label: 'Person', rule });
      for (let t = first; t < last; t++) taken.add(t);
    };
    const { rules } = this;
    for (let i = 0; i < this.n; i++) {
      if (taken.has(i)) continue;
      // Nothing starts here unless the word could begin a title, a speech verb, an office or a first name, or a comma comes before it.
      if (!(this.features[i] & PERSON_TRIGGER) && !hasComma(this.doc.tokens[i].gapBefore)) continue;
      const next = this.wordsAfter(i);
      let titleEnd = 0;
      for (const r of this.doc.readingsAt(i)) {
        const len = rules.titles.longestMatch(r.stem, next);
        if (len) {
          titleEnd = i + len;
          break;
        }
      }
      if (titleEnd) {
        // Titles stack: معالي السيد …
        for (let more = 1; more && titleEnd < this.n && this.joined(titleEnd); ) {
          more = rules.titles.longestMatch(this.word(titleEnd)!, this.wordsAfter(titleEnd));
          titleEnd += more;
        }
        const end = this.joined(titleEnd) ? this.nameWithSurnameFrom(titleEnd, taken) : titleEnd;
        if (end > titleEnd) add(titleEnd, end, 'title');
        i = Math.max(i, end - 1);
        continue;
      }
      const w = this.word(i)!;
      const speech = this.doc.readingsAt(i).some((r) => rules.speechVerbs.has(r.stem));
      if (speech && this.joined(i + 1)) {
        // قال [فلان الفلاني] إن … : a known first name, or an unknown word that
        // is not a common one when the name is closed by إن / أن or punctuation.
        const first = this.word(i + 1) ?? '';
        // A known first name vouches for a surname after it as a title does.
        const end = rules.firstNames.has(first) ? this.nameWithSurnameFrom(i + 1, taken) : this.nameFrom(i + 1, taken);
        if (rules.firstNames.has(first)) {
          if (end > i + 2 || end === i + 2) add(i + 1, end, 'speech-subject');
          continue;
        }
        if (end > i + 1 && !isDefinite(first) && !rules.commonWords.has(first) && this.closesName(end)) {
          add(i + 1, end, 'speech-subject');
          i = end - 1;
          continue;
        }
      }
      // رئيس الوزراء البريطاني [توني بلير]: a noun of office, its definite
      // complements, then a name.
      if (this.doc.readingsAt(i).some((r) => rules.roleNouns.has(r.stem))) {
        let k = i + 1;
        while (k < this.n && k <= i + 6 && this.joined(k) && (taken.has(k) || this.covered[k] || this.doc.readingsAt(k).some((r) => isDefinite(r.stem)))) k++;
        const first = this.word(k) ?? '';
        if (k < this.n && this.joined(k) && !isDefinite(first) && !rules.commonWords.has(first)) {
          const end = this.nameFrom(k, taken);
          if (end >= k + 2 || (end === k + 1 && (rules.firstNames.has(first) || rules.nameParts.has(first)))) {
            add(k, end, 'office');
            i = end - 1;
            continue;
          }
        }
      }
      // A known first name followed by a family name, or set off by commas;
      // after a noun of office ("مدير عام الدائرة، أشرف الدهان،") any name set off by commas.
      const commaBefore = /[،,]/.test(this.doc.tokens[i].gapBefore);
      const afterRole = commaBefore && this.roleBefore(i);
      if ((rules.firstNames.has(w) && !rules.commonWords.has(w)) || afterRole) {
        const end = this.nameFrom(i, taken, afterRole);
        const apposition = commaBefore && end < this.n && /[،,]/.test(this.doc.tokens[end]?.gapBefore ?? '');
        if (end >= i + 2 && (apposition || (!afterRole && isDefinite(this.word(end - 1)!)))) {
          add(i, end, apposition ? 'apposition' : 'first-name');
          i = end - 1;
        }
      }
    }
    return out;
  }

  /** A name ending before token `end` is closed: by إن / أن, punctuation, or the end of the text. */
  private closesName(end: number): boolean {
    if (end >= this.n || !this.joined(end)) return true;
    return this.rules.nameClosers.has(this.word(end)!);
  }

  /** A noun of office begins the phrase that ends just before token i (within the same clause, no comma between). */
  private roleBefore(i: number): boolean {
    for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
      if (this.doc.readingsAt(j).some((r) => this.rules.roleNouns.has(r.stem))) return true;
      if (j < i - 1 && /[،,]/.test(this.doc.tokens[j + 1].gapBefore)) return false;
      if (this.doc.hardBreakBefore[j]) return false;
    }
    return false;
  }

  // A surname or full name seen as a Person elsewhere in the document is that person again.
  repeatedNames(selected: Candidate[], surroundingPersons?: Iterable<string>): Candidate[] {
    const names = new Set<string>();
    const addSurname = (surname: string) => {
      if (surname.length >= 4 && !this.rules.commonWords.has(surname) && !this.rules.nameStopWords.has(surname)) names.add(surname);
    };
    const taken = new TokenSet(this.n);
    for (const c of selected) {
      for (let t = c.first; t < c.last; t++) taken.add(t);
      if (c.label !== 'Person' || c.last - c.first < 2) continue;
      addSurname(this.word(c.last - 1)!);
    }
    // People of the rest of the document, read the way this text's tokens are.
    for (const person of surroundingPersons ?? []) {
      const words = tokenize(normalizeForMatching(person).text);
      if (words.length >= 2) addSurname(words[words.length - 1].text);
    }
    const out: Candidate[] = [];
    if (!names.size) return out;
    for (let i = 0; i < this.n; i++) {
      if (taken.has(i) || this.covered[i]) continue;
      const r = readingIn(this.doc.readingsAt(i), names);
      if (r) out.push({ first: i, last: i + 1, skip: r.skip, proclitics: r.proclitics, label: 'Person', rule: 'repeated-name' });
    }
    return out;
  }
}

function toEntities(doc: PreparedText, selected: Candidate[], rules: Rules): Entity[] {
  const entities: Entity[] = selected.map((c, k) => {
    const span = doc.spanOf(c.first, c.last, c.skip);
    // Fields in the order entryFields gives them (the JSON output keeps it).
    const e: Entity = { id: `e${k + 1}`, start: span.start, end: span.end, label: c.label, text: doc.original.slice(span.start, span.end), source: c.entry ? 'lexicon' : 'rule' };
    const entry = c.entry;
    if (entry) {
      e.kb = entry.id;
      e.nameAr = entry.ar;
      if (entry.en) e.nameEn = entry.en;
      if (entry.description) e.description = entry.description;
      if (entry.wikidata) e.wikidata = entry.wikidata;
    }
    if (c.rule) e.rule = c.rule;
    return e;
  });
  resolveGovernmentReferences(entities, rules);
  return entities;
}

export function entryFields(entry: LexiconEntry): Partial<Entity> {
  const fields: Partial<Entity> = { kb: entry.id, nameAr: entry.ar };
  if (entry.en) fields.nameEn = entry.en;
  if (entry.description) fields.description = entry.description;
  if (entry.wikidata) fields.wikidata = entry.wikidata;
  return fields;
}

/** "الحكومة" refers to the government the document names most often. */
function resolveGovernmentReferences(entities: Entity[], rules: Rules): void {
  const counts = new Map<string, { n: number; e: Entity }>();
  // Mentions repeat: each distinct text is looked at once.
  const headed = new Map<string, boolean>();
  for (const e of entities) {
    if (e.label !== 'Organization' || e.rule === 'government-reference') continue;
    let isGovernment = headed.get(e.text);
    if (isGovernment === undefined) {
      const first = e.text.split(/\s+/)[0].replace(/[\u064b-\u065f\u0640]/g, '').replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه');
      headed.set(e.text, (isGovernment = rules.governmentHeads.has(first)));
    }
    if (!isGovernment) continue;
    const key = e.kb ?? e.text;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { n: 1, e });
  }
  let best: Entity | undefined;
  let bestN = 0;
  for (const { n, e } of counts.values()) if (n > bestN) [best, bestN] = [e, n];
  if (!best) return;
  for (const e of entities) {
    if (e.rule !== 'government-reference') continue;
    for (const k of ['kb', 'nameAr', 'nameEn', 'description', 'wikidata'] as const) if (best[k]) e[k] = best[k];
  }
}
