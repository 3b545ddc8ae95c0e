import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { analyzeText } from '../../server/src/analysis/analyze';
import { getDefaultLexicon } from '../../server/src/analysis/lexicon';
import { learntLexiconEntries, learntEntriesNotInLexicon } from '../../server/src/analysis/learntNames';
import type { DecidedSpan } from '../../server/src/analysis/tagger';

const rules = getDefaultRules();
const at = (text: string, words: string, label: string, nth = 0): DecidedSpan => {
  let start = -1;
  for (let k = 0; k <= nth; k++) start = text.indexOf(words, start + 1);
  return { start, end: start + words.length, label };
};

test('learnt names: a form marked at most of its occurrences is learnt with its label; one mostly left unmarked, or rejected as often, is not', () => {
  const text = 'أعلن مرصد نوفل تقريرا. وقال مرصد نوفل إن الأمن تحسن. الأمن أولوية والأمن مطلب. وذكر الشاهد أن الشاهد غادر.';
  const entries = learntLexiconEntries([
    {
      doc: prepareText(text, rules),
      positives: [at(text, 'مرصد نوفل', 'Organization'), at(text, 'مرصد نوفل', 'Organization', 1), at(text, 'الأمن', 'Principle'), at(text, 'الشاهد', 'Person')],
      negatives: [at(text, 'الشاهد', 'Person', 1)],
      reviewed: true,
    },
  ]);
  assert.deepEqual(entries, [{ id: 'learnt:Organization:مرصد نوفل', label: 'Organization', ar: 'مرصد نوفل' }]);
});

test('learnt entries: a Principle, Threat, Instrument or name the lexicon lacks becomes an entry, and the analysis then proposes it in another text; what the lexicon has with that label is left out', () => {
  const text = 'تلتزم الحكومة بمبدأ التكافل الرقمي. وتحذر من آفة التهريب العابر. ويستند العمل إلى ميثاق الشراكة الوطنية. ويحترم الجميع حقوق الإنسان. وحضر مرصد نوفل.';
  const lexicon = getDefaultLexicon();
  const entries = learntEntriesNotInLexicon(
    [
      {
        doc: prepareText(text, rules),
        positives: [
          at(text, 'التكافل الرقمي', 'Principle'),
          at(text, 'آفة التهريب العابر', 'Threat'),
          at(text, 'ميثاق الشراكة الوطنية', 'Instrument'),
          at(text, 'حقوق الإنسان', 'Principle'),
          at(text, 'مرصد نوفل', 'Organization'),
        ],
        negatives: [],
        reviewed: true,
      },
    ],
    lexicon,
  );
  assert.deepEqual(
    entries.map((e) => `${e.label}:${e.ar}`),
    ['Instrument:ميثاق الشراكة الوطنية', 'Organization:مرصد نوفل', 'Principle:التكافل الرقمي', 'Threat:آفة التهريب العابر'],
  );
  const terms = entries.filter((e) => e.label !== 'Organization');
  const other = 'ويستند العمل إلى ميثاق الشراكة الوطنية. وتحذر الحكومة من آفة التهريب العابر. ونلتزم بمبدأ التكافل الرقمي.';
  const found = (l: typeof lexicon) => analyzeText(other, { lexicon: l }).entities.map((e) => `${e.label}:${e.text}`);
  for (const e of terms) assert.ok(!found(lexicon).includes(`${e.label}:${e.ar}`), `the shipped lexicon does not propose ${e.ar}`);
  assert.deepEqual(found(lexicon.withOverrides(entries)).filter((f) => terms.some((e) => f === `${e.label}:${e.ar}`)).sort(), terms.map((e) => `${e.label}:${e.ar}`).sort());
});
