// Where the editor's offsets and a .ann file's offsets meet.
//
// The editor counts UTF-16 units of the text as it holds it: without the
// UTF-8 byte-order mark (VS Code strips it). brat counts code points of the
// file as Python decodes it with codecs.open (binary mode, no newline
// translation): a byte-order mark is a character (U+FEFF at offset 0) and a
// CRLF is two characters. This map composes the BOM with the astral-character
// conversion of offsets.ts, so that every .ann offset is converted here and
// nowhere else. Files written when a CRLF counted as one character are read
// through fromLegacyCrlf.
import { countBelow, OffsetMap } from '../analysis/offsets';

export class BratTextMap {
  /** The text as brat reads it (BOM character included, CRLF as two characters). */
  readonly bratText: string;
  private readonly offsets: OffsetMap;
  /** 1 when the file starts with a BOM that the editor's text does not hold. */
  private readonly lead: number;
  /** .ann offsets of the CR of every CRLF, ascending (computed when first needed). */
  private crlfs?: number[];

  /**
   * @param text the text as the editor holds it
   * @param fileHasBom whether the file on disk starts with a UTF-8 byte-order mark
   */
  constructor(readonly text: string, fileHasBom = false) {
    this.lead = fileHasBom && !text.startsWith('\uFEFF') ? 1 : 0;
    this.bratText = (this.lead ? '\uFEFF' : '') + text;
    this.offsets = new OffsetMap(this.bratText);
  }

  /** Editor offset → .ann offset. */
  toAnn(utf16: number): number {
    const clamped = Math.max(0, Math.min(utf16, this.text.length));
    return this.offsets.toCodePoint(clamped + this.lead);
  }

  /** .ann offset → editor offset. The BOM maps to 0. */
  toEditor(codePoint: number): number {
    const inBrat = this.offsets.toUtf16(Math.max(0, Math.min(codePoint, this.annLength)));
    return Math.max(0, inBrat - this.lead);
  }

  /** Length of the text in .ann offsets. */
  get annLength(): number {
    return this.offsets.codePointLength;
  }

  /** The text brat shows for [start, end) in .ann offsets. */
  annSlice(start: number, end: number): string {
    return this.bratText.slice(this.offsets.toUtf16(start), this.offsets.toUtf16(end));
  }

  /** Whether the text has a CRLF, so that a .ann may have been written counting it as one character. */
  get hasCrlf(): boolean {
    return this.crlfOffsets().length > 0;
  }

  /**
   * An offset of a .ann written when a CRLF counted as one character (before
   * brat's own counting was followed) → the offset brat counts. The line
   * break itself maps to its CR.
   */
  fromLegacyCrlf(legacy: number): number {
    // The k-th CRLF was at legacy offset cr - k; each one before the offset adds its CR.
    return legacy + countBelow(this.crlfOffsets(), legacy, (cr, k) => cr - k);
  }

  private crlfOffsets(): number[] {
    if (!this.crlfs) {
      this.crlfs = [];
      for (let i = this.bratText.indexOf('\r\n'); i >= 0; i = this.bratText.indexOf('\r\n', i + 2)) this.crlfs.push(this.offsets.toCodePoint(i));
    }
    return this.crlfs;
  }
}

/**
 * The text a T line records for these pieces: brat joins fragments with a
 * space. A line break inside a piece (a .ann written before spans were split
 * at line breaks, or an editor span) reads as a space.
 */
export function recordedText(pieces: string[]): string {
  return pieces.join(' ').replace(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g, ' ');
}

/**
 * The fragments (in .ann offsets as brat counts) of a T line written when a
 * CRLF counted as one character, when the text there is the text it records;
 * undefined when the text has no CRLF or the line was not written that way.
 */
export function legacyCrlfFragments(map: BratTextMap, fragments: readonly { start: number; end: number }[], recorded: string): { start: number; end: number }[] | undefined {
  if (!map.hasCrlf) return undefined;
  const moved = fragments.map((f) => ({ start: map.fromLegacyCrlf(f.start), end: map.fromLegacyCrlf(f.end) }));
  const fits = moved.every((f) => f.end <= map.annLength) && recordedText(moved.map((f) => map.annSlice(f.start, f.end))) === recorded;
  return fits ? moved : undefined;
}

/** What ends a line for brat (Python's str.splitlines, which brat reads .ann lines with): a T line's text cannot hold one. */
const LINE_BREAK_CHARS = new Set(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']);

/**
 * Fragments as brat writes a selection over line breaks: one fragment per
 * line, the breaks left out (`288 303;304 310`), so that each fragment's text
 * fits on the T line. `slice` gives the text of [start, end) in the same
 * (code-point) offsets as the fragments.
 */
export function splitAtLineBreaks(fragments: readonly { start: number; end: number }[], slice: (start: number, end: number) => string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const f of fragments) {
    let pieceStart = f.start;
    let at = f.start;
    for (const ch of slice(f.start, f.end)) {
      if (LINE_BREAK_CHARS.has(ch)) {
        if (at > pieceStart) out.push({ start: pieceStart, end: at });
        pieceStart = at + 1;
      }
      at++;
    }
    if (at > pieceStart) out.push({ start: pieceStart, end: at });
  }
  // A span of nothing but line breaks keeps its place (brat would refuse it either way).
  return out.length ? out : fragments.map((f) => ({ ...f }));
}
