// Adapting the shipped tagger to an annotator's decisions: more averaged
// perceptron passes over the decided documents, starting from the shipped
// weights, give a small delta per stage (the features the decisions touched).
// Accepted, corrected and hand-made spans are names; rejected suggestions are
// not; in a reviewed document nothing else is either, while in one still under
// review only the sentences with a decision are learnt from, their undecided
// tokens as the model tags them (so that what nobody looked at is not unlearnt).
// Pure and deterministic for a seed; the caller reads and writes the files.
import type { PreparedText } from '../document';
import { viterbi } from './decode';
import type { TokenFeatures } from './features';
import { encodeStage, StageData, StageModel, StageWeights, TaggerModel } from './model';
import { seededRandom, shuffle } from './random';
import { documentEvidence, SequenceTagger, sentenceRanges, spansOf } from './tagger';
import { isInside, LABEL_OF_TYPE, OUTSIDE, TAG_COUNT, TAGS, typeOf } from './tags';

const T = TAG_COUNT;

/** A decided span: offsets into the document's text, and its label. */
export interface DecidedSpan {
  start: number;
  end: number;
  label: string;
}

export interface DecidedDocument {
  doc: PreparedText;
  /** Accepted, corrected and hand-made spans. */
  positives: readonly DecidedSpan[];
  /** Rejected suggestions. */
  negatives: readonly DecidedSpan[];
  /** Reviewed to the end: what no decision covers is no name. */
  reviewed: boolean;
  /** Spans marked optional (either way is right): their tokens keep the model's own tags. */
  uncertain?: readonly DecidedSpan[];
}

export interface AdaptationOptions {
  epochs: number;
  seed: number;
  /** The size of one perceptron update, in the shipped weights' unit (one training update). */
  step: number;
}

export const DEFAULT_ADAPTATION: AdaptationOptions = { epochs: 1, seed: 14, step: 1 };

/** An adapted model as stored: per stage, what to add to the shipped weights. */
export interface TaggerAdaptation {
  format: 1;
  kind: 'iltizam-tagger-adaptation';
  /** Which shipped model the deltas apply to (see baseKeyOf). */
  base: string;
  /** Decisions on the tagger's labels it learnt from, and in how many documents. */
  decisions: number;
  documents: number;
  stages: StageData[];
}

const TYPE_OF_LABEL = new Map(Object.entries(LABEL_OF_TYPE).flatMap(([type, label]) => (label ? [[label, type] as const] : [])));

/** Whether a label is one the tagger learns (Person, Location, Organization). */
export const isTaggerLabel = (label: string): boolean => TYPE_OF_LABEL.has(label);

/** What identifies a shipped model, so that a delta is never laid over another one. */
export function baseKeyOf(model: TaggerModel): string {
  return `${model.stages.map((s) => s.featureCount).join('/')}@${model.temperature}`;
}

const tagNamed = (name: string) => (TAGS as readonly string[]).indexOf(name);

/** Tokens [first, last) that overlap [start, end) of the original text; empty when none does. */
function tokensOf(doc: PreparedText, start: number, end: number): [number, number] {
  const { origin } = doc.norm;
  let first = 0;
  while (first < doc.tokens.length && origin[doc.tokens[first].end - 1] + 1 <= start) first++;
  let last = first;
  while (last < doc.tokens.length && origin[doc.tokens[last].start] < end) last++;
  return [first, last];
}

/** The tags of the tagger's names, O elsewhere. */
function tagsOfSpans(n: number, spans: ReadonlyArray<{ first: number; last: number; type: string }>): Uint8Array {
  const tags = new Uint8Array(n);
  for (const s of spans) for (let i = s.first; i < s.last; i++) tags[i] = tagNamed((i === s.first ? 'B-' : 'I-') + s.type);
  return tags;
}

/** The tags to learn and the sentences to learn them from. */
export function decidedTags(d: DecidedDocument, modelTags?: Uint8Array): { gold: Uint8Array; sentences: Array<[number, number]> } {
  const n = d.doc.tokens.length;
  const gold = d.reviewed || !modelTags ? new Uint8Array(n) : modelTags.slice();
  const decided = new Uint8Array(n);
  for (const s of d.uncertain ?? []) {
    const [first, last] = tokensOf(d.doc, s.start, s.end);
    if (modelTags) gold.set(modelTags.subarray(first, last), first);
  }
  const mark = (s: DecidedSpan, type?: string) => {
    const [first, last] = tokensOf(d.doc, s.start, s.end);
    for (let i = first; i < last; i++) {
      gold[i] = type ? tagNamed((i === first ? 'B-' : 'I-') + type) : OUTSIDE;
      decided[i] = 1;
    }
  };
  for (const s of d.negatives) if (isTaggerLabel(s.label)) mark(s);
  // Names are flat for the tagger: of nested names (a person inside an organisation's name) the outermost is kept, marked last.
  const positives = d.positives.filter((s) => isTaggerLabel(s.label)).sort((x, y) => x.end - x.start - (y.end - y.start) || x.start - y.start);
  for (const s of positives) mark(s, TYPE_OF_LABEL.get(s.label));
  const all = sentenceRanges(d.doc);
  // A name cut by a decision or a sentence break begins again where it is cut.
  for (const [a, b] of all) for (let i = a; i < b; i++) if (isInside(gold[i]) && (i === a || typeOf(gold[i - 1]) !== typeOf(gold[i]))) gold[i] = tagNamed('B-' + typeOf(gold[i]));
  const sentences = d.reviewed ? all : all.filter(([a, b]) => decided.subarray(a, b).some((v) => v));
  return { gold, sentences };
}

interface Example {
  features: TokenFeatures;
  gold: Uint8Array;
  sentences: Array<[number, number]>;
}

/** The per-row sums of the updates (d) and of the updates weighted by their time (u), for averaging. */
class SparseUpdates {
  readonly rows = new Map<number, { d: Float64Array; u: Float64Array }>();
  add(row: number, tag: number, amount: number, time: number): void {
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = { d: new Float64Array(T), u: new Float64Array(T) }));
    r.d[tag] += amount;
    r.u[tag] += amount * time;
  }
}

/** Perceptron passes over the examples with `stage` as the starting point; the averaged change. */
function perceptronDelta(stage: StageModel, examples: readonly Example[], options: AdaptationOptions): StageWeights {
  const extra = new Set<number>();
  for (const e of examples) for (const h of e.features.hashes) if (stage.rowOf(h) < 0) extra.add(h);
  const zero = (length: number) => new Float64Array(length);
  const table = stage.plus({ hashes: Uint32Array.from(extra), weights: zero(extra.size * T), transitions: zero((T + 1) * T), ends: zero(T) });
  const updates = new SparseUpdates();
  const trans = { d: zero((T + 1) * T), u: zero((T + 1) * T) };
  const ends = { d: zero(T), u: zero(T) };
  const sentences = examples.flatMap((e) => e.sentences.map(([a, b]) => ({ e, a, b })));
  const random = seededRandom(options.seed);
  const step = options.step;
  let c = 1;
  const moveTransition = (k: number, amount: number) => {
    table.transitions[k] += amount;
    trans.d[k] += amount;
    trans.u[k] += amount * c;
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(sentences, random);
    for (const { e, a, b } of sentences) {
      const predicted = viterbi(table.scores(e.features, a, b));
      for (let i = a; i < b; i++) {
        const g = e.gold[i];
        const p = predicted[i - a];
        if (g !== p) {
          for (let k = e.features.offsets[i]; k < e.features.offsets[i + 1]; k++) {
            const row = table.rowOf(e.features.hashes[k]);
            table.weights[row * T + g] += step;
            table.weights[row * T + p] -= step;
            updates.add(row, g, step, c);
            updates.add(row, p, -step, c);
          }
        }
        const gp = i > a ? e.gold[i - 1] : -1;
        const pp = i > a ? predicted[i - a - 1] : -1;
        if (g !== p || gp !== pp) {
          moveTransition((gp + 1) * T + g, step);
          moveTransition((pp + 1) * T + p, -step);
        }
      }
      const g = e.gold[b - 1];
      const p = predicted[b - a - 1];
      if (g !== p) {
        for (const [tag, amount] of [[g, step], [p, -step]]) {
          table.ends[tag] += amount;
          ends.d[tag] += amount;
          ends.u[tag] += amount * c;
        }
      }
      c++;
    }
  }
  const rows = [...updates.rows].sort((x, y) => table.hashes[x[0]] - table.hashes[y[0]]);
  const weights = new Float64Array(rows.length * T);
  rows.forEach(([, r], f) => {
    for (let t = 0; t < T; t++) weights[f * T + t] = r.d[t] - r.u[t] / c;
  });
  const average = (x: { d: Float64Array; u: Float64Array }) => x.d.map((v, k) => v - x.u[k] / c);
  return { hashes: Uint32Array.from(rows, ([row]) => table.hashes[row]), weights, transitions: average(trans), ends: average(ends) };
}

/** The names a stage finds in a whole document, as the next stage's evidence. */
function evidenceOf(tagger: SequenceTagger, stage: StageModel, doc: PreparedText, features: TokenFeatures): Uint8Array {
  const found = sentenceRanges(doc).flatMap(([a, b]) => spansOf(viterbi(stage.scores(features, a, b)), a));
  return documentEvidence(doc, found, (i) => tagger.featureExtractor.wordInfo(doc.tokens[i].text, doc.readingsAt(i)).stem);
}

/** Adapts `base` (the shipped tagger) to the decisions: the deltas, ready to store. */
export function adaptTagger(base: SequenceTagger, docs: readonly DecidedDocument[], options: AdaptationOptions = DEFAULT_ADAPTATION): TaggerAdaptation {
  const learnt = docs
    .map((d) => ({ d, ...decidedTags(d, d.reviewed && !d.uncertain?.length ? undefined : tagsOfSpans(d.doc.tokens.length, base.tag(d.doc))) }))
    .filter((x) => x.sentences.length);
  const firstFeatures = learnt.map((x) => base.featureExtractor.extract(x.d.doc));
  const deltas: StageWeights[] = [];
  let previous: StageModel | undefined;
  for (const stage of base.model.stages) {
    const examples = learnt.map((x, k) => {
      const features = previous ? base.featureExtractor.withEvidence(x.d.doc, firstFeatures[k], evidenceOf(base, previous, x.d.doc, firstFeatures[k])) : firstFeatures[k];
      return { features, gold: x.gold, sentences: x.sentences };
    });
    const delta = perceptronDelta(stage, examples, options);
    deltas.push(delta);
    previous = stage.plus(delta);
  }
  const counted = (spans: readonly DecidedSpan[]) => spans.filter((s) => isTaggerLabel(s.label)).length;
  const decisions = docs.reduce((sum, d) => sum + counted(d.positives) + counted(d.negatives), 0);
  const documents = docs.filter((d) => counted(d.positives) + counted(d.negatives) > 0).length;
  return { format: 1, kind: 'iltizam-tagger-adaptation', base: baseKeyOf(base.model), decisions, documents, stages: deltas.map(encodeStage) };
}

/** Reads a stored adaptation (parsed JSON); a clear error when it is not one or not for this model. */
export function checkAdaptation(data: unknown, model: TaggerModel): TaggerAdaptation {
  const a = data as Partial<TaggerAdaptation> | null;
  if (!a || typeof a !== 'object' || a.kind !== 'iltizam-tagger-adaptation') throw new Error('not an adapted tagger model (kind "iltizam-tagger-adaptation" expected)');
  if (a.format !== 1) throw new Error(`adapted tagger model: unknown format ${String(a.format)}`);
  if (a.base !== baseKeyOf(model)) throw new Error(`adapted tagger model: made for another shipped model (${String(a.base)}, this one is ${baseKeyOf(model)}); train it again`);
  if (!Array.isArray(a.stages) || a.stages.length !== model.stages.length) throw new Error('adapted tagger model: wrong number of stages');
  return a as TaggerAdaptation;
}

/** The shipped tagger with an adaptation laid over its weights. */
export function adaptedTagger(base: SequenceTagger, adaptation: TaggerAdaptation): SequenceTagger {
  const a = checkAdaptation(adaptation, base.model);
  const stages = base.model.stages.map((stage, s) => stage.plus(StageModel.decode(a.stages[s])));
  return new SequenceTagger(base.model.withStages(stages), base.resources);
}
