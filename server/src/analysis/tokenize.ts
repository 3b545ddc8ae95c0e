// Tokenisation of normalised text, aware of the one-letter proclitics that
// Arabic writes fused to the next word (و ف ب ك ل, and لل for ل + the article).

export interface Token {
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  text: string;
  /** The normalised characters between the previous token and this one. */
  gapBefore: string;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
// Whether each UTF-16 unit is a letter or a number (\p{L} or \p{N}), learnt
// on first sight: 0 not seen yet, 1 yes, 2 no. Surrogate pairs are asked of
// the regular expression as one code point, as /[\p{L}\p{N}]+/gu sees them.
const wordUnit = new Uint8Array(0x10000);
const wordCodePoint = new Map<number, boolean>();

function isWordUnit(code: number): boolean {
  let k = wordUnit[code];
  if (k === 0) k = wordUnit[code] = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return k === 1;
}

function isWordPair(text: string, i: number): boolean {
  const cp = text.codePointAt(i)!;
  let yes = wordCodePoint.get(cp);
  if (yes === undefined) wordCodePoint.set(cp, (yes = WORD_CHAR.test(String.fromCodePoint(cp))));
  return yes;
}

/** Length in code units of the letter or number at i (2 for a surrogate pair), 0 when there is none. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return code >= 0xdc00 && code <= 0xdfff ? 0 : isWordUnit(code) ? 1 : 0;
  const low = text.charCodeAt(i + 1);
  if (low >= 0xdc00 && low <= 0xdfff) return isWordPair(text, i) ? 2 : 0;
  return 0;
}

/** The words of a normalised text: maximal runs of letters and numbers (/[\p{L}\p{N}]+/u). */
export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  const length = normalized.length;
  let last = 0;
  let i = 0;
  while (i < length) {
    let w = wordCharAt(normalized, i);
    if (!w) {
      i += 1;
      continue;
    }
    const start = i;
    do i += w;
    while (i < length && (w = wordCharAt(normalized, i)));
    tokens.push({ start, end: i, text: normalized.slice(start, i), gapBefore: normalized.slice(last, start) });
    last = i;
  }
  return tokens;
}

/** True when only white space separates the token from the one before it. */
export function joinedToPrevious(token: Token): boolean {
  return /^[ \t\u00a0]*$/.test(token.gapBefore);
}

export interface Reading {
  /** The word as a lexicon lists it (with ل + article restored to ال). */
  stem: string;
  /** How many characters of the token the span leaves out at its start. */
  skip: number;
  /** The proclitics taken off, for rules that care (e.g. "و" coordination). */
  proclitics: string;
}

const CONJUNCTIONS = 'وف';
const PREPOSITIONS = 'بكل';

/**
 * The readings of a token with its proclitics taken off, the token itself
 * first. Following the guidelines, a one-letter conjunction or preposition is
 * left out of the span, but a ل fused with the article (لل) is kept.
 */
export function readings(word: string): Reading[] {
  const out: Reading[] = [{ stem: word, skip: 0, proclitics: '' }];
  let rest = word;
  let skip = 0;
  let taken = '';
  if (rest.length > 2 && CONJUNCTIONS.includes(rest[0])) {
    taken = rest[0];
    rest = rest.slice(1);
    skip = 1;
    out.push({ stem: rest, skip, proclitics: taken });
  }
  if (rest.length > 3 && rest.startsWith('لل')) {
    out.push({ stem: 'ال' + rest.slice(2), skip, proclitics: taken + 'ل' });
  } else if (rest.length > 2 && PREPOSITIONS.includes(rest[0])) {
    out.push({ stem: rest.slice(1), skip: skip + 1, proclitics: taken + rest[0] });
  }
  return out;
}
