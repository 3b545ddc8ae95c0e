// Out-of-domain check of the entity annotator on news text: the Person,
// Location and Organization annotations of ANERcorp (../shared/data). The
// sequence tagger is trained here on the first 80% of the file, with the name
// vocabulary of each training fold derived from the other folds only
// (pipeline.ts), and scored on the last 20%, which training never sees; the
// name vocabulary the held-out part is tagged with comes from the first 80%
// only. Scored with the same code as `npm run eval`, as CoNLL does: a span is
// whole tokens (a fused proclitic is part of ANERcorp's name). MISC spans are
// Optional; our labels ANERcorp does not annotate are left out.
//
//   npm run eval:anercorp                 # the tagger; writes out/eval-anercorp.json
//   npm run eval:anercorp -- --rules      # also the rule core alone (as before the tagger)
//   npm run eval:anercorp -- --errors
//   npm run eval:anercorp -- --algorithm crf --epochs 10 --no-second-pass
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../server/src/analysis/analyze';
import { readConll } from '../server/src/interchange/conll';
import { combineScoreReports, ScoredItem, ScoreReport, scoreAnnotations } from '../server/src/corpus/scoring';
import { prepareText } from '../server/src/analysis/document';
import { DEFAULT_PIPELINE, LabelledDocument, labelledDocuments, PipelineOptions, trainTaggerModel } from '../server/src/analysis/tagger/pipeline';
import { TaggerModel } from '../server/src/analysis/tagger/model';
import { SequenceTagger } from '../server/src/analysis/tagger/tagger';
import { anercorpFile, repoRoot, resourcesFromDocuments } from './tagger-resources';

const HELD_OUT_SHARE = 0.2;
const LABELS: Record<string, string> = { PERS: 'Person', LOC: 'Location', ORG: 'Organization' };
const SCORED = Object.values(LABELS);

/** The reference spans of a document (UTF-16 offsets of its text), with some context for the error list. */
function referenceOf(doc: LabelledDocument): ScoredItem[] {
  const out: Array<ScoredItem & { context?: string }> = [];
  let open: ScoredItem | undefined;
  doc.tokens.forEach((t, k) => {
    const start = doc.starts[k];
    const end = start + t.token.length;
    const [prefix, type] = t.tag.split('-');
    const label = LABELS[type] ?? 'MISC';
    if (prefix === 'B' || (prefix === 'I' && (!open || open.label !== label))) out.push((open = { start, end, label, optional: !LABELS[type] }));
    else if (prefix === 'I' && open) open.end = end;
    else open = undefined;
  });
  for (const r of out) {
    r.text = doc.text.slice(r.start, r.end);
    r.context = `${doc.text.slice(Math.max(0, r.start - 40), r.start)}[${r.text}]${doc.text.slice(r.end, r.end + 30)}`;
  }
  return out;
}

/** A span widened to whole whitespace-separated tokens. */
function wholeTokens(text: string, start: number, end: number): { start: number; end: number } {
  while (start > 0 && text[start - 1] !== ' ') start--;
  while (end < text.length && text[end] !== ' ') end++;
  return { start, end };
}

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(6);
}

function table(title: string, total: ScoreReport): void {
  console.log(`${title}\nlabel           overlap P      R     F1 |  exact P      R     F1`);
  for (const label of [...SCORED, 'micro']) {
    const o = label === 'micro' ? total.overlap.micro : total.overlap.byLabel[label];
    const x = label === 'micro' ? total.exact.micro : total.exact.byLabel[label];
    console.log(`${label.padEnd(14)} ${pct(o.precision)} ${pct(o.recall)} ${pct(o.f1)} | ${pct(x.precision)} ${pct(x.recall)} ${pct(x.f1)}`);
  }
}

function optionsFromArgs(): PipelineOptions {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const options = { ...DEFAULT_PIPELINE };
  if (value('--algorithm')) options.algorithm = value('--algorithm') as PipelineOptions['algorithm'];
  if (value('--epochs')) options.epochs = Number(value('--epochs'));
  if (value('--min-count')) options.minCount = Number(value('--min-count'));
  if (value('--l2')) options.l2 = Number(value('--l2'));
  if (value('--rate')) options.learningRate = Number(value('--rate'));
  if (value('--folds')) options.folds = Number(value('--folds'));
  if (args.includes('--no-second-pass')) options.secondPass = false;
  return options;
}

function main(): void {
  if (!fs.existsSync(anercorpFile)) {
    console.error(`eval-anercorp: ${anercorpFile} not found (it is in ../shared/data beside the repository)`);
    process.exit(2);
  }
  const { tokens, problems } = readConll(fs.readFileSync(anercorpFile, 'utf8'));
  const cut = Math.floor(tokens.length * (1 - HELD_OUT_SHARE));
  const trainingDocs = labelledDocuments(tokens.slice(0, cut));
  const heldOut = labelledDocuments(tokens.slice(cut));
  const options = optionsFromArgs();
  const started = Date.now();
  const model = trainTaggerModel(trainingDocs, resourcesFromDocuments, options, (m) => console.log(`  ${m}`));
  const trainSeconds = (Date.now() - started) / 1000;
  const resources = resourcesFromDocuments(trainingDocs);
  const tagger = new SequenceTagger(new TaggerModel(model), resources);
  const reports: ScoreReport[] = [];
  const ruleReports: ScoreReport[] = [];
  const combinedReports: ScoreReport[] = [];
  // The same name vocabulary (from the first 80%) for the rules as for the tagger.
  const heldOutRules = resources.rules;
  for (const doc of heldOut) {
    const reference = referenceOf(doc);
    const prepared = prepareText(doc.text, resources.rules);
    const predicted: ScoredItem[] = tagger
      .tag(prepared)
      .filter((s) => s.label)
      .map((s) => {
        const span = wholeTokens(doc.text, ...(Object.values(prepared.spanOf(s.first, s.last)) as [number, number]));
        return { ...span, label: s.label!, text: doc.text.slice(span.start, span.end) };
      });
    reports.push(scoreAnnotations(reference, predicted, { labels: SCORED }));
    if (process.argv.includes('--rules')) {
      // The rules alone, and the rules combined with this held-out tagger as the editor combines them
      // (the shipped tagger was trained on all of the file: it has seen this part).
      const analysed = (tagger: false | SequenceTagger) =>
        analyzeText(doc.text, { rules: heldOutRules, tagger })
          .entities.filter((e) => SCORED.includes(e.label))
          .map((e) => ({ ...wholeTokens(doc.text, e.start, e.end), label: e.label, text: e.text }));
      ruleReports.push(scoreAnnotations(reference, analysed(false), { labels: SCORED }));
      combinedReports.push(scoreAnnotations(reference, analysed(tagger), { labels: SCORED }));
    }
  }
  const total = combineScoreReports(reports);
  console.log(
    `ANERcorp held-out: ${tokens.length - cut} tokens (last ${HELD_OUT_SHARE * 100}% of ${tokens.length}), ${heldOut.length} pseudo-documents, ${problems.length} malformed lines skipped; ` +
      `${options.algorithm}, ${options.epochs} epochs, ${options.secondPass ? 'two passes' : 'one pass'}, trained in ${trainSeconds.toFixed(1)} s`,
  );
  if (ruleReports.length) table('Rule core alone (whole tokens)', combineScoreReports(ruleReports));
  table('Sequence tagger (whole tokens)', total);
  if (combinedReports.length) table('Rules and tagger combined, as the editor suggests (whole tokens)', combineScoreReports(combinedReports));
  if (process.argv.includes('--errors')) {
    for (const fp of total.exact.falsePositives.slice(0, 80)) console.log(`FP ${fp.label} ${fp.text}`);
    for (const fn of total.exact.falseNegatives.slice(0, 80)) console.log(`FN ${fn.label} ${(fn as ScoredItem & { context?: string }).context}`);
  }
  const summary = { heldOutTokens: tokens.length - cut, options, overlap: { micro: total.overlap.micro, byLabel: total.overlap.byLabel }, exact: { micro: total.exact.micro, byLabel: total.exact.byLabel } };
  fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'out', 'eval-anercorp.json'), JSON.stringify(summary, null, 2));
}

main();
