// A text prepared for the rules: normalised, tokenised, with the readings of
// every token and where punctuation breaks phrases, clauses and sentences.
import { normalizeForMatching, originalSpan, NormalizedText } from './normalize';
import { readings, Reading, Token, tokenize } from './tokenize';
import type { Rules } from './rules';

export interface PreparedText {
  original: string;
  norm: NormalizedText;
  tokens: Token[];
  /**
   * The distinct words of the text, in order of first occurrence: token i is words[wordOf[i]]
   * (its text is that very string), so that what depends on a word alone is looked up once per word.
   */
  words: string[];
  wordOf: Int32Array;
  /** Token i is separated from token i-1 by something other than white space. */
  hardBreakBefore: boolean[];
  /** Clause and sentence index of every token. */
  clauseOf: Int32Array;
  sentenceOf: Int32Array;
  readingsAt(i: number): Reading[];
  /** The original-text span of tokens [first, last), leaving `skip` characters of the first token out. */
  spanOf(first: number, last: number, skip?: number): { start: number; end: number };
}

function hasAny(gap: string, marks: Set<string>): boolean {
  if (gap.length === 1) return marks.has(gap);
  for (const ch of gap) if (marks.has(ch)) return true;
  return false;
}

// The readings of a word depend on the word alone: computed once per word and
// shared (read-only) by every position and document. Bounded, so that a
// long-running server does not keep every word it ever saw.
const readingsByWord = new Map<string, Reading[]>();
const MAX_CACHED_WORDS = 200_000;

/** The readings of a word (see tokenize.readings), cached: the array is shared, do not change it. */
export function readingsOfWord(word: string): Reading[] {
  let r = readingsByWord.get(word);
  if (r === undefined) {
    if (readingsByWord.size >= MAX_CACHED_WORDS) readingsByWord.clear();
    r = readings(word);
    readingsByWord.set(word, r);
  }
  return r;
}

const NOT_SPACE = /[^\s]/;

export function prepareText(original: string, rules: Rules): PreparedText {
  const norm = normalizeForMatching(original);
  const tokens = tokenize(norm.text);
  const n = tokens.length;
  const hardBreakBefore = new Array<boolean>(n);
  const clauseOf = new Int32Array(n);
  const sentenceOf = new Int32Array(n);
  let clause = 0;
  let sentence = 0;
  const spaceBreaks = rules.sentencePunctuation.has(' ') || rules.clausePunctuation.has(' ');
  const ids = new Map<string, number>();
  const words: string[] = [];
  const wordOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const token = tokens[i];
    let id = ids.get(token.text);
    if (id === undefined) {
      ids.set(token.text, (id = words.length));
      words.push(token.text);
    } else token.text = words[id]; // one string per word: the copies die young, the later look-ups find its hash computed
    wordOf[i] = id;
    const gap = token.gapBefore;
    if (gap === ' ' && i > 0 && !spaceBreaks) {
      // The common case: one space, no break and no punctuation.
      hardBreakBefore[i] = false;
      clauseOf[i] = clause;
      sentenceOf[i] = sentence;
      continue;
    }
    hardBreakBefore[i] = i === 0 || NOT_SPACE.test(gap) || gap.includes('\n');
    if (i > 0 && hasAny(gap, rules.sentencePunctuation)) sentence++;
    if (i > 0 && hasAny(gap, rules.clausePunctuation)) clause++;
    clauseOf[i] = clause;
    sentenceOf[i] = sentence;
  }
  const readingsOf: (Reading[] | undefined)[] = new Array(words.length);
  return {
    original,
    norm,
    tokens,
    words,
    wordOf,
    hardBreakBefore,
    clauseOf,
    sentenceOf,
    readingsAt: (i) => (readingsOf[wordOf[i]] ??= readingsOfWord(words[wordOf[i]])),
    spanOf: (first, last, skip = 0) => originalSpan(original, norm, tokens[first].start + skip, tokens[last - 1].end),
  };
}
