// Keeping annotations attached to their text.
//
// While a document is edited, a span moves with the text as a highlight
// does: text inserted before it shifts it, text inserted inside it grows it,
// text inserted at its edges stays outside it, and deleting part of it
// shrinks it. When all of its text is deleted it is "lost" (never dropped):
// it keeps a point in the text, for a diagnostic and a quick fix.
//
// When a .ann is read and the text at an annotation's offsets is not the
// text it records (the .txt was edited elsewhere), the annotation is found
// again by its text, as web annotators do with text-quote selectors: the
// exact text nearest to where it is expected, then a tolerant match
// (diacritics, tatweel, letter variants, white space, a few edited letters).
import { normalizeForMatching, originalSpan } from '../analysis/normalize';

/** A span of the editor's text (UTF-16 offsets, end exclusive). */
export interface TextSpan {
  start: number;
  end: number;
}

/** One replacement: [start, end) of the text before it becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Where a stored annotation is in the current text. */
export interface LiveSpan {
  /** Its fragments; empty when it is lost. */
  fragments: TextSpan[];
  /** Set when its text could not be found: the offset it is shown at. */
  lostAt?: number;
  /** The text it covers (fragments joined by a space), to find it again. */
  text: string;
}

/** Moves one fragment through one edit; undefined when all of its text was replaced. */
function moveFragment(f: TextSpan, e: TextEdit): TextSpan | undefined {
  const delta = e.text.length - (e.end - e.start);
  if (e.start === e.end) {
    // An insertion: at or before the start shifts, strictly inside grows, at or after the end stays outside.
    if (e.start <= f.start) return { start: f.start + delta, end: f.end + delta };
    if (e.start < f.end) return { start: f.start, end: f.end + delta };
    return f;
  }
  if (e.end <= f.start) return { start: f.start + delta, end: f.end + delta };
  if (e.start >= f.end) return f;
  if (e.start === f.start && e.end === f.end) {
    // Its text retyped or pasted over: it covers the new text.
    return e.text.length ? { start: e.start, end: e.start + e.text.length } : undefined;
  }
  if (e.start <= f.start && e.end >= f.end) return undefined;
  if (e.start <= f.start) return { start: e.start + e.text.length, end: f.end + delta };
  if (e.end >= f.end) return { start: f.start, end: e.start };
  return { start: f.start, end: f.end + delta };
}

/** Moves a point (a lost annotation's place) through an edit. */
function movePoint(p: number, e: TextEdit): number {
  if (e.end <= p) return p + e.text.length - (e.end - e.start);
  if (e.start < p) return e.start;
  return p;
}

/**
 * The one replacement that turns `before` into `after`: what lies between
 * their common beginning and their common end. Undefined when they are equal.
 */
export function editBetween(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  // Never split a surrogate pair: an emoji is one character for brat.
  if (head > 0 && isHighSurrogate(before.charCodeAt(head - 1))) head--;
  if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) tail--;
  return { start: head, end: before.length - tail, text: after.slice(head, after.length - tail) };
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Moves a stored span through one edit. A span whose whole text was replaced
 * is looked for in the replacing text (a whole-document replacement, a paste
 * over a larger selection); failing that, it is lost at the edit.
 */
export function moveSpan(span: LiveSpan, edit: TextEdit): LiveSpan {
  if (span.lostAt !== undefined) return { ...span, lostAt: movePoint(span.lostAt, edit) };
  const moved = span.fragments.map((f) => moveFragment(f, edit));
  const kept = moved.filter((f): f is TextSpan => !!f);
  if (kept.length) return { fragments: kept, text: span.text };
  const relative = span.fragments[0].start - edit.start;
  const parts = span.fragments.map((f) => f.end - f.start);
  const found = findPieces(edit.text, span.text, parts, Math.max(0, relative));
  if (found) return { fragments: found.map((f) => ({ start: f.start + edit.start, end: f.end + edit.start })), text: span.text };
  return { fragments: [], lostAt: edit.start, text: span.text };
}

/** Splits a recorded text into its fragments' texts, when their lengths add up (brat joins them with one space). */
function splitRecorded(text: string, lengths: number[]): string[] | undefined {
  if (lengths.length === 1) return [text];
  const total = lengths.reduce((a, b) => a + b, 0) + lengths.length - 1;
  if (total !== text.length) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const n of lengths) {
    parts.push(text.slice(at, at + n));
    at += n + 1;
  }
  return parts;
}

/** Past the diacritics and tatweel written on the letter before `end`: a match never ends inside a letter's marks. */
function pastMarks(text: string, end: number): number {
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code === 0x0640 || code === 0x0670 || (code >= 0x064b && code <= 0x065f)) end++;
    else break;
  }
  return end;
}

/** Exact occurrences of every piece, in order, the first nearest to `expected`. */
function findPieces(haystack: string, recorded: string, lengths: number[], expected: number): TextSpan[] | undefined {
  const pieces = splitRecorded(recorded, lengths) ?? [recorded];
  const first = nearestOccurrence(haystack, pieces[0], expected);
  if (first === undefined) return undefined;
  const spans = [{ start: first, end: pastMarks(haystack, first + pieces[0].length) }];
  for (const piece of pieces.slice(1)) {
    const at = haystack.indexOf(piece, spans[spans.length - 1].end);
    if (at < 0 || !piece) return undefined;
    spans.push({ start: at, end: pastMarks(haystack, at + piece.length) });
  }
  return spans;
}

/** The occurrence of `needle` whose start is nearest to `expected` (the earlier one on a tie). */
export function nearestOccurrence(haystack: string, needle: string, expected: number): number | undefined {
  if (!needle) return undefined;
  let best: number | undefined;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (best === undefined || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
    if (at > expected) break;
  }
  return best;
}

// ------------------------------------------------------ tolerant matching --

/** Normalised text with runs of white space folded to one space, mapped back to the original. */
interface Folded {
  text: string;
  /** Original UTF-16 offset of each folded character, and of its end. */
  origin: Uint32Array;
}

function fold(original: string): Folded {
  const norm = normalizeForMatching(original);
  const chars: string[] = [];
  const origin = new Uint32Array(norm.text.length + 1);
  let n = 0;
  for (let i = 0; i < norm.text.length; i++) {
    const ch = norm.text[i];
    if (/\s/.test(ch)) {
      if (chars[n - 1] === ' ') continue;
      chars.push(' ');
    } else chars.push(ch);
    origin[n++] = norm.origin[i];
  }
  origin[n] = original.length;
  return { text: chars.join(''), origin: origin.subarray(0, n + 1) };
}

function foldPattern(s: string): string {
  return fold(s).text.trim();
}

/** The most letters that may differ for a pattern of this length, in a tolerant match. */
export function tolerance(length: number): number {
  if (length < 4) return 0;
  return Math.max(1, Math.floor(length / 5));
}

/**
 * Approximate substring search (Sellers): the best match of `pattern` in
 * `text[from, to)` within `maxErrors` edits, nearest to `expected` among the
 * best. Returns folded-text offsets.
 */
function approximateSearch(text: string, pattern: string, from: number, to: number, maxErrors: number, expected: number): { start: number; end: number; errors: number } | undefined {
  const m = pattern.length;
  if (!m) return undefined;
  let cost = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    start[i] = from;
  }
  let best: { start: number; end: number; errors: number } | undefined;
  for (let j = from; j < to; j++) {
    const c = text[j];
    nextCost[0] = 0;
    nextStart[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const substitution = cost[i - 1] + (pattern[i - 1] === c ? 0 : 1);
      const insertion = cost[i] + 1; // a text character not in the pattern
      const deletion = nextCost[i - 1] + 1; // a pattern character not in the text
      let v = substitution;
      let s = start[i - 1];
      if (insertion < v) {
        v = insertion;
        s = start[i];
      }
      if (deletion < v) {
        v = deletion;
        s = nextStart[i - 1];
      }
      nextCost[i] = v;
      nextStart[i] = s;
    }
    [cost, nextCost] = [nextCost, cost];
    [start, nextStart] = [nextStart, start];
    const errors = cost[m];
    if (errors <= maxErrors) {
      const candidate = { start: start[m], end: j + 1, errors };
      if (
        !best ||
        errors < best.errors ||
        (errors === best.errors && Math.abs(candidate.start - expected) < Math.abs(best.start - expected))
      ) {
        best = candidate;
      }
    }
  }
  return best;
}

/** Caches the folded form of a text for several searches. */
/**
 * The work a tolerant search may do while a .ann is read, in cells of its
 * table (pattern length × text searched): a few tenths of a second. An
 * annotation it cannot afford to look for is reported lost, never waited for.
 */
export const REANCHOR_BUDGET_CELLS = 200_000_000;

/** What is left of a budget of search work; shared by the searches of one re-anchoring. */
export interface SearchBudget {
  cells: number;
}

/** Takes `cost` from the budget; false (and nothing taken) when it cannot be afforded. */
function spend(budget: SearchBudget | undefined, cost: number): boolean {
  if (!budget) return true;
  if (cost > budget.cells) return false;
  budget.cells -= cost;
  return true;
}

export class TextSearcher {
  private folded?: Folded;
  constructor(readonly text: string) {}

  private get f(): Folded {
    return (this.folded ??= fold(this.text));
  }

  /** Folded offset of an original offset (the first folded character at or after it). */
  private toFolded(offset: number): number {
    const origin = this.f.origin;
    let lo = 0;
    let hi = origin.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (origin[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * A tolerant match of `recorded` near `expected` (an original offset):
   * first within `window` characters of it, then anywhere.
   */
  tolerant(recorded: string, expected: number, window = 2000, budget?: SearchBudget): TextSpan | undefined {
    const pattern = foldPattern(recorded);
    if (!pattern) return undefined;
    const maxErrors = tolerance(pattern.length);
    const f = this.f;
    const center = this.toFolded(expected);
    const from = Math.max(0, center - window);
    const to = Math.min(f.text.length, center + window + pattern.length);
    if (!spend(budget, pattern.length * (to - from))) return undefined;
    const near = approximateSearch(f.text, pattern, from, to, maxErrors, center);
    if (!near && !spend(budget, pattern.length * f.text.length)) return undefined;
    const found = near ?? approximateSearch(f.text, pattern, 0, f.text.length, maxErrors, center);
    if (!found) return undefined;
    // Leave out a space the match began or ended with.
    let s = found.start;
    let e = found.end;
    while (s < e && f.text[s] === ' ') s++;
    while (e > s && f.text[e - 1] === ' ') e--;
    if (s >= e) return undefined;
    const start = f.origin[s];
    const { end } = originalSpan(this.text, f, s, e);
    return { start, end };
  }
}

// ------------------------------------------------------------ re-anchoring --

export interface AnchorRequest {
  id: string;
  /** Where the file says the fragments are, converted to editor offsets (possibly beyond the text). */
  fragments: TextSpan[];
  /** The text the file records. */
  text: string;
  /** Whether the text at `fragments` is the recorded text (checked by the caller, who knows brat's view of the text). */
  inPlace: boolean;
}

export type AnchorHow = 'exact' | 'moved' | 'tolerant' | 'lost';

export interface AnchorResult {
  id: string;
  how: AnchorHow;
  span: LiveSpan;
}

/**
 * Finds every annotation in `text`. Annotations are taken in the order of
 * their recorded offsets, and each is expected where the previous one moved
 * to (its recorded offset plus the previous annotation's shift), so that
 * among several occurrences of the same words the right one is chosen.
 */
export function reanchor(text: string, requests: AnchorRequest[], budget: SearchBudget = { cells: REANCHOR_BUDGET_CELLS }): AnchorResult[] {
  const order = [...requests].sort((a, b) => (a.fragments[0]?.start ?? 0) - (b.fragments[0]?.start ?? 0));
  const searcher = new TextSearcher(text);
  const results = new Map<string, AnchorResult>();
  let shift = 0;
  for (const r of order) {
    const recordedStart = r.fragments[0]?.start ?? 0;
    if (r.inPlace) {
      results.set(r.id, { id: r.id, how: 'exact', span: { fragments: r.fragments, text: r.text } });
      shift = 0;
      continue;
    }
    const expected = Math.max(0, Math.min(text.length, recordedStart + shift));
    const lengths = r.fragments.map((f) => f.end - f.start);
    const exact = findPieces(text, r.text, lengths, expected);
    if (exact) {
      results.set(r.id, { id: r.id, how: 'moved', span: { fragments: exact, text: r.text } });
      shift = exact[0].start - recordedStart;
      continue;
    }
    const pieces = splitRecorded(r.text, lengths) ?? [r.text];
    const spans: TextSpan[] = [];
    let near = expected;
    for (const piece of pieces) {
      const found = searcher.tolerant(piece, near, undefined, budget);
      if (!found || (spans.length && found.start < spans[spans.length - 1].end)) break;
      spans.push(found);
      near = found.end;
    }
    if (spans.length === pieces.length) {
      results.set(r.id, { id: r.id, how: 'tolerant', span: { fragments: spans, text: r.text } });
      shift = spans[0].start - recordedStart;
    } else {
      results.set(r.id, { id: r.id, how: 'lost', span: { fragments: [], lostAt: expected, text: r.text } });
    }
  }
  return requests.map((r) => results.get(r.id)!);
}
