// Derives the person-name vocabulary used by the Person rules from the
// ANERcorp training split (../shared/data). Run: node out/scripts/build-name-vocabulary.js
// The output is CC BY-SA 4.0, like the corpus it comes from.
import * as fs from 'fs';
import * as path from 'path';
import { readConll } from '../server/src/interchange/conll';
import { nameVocabularyFrom } from './name-vocabulary';

const repoRoot = process.env.ILTIZAM_REPO ?? path.resolve(__dirname, "..", "..");
const source = process.argv[2] ?? path.resolve(repoRoot, '..', 'shared', 'data', 'anercorp-train.conll');
const target = path.join(repoRoot, 'server', 'data', 'name-vocabulary.json');

const { tokens, problems } = readConll(fs.readFileSync(source, 'utf8'));
for (const p of problems) console.error(`${source}:${p.line}: skipped: ${p.message}`);

const { firstNames, nameParts, commonWords } = nameVocabularyFrom(tokens);
const vocabulary = {
  $comment: 'Derived by scripts/build-name-vocabulary.ts from ANERcorp (Benajiba, Rosso and Benedí Ruiz, 2007), training split (CAMeL Lab, Obeid et al. 2020). Licence: CC BY-SA 4.0. Words are normalised as the core normalises them.',
  licence: 'CC-BY-SA-4.0',
  firstNames,
  nameParts,
  commonWords,
};
fs.writeFileSync(target, JSON.stringify(vocabulary, null, 0).replace(/\],/g, '],\n') + '\n');
console.log(`${target}: ${firstNames.length} first names, ${nameParts.length} name parts, ${commonWords.length} common words (${problems.length} malformed lines skipped)`);
