// The tokenise-and-look-up floor (issue 18): the least a word-based
// annotator does, in the same process and on the same texts as the core: cut
// the text into words (letters and digits, a table per UTF-16 unit), fold
// each (diacritics and tatweel dropped, alef forms and final yeh/teh marbuta
// as the lexicon folds them), and look it up among the words of the
// lexicon's surface forms. The core's throughput is reported as a ratio to
// it, with the tagger (as the editor runs it) and without (the rules alone);
// the target is at least 1/3 at every size.
import { analyzeText } from '../server/src/analysis/analyze';
import { medianTime, round } from './benchStats';

const MB = 1_000_000;

export interface FloorFigures {
  sizeMB: number;
  bytes: number;
  words: number;
  hits: number;
  floorMs: number;
  floorMBps: number;
  ruleCoreMs: number;
  ruleCoreMBps: number;
  /** The core with the tagger (the `core` rows of bench.ts). */
  coreMBps: number;
  /** Core throughput / floor throughput, with the tagger and with the rules alone (target ≥ 1/3). */
  ratio: number;
  ruleCoreRatio: number;
}

// What each UTF-16 unit is: 0 a separator, 1 a letter or digit kept, 2 a mark dropped in folding (harakat, tatweel).
const unitKind = new Uint8Array(0x10000);
const folded = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const ch = String.fromCharCode(c);
  folded[c] = c;
  if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) unitKind[c] = 2;
  else if (/[\p{L}\p{N}]/u.test(ch)) unitKind[c] = 1;
}
for (const c of [0x0622, 0x0623, 0x0625, 0x0671]) folded[c] = 0x0627; // آ أ إ ٱ → ا
folded[0x0649] = 0x064a; // ى → ي
folded[0x0629] = 0x0647; // ة → ه

/** The folded words of a text, one string each (what a plain annotator allocates). */
function foldWords(text: string, each: (word: string) => void): void {
  const buffer = new Uint16Array(256);
  let length = 0;
  const flush = () => {
    if (length) each(String.fromCharCode.apply(null, buffer.subarray(0, length) as unknown as number[]));
    length = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = unitKind[c];
    if (kind === 1) {
      if (length < buffer.length) buffer[length++] = folded[c];
    } else if (kind === 0) flush();
  }
  flush();
}

/** The floor's dictionary: every word of every surface form, folded. */
export function floorDictionary(surfaceForms: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const form of surfaceForms) foldWords(form, (w) => words.add(w));
  return words;
}

/** One pass of the floor: the words of the text and how many are in the dictionary. */
export function tokeniseAndLookUp(text: string, dictionary: ReadonlySet<string>): { words: number; hits: number } {
  let words = 0;
  let hits = 0;
  foldWords(text, (w) => {
    words++;
    if (dictionary.has(w)) hits++;
  });
  return { words, hits };
}

export function measureFloor(texts: ReadonlyMap<number, string>, core: readonly { sizeMB: number; coreMBps: number }[], surfaceForms: readonly string[], quick: boolean): FloorFigures[] {
  const dictionary = floorDictionary(surfaceForms);
  const rows: FloorFigures[] = [];
  for (const [sizeMB, text] of texts) {
    const bytes = Buffer.byteLength(text, 'utf8');
    let counts = tokeniseAndLookUp(text, dictionary);
    const floorMs = medianTime(quick ? 3 : Math.max(5, Math.min(50, Math.ceil((20 * MB) / bytes))), () => (counts = tokeniseAndLookUp(text, dictionary)));
    analyzeText(text, { tagger: false });
    const ruleCoreMs = medianTime(quick ? 1 : Math.max(2, Math.min(10, Math.ceil((2 * MB) / bytes))), () => analyzeText(text, { tagger: false }));
    const floorMBps = bytes / MB / (floorMs / 1000);
    const ruleCoreMBps = bytes / MB / (ruleCoreMs / 1000);
    const coreMBps = core.find((r) => r.sizeMB === sizeMB)?.coreMBps ?? NaN;
    rows.push({ sizeMB, bytes, ...counts, floorMs: round(floorMs), floorMBps: round(floorMBps), ruleCoreMs: round(ruleCoreMs), ruleCoreMBps: round(ruleCoreMBps), coreMBps, ratio: round(coreMBps / floorMBps), ruleCoreRatio: round(ruleCoreMBps / floorMBps) });
  }
  return rows;
}

export function floorTargets(rows: readonly FloorFigures[]): { target: string; value: number; limit: number; met: boolean; ratio: number }[] {
  if (!rows.length) return [];
  const atLeast = (target: string, value: number) => ({ target, value: round(value), limit: 1 / 3, met: value >= 1 / 3, ratio: round(1 / 3 / value) });
  return [
    atLeast('core (with the tagger) / tokenise-and-look-up floor, lowest size', Math.min(...rows.map((r) => r.ratio))),
    atLeast('rule core (no tagger) / tokenise-and-look-up floor, lowest size', Math.min(...rows.map((r) => r.ruleCoreRatio))),
  ];
}
