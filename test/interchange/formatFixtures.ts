// Shared material for the export/import/agreement tests: temporary corpora
// on disk, and texts with what breaks offset arithmetic (astral emoji, a
// byte-order mark, CRLF line breaks, diacritics, a combining accent).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const samplesDir = path.join(repoRoot, 'samples');
export const goldDir = path.resolve(repoRoot, '..', 'shared', 'gold');

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-formats-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface FixtureDoc {
  name: string;
  text: string;
  ann?: string;
}

export function writeCorpus(dir: string, docs: FixtureDoc[]): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const d of docs) {
    const file = path.join(dir, ...`${d.name}.txt`.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, d.text);
    if (d.ann !== undefined) fs.writeFileSync(file.replace(/\.txt$/, '.ann'), d.ann);
  }
  return dir;
}

/** The sample texts, with the reference annotations (gold) for the one that has them. */
export function sampleCorpus(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(samplesDir).filter((f) => f.endsWith('.txt'))) fs.copyFileSync(path.join(samplesDir, f), path.join(dir, f));
  fs.copyFileSync(path.join(goldDir, 'iom-onsa-agreement.ann'), path.join(dir, 'iom-onsa-agreement.ann'));
  return dir;
}

/** The samples as the annotation store keeps them (its .ann files and annotation.conf, review statuses, rejected suggestions). */
export function storedSampleCorpus(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(samplesDir)) fs.copyFileSync(path.join(samplesDir, f), path.join(dir, f));
  return dir;
}

/** The text brat counts: the file as decoded, CRLF as two characters (the byte-order mark stays a character). */
export const bratView = (text: string) => text;

/** Code-point offsets of the `occurrence`-th `needle` in the brat view of `text`, counted independently of the code under test. */
export function spanOf(text: string, needle: string, occurrence = 1): { start: number; end: number } {
  const view = bratView(text);
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = view.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${occurrence} not in the text`);
  }
  const start = Array.from(view.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

/** A T line for `needle` in `text`. */
export function tLine(id: string, label: string, text: string, needle: string, occurrence = 1): string {
  const s = spanOf(text, needle, occurrence);
  return `${id}\t${label} ${s.start} ${s.end}\t${needle}`;
}

/** A BOM, CRLF, emoji (one of them a ZWJ sequence), diacritics and proclitics. */
export const TRICKY_TEXT =
  '\uFEFFوقّعت المنظمة الدولية للهجرة 🤝 اتفاقية تعاون في بغداد.\r\n' +
  'وأكد الطرفان التزامهما بحقوق الإنسان 👨‍👩‍👧 ومبدأ عدم الأذى لمنع التطرّف العنيف في العراق.\r\n';

export const TRICKY_ANN =
  [
    tLine('T1', 'Organization', TRICKY_TEXT, 'المنظمة الدولية للهجرة'),
    tLine('T2', 'Instrument', TRICKY_TEXT, 'اتفاقية تعاون'),
    tLine('T3', 'Location', TRICKY_TEXT, 'بغداد'),
    tLine('T4', 'Principle', TRICKY_TEXT, 'حقوق الإنسان'),
    tLine('T5', 'Principle', TRICKY_TEXT, 'مبدأ عدم الأذى'),
    tLine('T6', 'Threat', TRICKY_TEXT, 'التطرّف العنيف'),
    tLine('T7', 'Location', TRICKY_TEXT, 'العراق'),
    tLine('T8', 'Commitment', TRICKY_TEXT, 'وأكد الطرفان التزامهما بحقوق الإنسان 👨‍👩‍👧 ومبدأ عدم الأذى لمنع التطرّف العنيف في العراق'),
    'E1\tCommitment:T8 Actor:T1 Principle:T4 Principle2:T5',
    'A1\tStrength E1 binding',
    'A2\tReview T1 accepted',
  ].join('\n') + '\n';

/** Diacritics on every letter of a name, tatweel, and a text without a final line break. */
export const DIACRITICS_TEXT = 'أعلنت الحُكُومَة العِرَاقِيَّة التزامها بمكافحة الإرهـــاب 😀 في البصرة';

export const DIACRITICS_ANN =
  [
    tLine('T1', 'Organization', DIACRITICS_TEXT, 'الحُكُومَة العِرَاقِيَّة'),
    tLine('T2', 'Threat', DIACRITICS_TEXT, 'الإرهـــاب'),
    tLine('T3', 'Location', DIACRITICS_TEXT, 'البصرة'),
  ].join('\n') + '\n';

export function trickyCorpus(dir: string): string {
  return writeCorpus(dir, [
    { name: 'tricky', text: TRICKY_TEXT, ann: TRICKY_ANN },
    { name: 'sub/diacritics', text: DIACRITICS_TEXT, ann: DIACRITICS_ANN },
  ]);
}

/** Spans as comparable strings, in order. */
export const spanKeys = (spans: { label: string; start: number; end: number }[]) =>
  spans.map((s) => `${s.label} ${s.start} ${s.end}`).sort();

/** The spans no longer span overlaps (what a flat, one-label-per-token format can carry). */
export function outermost<T extends { start: number; end: number }>(spans: T[]): T[] {
  return spans.filter((s) => !spans.some((o) => o !== s && o.end - o.start > s.end - s.start && o.start < s.end && s.start < o.end));
}
