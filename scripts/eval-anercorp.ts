// Out-of-domain check of the entity rules on news text: the Person, Location
// and Organization annotations of ANERcorp (../shared/data), scored with the
// same code as `npm run eval`. The person-name vocabulary the rules use is
// derived from ANERcorp itself, so, to keep the test honest, it is rebuilt
// here from the first 80% of the tokens and the rules are scored on the last
// 20% only. MISC spans are Optional (our Principle, Threat, … may overlap
// them), and our labels ANERcorp does not annotate are left out.
//
//   npm run eval:anercorp            # prints the table, writes out/eval-anercorp.json
//   npm run eval:anercorp -- --errors
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../server/src/analysis/analyze';
import { ConllToken, readConll } from '../server/src/interchange/conll';
import { getDefaultRules, Rules } from '../server/src/analysis/rules';
import { combineScoreReports, ScoredItem, ScoreReport, scoreAnnotations } from '../server/src/corpus/scoring';
import { nameVocabularyFrom } from './name-vocabulary';
import { normalizeWord } from '../server/src/analysis/normalize';

const repoRoot = path.resolve(__dirname, '..', '..');
const source = path.resolve(repoRoot, '..', 'shared', 'data', 'anercorp-train.conll');
const HELD_OUT_SHARE = 0.2;
/** Sentences per pseudo-document, so that document-level rules (repeated names) have some context. */
const SENTENCES_PER_DOCUMENT = 40;
const LABELS: Record<string, string> = { PERS: 'Person', LOC: 'Location', ORG: 'Organization' };
const SCORED = new Set(Object.values(LABELS));

interface PseudoDocument {
  text: string;
  reference: ScoredItem[];
}

/** Joins tokens with spaces into documents, with the reference spans in UTF-16 offsets of that text. */
function documentsOf(tokens: readonly ConllToken[]): PseudoDocument[] {
  const docs: PseudoDocument[] = [];
  let parts: string[] = [];
  let length = 0;
  let reference: ScoredItem[] = [];
  let open: ScoredItem | undefined;
  let sentences = 0;
  const flush = () => {
    const text = parts.join(' ');
    for (const r of reference) r.text = text.slice(r.start, r.end);
    // Keep the context of each reference item for the error list.
    for (const r of reference) (r as ScoredItem & { context?: string }).context = `${text.slice(Math.max(0, r.start - 40), r.start)}[${r.text}]${text.slice(r.end, r.end + 30)}`;
    if (parts.length) docs.push({ text, reference });
    parts = [];
    length = 0;
    reference = [];
    open = undefined;
    sentences = 0;
  };
  for (const t of tokens) {
    const start = length + (parts.length ? 1 : 0);
    parts.push(t.token);
    length = start + t.token.length;
    const [prefix, type] = t.tag.split('-');
    if (prefix === 'B' || (prefix === 'I' && (!open || open.label !== (LABELS[type] ?? 'MISC')))) {
      open = { start, end: length, label: LABELS[type] ?? 'MISC', optional: !LABELS[type] };
      reference.push(open);
    } else if (prefix === 'I' && open) {
      open.end = length;
    } else {
      open = undefined;
    }
    if (/^[.!?؟]$/.test(t.token) && ++sentences >= SENTENCES_PER_DOCUMENT) flush();
  }
  flush();
  return docs;
}

function heldOutRules(training: readonly ConllToken[]): Rules {
  const vocabulary = nameVocabularyFrom(training);
  const words = (list: string[]) => new Set(list.map(normalizeWord));
  return { ...getDefaultRules(), firstNames: words(vocabulary.firstNames), nameParts: words(vocabulary.nameParts), commonWords: words(vocabulary.commonWords) };
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(6);
}

function main(): void {
  if (!fs.existsSync(source)) {
    console.error(`eval-anercorp: ${source} not found (it is in ../shared/data beside the repository)`);
    process.exit(2);
  }
  const { tokens, problems } = readConll(fs.readFileSync(source, 'utf8'));
  const cut = Math.floor(tokens.length * (1 - HELD_OUT_SHARE));
  const rules = heldOutRules(tokens.slice(0, cut));
  const docs = documentsOf(tokens.slice(cut));
  const reports: ScoreReport[] = [];
  const started = Date.now();
  for (const doc of docs) {
    const predicted: ScoredItem[] = analyzeText(doc.text, { rules })
      .entities.filter((e) => SCORED.has(e.label))
      .map((e) => ({ start: e.start, end: e.end, label: e.label, text: e.text }));
    reports.push(scoreAnnotations(doc.reference, predicted, { labels: [...SCORED] }));
  }
  const total = combineScoreReports(reports);
  const seconds = (Date.now() - started) / 1000;
  console.log(`ANERcorp held-out: ${tokens.length - cut} tokens (last ${HELD_OUT_SHARE * 100}% of ${tokens.length}), ${docs.length} pseudo-documents, ${problems.length} malformed lines skipped, ${seconds.toFixed(1)} s`);
  console.log('label           overlap P      R     F1 |  exact P      R     F1');
  for (const label of [...SCORED, 'micro']) {
    const o = label === 'micro' ? total.overlap.micro : total.overlap.byLabel[label];
    const x = label === 'micro' ? total.exact.micro : total.exact.byLabel[label];
    console.log(`${label.padEnd(14)} ${pct(o.precision)} ${pct(o.recall)} ${pct(o.f1)} | ${pct(x.precision)} ${pct(x.recall)} ${pct(x.f1)}`);
  }
  if (process.argv.includes('--errors')) {
    for (const fp of total.overlap.falsePositives.slice(0, 60)) console.log(`FP ${fp.label} ${fp.text}`);
    for (const fn of total.overlap.falseNegatives.slice(0, 60)) console.log(`FN ${fn.label} ${(fn as ScoredItem & { context?: string }).context}`);
  }
  const summary = {
    heldOutTokens: tokens.length - cut,
    overlap: { micro: total.overlap.micro, byLabel: total.overlap.byLabel },
    exact: { micro: total.exact.micro, byLabel: total.exact.byLabel },
  };
  fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'out', 'eval-anercorp.json'), JSON.stringify(summary, null, 2));
}

main();
