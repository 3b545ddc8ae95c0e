// A lossless decoding of a file's bytes as text, so that lines Iltizam does
// not understand are written back byte for byte even when they are not UTF-8
// (a Windows-1256 note, binary garbage). Valid UTF-8 decodes as usual; each
// byte of an invalid sequence becomes a lone low surrogate U+DC80–U+DCFF
// (Python's "surrogateescape"), which valid UTF-8 can never produce, and the
// encoder turns those back into the bytes they stand for.

const strict = new TextDecoder('utf-8', { fatal: true });
const ESCAPE_BASE = 0xdc00;

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number) => i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const b1 = bytes[i + 1];
    if (b === 0xe0 && b1 < 0xa0) return 0; // overlong
    if (b === 0xed && b1 >= 0xa0) return 0; // a surrogate
    return 3;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const b1 = bytes[i + 1];
    if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

/** The bytes as text: UTF-8, with every byte that is not part of valid UTF-8 escaped (see the file comment). */
export function decodeLossless(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    /* not UTF-8 throughout: decode piece by piece */
  }
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n) {
      i += n;
      continue;
    }
    if (i > start) parts.push(strict.decode(bytes.subarray(start, i)));
    parts.push(String.fromCharCode(ESCAPE_BASE + bytes[i]));
    start = ++i;
  }
  if (i > start) parts.push(strict.decode(bytes.subarray(start, i)));
  return parts.join('');
}

const ESCAPED = /[\udc80-\udcff]/;
const encoder = new TextEncoder();

/** The text as bytes: UTF-8, escaped bytes written back as they were read. */
export function encodeLossless(text: string): Uint8Array {
  if (!ESCAPED.test(text)) return encoder.encode(text);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc80 || code > 0xdcff) continue;
    // A low surrogate after a high one is half of a real character, not an escape.
    if (i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue;
    if (i > start) chunks.push(encoder.encode(text.slice(start, i)));
    chunks.push(Uint8Array.of(code - ESCAPE_BASE));
    start = i + 1;
  }
  if (start < text.length) chunks.push(encoder.encode(text.slice(start)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
