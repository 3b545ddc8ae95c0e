import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { CorpusIndex, entityKey } from '../../server/src/corpus/corpusIndex';

const A = 'وقعت المنظمة الدولية للهجرة اتفاقية مع الحكومة العراقية.\nوتلتزم المنظمة الدولية للهجرة بمبدأ عدم الإضرار.';
const B = 'أكدت منظمة الهجرة الدولية دعمها للنازحين في نينوى.';

function indexOf(docs: Record<string, string>): CorpusIndex {
  const index = new CorpusIndex();
  for (const [uri, text] of Object.entries(docs)) index.set(uri, analyzeText(text));
  return index;
}

test('mentions of one lexicon entry are found across documents, whatever form they take', () => {
  const index = indexOf({ 'file:///a.txt': A, 'file:///b.txt': B });
  const at = index.entityAt('file:///b.txt', B.indexOf('منظمة'));
  assert.equal(at?.kb, 'org.iom');
  const mentions = index.mentionsOf(at!.key);
  assert.deepEqual(mentions.map((m) => m.uri), ['file:///a.txt', 'file:///a.txt', 'file:///b.txt']);
  const second = mentions[1];
  assert.equal(second.startLine, 1, 'line and character are computed from the text');
  assert.equal(A.split('\n')[1].slice(second.startCharacter, second.endCharacter), 'المنظمة الدولية للهجرة');
});

test('symbols are found without regard to diacritics and hamza, and by English name', () => {
  const index = indexOf({ 'file:///a.txt': A, 'file:///b.txt': B });
  const byArabic = index.symbols('المُنَظَّمة الدولية');
  assert.ok(byArabic.some((s) => s.kind === 'entity' && s.location.uri === 'file:///a.txt'));
  const byHamza = index.symbols('الاضرار');
  assert.ok(byHamza.some((s) => s.label === 'Principle'), 'عدم الإضرار matches without its hamza');
  const byEnglish = index.symbols('migration');
  assert.deepEqual(new Set(byEnglish.filter((s) => s.kind === 'entity').map((s) => s.location.uri)), new Set(['file:///a.txt', 'file:///b.txt']));
  // A commitment is found by its actor's English name too, and carries that name.
  const commitments = byEnglish.filter((s) => s.kind === 'commitment');
  assert.ok(commitments.length >= 1, JSON.stringify(byEnglish.map((s) => s.name)));
  assert.deepEqual(
    commitments.map((c) => [c.location.uri, c.nameEn]),
    [
      ['file:///a.txt', 'International Organization for Migration, Government of Iraq'],
      ['file:///a.txt', 'International Organization for Migration'],
    ],
  );
  assert.deepEqual(index.symbols('government of iraq').filter((s) => s.kind === 'commitment').length, 1);
  assert.deepEqual(index.symbols('لا يوجد شيء كهذا'), []);
});

test('the index follows documents as they change and disappear', () => {
  const index = indexOf({ 'file:///a.txt': A, 'file:///b.txt': B });
  const key = entityKey({ kb: 'org.iom', label: 'Organization', text: '' });
  assert.equal(index.mentionsOf(key).length, 3);
  index.set('file:///b.txt', analyzeText('لا ذكر للمنظمة هنا.'));
  assert.equal(index.mentionsOf(key).length, 2);
  index.delete('file:///a.txt');
  assert.equal(index.mentionsOf(key).length, 0);
  assert.equal(index.size, 1);
  index.set('file:///c.txt', analyzeText(B));
  assert.deepEqual(index.uris(), ['file:///b.txt', 'file:///c.txt']);
});

test('groups, filters and statistics for the corpus view', () => {
  const index = new CorpusIndex();
  const analysis = analyzeText(A);
  // One entity decided as accepted, one rejected: the rejected one is not indexed.
  const entities = analysis.entities.map((e, k) => ({ ...e, status: k === 0 ? 'accepted' : 'suggested' }));
  const rejected = { ...entities[1], id: 'Tx', status: 'rejected' };
  index.set('file:///a.txt', { text: A, entities: [...entities, rejected], commitments: analysis.commitments });
  const groups = index.entityGroups();
  const iom = groups.find((g) => g.kb === 'org.iom');
  assert.equal(iom?.mentions.length, 2);
  assert.equal(iom?.nameEn, 'International Organization for Migration');
  assert.equal(groups.reduce((n, g) => n + g.mentions.length, 0), entities.length, 'the rejected duplicate is left out');
  assert.deepEqual(index.entityGroups({ statuses: ['stored'] }).flatMap((g) => g.mentions.map((m) => m.status)), ['accepted']);
  assert.deepEqual(index.entityGroups({ labels: ['Principle'] }).map((g) => g.label), ['Principle']);
  const byActor = index.commitmentsByActor();
  assert.ok(byActor.some((g) => g.actor === 'المنظمة الدولية للهجرة' && g.commitments.length === 2));
  const stats = index.statistics();
  assert.equal(stats.documents, 1);
  assert.equal(stats.annotationsByLabel.Commitment, 2);
  assert.equal(stats.commitmentsByStrength.binding, 2);
  assert.equal(stats.topActors[0].name, 'المنظمة الدولية للهجرة');
  // The principle is counted under its canonical name (do no harm: مبدأ عدم الأذى), not the form in the text.
  assert.deepEqual(stats.principles, [{ name: 'مبدأ عدم الأذى', commitments: 1 }]);
});
