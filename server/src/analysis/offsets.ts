// The one place where UTF-16 offsets (JavaScript strings, the editor, LSP)
// and Unicode code-point offsets (brat, doccano, W3C exports, the CLI) meet.

/** Maps UTF-16 offsets of `text` to code-point offsets and back. */
export class OffsetMap {
  /** Sorted UTF-16 offsets of the low half of every surrogate pair. */
  private readonly astral: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i + 1);
          i++;
        }
      }
    }
  }

  toCodePoint(utf16: number): number {
    // Each astral character whose second unit lies before the offset counts once less.
    return utf16 - countBelow(this.astral, utf16);
  }

  toUtf16(codePoint: number): number {
    // The k-th astral character starts at code point astral[k] - 1 - k; each one before the target adds a unit.
    return codePoint + countBelow(this.astral, codePoint, (low, k) => low - 1 - k);
  }

  /** Code-point length of the whole text. */
  get codePointLength(): number {
    return this.text.length - this.astral.length;
  }
}

/**
 * How many entries of an ascending array are below `x` (binary search);
 * `key` maps an entry and its index to the ascending value compared.
 */
export function countBelow(sorted: readonly number[], x: number, key: (value: number, index: number) => number = (v) => v): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(sorted[mid], mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function toUtf16Offset(text: string, codePoint: number): number {
  return new OffsetMap(text).toUtf16(codePoint);
}
