// The CLI's analysis of one document (node/analyzePool.ts documentAnalyzer,
// what every --jobs worker runs): each document is analysed once, so nothing
// of it is kept for the next: memory is bounded by the largest document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { documentAnalyzer } from '../../server/src/node/analyzePool';
import { getDefaultTagger } from '../../server/src/analysis/tagger';
import { getDefaultLexicon } from '../../server/src/analysis/lexicon';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { analyzeText } from '../../server/src/analysis/analyze';

const sample = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'samples', 'iom-onsa-agreement.txt'), 'utf8');

test("the tagger's sentence memo is emptied after each document of a corpus run, and the output is the same as a fresh analysis", () => {
  const tagger = getDefaultTagger(getDefaultLexicon(), getDefaultRules());
  tagger.memo.clear();
  const expected = analyzeText(sample);
  assert.ok(tagger.memo.sentences > 0, 'an analysis fills the memo (an editor re-uses it after an edit)');
  tagger.memo.clear();
  const analyze = documentAnalyzer({ compact: false });
  const line = JSON.parse(analyze({ id: 'a', text: sample }));
  assert.equal(tagger.memo.sentences, 0, 'nothing kept once the document is done');
  assert.equal(line.entities.length, expected.entities.length);
  assert.equal(line.commitments.length, expected.commitments.length);
});
