// Where the editor's offsets and a .ann file's offsets meet.
//
// The editor counts UTF-16 units of the text as it holds it: without the
// UTF-8 byte-order mark (VS Code strips it) and with every CRLF as two units.
// brat counts code points of the text as Python reads it with the `utf8`
// codec and universal newlines: a byte-order mark is a character (U+FEFF at
// offset 0) and a CRLF is one character ("\n"). This map composes those two
// differences with the astral-character conversion of offsets.ts, so that
// every .ann offset is converted here and nowhere else.
import { countBelow, OffsetMap } from '../analysis/offsets';

export class BratTextMap {
  /** The text as brat reads it (BOM character included, CRLF as LF). */
  readonly bratText: string;
  private readonly offsets: OffsetMap;
  /** 1 when the file starts with a BOM that the editor's text does not hold. */
  private readonly lead: number;
  /** Editor offsets of every CR that brat drops (a CR followed by LF), ascending. */
  private readonly droppedCr: number[] = [];

  /**
   * @param text the text as the editor holds it
   * @param fileHasBom whether the file on disk starts with a UTF-8 byte-order mark
   */
  constructor(readonly text: string, fileHasBom = false) {
    this.lead = fileHasBom && !text.startsWith('\uFEFF') ? 1 : 0;
    for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) this.droppedCr.push(i);
    const body = this.droppedCr.length ? text.replace(/\r\n/g, '\n') : text;
    this.bratText = (this.lead ? '\uFEFF' : '') + body;
    this.offsets = new OffsetMap(this.bratText);
  }

  /** Editor offset → .ann offset. An offset between CR and LF maps to the line break. */
  toAnn(utf16: number): number {
    const clamped = Math.max(0, Math.min(utf16, this.text.length));
    return this.offsets.toCodePoint(clamped - countBelow(this.droppedCr, clamped) + this.lead);
  }

  /** .ann offset → editor offset. A line break maps to the start of its CRLF; the BOM to 0. */
  toEditor(codePoint: number): number {
    const inBrat = this.offsets.toUtf16(Math.max(0, Math.min(codePoint, this.annLength)));
    const k = Math.max(0, inBrat - this.lead);
    // Each dropped CR whose LF lies before position k of the CR-free text adds one unit.
    return k + countBelow(this.droppedCr, k, (cr, index) => cr - index);
  }

  /** Length of the text in .ann offsets. */
  get annLength(): number {
    return this.offsets.codePointLength;
  }

  /** The text brat shows for [start, end) in .ann offsets. */
  annSlice(start: number, end: number): string {
    return this.bratText.slice(this.offsets.toUtf16(start), this.offsets.toUtf16(end));
  }
}

/** The text a T line records for these pieces: brat joins fragments with a space; a line break would end the line. */
export function recordedText(pieces: string[]): string {
  return pieces.join(' ').replace(/\r\n|[\r\n]/g, ' ');
}
