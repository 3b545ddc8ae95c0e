// Agreement between two annotators' .ann files of the same texts: span F1
// (exact and overlap, per label and overall) through scoring.ts, the same
// code the development-set evaluation uses, with annotator A in the
// reference's place (F1 is the same either way round; precision and recall
// swap); Cohen's kappa over the tokens of tokens.ts; and every disagreement
// with its document and offsets. Optional marks and alternatives are a
// reference file's conventions, not an annotator's, so both sides count as
// plain annotations here.
import { commitmentLabel, entityLabelNames } from '../analysis/schema';
import { combineScoreReports, Prf, ScoredItem, ScoreReport, scoreAnnotations } from './scoring';
import { AnnotatedDocument, argumentKey, ExportCommitment, ExportEntity } from '../interchange/corpusDocument';
import { exportTokens, labelTokens } from '../interchange/tokens';

export interface Kappa {
  /** Tokens compared. */
  tokens: number;
  /** Observed agreement. */
  observed: number;
  /** Agreement expected by chance from each annotator's label frequencies. */
  expected: number;
  /** (observed − expected) / (1 − expected); null when undefined (no tokens, or chance agreement is already total). */
  kappa: number | null;
}

export type DisagreementKind = 'only-in-a' | 'only-in-b' | 'label' | 'boundary' | 'arguments';

export interface Disagreement {
  document: string;
  kind: DisagreementKind;
  /** Code points, end exclusive. */
  start: number;
  end: number;
  label: string;
  text: string;
  /** Annotator A's and B's items, when both have one. */
  a?: { id?: string; start: number; end: number; label: string };
  b?: { id?: string; start: number; end: number; label: string };
  /** For argument disagreements: the role, and the keys only A or only B gave. */
  role?: string;
  onlyA?: string[];
  onlyB?: string[];
}

export interface AgreementReport {
  /** Documents annotated in both corpora, compared. */
  documents: string[];
  onlyInA: string[];
  onlyInB: string[];
  /** Entity labels and the commitment label, each with overlap and exact F1. */
  labels: string[];
  entities: ScoreReport;
  commitments: ScoreReport;
  /** Micro over entity labels and commitments together. */
  overall: { overlap: Prf; exact: Prf };
  kappa: {
    /** Per token: the label of the outermost entity over it, or O. */
    entities: Kappa;
    /** Per token: inside a commitment or not. */
    commitments: Kappa;
  };
  disagreements: Disagreement[];
}

/** Cohen's kappa of two label sequences of the same length. */
export function cohenKappa(a: string[], b: string[]): Kappa {
  const n = a.length;
  if (n !== b.length) throw new Error('kappa needs two labellings of the same tokens');
  if (n === 0) return { tokens: 0, observed: 0, expected: 0, kappa: null };
  let agree = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, k] of countA) expected += (k / n) * ((countB.get(label) ?? 0) / n);
  const observed = agree / n;
  return { tokens: n, observed, expected, kappa: expected >= 1 ? null : (observed - expected) / (1 - expected) };
}

const entityItem = (e: ExportEntity): ScoredItem => ({ id: e.id, start: e.start, end: e.end, label: e.label, text: e.text });
const commitmentItem = (c: ExportCommitment, withArguments: boolean): ScoredItem => ({
  id: c.id,
  start: c.start,
  end: c.end,
  label: c.label,
  text: c.text,
  // Actors and principles compare by name: the two files' T ids are unrelated.
  ...(withArguments && c.argumentsAnnotated ? { args: { actors: c.actorNames.map(argumentKey), principles: c.principleNames.map(argumentKey) } } : {}),
});

function disagreementsOf(document: string, report: ScoreReport): Disagreement[] {
  const side = (i: ScoredItem) => ({ id: i.id, start: i.start, end: i.end, label: i.label });
  const out: Disagreement[] = [];
  const onlyB = [...report.overlap.falsePositives];
  for (const a of report.overlap.falseNegatives) {
    // The same span with another label is one disagreement, not two.
    const k = onlyB.findIndex((b) => b.start === a.start && b.end === a.end);
    if (k >= 0) {
      const [b] = onlyB.splice(k, 1);
      out.push({ document, kind: 'label', start: a.start, end: a.end, label: `${a.label}/${b.label}`, text: a.text ?? '', a: side(a), b: side(b) });
    } else out.push({ document, kind: 'only-in-a', start: a.start, end: a.end, label: a.label, text: a.text ?? '', a: side(a) });
  }
  for (const b of onlyB) out.push({ document, kind: 'only-in-b', start: b.start, end: b.end, label: b.label, text: b.text ?? '', b: side(b) });
  for (const m of report.overlap.matches) {
    if (m.exact) continue;
    out.push({ document, kind: 'boundary', start: Math.min(m.reference.start, m.predicted.start), end: Math.max(m.reference.end, m.predicted.end), label: m.reference.label, text: m.reference.text ?? '', a: side(m.reference), b: side(m.predicted) });
  }
  for (const e of report.args.errors) {
    out.push({ document, kind: 'arguments', start: e.reference.start, end: e.reference.end, label: e.reference.label, text: e.reference.text ?? '', a: side(e.reference), b: side(e.predicted), role: e.role, onlyA: e.missing, onlyB: e.extra });
  }
  return out;
}

const byPosition = (x: Disagreement, y: Disagreement) => x.start - y.start || x.end - y.end;

function tokenLabels(doc: AnnotatedDocument, tokens: ReturnType<typeof exportTokens>, spans: { start: number; end: number; label: string }[]): string[] {
  const { spanOf } = labelTokens(doc.text, tokens, spans);
  return spanOf.map((s) => (s >= 0 ? spans[s].label : 'O'));
}


/** The comparison of two annotators, one document at a time; `report` sums it up. */
export class AgreementTally {
  private readonly entityReports: ScoreReport[] = [];
  private readonly commitmentReports: ScoreReport[] = [];
  private readonly disagreements: Disagreement[] = [];
  private readonly kappaLabels = { entities: { a: [] as string[], b: [] as string[] }, commitments: { a: [] as string[], b: [] as string[] } };
  private readonly labels = [...entityLabelNames];

  /** Annotator A's and B's annotations of the same text, named `name`. */
  add(name: string, a: AnnotatedDocument, b: AnnotatedDocument): void {
    for (const e of [...a.entities, ...b.entities]) if (!this.labels.includes(e.label)) this.labels.push(e.label);
    const entities = scoreAnnotations(a.entities.map(entityItem), b.entities.map(entityItem), { labels: entityLabelNames });
    // Arguments are compared where both annotators annotated them: one who marks clauses only does not disagree on actors.
    const withArguments = a.commitments.some((c) => c.argumentsAnnotated) && b.commitments.some((c) => c.argumentsAnnotated);
    const item = (c: ExportCommitment) => commitmentItem(c, withArguments);
    const commitments = scoreAnnotations(a.commitments.map(item), b.commitments.map(item), {
      labels: [commitmentLabel.name],
      roles: ['actors', 'principles'],
    });
    this.entityReports.push(entities);
    this.commitmentReports.push(commitments);
    this.disagreements.push(...[...disagreementsOf(name, entities), ...disagreementsOf(name, commitments)].sort(byPosition));

    const tokens = exportTokens(a.text, { splitProclitics: true });
    this.kappaLabels.entities.a.push(...tokenLabels(a, tokens, a.entities));
    this.kappaLabels.entities.b.push(...tokenLabels(b, tokens, b.entities));
    this.kappaLabels.commitments.a.push(...tokenLabels(a, tokens, a.commitments));
    this.kappaLabels.commitments.b.push(...tokenLabels(b, tokens, b.commitments));
  }

  report(documents: string[], onlyInA: string[], onlyInB: string[]): AgreementReport {
    const entities = combineScoreReports(this.entityReports);
    const commitments = combineScoreReports(this.commitmentReports);
    const all = combineScoreReports([entities, commitments]);
    return {
      documents,
      onlyInA,
      onlyInB,
      labels: [...this.labels, commitmentLabel.name],
      entities,
      commitments,
      overall: { overlap: all.overlap.micro, exact: all.exact.micro },
      kappa: {
        entities: cohenKappa(this.kappaLabels.entities.a, this.kappaLabels.entities.b),
        commitments: cohenKappa(this.kappaLabels.commitments.a, this.kappaLabels.commitments.b),
      },
      disagreements: this.disagreements,
    };
  }
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const num = (n: number) => String(n).padStart(6);
const prfCells = (s: Prf) => `${num(s.tp)}${num(s.fp)}${num(s.fn)} ${pct(s.f1)}`;

/** The agreement report as text: F1 tables (A in the reference's place: FP = only B, FN = only A), kappa, disagreements. */
export function formatAgreementReport(report: AgreementReport): string {
  const width = Math.max(12, ...report.labels.map((l) => l.length)) + 2;
  const header = `${'both'.padStart(6)}${'onlyB'.padStart(6)}${'onlyA'.padStart(6)} ${'F1'.padStart(6)}`;
  const lines = [
    `Agreement over ${report.documents.length} document(s)`,
    '',
    `${''.padEnd(width)}${'overlap'.padEnd(header.length)} | exact`,
    `${'label'.padEnd(width)}${header} | ${header}`,
  ];
  const row = (name: string, o: Prf, x: Prf) => `${name.padEnd(width)}${prfCells(o)} | ${prfCells(x)}`;
  for (const label of report.labels) {
    const scores = label === commitmentLabel.name ? report.commitments : report.entities;
    const o = scores.overlap.byLabel[label];
    const x = scores.exact.byLabel[label];
    if (o && x) lines.push(row(label, o, x));
  }
  lines.push(row('entities', report.entities.overlap.micro, report.entities.exact.micro));
  lines.push(row('overall', report.overall.overlap, report.overall.exact));
  const kappa = (k: AgreementReport['kappa']['entities']) =>
    `${k.kappa === null ? 'undefined' : k.kappa.toFixed(3)} (observed ${k.observed.toFixed(3)}, chance ${k.expected.toFixed(3)}, ${k.tokens} tokens)`;
  lines.push('', `Cohen's kappa, entities per token:    ${kappa(report.kappa.entities)}`);
  lines.push(`Cohen's kappa, commitments per token: ${kappa(report.kappa.commitments)}`);
  if (report.commitments.args.pairs === 0) lines.push('Commitment actors and principles: not compared (no matched commitment has them annotated on both sides)');
  for (const role of report.commitments.args.pairs ? Object.keys(report.commitments.args.byRole) : []) {
    lines.push(`Commitment ${role} (set F1 over ${report.commitments.args.pairs} matched pair(s)): ${pct(report.commitments.args.byRole[role].f1).trim()}`);
  }
  if (report.onlyInA.length) lines.push('', `Only in A (not compared): ${report.onlyInA.join(', ')}`);
  if (report.onlyInB.length) lines.push('', `Only in B (not compared): ${report.onlyInB.join(', ')}`);
  lines.push('', `Disagreements (${report.disagreements.length}; offsets in code points):`);
  for (const d of report.disagreements) {
    const span = (s?: { id?: string; start: number; end: number; label: string }) => (s ? `${s.label} [${s.start}, ${s.end})${s.id ? ` ${s.id}` : ''}` : '-');
    const detail = d.kind === 'arguments' ? ` ${d.role}: only A ${JSON.stringify(d.onlyA)}, only B ${JSON.stringify(d.onlyB)}` : '';
    lines.push(`  ${d.document} [${d.start}, ${d.end}) ${d.kind.padEnd(9)} A: ${span(d.a)}  B: ${span(d.b)}  ${d.text}${detail}`);
  }
  return lines.join('\n') + '\n';
}

