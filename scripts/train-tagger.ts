// Trains the shipped sequence tagger on all of ../shared/data/anercorp-train.conll
// and writes server/data/tagger-model.json (its licence and credit in
// server/data/TAGGER.md). Deterministic: the same data, clusters and settings
// give the same file. The name vocabulary each training fold sees is derived
// from the other folds only; the shipped tagger reads the full one
// (server/data/name-vocabulary.json), as unseen text would.
//
//   npm run train                 # clusters (when missing) and the model
//   npm run train -- --check      # trains, and fails if the committed model differs
import * as fs from 'fs';
import * as path from 'path';
import { readConll } from '../server/src/interchange/conll';
import { DEFAULT_PIPELINE, labelledDocuments, trainTaggerModel } from '../server/src/analysis/tagger/pipeline';
import { TaggerModel } from '../server/src/analysis/tagger/model';
import { anercorpFile, clustersFile, repoRoot, resourcesFromDocuments } from './tagger-resources';

export const modelFile = path.join(repoRoot, 'server', 'data', 'tagger-model.json');

const CREDIT =
  'Trained on ANERcorp (Yassine Benajiba, Paolo Rosso and José Miguel Benedí Ruiz, 2007), training split of the CAMeL Lab (Obeid et al., LREC 2020), CC BY-SA 4.0; word-cluster features learned from text of Arabic Wikipedia (ar.wikipedia.org, dump of 2017-01-20), by Wikipedia contributors, via the Comparable Wikipedia Corpus of Motaz Saad and Basem Alijla (github.com/motazsaad/comparableWikiCoprus), CC BY-SA 4.0.';

function main(): void {
  if (!fs.existsSync(anercorpFile)) {
    console.error(`train-tagger: ${anercorpFile} not found (it is in ../shared/data beside the repository)`);
    process.exit(2);
  }
  if (!fs.existsSync(clustersFile)) {
    console.error(`train-tagger: ${path.relative(repoRoot, clustersFile)} is missing: run npm run train:clusters first`);
    process.exit(2);
  }
  const started = Date.now();
  const { tokens, problems } = readConll(fs.readFileSync(anercorpFile, 'utf8'));
  if (problems.length) console.warn(`train-tagger: ${problems.length} malformed lines skipped (lines ${problems.slice(0, 5).map((p) => p.line).join(", ")}, …)`);
  const docs = labelledDocuments(tokens);
  const model = trainTaggerModel(docs, resourcesFromDocuments, DEFAULT_PIPELINE, (m) => console.log(`train-tagger: ${m}`));
  // What the shipped tagger reads for unseen text: the vocabulary of all the training data (each fold saw the others' only).
  const vocabulary = resourcesFromDocuments(docs).entityVocabulary;
  const data = {
    $comment: 'Sequence tagger for Person, Location and Organization, trained by scripts/train-tagger.ts (npm run train). Licence and credit: server/data/TAGGER.md.',
    licence: 'CC-BY-SA-4.0',
    credit: CREDIT,
    settings: DEFAULT_PIPELINE,
    ...model,
    ...(vocabulary ? { entityVocabulary: TaggerModel.encodeVocabulary(vocabulary) } : {}),
  };
  const text = JSON.stringify(data) + '\n';
  if (process.argv.includes('--check')) {
    const same = fs.existsSync(modelFile) && fs.readFileSync(modelFile, 'utf8') === text;
    console.log(same ? 'train-tagger: the committed model is what the script produces' : 'train-tagger: the committed model differs from what the script produces');
    process.exit(same ? 0 : 1);
  }
  fs.writeFileSync(modelFile, text);
  console.log(`train-tagger: wrote ${path.relative(repoRoot, modelFile)} (${(text.length / 1024).toFixed(0)} KB) from ${tokens.length} tokens (${problems.length} malformed lines skipped) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
