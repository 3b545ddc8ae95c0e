// Reasons made in the pure layers are translated where they are shown, nested
// reasons too, and read in English when no translation is configured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError } from '../../server/src/interchange/formatError';
import { inEnglish, reason, withMore } from '../../server/src/messages/reason';
import { formatErrorText, reasonText } from '../../server/src/render/reasonText';
import type { Translate } from '../../server/src/render/plurals';

const bundle: Record<string, string> = { 'workspace lexicon: {0}': 'معجم مساحة العمل: {0}', '{0} (and {1} more)': '{0} (وغيرها: {1})', 'Unknown label "{0}".': 'التصنيف "{0}" غير معروف.' };
const arabic: Translate = ({ message, args }) => (bundle[message] ?? message).replace(/\{(\d+)\}/g, (_, k: string) => String(args[Number(k)]));

test('a reason and the reasons inside it are translated; its plain arguments are not', () => {
  const why = reason('workspace lexicon: {0}', withMore(reason('Unknown label "{0}".', 'Nonsense'), 2));
  assert.equal(reasonText(why, arabic), 'معجم مساحة العمل: التصنيف "Nonsense" غير معروف. (وغيرها: 2)');
  assert.equal(inEnglish(why), 'workspace lexicon: Unknown label "Nonsense". (and 2 more)');
});

test('one problem alone is not followed by "and 0 more"', () => {
  assert.equal(inEnglish(withMore(reason('no such file'), 0)), 'no such file');
});

test('a FormatError reads file:line: reason, in English as an Error and translated where it is shown', () => {
  const err = new FormatError('lexicon.json', 3, reason('workspace lexicon: {0}', reason('Unknown label "{0}".', 'X')));
  assert.equal(err.message, 'lexicon.json:3: workspace lexicon: Unknown label "X".');
  assert.equal(formatErrorText(err, arabic), 'lexicon.json:3: معجم مساحة العمل: التصنيف "X" غير معروف.');
  assert.equal(formatErrorText(new FormatError('a.txt', undefined, reason('no such file')), arabic), 'a.txt: no such file');
});
