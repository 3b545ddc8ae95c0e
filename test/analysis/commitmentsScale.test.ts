// A document with as many entities as a 10 MB text (some 150,000): adding a
// generic actor and numbering the entities again must not put them all on
// the stack (push(...list) threw "Maximum call stack size exceeded").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { findCommitments } from '../../server/src/analysis/commitments';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultRules } from '../../server/src/analysis/rules';

test('a generic actor is added among 300,000 entities, and every entity is numbered again', () => {
  const text = 'تلتزم الأطراف المعنية بحماية المدنيين في الموصل.';
  const generic = 'الأطراف المعنية';
  const analysis = analyzeText(text, { tagger: false });
  assert.ok(analysis.entities.some((e) => e.text === generic), 'the generic actor is found in the short text');
  const rules = getDefaultRules();
  const others = analysis.entities.filter((e) => e.text !== generic);
  const entities = [...others];
  // Stand-ins for the entities of the rest of a long document, after this sentence.
  for (let i = 0; i < 300_000; i++) entities.push({ ...others[0], id: `x${i}`, start: text.length + i, end: text.length + i + 1 });
  const commitments = findCommitments(prepareText(text, rules), entities, rules);
  assert.equal(commitments.length, 1);
  assert.equal(entities.length, others.length + 300_000 + 1);
  const actor = entities.find((e) => e.id === commitments[0].actors[0]);
  assert.equal(actor?.text, generic);
  assert.deepEqual(entities.slice(0, 3).map((e) => e.id), ['e1', 'e2', 'e3']);
  assert.equal(entities[entities.length - 1].id, `e${entities.length}`);
});
