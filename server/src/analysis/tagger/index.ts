// The shipped tagger: its model (server/data/tagger-model.json) and word
// clusters (server/data/word-clusters.json) are read on first use, not when
// the server starts; one tagger per lexicon (the lexicon is one of its features).
import type { Lexicon } from '../lexicon';
import type { Rules } from '../rules';
import { ClusterData, WordClusters } from './clusters';
import { TaggerModel, TaggerModelData } from './model';
import { SharedTaggerModel, sharedTaggerModel, shareTaggerModel } from './sharedModel';
import { SequenceTagger } from './tagger';

let model: TaggerModel | undefined;
let clusters: WordClusters | undefined;
const taggers = new WeakMap<Lexicon, WeakMap<Rules, SequenceTagger>>();

/** The shipped model, decoded once (or the one handed over by useShippedModel). */
export function shippedModel(): TaggerModel {
  // require() in the function, so that the bundler defers reading the data to the first call.
  return (model ??= new TaggerModel(require('../../../data/tagger-model.json') as TaggerModelData));
}

/** The shipped model in shared memory, for other threads (sharedModel.ts); this thread then reads that copy too. */
export function sharedShippedModel(): SharedTaggerModel {
  const shared = shareTaggerModel(shippedModel());
  model = sharedTaggerModel(shared);
  return shared;
}

/** The shipped model as another thread decoded it (sharedShippedModel): used instead of decoding it here. */
export function useShippedModel(decoded: TaggerModel): void {
  if (model && model !== decoded) throw new Error('tagger model: the shipped model is already loaded on this thread');
  model = decoded;
}

/** The shipped model and clusters, decoded once. */
export function loadShippedModel(): { model: TaggerModel; clusters: WordClusters } {
  clusters ??= new WordClusters(require('../../../data/word-clusters.json') as ClusterData);
  return { model: shippedModel(), clusters };
}

/** The shipped tagger with this lexicon and these rules as its evidence. */
export function getDefaultTagger(lexicon: Lexicon, rules: Rules): SequenceTagger {
  let byRules = taggers.get(lexicon);
  if (!byRules) taggers.set(lexicon, (byRules = new WeakMap()));
  let tagger = byRules.get(rules);
  if (!tagger) {
    const shipped = loadShippedModel();
    byRules.set(rules, (tagger = new SequenceTagger(shipped.model, { rules, lexicon, clusters: shipped.clusters, entityVocabulary: shipped.model.entityVocabulary })));
  }
  return tagger;
}

export { SequenceTagger } from './tagger';
export type { TaggedSpan } from './tagger';
export { adaptTagger, adaptedTagger, checkAdaptation, DEFAULT_ADAPTATION, isTaggerLabel } from './adapt';
export type { AdaptationOptions, DecidedDocument, DecidedSpan, TaggerAdaptation } from './adapt';
export type { TaggerModel } from './model';
export { sharedTaggerModel } from './sharedModel';
export type { SharedTaggerModel } from './sharedModel';
