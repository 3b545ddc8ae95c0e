// `npm run bench:learning`: the learning curve of the adapted tagger. In each
// fold a third of the reference documents is held out and scored; the
// reference .ann of k of the others stand for an annotator's decisions (each
// such document reviewed to the end), k = 0, 1, 2, 4, 8. Entities, per label,
// overlap and exact. Also times one update from ten documents' decisions.
//
//   node out/scripts/bench-learning.js [--folds N]
//
// ILTIZAM_LEARNING_DIR  reference folder, X.txt beside X.ann (default ../shared/dev-policy)
//
// Writes out/bench-learning.json and docs/learning-curve.svg (numbers only: no text of the documents).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../server/src/analysis/analyze';
import { prepareText } from '../server/src/analysis/document';
import { getDefaultLexicon, Lexicon } from '../server/src/analysis/lexicon';
import { learntLexiconEntries, learntEntriesNotInLexicon } from '../server/src/analysis/learntNames';
import { getDefaultRules } from '../server/src/analysis/rules';
import { entityLabelNames, policyTermLabels } from '../server/src/analysis/schema';
import { adaptedTagger, adaptTagger, DecidedDocument, getDefaultTagger, SequenceTagger } from '../server/src/analysis/tagger';
import { seededRandom, shuffle } from '../server/src/analysis/tagger/random';
import { AnnotationSet } from '../server/src/annotations/annotationSet';
import { parseBrat } from '../server/src/annotations/brat';
import { decisionsOf } from '../server/src/annotations/learning';
import { combineScoreReports, Prf, referenceItemsFromBrat, ScoreReport, scoreAnnotations } from '../server/src/corpus/scoring';
import { toAnalyzeRecord } from '../server/src/interchange/analyzeRecord';
import { learningCurveSvg } from '../server/src/render/learningCurve';

const KS = [0, 1, 2, 4, 8];
const LABELS: readonly string[] = entityLabelNames;

interface Reference {
  name: string;
  text: string;
  ann: string;
}

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

function readReferences(dir: string): Reference[] {
  if (!fs.existsSync(dir)) throw new Error(`the reference folder ${dir} does not exist (set ILTIZAM_LEARNING_DIR)`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ann'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      return { name, text: fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8'), ann: fs.readFileSync(path.join(dir, f), 'utf8') };
    });
}

const rules = getDefaultRules();
const shipped = getDefaultTagger(getDefaultLexicon(), rules);
/** What the learning gives the analysis: an adapted tagger, and (with names) a lexicon of learnt names. */
interface Learnt {
  tagger: SequenceTagger;
  lexicon: Lexicon;
}
/** tagger: the adapted tagger alone; tagger+names: with every decided name as a lexicon entry; tagger+learnt: what the server does (the decided forms the lexicon lacks as its learnt lexicon). */
const MODES = ['tagger', 'tagger+names', 'tagger+learnt'] as const;
type Mode = (typeof MODES)[number];

function learn(docs: DecidedDocument[], mode: Mode): Learnt {
  if (!docs.length) return { tagger: shipped, lexicon: getDefaultLexicon() };
  const learnt = { tagger: [], 'tagger+names': learntLexiconEntries(docs), 'tagger+learnt': learntEntriesNotInLexicon(docs, getDefaultLexicon()) }[mode];
  const lexicon = getDefaultLexicon().withOverrides(learnt);
  const base = getDefaultTagger(lexicon, rules);
  return { tagger: adaptedTagger(base, adaptTagger(base, docs)), lexicon };
}

function decided(r: Reference): DecidedDocument {
  const { set } = AnnotationSet.load(r.ann, r.text);
  return { doc: prepareText(r.text, rules), ...decisionsOf(set), reviewed: true };
}

function score(r: Reference, { tagger, lexicon }: Learnt): ScoreReport {
  const reference = referenceItemsFromBrat(parseBrat(r.ann, { text: r.text })).filter((i) => LABELS.includes(i.label));
  const record = toAnalyzeRecord(r.name, analyzeText(r.text, { tagger, lexicon }));
  const predicted = record.entities.filter((e) => LABELS.includes(e.label)).map((e) => ({ id: e.id, start: e.start, end: e.end, label: e.label, text: e.text }));
  return scoreAnnotations(reference, predicted, { labels: LABELS });
}

interface Point {
  k: number;
  overlap: { micro: Prf; byLabel: Record<string, Prf> };
  exact: { micro: Prf; byLabel: Record<string, Prf> };
  /** Mean time of the updates of this k, ms. */
  updateMs: number;
}

/** Folds: held-out thirds; the others, in a seeded order, give the k decided documents. */
function learningCurve(refs: Reference[], folds: number, mode: Mode): Point[] {
  const reports = new Map<number, ScoreReport[]>(KS.map((k) => [k, []]));
  const times = new Map<number, number[]>(KS.map((k) => [k, []]));
  const size = Math.ceil(refs.length / folds);
  for (let f = 0; f < folds; f++) {
    const heldOut = refs.slice(f * size, (f + 1) * size);
    const pool = shuffle(refs.filter((r) => !heldOut.includes(r)), seededRandom(1000 + f));
    for (const k of KS) {
      if (k > pool.length) continue;
      const started = performance.now();
      const learnt = learn(pool.slice(0, k).map(decided), mode);
      times.get(k)!.push(performance.now() - started);
      reports.get(k)!.push(...heldOut.map((r) => score(r, learnt)));
    }
  }
  return KS.filter((k) => reports.get(k)!.length).map((k) => {
    const all = combineScoreReports(reports.get(k)!);
    const ms = times.get(k)!;
    return {
      k,
      overlap: { micro: all.overlap.micro, byLabel: all.overlap.byLabel },
      exact: { micro: all.exact.micro, byLabel: all.exact.byLabel },
      updateMs: Math.round(ms.reduce((a, b) => a + b, 0) / ms.length),
    };
  });
}

/** One update from ten documents' decisions (reading the decisions included), median of three, ms. */
function tenDocumentUpdate(refs: Reference[]): number {
  const ten = refs.slice(0, 10);
  const runs = [0, 1, 2].map(() => {
    const started = performance.now();
    learn(ten.map(decided), 'tagger');
    return performance.now() - started;
  });
  return Math.round(runs.sort((a, b) => a - b)[1]);
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);

/** The policy terms per k: overlap and exact P/R/F1 of each label. */
function termTable(points: Point[]): string[] {
  const cell = (p: Prf) => `${pct(p.precision)} ${pct(p.recall)} ${pct(p.f1)}`;
  const head = `${'k'.padStart(3)} | ${policyTermLabels.map((l) => `${l} overlap P/R/F1, exact F1`.padEnd(40)).join(' | ')}`;
  const rows = points.map((p) => `${String(p.k).padStart(3)} | ${policyTermLabels.map((l) => `${cell(p.overlap.byLabel[l])}, ${pct(p.exact.byLabel[l].f1)}`.padEnd(40)).join(' | ')}`);
  return [head, ...rows];
}

function table(points: Point[]): string[] {
  const labels = LABELS.filter((l) => points.some((p) => p.overlap.byLabel[l].tp + p.overlap.byLabel[l].fn + p.overlap.byLabel[l].fp));
  const head = `${'k'.padStart(3)} ${'update'.padStart(8)} | ${'overlap P'.padStart(9)} ${'R'.padStart(6)} ${'F1'.padStart(6)} | ${'exact P'.padStart(7)} ${'R'.padStart(6)} ${'F1'.padStart(6)} | ${labels.map((l) => l.slice(0, 12).padStart(12)).join(' ')}`;
  const rows = points.map(
    (p) =>
      `${String(p.k).padStart(3)} ${`${p.updateMs} ms`.padStart(8)} | ${pct(p.overlap.micro.precision).padStart(9)} ${pct(p.overlap.micro.recall)} ${pct(p.overlap.micro.f1)} | ${pct(p.exact.micro.precision).padStart(7)} ${pct(p.exact.micro.recall)} ${pct(p.exact.micro.f1)} | ${labels.map((l) => pct(p.overlap.byLabel[l].f1).padStart(12)).join(' ')}`,
  );
  return [head, ...rows, `(per label: overlap F1)`];
}

function main(): void {
  const root = repoRoot();
  const dir = process.env.ILTIZAM_LEARNING_DIR ?? path.resolve(root, '..', 'shared', 'dev-policy');
  const at = process.argv.indexOf('--folds');
  const folds = at > 0 ? Number(process.argv[at + 1]) : 3;
  const refs = readReferences(dir);
  if (refs.length < 2) throw new Error(`${dir}: at least two reference documents are needed`);
  const curves = Object.fromEntries(MODES.map((mode) => [mode, learningCurve(refs, folds, mode)])) as Record<Mode, Point[]>;
  // The chart and the summary line: what the server does.
  const points = curves['tagger+learnt'];
  const tenMs = tenDocumentUpdate(refs);
  for (const mode of MODES) {
    console.log(`learning: ${mode}`);
    for (const line of table(curves[mode])) console.log(line);
  }
  console.log('policy terms (labels the tagger does not learn), learnt as the workspace lexicon: tagger+learnt');
  for (const line of termTable(curves['tagger+learnt'])) console.log(line);
  console.log(`update from ${Math.min(10, refs.length)} documents' decisions: ${tenMs} ms`);
  const summary = { documents: refs.length, folds, heldOutPerFold: Math.ceil(refs.length / folds), curves, tenDocumentUpdateMs: tenMs };
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  fs.writeFileSync(path.join(root, 'out', 'bench-learning.json'), JSON.stringify(summary, null, 2) + '\n');
  fs.writeFileSync(path.join(root, 'docs', 'learning-curve.svg'), learningCurveSvg(points.map((p) => ({ k: p.k, precision: p.overlap.micro.precision, recall: p.overlap.micro.recall, f1: p.overlap.micro.f1 }))));
  console.log(JSON.stringify({ learning: { k: points.map((p) => p.k), f1: points.map((p) => +(100 * p.overlap.micro.f1).toFixed(1)), precision: points.map((p) => +(100 * p.overlap.micro.precision).toFixed(1)), tenDocumentUpdateMs: tenMs } }));
  const terms = curves['tagger+learnt'];
  const termF1 = (kind: 'overlap' | 'exact') => Object.fromEntries(policyTermLabels.map((l) => [l, terms.map((p) => +(100 * p[kind].byLabel[l].f1).toFixed(1))]));
  console.log(JSON.stringify({ policyTerms: { k: terms.map((p) => p.k), overlapF1: termF1('overlap'), exactF1: termF1('exact') } }));
}

main();
