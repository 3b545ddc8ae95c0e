// `npm run eval`: measures the automatic annotator against the reference
// annotations in ../shared/gold (brat standoff), as guidelines.md defines it.
// It measures, it does not gate: the exit code is 0 whatever the scores, and
// non-zero only when the reference or the corpus cannot be read.
//
//   node out/scripts/eval.js [--errors]
//
// --errors            also list false positives, false negatives, boundary
//                     differences, argument (slot) and strength differences
// ILTIZAM_GOLD_DIR    reference folder (default ../shared/gold)
// ILTIZAM_CORPUS_DIR  texts, <name>.txt for <name>.ann (default ../shared/corpus)
//
// Writes a JSON summary to out/eval.json.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../server/src/analysis/analyze';
import { AnalyzeRecord, toAnalyzeRecord } from '../server/src/interchange/analyzeRecord';
import { parseBrat } from '../server/src/annotations/brat';
import {
  combineScoreReports,
  Prf,
  referenceItemsFromBrat,
  ScoredItem,
  ScoreReport,
  scoreAnnotations,
  SpanScores,
} from '../server/src/corpus/scoring';
import { commitmentLabel, entityLabelNames } from '../server/src/analysis/schema';
import {
  ALTERNATIVE_SEPARATOR,
  combineCommitmentExtras,
  CommitmentReport,
  scoreCommitments,
  STRENGTH_ROLE,
} from '../server/src/corpus/commitmentScoring';

const ENTITY_LABELS: readonly string[] = entityLabelNames;
const COMMITMENT: string = commitmentLabel.name;
const ROLES = ['actors', 'principles'];
/** A reference commitment without `actors=` has its actor left implicit (passive تم، سيتم): not scored for actors. */
const IMPLICIT_ROLES = ['actors'];

class SetupError extends Error {}

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new SetupError(`cannot find the repository root (package.json) above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

function requireDir(dir: string, what: string, envVar: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new SetupError(`the ${what} folder ${dir} does not exist (set ${envVar} to use another one)`);
  }
}

interface DocumentResult {
  name: string;
  entities: ScoreReport;
  commitments: CommitmentReport;
}

/** The analyzer's output as scored items (code-point offsets, like the reference). */
function predictedItems(record: AnalyzeRecord): { entities: ScoredItem[]; commitments: ScoredItem[] } {
  const byId = new Map(record.entities.map((e) => [e.id, e]));
  // A predicted argument goes by its mention text and its English name (reference
  // slots name parties by surface in dev-policy, by English name in the seed gold).
  const argument = (id: string) => {
    const e = byId.get(id);
    if (!e) return id;
    return e.name_en && e.name_en !== e.text ? `${e.text}${ALTERNATIVE_SEPARATOR}${e.name_en}` : e.text;
  };
  return {
    entities: record.entities
      .filter((e) => ENTITY_LABELS.includes(e.label))
      .map((e) => ({ id: e.id, start: e.start, end: e.end, label: e.label, text: e.text })),
    commitments: record.commitments.map((c) => ({
      id: c.id,
      start: c.start,
      end: c.end,
      label: COMMITMENT,
      text: c.text,
      args: { actors: c.actors.map(argument), principles: c.principles.map(argument), [STRENGTH_ROLE]: [c.strength] },
    })),
  };
}

function evaluateDocument(name: string, annPath: string, corpusDir: string): DocumentResult {
  const txtPath = path.join(corpusDir, `${name}.txt`);
  if (!fs.existsSync(txtPath)) throw new SetupError(`no text for ${annPath}: ${txtPath} does not exist`);
  const text = fs.readFileSync(txtPath, 'utf8');
  const doc = parseBrat(fs.readFileSync(annPath, 'utf8'), { text });
  for (const e of doc.errors) console.error(`warning: ${annPath}:${e.line}: ${e.message}`);

  const reference = referenceItemsFromBrat(doc);
  const ignored = reference.filter((r) => r.label !== COMMITMENT && !ENTITY_LABELS.includes(r.label));
  if (ignored.length > 0) {
    const labels = [...new Set(ignored.map((r) => r.label))].join(', ');
    console.error(`warning: ${annPath}: ${ignored.length} item(s) with labels outside the schema ignored (${labels})`);
  }
  const predicted = predictedItems(toAnalyzeRecord(name, analyzeText(text)));
  return {
    name,
    entities: scoreAnnotations(
      reference.filter((r) => ENTITY_LABELS.includes(r.label)),
      predicted.entities,
      { labels: ENTITY_LABELS },
    ),
    commitments: scoreCommitments(
      reference.filter((r) => r.label === COMMITMENT),
      predicted.commitments,
      { labels: [COMMITMENT], roles: ROLES, implicitRoles: IMPLICIT_ROLES },
    ),
  };
}

// ---- printing -------------------------------------------------------------

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const num = (n: number) => String(n).padStart(4);
const prfCells = (s: Prf) => `${num(s.tp)}${num(s.fp)}${num(s.fn)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`;
const PRF_HEADER = `${'TP'.padStart(4)}${'FP'.padStart(4)}${'FN'.padStart(4)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`;

function spanTable(title: string, report: ScoreReport, labels: readonly string[]): string[] {
  const width = Math.max(12, ...labels.map((l) => l.length)) + 2;
  const rows = [
    `${title.padEnd(width)}${'overlap'.padEnd(PRF_HEADER.length)} | exact`,
    `${'label'.padEnd(width)}${PRF_HEADER} | ${PRF_HEADER}`,
  ];
  const row = (name: string, o: Prf, x: Prf) => `${name.padEnd(width)}${prfCells(o)} | ${prfCells(x)}`;
  for (const label of labels) rows.push(row(label, report.overlap.byLabel[label], report.exact.byLabel[label]));
  if (labels.length > 1) rows.push(row('micro', report.overlap.micro, report.exact.micro));
  rows.push(
    `${''.padEnd(width)}predictions matched to Optional items (not counted): ${report.overlap.optionalMatched} overlap, ${report.exact.optionalMatched} exact`,
  );
  return rows;
}

function argumentTable(report: Pick<CommitmentReport, 'slots'>): string[] {
  const width = 14;
  const rows = [
    `${'arguments'.padEnd(width)}slots of the required commitments (those of unmatched ones count as misses; implicit actors not scored)`,
    `${'role'.padEnd(width)}${PRF_HEADER}`,
  ];
  for (const role of ROLES) rows.push(`${role.padEnd(width)}${prfCells(report.slots.byRole[role])}`);
  return rows;
}

function strengthTable(report: Pick<CommitmentReport, 'strength'>): string[] {
  const { strength } = report;
  const found = [...new Set(Object.values(strength.confusion).flatMap((row) => Object.keys(row)))].sort();
  const width = Math.max(22, ...Object.keys(strength.confusion).map((k) => k.length + 2));
  if (strength.scored === 0) return ['strength accuracy n/a (no matched required commitment gives a strength)'];
  const rows = [
    `strength accuracy ${pct(strength.accuracy).trim()}% (${strength.correct} of ${strength.scored} matched required commitments)`,
    `${'reference \\ predicted'.padEnd(width)}${found.map((f) => f.padStart(13)).join('')}`,
  ];
  for (const expected of Object.keys(strength.confusion).sort()) {
    rows.push(`${expected.padEnd(width)}${found.map((f) => String(strength.confusion[expected][f] ?? 0).padStart(13)).join('')}`);
  }
  return rows;
}

const span = (item: ScoredItem) => `[${item.start}, ${item.end})`;
const describe = (item: ScoredItem) => `${item.label.padEnd(13)}${span(item).padEnd(13)}${item.id ?? ''} ${item.text ?? ''}`;

function errorLines(report: ScoreReport | CommitmentReport): string[] {
  const lines: string[] = [];
  const section = (title: string, body: string[]) => {
    if (body.length > 0) lines.push(`  ${title} (${body.length}):`, ...body.map((l) => `    ${l}`));
  };
  section('false positives', report.overlap.falsePositives.map(describe));
  section('false negatives', report.overlap.falseNegatives.map(describe));
  section(
    'boundary differences (matched by overlap, not exact)',
    report.overlap.matches
      .filter((m) => !m.exact && !m.reference.optional)
      .map((m) => `${describe(m.reference)}\n      predicted ${span(m.predicted)} ${m.predicted.id ?? ''} ${m.predicted.text ?? ''}`),
  );
  if (!('slots' in report)) return lines;
  section(
    'argument differences',
    report.slots.errors.map((e) => {
      const parts = [];
      if (e.missing.length > 0) parts.push(`missing ${e.missing.join(', ')}`);
      if (e.extra.length > 0) parts.push(`extra ${e.extra.join(', ')}`);
      const found = e.predicted ? '' : ' (commitment not found)';
      return `${e.reference.id ?? ''} ${span(e.reference)} ${e.role}${found}: ${parts.join('; ')}`;
    }),
  );
  section(
    'strength differences',
    report.strength.errors.map((e) => `${e.reference.id ?? ''} ${span(e.reference)} expected ${e.expected}, predicted ${e.found}`),
  );
  return lines;
}

// ---- JSON summary -----------------------------------------------------------

const itemSummary = (item: ScoredItem) => ({
  id: item.id,
  label: item.label,
  start: item.start,
  end: item.end,
  text: item.text,
});

function spanSummary(s: SpanScores) {
  return { micro: s.micro, byLabel: s.byLabel, optionalMatched: s.optionalMatched };
}

function reportSummary(report: ScoreReport | CommitmentReport, withErrors: boolean) {
  const summary = {
    overlap: spanSummary(report.overlap),
    exact: spanSummary(report.exact),
    ...('slots' in report
      ? {
          args: report.slots.byRole,
          strength: { accuracy: report.strength.accuracy, correct: report.strength.correct, scored: report.strength.scored, confusion: report.strength.confusion },
        }
      : {}),
  };
  if (!withErrors) return summary;
  return {
    ...summary,
    errors: {
      falsePositives: report.overlap.falsePositives.map(itemSummary),
      falseNegatives: report.overlap.falseNegatives.map(itemSummary),
      boundary: report.overlap.matches
        .filter((m) => !m.exact && !m.reference.optional)
        .map((m) => ({ reference: itemSummary(m.reference), predicted: itemSummary(m.predicted) })),
      arguments: 'slots' in report
        ? report.slots.errors.map((e) => ({
            reference: itemSummary(e.reference),
            predicted: e.predicted ? itemSummary(e.predicted) : null,
            role: e.role,
            missing: e.missing,
            extra: e.extra,
          }))
        : [],
    },
  };
}

// ---- main -------------------------------------------------------------------

function main(): void {
  const showErrors = process.argv.includes('--errors');
  const repoRoot = findRepoRoot();
  const goldDir = path.resolve(process.env.ILTIZAM_GOLD_DIR || path.resolve(repoRoot, '..', 'shared', 'gold'));
  const corpusDir = path.resolve(process.env.ILTIZAM_CORPUS_DIR || path.resolve(repoRoot, '..', 'shared', 'corpus'));
  requireDir(goldDir, 'reference (gold)', 'ILTIZAM_GOLD_DIR');
  requireDir(corpusDir, 'corpus', 'ILTIZAM_CORPUS_DIR');
  const names = fs
    .readdirSync(goldDir)
    .filter((f) => f.endsWith('.ann'))
    .sort()
    .map((f) => f.slice(0, -'.ann'.length));
  if (names.length === 0) throw new SetupError(`no .ann files in ${goldDir}`);

  const results = names.map((name) => evaluateDocument(name, path.join(goldDir, `${name}.ann`), corpusDir));
  const entities = combineScoreReports(results.map((r) => r.entities));
  const commitments: CommitmentReport = {
    ...combineScoreReports(results.map((r) => r.commitments)),
    ...combineCommitmentExtras(results.map((r) => r.commitments)),
  };

  const out: string[] = [`Iltizam eval: ${names.length} document(s) from ${goldDir}`];
  for (const r of results) {
    out.push(
      `  ${r.name}: entities F1 ${pct(r.entities.overlap.micro.f1).trim()} overlap / ${pct(r.entities.exact.micro.f1).trim()} exact;` +
        ` commitments F1 ${pct(r.commitments.overlap.micro.f1).trim()} overlap / ${pct(r.commitments.exact.micro.f1).trim()} exact`,
    );
  }
  out.push('', ...spanTable('Entities', entities, ENTITY_LABELS));
  out.push('', ...spanTable('Commitments', commitments, [COMMITMENT]), '', ...argumentTable(commitments), '', ...strengthTable(commitments));
  if (showErrors) {
    for (const r of results) {
      out.push('', `Errors in ${r.name} (overlap matching; offsets in code points)`);
      out.push(' entities:', ...errorLines(r.entities), ' commitments:', ...errorLines(r.commitments));
    }
  }

  const summary = {
    goldDir,
    corpusDir,
    overall: { entities: reportSummary(entities, false), commitments: reportSummary(commitments, false) },
    documents: results.map((r) => ({
      name: r.name,
      entities: reportSummary(r.entities, true),
      commitments: reportSummary(r.commitments, true),
    })),
  };
  const jsonPath = path.join(repoRoot, 'out', 'eval.json');
  fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
  fs.writeFileSync(jsonPath, JSON.stringify(summary, null, 2) + '\n');
  out.push('', `Summary written to ${path.relative(process.cwd(), jsonPath) || jsonPath}`);
  console.log(out.join('\n'));
}

try {
  main();
} catch (err) {
  if (!(err instanceof SetupError)) throw err;
  console.error(`eval: ${err.message}`);
  process.exitCode = 2;
}
