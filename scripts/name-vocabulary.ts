// How the person-name vocabulary is derived from IOB2-tagged tokens: shared
// by the builder (scripts/build-name-vocabulary.ts) and by the held-out
// evaluation (scripts/eval-anercorp.ts), which derives it from part of the
// corpus only.
import type { ConllToken } from '../server/src/interchange/conll';
import { normalizeWord } from '../server/src/analysis/normalize';

export interface NameVocabulary {
  firstNames: string[];
  nameParts: string[];
  commonWords: string[];
}

export function nameVocabularyFrom(tokens: readonly ConllToken[]): NameVocabulary {
  const counts = new Map<string, { b: number; i: number; o: number }>();
  for (const t of tokens) {
    const word = normalizeWord(t.token);
    if (!/^\p{L}+$/u.test(word)) continue;
    const c = counts.get(word) ?? { b: 0, i: 0, o: 0 };
    if (t.tag === 'B-PERS') c.b++;
    else if (t.tag === 'I-PERS') c.i++;
    else c.o++;
    counts.set(word, c);
  }
  const vocabulary: NameVocabulary = { firstNames: [], nameParts: [], commonWords: [] };
  for (const [word, c] of counts) {
    const total = c.b + c.i + c.o;
    const pers = c.b + c.i;
    if (word.length < 2) continue;
    // Thresholds: a first name mostly begins names; a name part is mostly inside
    // names; a common word is frequent and almost never part of a name.
    if (c.b >= 2 && c.b / total >= 0.6) vocabulary.firstNames.push(word);
    if (pers >= 1 && pers / total >= 0.5) vocabulary.nameParts.push(word);
    if (c.o >= 4 && pers / total < 0.05) vocabulary.commonWords.push(word);
  }
  for (const list of Object.values(vocabulary)) list.sort();
  return vocabulary;
}
