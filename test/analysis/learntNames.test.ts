import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { learntLexiconEntries } from '../../server/src/analysis/learntNames';
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
