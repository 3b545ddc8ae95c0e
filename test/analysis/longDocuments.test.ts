// Documents with hundreds of thousands of annotations (a 20 MB text): lists
// that long are never spread into a call (push(...list)), which overflows the
// stack past some 120,000 elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { annotatedDocumentOf } from '../../server/src/interchange/corpusDocument';

// A commitment with a generic actor (the entities are numbered again with it), then 135,000 place names.
const text = 'الدول المتقدمة ستقدم الدعم المالي للدول الفقيرة.\n' + 'العراق '.repeat(135_000);

test('an analysis with 135,000 entities and a generic actor numbers them all again', () => {
  const analysis = analyzeText(text, { tagger: false });
  assert.equal(analysis.entities.length, 135_001);
  assert.equal(analysis.commitments.length, 1);
  assert.equal(analysis.entities.at(-1)?.id, 'e135001');
});

test('an export with 135,000 suggestions lists them all', () => {
  const doc = annotatedDocumentOf({ name: 'long', textFile: '/long.txt', rawText: text }, { suggestions: true });
  assert.ok(doc.entities.length >= 135_000, String(doc.entities.length));
});
