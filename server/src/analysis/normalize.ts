// Normalisation for matching. Removes what never changes an Arabic word
// (diacritics, tatweel, invisible direction and joining marks) and folds the
// letters writers use interchangeably, keeping for every normalised character
// the offset of the original character it came from.

const REMOVED = new Set<number>([
  0x0640, // tatweel
  0x0670, // superscript alef
  0x200b, 0x200c, 0x200d, 0x200e, 0x200f, // ZWSP, ZWNJ, ZWJ, LRM, RLM
  0x061c, // Arabic letter mark
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, // bidi embeddings and isolates
  0xfeff, // BOM / zero-width no-break space
  0x00ad, // soft hyphen
]);

const FOLDED = new Map<number, string>([
  [0x0622, 'ا'], [0x0623, 'ا'], [0x0625, 'ا'], [0x0671, 'ا'], [0x0672, 'ا'], [0x0673, 'ا'],
  [0x0649, 'ي'], [0x06cc, 'ي'], [0x064a, 'ي'],
  // Hamza on a carrier folds as the carrier, as the decomposed spelling does
  // (و/ي + U+0654, whose hamza is removed with the diacritics): ؤ → و, ئ → ي,
  // as أ (ا + U+0654) folds to ا.
  [0x0624, 'و'], [0x0626, 'ي'],
  [0x0629, 'ه'],
  [0x06a9, 'ك'],
]);

function isDiacritic(code: number): boolean {
  return (code >= 0x064b && code <= 0x065f) || (code >= 0x0610 && code <= 0x061a) || (code >= 0x06d6 && code <= 0x06ed && code !== 0x06e5 && code !== 0x06e6);
}

/** Folds one character (given as a UTF-16 code unit); '' when it is removed. */
export function foldChar(code: number): string {
  if (REMOVED.has(code) || isDiacritic(code)) return '';
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(0x30 + code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(0x30 + code - 0x06f0);
  const folded = FOLDED.get(code);
  if (folded !== undefined) return folded;
  // Presentation forms carry the same letters in contextual shapes.
  if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfefc)) {
    const decomposed = String.fromCharCode(code).normalize('NFKC');
    // Some (﴾ ﴿, ligature marks) have no other form: they stay as they are.
    if (decomposed === String.fromCharCode(code)) return decomposed;
    return decomposed.split('').map((c) => foldChar(c.charCodeAt(0))).join('');
  }
  return String.fromCharCode(code);
}

export interface NormalizedText {
  /** The folded text. */
  text: string;
  /** origin[i] is the UTF-16 offset in the original of normalised char i; origin[text.length] is the original length. */
  origin: Uint32Array;
}

// What foldChar does to each UTF-16 code unit, learnt on first sight: the
// fast path of normalizeForMatching reads it instead of calling foldChar.
const UNSEEN = 0;
const KEPT = 1;
const REMOVED_UNIT = 2;
const FOLDED_TO_ONE = 3;
const EXPANDED = 4;
const unitKind = new Uint8Array(0x10000);
const foldedUnit = new Uint16Array(0x10000);

function learnUnit(code: number): number {
  const folded = foldChar(code);
  let kind: number;
  if (folded.length === 0) kind = REMOVED_UNIT;
  else if (folded.length === 1) {
    const c = folded.charCodeAt(0);
    kind = c === code ? KEPT : FOLDED_TO_ONE;
    foldedUnit[code] = c;
  } else kind = EXPANDED;
  unitKind[code] = kind;
  return kind;
}

// Short texts (words, names: the corpus index folds every mention) are
// normalised in scratch buffers reused from call to call, since allocating
// typed arrays costs more than folding a few letters.
const SHORT_TEXT = 1024;
const scratchOrigin = new Uint32Array(2 * SHORT_TEXT + 1);
const scratchUnits = new Uint16Array(SHORT_TEXT + 16);

/** Normalises `original` for matching, with a map back to original offsets. */
export function normalizeForMatching(original: string): NormalizedText {
  const length = original.length;
  const short = length <= SHORT_TEXT;
  // The map holds at most two offsets per original unit (more expansion is not mapped);
  // it starts at one per unit, the usual case, and grows when a folding expands.
  const originLimit = length * 2 + 1;
  let origin = short ? scratchOrigin : new Uint32Array(length + 1);
  // The normalised text as code units; a folding that expands (presentation-form
  // ligatures) may need more room than one unit per original unit.
  let units: Uint16Array = short ? scratchUnits : new Uint16Array(length + 16);
  let n = 0;
  for (let i = 0; i < length; i++) {
    const code = original.charCodeAt(i);
    let kind = code < 0x80 ? KEPT : unitKind[code];
    if (kind === UNSEEN) kind = learnUnit(code);
    if (kind === KEPT || kind === FOLDED_TO_ONE) {
      if (n >= units.length) units = grow(units, n + 1);
      units[n] = kind === KEPT ? code : foldedUnit[code];
      origin[n++] = i;
    } else if (kind === EXPANDED) {
      const folded = foldChar(code);
      if (n + folded.length > units.length) units = grow(units, n + folded.length);
      // Room for these units, one for each unit still to come and the final offset.
      const needed = n + folded.length + (length - i - 1) + 1;
      if (needed > origin.length && origin.length < originLimit) {
        const bigger = new Uint32Array(Math.min(originLimit, Math.max(needed, origin.length * 2)));
        bigger.set(origin);
        origin = bigger;
      }
      for (let k = 0; k < folded.length; k++) {
        units[n] = folded.charCodeAt(k);
        // Past the limit the offset is not recorded (the typed array ignores the write).
        origin[n++] = i;
      }
    }
  }
  origin[n] = length;
  const text = unitsToString(units, n);
  // A scratch map is larger than the limit: what lies past the limit is not part of the map.
  if (origin === scratchOrigin) return { text, origin: scratchOrigin.slice(0, Math.min(n + 1, originLimit)) };
  return { text, origin: origin.subarray(0, n + 1) };
}

function grow(units: Uint16Array, needed: number): Uint16Array {
  const bigger = new Uint16Array(Math.max(needed, units.length * 2));
  bigger.set(units);
  return bigger;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const NodeBuffer: { from(buffer: ArrayBuffer, offset: number, length: number): { toString(encoding: string): string } } | undefined = (globalThis as any).Buffer;

/** The string of the first n code units (lone surrogates kept as they are). */
function unitsToString(units: Uint16Array, n: number): string {
  // Node decodes UTF-16LE without checking surrogates (TextDecoder would replace lone ones).
  if (NodeBuffer && LITTLE_ENDIAN) return NodeBuffer.from(units.buffer as ArrayBuffer, units.byteOffset, n * 2).toString('utf16le');
  const CHUNK = 8192;
  if (n <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
  const parts: string[] = [];
  for (let k = 0; k < n; k += CHUNK) parts.push(String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + CHUNK)) as unknown as number[]));
  return parts.join('');
}

/** Normalises a word or phrase (lexicon forms, cue words): no offset map. */
export function normalizeWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) out += foldChar(word.charCodeAt(i));
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Maps a [start, end) span of normalised text back to the original text.
 * The end moves past diacritics and tatweel written on the span's last letter,
 * so a span ends after "التطرّف", not inside it; invisible marks are left out.
 */
export function originalSpan(original: string, norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  const s = norm.origin[start];
  let e = end > start ? norm.origin[end - 1] + 1 : s;
  while (e < original.length) {
    const code = original.charCodeAt(e);
    if (code === 0x0640 || code === 0x0670 || isDiacritic(code)) e++;
    else break;
  }
  return { start: s, end: e };
}
