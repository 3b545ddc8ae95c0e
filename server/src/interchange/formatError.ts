// What goes wrong with an input file, said where it occurs: the file, the
// line, and why. Pure: the callers read the bytes.
import { inEnglish, reason, Reason } from '../messages/reason';

/**
 * A problem with one input: the file, the 1-based line when known, and what
 * is wrong (translated where it is shown: render/reasonText.ts; the Error's
 * message is in English).
 */
export class FormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: Reason,
    /** A file the operation refused to overwrite (an import into annotated documents): the editor can offer to replace it. */
    readonly refusedToOverwrite?: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${inEnglish(reason)}`);
  }
}

/**
 * Decodes UTF-8 strictly. A byte-order mark is kept as the character U+FEFF,
 * because brat counts it as one (offsets after it depend on that). On invalid
 * bytes, the error names the line they are on.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // The longest prefix that is valid so far (a streaming decoder accepts a
    // cut sequence at the end) ends where the first bad sequence starts.
    let good = 0;
    let bad = bytes.length;
    while (good < bad - 1) {
      const mid = (good + bad) >>> 1;
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), { stream: true });
        good = mid;
      } catch {
        bad = mid;
      }
    }
    // A lead byte whose sequence is cut short at `good` was held back by the
    // streaming decoder: the bad sequence starts at that lead byte.
    for (let k = 1; k <= 3 && good - k >= 0; k++) {
      const b = bytes[good - k];
      if ((b & 0xc0) !== 0xc0) {
        if ((b & 0xc0) !== 0x80) break;
        continue;
      }
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (length > k) good -= k;
      break;
    }
    let line = 1;
    for (let i = 0; i < good; i++) if (bytes[i] === 0x0a) line++;
    const hex = Array.from(bytes.subarray(good, Math.min(good + 4, bytes.length)), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new FormatError(file, line, reason('not valid UTF-8 (bytes {0} at byte offset {1}); save the file as UTF-8', hex, good));
  }
}

/**
 * A document name that stays inside the folder it is written to: relative,
 * `/`-separated, no `..`, no empty or hidden parts. Undefined when `name` is not one.
 */
export function safeDocumentName(name: string): string | undefined {
  const parts = name.replace(/\\/g, '/').replace(/\.txt$/i, '').split('/');
  if (!parts.length || parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.') || /[\x00-\x1f:*?"<>|]/.test(p))) return undefined;
  return parts.join('/');
}

