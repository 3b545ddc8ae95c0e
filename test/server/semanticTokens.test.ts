// The semantic tokens of a view: each span placed on its line once, in the
// order of their starts, none overlapping the one before, none over a line
// break; with \r\n line ends and a view whose entities are not in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { semanticTokensOf, semanticTokensLegend } from '../../server/src/server/features/semanticTokens';
import type { ColouredView } from '../../server/src/annotations/view';

/** The tokens as (line, character, length, type name, modifiers) rows. */
function rows(data: number[]): [number, number, number, string, number][] {
  const out: [number, number, number, string, number][] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    out.push([line, character, data[i + 2], semanticTokensLegend.tokenTypes[data[i + 3]], data[i + 4]]);
  }
  return out;
}

const text = 'وزارة الخارجية في بغداد\r\nقال الوزير إن الحكومة ستلتزم\r\nالأمم المتحدة\nنهاية';
const at = (word: string, from = 0) => ({ start: text.indexOf(word, from), end: text.indexOf(word, from) + word.length });
const entity = (word: string, label: string, status = 'suggested', source = 'lexicon') => ({ ...at(word), label, status, source });

test('tokens are placed by line and character, in order of their starts, without overlaps or spans over a line break', () => {
  const doc = TextDocument.create('file:///t.txt', 'plaintext', 1, text);
  const view = {
    // Out of order on purpose; one runs over the \r\n, one overlaps the one before it.
    entities: [
      entity('الأمم المتحدة', 'Organization', 'accepted'),
      entity('وزارة الخارجية', 'Organization'),
      entity('بغداد', 'Location', 'suggested', 'rule'),
      { start: text.indexOf('بغداد'), end: text.indexOf('قال') + 3, label: 'Location', status: 'suggested', source: 'rule' },
      entity('الخارجية في', 'Location'),
      entity('الحكومة', 'Organization'),
    ],
    commitments: [{ ...at('قال'), negated: true, cue: at('ستلتزم') }],
  } as unknown as ColouredView;
  const tokens = semanticTokensOf(doc, view, undefined, CancellationToken.None)!;
  assert.deepEqual(rows(tokens.data), [
    [0, 0, 14, 'iltizamOrganization', 1],
    [0, 18, 5, 'iltizamLocation', 2],
    [1, 14, 7, 'iltizamOrganization', 1],
    [1, 22, 6, 'iltizamCommitment', 4],
    [2, 0, 13, 'iltizamOrganization', 8],
  ]);
  // A range: the spans that touch it.
  const second = semanticTokensOf(doc, view, { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } }, CancellationToken.None)!;
  assert.deepEqual(rows(second.data), [[1, 14, 7, 'iltizamOrganization', 1]]);
});
