// Tokens for token-level formats (CoNLL) and token-level agreement (kappa):
// the project's Arabic-aware tokeniser, with every character of the text in
// some token except white space, so that the tokens concatenate back to the
// text modulo white space.
//
// Words come from prepareText (normalised matching: a word keeps its
// diacritics and tatweel, التطرّف is one token). The characters between words
// become tokens of their own, one per grapheme (punctuation, emoji); invisible
// marks (direction marks, joiners, combining marks) join the token they touch.
// Sentences are the analyser's.
import { prepareText } from '../analysis/document';
import { getDefaultLexicon } from '../analysis/lexicon';
import { OffsetMap } from '../analysis/offsets';
import { readings } from '../analysis/tokenize';
import { getDefaultRules } from '../analysis/rules';
import { reason, Reason } from '../messages/reason';

export interface ExportToken {
  text: string;
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  /** 0-based sentence index. */
  sentence: number;
}

export interface TokenOptions {
  /**
   * Split one-letter proclitics (و ف ب ك ل) off as tokens of their own where
   * the rest is a word: it starts with the article (والحكومة → و الحكومة,
   * بالعراق → ب العراق) or is the first word of a lexicon name (ببغداد → ب بغداد).
   * ل fused with the article (للإرهاب) stays whole, as the guidelines keep it in spans.
   */
  splitProclitics?: boolean;
}

/** White space as CoNLL readers split on it (JavaScript's \s and Python's str.split). */
export const WHITESPACE = /[\s\x1c-\x1f\x85]/u;
const INVISIBLE = /^[\p{Cf}\p{M}]+$/u;

/** Made on first use: making one loads the grapheme rules (about 10 ms), which the server's start-up does not need. */
let segmenter: Intl.Segmenter | undefined;

interface Piece {
  start: number;
  end: number;
  /** Sentence index; for characters between words, decided afterwards. */
  sentence: number;
  word: boolean;
}

/** How many characters of a normalised word are proclitics to split off (0 for none). */
function procliticLength(word: string): number {
  const lexicon = getDefaultLexicon();
  let best = 0;
  for (const r of readings(word)) {
    if (r.skip === 0) continue;
    const rest = word.slice(r.skip);
    const isWord = (rest.startsWith('ال') && rest.length >= 4) || lexicon.root.next.has(r.stem);
    if (isWord && r.skip > best) best = r.skip;
  }
  return best;
}

export function exportTokens(text: string, options: TokenOptions = {}): ExportToken[] {
  const rules = getDefaultRules();
  const doc = prepareText(text, rules);
  const pieces: Piece[] = [];
  const gapPieces = (from: number, to: number, sentenceBefore: number, sentenceAfter: number) => {
    let offset = from;
    // A mark that ends a sentence, and what is glued to it (a closing bracket
    // or quote), belong to that sentence; after white space the next one begins.
    let ended = false;
    let nextBegun = false;
    for (const { segment } of (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text.slice(from, to))) {
      const start = offset;
      offset += segment.length;
      const chars = [...segment];
      const endsSentence = chars.some((ch) => rules.sentencePunctuation.has(ch));
      if (chars.every((ch) => WHITESPACE.test(ch))) {
        if (ended || endsSentence) nextBegun = true;
        continue;
      }
      if (endsSentence) ended = true;
      pieces.push({ start, end: offset, sentence: nextBegun ? sentenceAfter : sentenceBefore, word: false });
    }
  };

  let last = 0;
  for (let i = 0; i < doc.tokens.length; i++) {
    const span = doc.spanOf(i, i + 1);
    const sentence = doc.sentenceOf[i];
    gapPieces(last, span.start, i > 0 ? doc.sentenceOf[i - 1] : sentence, sentence);
    const skip = options.splitProclitics ? procliticLength(doc.tokens[i].text) : 0;
    let start = span.start;
    for (let k = 1; k <= skip; k++) {
      const boundary = doc.norm.origin[doc.tokens[i].start + k];
      pieces.push({ start, end: boundary, sentence, word: true });
      start = boundary;
    }
    pieces.push({ start, end: span.end, sentence, word: true });
    last = span.end;
  }
  const lastSentence = doc.tokens.length ? doc.sentenceOf[doc.tokens.length - 1] : 0;
  gapPieces(last, text.length, lastSentence, lastSentence);

  // Invisible marks join the token before them, or failing that the one
  // after; between two word pieces they are inside one word (a Latin letter
  // with a combining accent: the matching tokeniser stops at the accent).
  const merged: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (!p.word && INVISIBLE.test(text.slice(p.start, p.end))) {
      const previous = merged[merged.length - 1];
      const next = pieces[i + 1];
      if (previous?.word && previous.end === p.start && next?.word && next.start === p.end) {
        previous.end = next.end;
        i++;
        continue;
      }
      if (previous && previous.end === p.start) {
        previous.end = p.end;
        continue;
      }
      if (next && next.start === p.end) {
        next.start = p.start;
        continue;
      }
    }
    merged.push({ ...p });
  }
  return merged.map((p) => ({ text: text.slice(p.start, p.end), start: p.start, end: p.end, sentence: p.sentence }));
}

export interface LabelledSpan {
  /** Code points, end exclusive. */
  start: number;
  end: number;
  label: string;
  id?: string;
}

export interface TokenLabelling {
  /** Per token, the index into `spans` of the span it belongs to, or -1. */
  spanOf: number[];
  /** Spans that could not be put on the tokens: nested in or crossing an outer one, or covering no token. */
  dropped: { span: LabelledSpan; reason: Reason }[];
  /** Spans whose boundaries fall inside a token (the whole token is labelled). */
  misaligned: LabelledSpan[];
}

/**
 * Puts spans on tokens, one span per token: the outermost (longest) span
 * wins, as the guidelines say the outer one is the one that matters; a span
 * that shares a token with a longer one is dropped. A token belongs to a
 * span it overlaps.
 */
export function labelTokens(text: string, tokens: ExportToken[], spans: LabelledSpan[]): TokenLabelling {
  const map = new OffsetMap(text);
  const cpTokens = tokens.map((t) => ({ start: map.toCodePoint(t.start), end: map.toCodePoint(t.end) }));
  const spanOf = new Array<number>(tokens.length).fill(-1);
  const dropped: TokenLabelling['dropped'] = [];
  const misaligned: LabelledSpan[] = [];
  const order = spans.map((_, i) => i).sort((a, b) => spans[b].end - spans[b].start - (spans[a].end - spans[a].start) || spans[a].start - spans[b].start);
  for (const index of order) {
    const span = spans[index];
    const covered: number[] = [];
    // Tokens are in text order: find the first that ends after the span starts.
    let lo = 0;
    let hi = cpTokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cpTokens[mid].end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let t = lo; t < cpTokens.length && cpTokens[t].start < span.end; t++) covered.push(t);
    if (!covered.length) {
      dropped.push({ span, reason: reason('covers no token') });
      continue;
    }
    const taken = covered.find((t) => spanOf[t] >= 0);
    if (taken !== undefined) {
      const outer = spans[spanOf[taken]];
      dropped.push({ span, reason: reason('shares a token with {0}', `${outer.label} ${outer.start}-${outer.end}${outer.id ? ` (${outer.id})` : ''}`) });
      continue;
    }
    for (const t of covered) spanOf[t] = index;
    if (cpTokens[covered[0]].start !== span.start || cpTokens[covered[covered.length - 1]].end !== span.end) misaligned.push(span);
  }
  return { spanOf, dropped, misaligned };
}
