// From IOB2-tagged tokens (ANERcorp's "token TAG" lines) to a trained model:
// pseudo-documents, gold tags on the core's own tokens, fold-out (jackknifed)
// resources and first-pass predictions, the two passes and the temperature.
// Pure: the caller reads the files and says which resources each fold may see.
import type { ConllToken } from '../../interchange/conll';
import { prepareText, PreparedText } from '../document';
import { viterbi } from './decode';
import { FeatureExtractor, FeatureResources } from './features';
import { StageModel, StageWeights, encodeStage, TaggerModelData } from './model';
import { documentEvidence, sentenceRanges, spansOf } from './tagger';
import { calibrateTemperature, train, TrainingDocument, TrainingOptions } from './train';
import { OUTSIDE, tagIndex, TAGS } from './tags';
import type { ChainScores } from './decode';

/** Tokens joined by spaces into one text, each token's offset in it kept. */
export interface LabelledDocument {
  text: string;
  tokens: ConllToken[];
  starts: number[];
}

export interface PipelineOptions extends TrainingOptions {
  folds: number;
  secondPass: boolean;
}

export const DEFAULT_PIPELINE: PipelineOptions = { algorithm: 'perceptron', epochs: 10, seed: 2007, minCount: 3, folds: 5, secondPass: true, l2: 1e-5, learningRate: 0.1 };

const SENTENCE_END = /^[.!?؟]$/;

/** Groups tokens into documents of `sentencesPerDocument` sentences (ANERcorp has no document breaks). */
export function labelledDocuments(tokens: readonly ConllToken[], sentencesPerDocument = 40): LabelledDocument[] {
  const docs: LabelledDocument[] = [];
  let current: ConllToken[] = [];
  let sentences = 0;
  const flush = () => {
    if (!current.length) return;
    const starts: number[] = [];
    let length = 0;
    for (const t of current) {
      if (starts.length) length++;
      starts.push(length);
      length += t.token.length;
    }
    docs.push({ text: current.map((t) => t.token).join(' '), tokens: current, starts });
    current = [];
    sentences = 0;
  };
  for (const t of tokens) {
    current.push(t);
    if (SENTENCE_END.test(t.token) && ++sentences >= sentencesPerDocument) flush();
  }
  flush();
  return docs;
}

/** The gold tag of every core token: B- on the first core token of a B- token, I- on the rest. */
export function goldTags(prepared: PreparedText, doc: LabelledDocument): Uint8Array {
  const tags = new Uint8Array(prepared.tokens.length);
  let k = 0;
  let previousOwner = -1;
  for (let i = 0; i < prepared.tokens.length; i++) {
    const at = prepared.norm.origin[prepared.tokens[i].start];
    while (k + 1 < doc.starts.length && doc.starts[k + 1] <= at) k++;
    const tag = doc.tokens[k].tag;
    const index = tagIndex(tag);
    if (index === OUTSIDE) tags[i] = OUTSIDE;
    else if (tag.startsWith('B-') && previousOwner !== k) tags[i] = index;
    else tags[i] = tagIndex('I-' + tag.slice(2));
    previousOwner = k;
  }
  return tags;
}

interface PreparedDocument {
  prepared: PreparedText;
  gold: Uint8Array;
  sentences: Array<[number, number]>;
  extractor: FeatureExtractor;
}

function foldsOf<T>(items: readonly T[], folds: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < folds; k++) out.push(items.slice(Math.floor((k * items.length) / folds), Math.floor(((k + 1) * items.length) / folds)));
  return out;
}

function predictedSpans(stage: StageModel, doc: TrainingDocument) {
  return doc.sentences.flatMap(([a, b]) => spansOf(viterbi(stage.scores(doc.features, a, b)), a));
}

/**
 * Trains the model on the documents. `resourcesFor(others)` gives the
 * resources a fold may use when its features are computed, built from the
 * other folds only (a name vocabulary of the fold itself would be a leak).
 */
export function trainTaggerModel(
  docs: readonly LabelledDocument[],
  resourcesFor: (others: readonly LabelledDocument[]) => FeatureResources,
  options: PipelineOptions = DEFAULT_PIPELINE,
  log: (message: string) => void = () => {},
): TaggerModelData {
  const folds = foldsOf(docs, options.folds);
  const prepared: PreparedDocument[][] = folds.map((fold, k) => {
    const resources = resourcesFor(folds.filter((_, j) => j !== k).flat());
    const extractor = new FeatureExtractor(resources);
    return fold.map((d) => {
      const p = prepareText(d.text, resources.rules);
      return { prepared: p, gold: goldTags(p, d), sentences: sentenceRanges(p), extractor };
    });
  });
  const firstPass: TrainingDocument[][] = prepared.map((fold) => fold.map((d) => ({ features: d.extractor.extract(d.prepared), gold: d.gold, sentences: d.sentences })));
  const started = Date.now();
  const stage1 = train(firstPass.flat(), options);
  log(`first pass: ${stage1.hashes.length} features, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const stages: StageWeights[] = [stage1];
  let heldOut = firstPass;
  // Fold-out first-pass models: their predictions give each fold its document evidence as unseen text would.
  let foldModels = folds.map((_, k) => new StageModel(train(firstPass.filter((_, j) => j !== k).flat(), options)));
  if (options.secondPass) {
    const secondPass: TrainingDocument[][] = prepared.map((fold, k) =>
      fold.map((d, m) => {
        const evidence = documentEvidence(d.prepared, predictedSpans(foldModels[k], firstPass[k][m]), (i) => d.extractor.wordInfo(d.prepared.tokens[i].text, d.prepared.readingsAt(i)).stem);
        return { features: d.extractor.extract(d.prepared, evidence), gold: d.gold, sentences: d.sentences };
      }),
    );
    stages.push(train(secondPass.flat(), options));
    log(`second pass: ${stages[1].hashes.length} features, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    heldOut = secondPass;
    foldModels = folds.map((_, k) => new StageModel(train(secondPass.filter((_, j) => j !== k).flat(), options)));
  }
  // The temperature that makes the last pass's fold-out marginals most likely.
  const calibration: Array<{ scores: ChainScores; gold: Uint8Array }> = [];
  heldOut.forEach((fold, k) => fold.forEach((d) => d.sentences.forEach(([a, b]) => calibration.push({ scores: foldModels[k].scores(d.features, a, b), gold: d.gold.slice(a, b) }))));
  const temperature = calibrateTemperature(calibration);
  log(`temperature ${temperature}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { format: 1, tags: [...TAGS], temperature, stages: stages.map(encodeStage) };
}
