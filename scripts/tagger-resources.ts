// The resources the tagger's features read while it is trained or evaluated
// on ANERcorp: the default rules and lexicon, the word clusters, and a name
// vocabulary derived from the given tokens only (fold-out, see pipeline.ts).
import * as fs from 'fs';
import * as path from 'path';
import type { ConllToken } from '../server/src/interchange/conll';
import { getDefaultLexicon } from '../server/src/analysis/lexicon';
import { getDefaultRules, Rules } from '../server/src/analysis/rules';
import { normalizeWord } from '../server/src/analysis/normalize';
import { ClusterData, WordClusters } from '../server/src/analysis/tagger/clusters';
import { entityVocabularyFrom, FeatureResources } from '../server/src/analysis/tagger/features';
import type { LabelledDocument } from '../server/src/analysis/tagger/pipeline';
import { nameVocabularyFrom } from './name-vocabulary';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const anercorpFile = path.resolve(repoRoot, '..', 'shared', 'data', 'anercorp-train.conll');
export const clustersFile = path.join(repoRoot, 'server', 'data', 'word-clusters.json');

let clusters: WordClusters | undefined | null;

export function loadClusters(): WordClusters | undefined {
  if (clusters === undefined) clusters = fs.existsSync(clustersFile) && !process.env.ILTIZAM_NO_CLUSTERS ? new WordClusters(JSON.parse(fs.readFileSync(clustersFile, 'utf8')) as ClusterData) : null;
  return clusters ?? undefined;
}

/** The default rules with the name vocabulary derived from these tokens. */
export function rulesWithVocabularyOf(tokens: readonly ConllToken[]): Rules {
  const vocabulary = nameVocabularyFrom(tokens);
  const words = (list: string[]) => new Set(list.map(normalizeWord));
  return { ...getDefaultRules(), firstNames: words(vocabulary.firstNames), nameParts: words(vocabulary.nameParts), commonWords: words(vocabulary.commonWords) };
}

export function resourcesFromDocuments(docs: readonly LabelledDocument[]): FeatureResources {
  const tokens = docs.flatMap((d) => d.tokens);
  return { rules: rulesWithVocabularyOf(tokens), lexicon: getDefaultLexicon(), clusters: loadClusters(), entityVocabulary: process.env.ILTIZAM_NO_ENTITY_VOCABULARY ? undefined : entityVocabularyFrom(tokens, normalizeWord) };
}
