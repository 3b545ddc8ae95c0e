// Scoring an annotator against a reference, as ../shared/guidelines.md
// ("Measuring an annotator against a reference") defines it. Generic: the
// reference may be a gold file and the prediction the analyzer's output, or
// both may be annotators' files (agreement between annotators).
//
// A predicted span matches a reference span when the two overlap and the
// predicted label is the reference's or one of its alternatives. Matching is
// one to one. Among all one-to-one matchings the one chosen matches the most
// required reference items, then the most Optional ones (each absorbs a
// prediction that would otherwise be a false positive), then has the largest
// total overlap, then the most identical spans. A prediction matched to an
// Optional item counts neither way; an unmatched prediction is a false
// positive; an unmatched required item is a false negative. Exact-span scores
// use the same rules with "same start and end" in place of "overlap".
//
// Offsets only need to be consistent between the two sides (code points for
// files and the CLI, UTF-16 in the editor).

import { bratItemsOfKind, BratDocument } from '../annotations/brat';

/** Argument keys by role (e.g. English names or lexicon ids of the actors). */
export interface ScoredArguments {
  actors?: string[];
  principles?: string[];
  [role: string]: string[] | undefined;
}

export interface ScoredItem {
  start: number;
  end: number;
  label: string;
  /** A borderline reference item: finding it or not is neither right nor wrong. */
  optional?: boolean;
  /** Other labels a reference item accepts. */
  alternatives?: string[];
  /**
   * Arguments of a commitment, as sets of comparable keys. On a reference
   * item, absent means "not annotated" (the pair is left out of argument
   * scores) and a missing role means the empty set.
   */
  args?: ScoredArguments;
  /** For error lists only. */
  id?: string;
  text?: string;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp), 0 when there is no prediction. */
  precision: number;
  /** tp / (tp + fn), 0 when there is nothing to find. */
  recall: number;
  f1: number;
}

export interface SpanMatch {
  reference: ScoredItem;
  predicted: ScoredItem;
  /** Length of the shared part. */
  overlap: number;
  /** Same start and end. */
  exact: boolean;
}

/** Scores under one matching criterion (overlap or exact span). */
export interface SpanScores {
  /** Per label: a match counts under the reference's label, a false positive under the predicted one. */
  byLabel: Record<string, Prf>;
  /** Micro-average over all labels. */
  micro: Prf;
  /** Every match, including those with Optional items. */
  matches: SpanMatch[];
  /** Predictions matched to Optional items (counted neither way). */
  optionalMatched: number;
  falsePositives: ScoredItem[];
  falseNegatives: ScoredItem[];
}

/** How a matched pair's arguments of one role differ. */
export interface ArgumentError {
  reference: ScoredItem;
  predicted: ScoredItem;
  role: string;
  /** In the reference, not predicted. */
  missing: string[];
  /** Predicted, not in the reference. */
  extra: string[];
}

export interface ArgumentScores {
  /** Set precision/recall/F1 per role, summed over the scored pairs. */
  byRole: Record<string, Prf>;
  /** Matched pairs (required reference items with annotated arguments) that were scored. */
  pairs: number;
  errors: ArgumentError[];
}

export interface ScoreReport {
  overlap: SpanScores;
  exact: SpanScores;
  /** Arguments of the pairs matched by overlap. */
  args: ArgumentScores;
}

export interface ScoreOptions {
  /** Labels that get a row even when no item carries them, listed first and in this order. */
  labels?: readonly string[];
  /** Argument roles to score; by default every role found on the scored pairs. */
  roles?: readonly string[];
  /** Maps an argument key to the form compared (e.g. lower case); identity by default. */
  argumentKey?: (key: string) => string;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function overlapOf(a: ScoredItem, b: ScoredItem): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

function accepts(reference: ScoredItem, predicted: ScoredItem): boolean {
  return predicted.label === reference.label || (reference.alternatives ?? []).includes(predicted.label);
}

type Criterion = 'overlap' | 'exact';

interface Edge {
  r: number;
  p: number;
  overlap: number;
  exact: boolean;
}

function candidateEdges(reference: ScoredItem[], predicted: ScoredItem[], criterion: Criterion): Edge[] {
  const edges: Edge[] = [];
  reference.forEach((ref, r) => {
    predicted.forEach((pred, p) => {
      if (!accepts(ref, pred)) return;
      const exact = ref.start === pred.start && ref.end === pred.end;
      const overlap = overlapOf(ref, pred);
      if (criterion === 'exact' ? exact : overlap > 0) edges.push({ r, p, overlap: Math.max(overlap, 0), exact });
    });
  });
  return edges;
}

/**
 * Maximum-weight assignment (Hungarian algorithm) on a rows × cols weight
 * matrix with rows ≤ cols; returns the column of each row. Zero weight means
 * "no edge": such assignments are dropped by the caller.
 */
function maxWeightAssignment(weight: number[][], rows: number, cols: number): number[] {
  const INF = Number.POSITIVE_INFINITY;
  const u = new Array<number>(rows + 1).fill(0);
  const v = new Array<number>(cols + 1).fill(0);
  const rowOf = new Array<number>(cols + 1).fill(0);
  const way = new Array<number>(cols + 1).fill(0);
  const cost = (i: number, j: number) => -weight[i - 1][j - 1];
  for (let i = 1; i <= rows; i++) {
    rowOf[0] = i;
    let j0 = 0;
    const minv = new Array<number>(cols + 1).fill(INF);
    const used = new Array<boolean>(cols + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = rowOf[j0];
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost(i0, j) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[rowOf[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0];
      rowOf[j0] = rowOf[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOfRow = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (rowOf[j] !== 0) columnOfRow[rowOf[j] - 1] = j - 1;
  return columnOfRow;
}

/** Picks the best one-to-one matching among `edges` (see the header comment). */
function chooseMatching(reference: ScoredItem[], edges: Edge[]): Edge[] {
  // Split into connected components: they are small (a few overlapping spans).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const e of edges) {
    for (const node of [`r${e.r}`, `p${e.p}`]) if (!parent.has(node)) parent.set(node, node);
    parent.set(find(`r${e.r}`), find(`p${e.p}`));
  }
  const components = new Map<string, Edge[]>();
  for (const e of edges) {
    const root = find(`r${e.r}`);
    const list = components.get(root);
    if (list) list.push(e);
    else components.set(root, [e]);
  }

  const chosen: Edge[] = [];
  for (const component of components.values()) {
    if (component.length === 1) {
      chosen.push(component[0]);
      continue;
    }
    const refs = [...new Set(component.map((e) => e.r))];
    const preds = [...new Set(component.map((e) => e.p))];
    // Lexicographic weights: a required match outweighs any number of optional
    // ones, an optional match outweighs any total overlap, overlap outweighs exactness.
    const n = Math.min(refs.length, preds.length);
    const maxTie = Math.max(...component.map((e) => 2 * e.overlap + 1));
    const optionalWeight = n * maxTie + 1;
    const requiredWeight = (n + 1) * optionalWeight;
    const weightOf = (e: Edge) =>
      (reference[e.r].optional ? optionalWeight : requiredWeight) + 2 * e.overlap + (e.exact ? 1 : 0);
    const refsAreRows = refs.length <= preds.length;
    const rowNodes = refsAreRows ? refs : preds;
    const colNodes = refsAreRows ? preds : refs;
    const rowIndex = new Map(rowNodes.map((x, i) => [x, i]));
    const colIndex = new Map(colNodes.map((x, i) => [x, i]));
    const matrix = rowNodes.map(() => new Array<number>(colNodes.length).fill(0));
    const edgeAt = new Map<string, Edge>();
    for (const e of component) {
      const row = rowIndex.get(refsAreRows ? e.r : e.p) as number;
      const col = colIndex.get(refsAreRows ? e.p : e.r) as number;
      matrix[row][col] = weightOf(e);
      edgeAt.set(`${row},${col}`, e);
    }
    maxWeightAssignment(matrix, rowNodes.length, colNodes.length).forEach((col, row) => {
      const e = edgeAt.get(`${row},${col}`);
      if (e) chosen.push(e);
    });
  }
  return chosen.sort((a, b) => a.r - b.r);
}

function labelOrder(reference: ScoredItem[], predicted: ScoredItem[], options: ScoreOptions): string[] {
  const labels = [...(options.labels ?? [])];
  for (const item of [...reference, ...predicted]) if (!labels.includes(item.label)) labels.push(item.label);
  return labels;
}

function scoreSpans(
  reference: ScoredItem[],
  predicted: ScoredItem[],
  criterion: Criterion,
  labels: string[],
): SpanScores {
  const chosen = chooseMatching(reference, candidateEdges(reference, predicted, criterion));
  const counts = new Map(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  const matchedRefs = new Set<number>();
  const matchedPreds = new Set<number>();
  let optionalMatched = 0;
  const matches: SpanMatch[] = chosen.map((e) => {
    matchedRefs.add(e.r);
    matchedPreds.add(e.p);
    const ref = reference[e.r];
    if (ref.optional) optionalMatched++;
    else (counts.get(ref.label) as { tp: number }).tp++;
    return { reference: ref, predicted: predicted[e.p], overlap: e.overlap, exact: e.exact };
  });
  const falsePositives = predicted.filter((_, p) => !matchedPreds.has(p));
  const falseNegatives = reference.filter((ref, r) => !matchedRefs.has(r) && !ref.optional);
  for (const item of falsePositives) (counts.get(item.label) as { fp: number }).fp++;
  for (const item of falseNegatives) (counts.get(item.label) as { fn: number }).fn++;
  return summarize(counts, { matches, optionalMatched, falsePositives, falseNegatives });
}

type Counts = Map<string, { tp: number; fp: number; fn: number }>;

function summarize(counts: Counts, rest: Omit<SpanScores, 'byLabel' | 'micro'>): SpanScores {
  const byLabel: Record<string, Prf> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [label, c] of counts) {
    byLabel[label] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { byLabel, micro: prf(tp, fp, fn), ...rest };
}

function scoreArguments(matches: SpanMatch[], options: ScoreOptions): ArgumentScores {
  const key = options.argumentKey ?? ((k: string) => k);
  const scored = matches.filter((m) => !m.reference.optional && m.reference.args !== undefined);
  const roles = options.roles ?? [
    ...new Set(scored.flatMap((m) => [...Object.keys(m.reference.args ?? {}), ...Object.keys(m.predicted.args ?? {})])),
  ];
  const counts: Counts = new Map(roles.map((role) => [role, { tp: 0, fp: 0, fn: 0 }]));
  const errors: ArgumentError[] = [];
  for (const m of scored) {
    for (const role of roles) {
      const ref = new Set((m.reference.args?.[role] ?? []).map(key));
      const pred = new Set((m.predicted.args?.[role] ?? []).map(key));
      const missing = [...ref].filter((k) => !pred.has(k));
      const extra = [...pred].filter((k) => !ref.has(k));
      const c = counts.get(role) as { tp: number; fp: number; fn: number };
      c.tp += ref.size - missing.length;
      c.fp += extra.length;
      c.fn += missing.length;
      if (missing.length > 0 || extra.length > 0) {
        errors.push({ reference: m.reference, predicted: m.predicted, role, missing, extra });
      }
    }
  }
  const byRole: Record<string, Prf> = {};
  for (const [role, c] of counts) byRole[role] = prf(c.tp, c.fp, c.fn);
  return { byRole, pairs: scored.length, errors };
}

/**
 * Scores `predicted` against `reference` (items of one document: matching
 * never crosses documents; use `combineScoreReports` to add documents up).
 * Score entities and commitments with separate calls.
 */
export function scoreAnnotations(
  reference: ScoredItem[],
  predicted: ScoredItem[],
  options: ScoreOptions = {},
): ScoreReport {
  const labels = labelOrder(reference, predicted, options);
  const overlap = scoreSpans(reference, predicted, 'overlap', labels);
  const exact = scoreSpans(reference, predicted, 'exact', labels);
  return { overlap, exact, args: scoreArguments(overlap.matches, options) };
}

function addCounts(target: Counts, scores: Record<string, Prf>): void {
  for (const [name, s] of Object.entries(scores)) {
    const c = target.get(name) ?? { tp: 0, fp: 0, fn: 0 };
    c.tp += s.tp;
    c.fp += s.fp;
    c.fn += s.fn;
    target.set(name, c);
  }
}

function combineSpanScores(all: SpanScores[]): SpanScores {
  const counts: Counts = new Map();
  for (const s of all) addCounts(counts, s.byLabel);
  return summarize(counts, {
    matches: all.flatMap((s) => s.matches),
    optionalMatched: all.reduce((n, s) => n + s.optionalMatched, 0),
    falsePositives: all.flatMap((s) => s.falsePositives),
    falseNegatives: all.flatMap((s) => s.falseNegatives),
  });
}

/** Adds up the reports of several documents (micro over all of them). */
export function combineScoreReports(reports: ScoreReport[]): ScoreReport {
  const argCounts: Counts = new Map();
  for (const r of reports) addCounts(argCounts, r.args.byRole);
  const byRole: Record<string, Prf> = {};
  for (const [role, c] of argCounts) byRole[role] = prf(c.tp, c.fp, c.fn);
  return {
    overlap: combineSpanScores(reports.map((r) => r.overlap)),
    exact: combineSpanScores(reports.map((r) => r.exact)),
    args: {
      byRole,
      pairs: reports.reduce((n, r) => n + r.args.pairs, 0),
      errors: reports.flatMap((r) => r.args.errors),
    },
  };
}

/**
 * Fields of an annotator note written as `key=value, value; key=value`
 * (e.g. `actors=International Organization for Migration; principles=human rights`).
 * Parts without `=` are free comment and ignored.
 */
export function parseNoteFields(note: string): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const part of note.split(';')) {
    const m = /^\s*([\w-]+)\s*=(.*)$/.exec(part);
    if (!m) continue;
    const values = m[2]
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    fields[m[1]] = [...(fields[m[1]] ?? []), ...values];
  }
  return fields;
}

/**
 * Reference items from a brat document that follows the project's reference
 * conventions: the binary attribute `Optional` marks an optional item;
 * `AnnotatorNotes` fields give `alternatives=Label, Label` and argument roles
 * (`actors=…; principles=…`). An item with at least one argument field has
 * `args` (roles it does not list are empty sets); one without has none.
 * Discontinuous spans are scored from the first fragment's start to the last one's end.
 */
export function referenceItemsFromBrat(doc: BratDocument): ScoredItem[] {
  const optional = new Set(
    bratItemsOfKind(doc, 'attribute')
      .filter((a) => a.name === 'Optional' && (a.value === undefined || a.value === 'true'))
      .map((a) => a.target),
  );
  const notes = new Map<string, Record<string, string[]>>();
  for (const note of bratItemsOfKind(doc, 'note')) {
    if (note.type !== 'AnnotatorNotes') continue;
    const fields = notes.get(note.target) ?? {};
    for (const [k, v] of Object.entries(parseNoteFields(note.text))) fields[k] = [...(fields[k] ?? []), ...v];
    notes.set(note.target, fields);
  }
  return bratItemsOfKind(doc, 'textBound').map((t) => {
    const item: ScoredItem = {
      id: t.id,
      start: Math.min(...t.fragments.map((f) => f.start)),
      end: Math.max(...t.fragments.map((f) => f.end)),
      label: t.label,
      text: t.text,
    };
    if (optional.has(t.id)) item.optional = true;
    const { alternatives, ...args } = notes.get(t.id) ?? {};
    if (alternatives) item.alternatives = alternatives;
    if (Object.keys(args).length > 0) item.args = args;
    return item;
  });
}
