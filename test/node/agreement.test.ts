// Agreement between two annotators: span F1 through scoring.ts, token kappa,
// and the disagreements with their documents and offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cohenKappa } from '../../server/src/corpus/agreement';
import { agreement } from '../../server/src/node/agreement';
import { FormatError } from '../../server/src/interchange/formatError';
import { sampleCorpus, spanOf, tempDir, tLine, writeCorpus } from '../interchange/formatFixtures';
import { inEnglish } from '../../server/src/messages/reason';

test("Cohen's kappa: agreement beyond chance, undefined when chance agreement is total", () => {
  // Observed 3/4; chance 1/2·1/4 + 1/2·3/4 = 1/2; kappa (3/4 − 1/2) / (1 − 1/2) = 1/2.
  assert.deepEqual(cohenKappa(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B']), { tokens: 4, observed: 0.75, expected: 0.5, kappa: 0.5 });
  assert.equal(cohenKappa(['A', 'B'], ['B', 'A']).kappa, -1);
  assert.equal(cohenKappa(['O', 'O'], ['O', 'O']).kappa, null);
  assert.equal(cohenKappa([], []).kappa, null);
});

test('an annotator agrees perfectly with a copy of their own corpus', async (t) => {
  const dir = tempDir(t);
  const a = sampleCorpus(path.join(dir, 'a'));
  const b = sampleCorpus(path.join(dir, 'b'));
  const report = await agreement({ corpusA: a, corpusB: b });
  assert.deepEqual(report.documents, ['iom-onsa-agreement']);
  assert.equal(report.overall.overlap.f1, 1);
  assert.equal(report.overall.exact.f1, 1);
  assert.equal(report.overall.exact.tp, 83, 'every line of the reference, Optional ones included');
  assert.equal(report.kappa.entities.kappa, 1);
  assert.equal(report.kappa.commitments.kappa, 1);
  assert.deepEqual(report.disagreements, []);
});

const TEXT = 'وقعت المنظمة الدولية للهجرة اتفاقية تعاون مع مكتب مستشار الأمن القومي في بغداد لمنع التطرف العنيف.';

test('disagreements are listed by kind with their document and offsets, and the scores follow', async (t) => {
  const dir = tempDir(t);
  const commitmentA = 'وقعت المنظمة الدولية للهجرة اتفاقية تعاون مع مكتب مستشار الأمن القومي';
  const a = writeCorpus(path.join(dir, 'a'), [
    {
      name: 'doc',
      text: TEXT,
      ann: [
        tLine('T1', 'Organization', TEXT, 'المنظمة الدولية للهجرة'),
        tLine('T2', 'Organization', TEXT, 'مكتب مستشار الأمن القومي'),
        tLine('T3', 'Location', TEXT, 'بغداد'),
        tLine('T4', 'Threat', TEXT, 'التطرف العنيف'),
        tLine('T5', 'Commitment', TEXT, commitmentA),
        'E1\tCommitment:T5 Actor:T1 Actor2:T2',
      ].join('\n') + '\n',
    },
  ]);
  const b = writeCorpus(path.join(dir, 'b'), [
    {
      name: 'doc',
      ann: [
        tLine('T1', 'Organization', TEXT, 'المنظمة الدولية للهجرة'),
        tLine('T2', 'Organization', TEXT, 'مستشار الأمن القومي'),
        tLine('T3', 'Organization', TEXT, 'بغداد'),
        tLine('T4', 'Instrument', TEXT, 'اتفاقية تعاون'),
        tLine('T5', 'Commitment', TEXT, commitmentA),
        'E1\tCommitment:T5 Actor:T1',
        tLine('T6', 'Threat', TEXT, 'التطرف العنيف'),
        'A1\tReview T6 rejected',
      ].join('\n') + '\n',
      text: TEXT,
    },
  ]);
  fs.rmSync(path.join(b, 'doc.txt'));
  const report = await agreement({ corpusA: a, corpusB: b });
  const listed = report.disagreements.map((d) => `${d.document} ${d.kind} ${d.start}-${d.end} ${d.label}`);
  const at = (s: string) => spanOf(TEXT, s);
  const span = (s: string) => `${at(s).start}-${at(s).end}`;
  assert.deepEqual(listed, [
    `doc arguments ${at(commitmentA).start}-${at(commitmentA).end} Commitment`,
    `doc only-in-b ${span('اتفاقية تعاون')} Instrument`,
    `doc boundary ${span('مكتب مستشار الأمن القومي')} Organization`,
    `doc label ${span('بغداد')} Location/Organization`,
    `doc only-in-a ${span('التطرف العنيف')} Threat`,
  ]);
  const args = report.disagreements.find((d) => d.kind === 'arguments');
  assert.deepEqual([args?.role, args?.onlyA, args?.onlyB], ['actors', ['مكتب مستشار الامن القومي'], []]);
  // Organization: two matched by overlap (one exactly), بغداد only in B's Organization; Location only in A.
  assert.deepEqual([report.entities.overlap.byLabel.Organization.tp, report.entities.overlap.byLabel.Organization.fp], [2, 1]);
  assert.deepEqual([report.entities.exact.byLabel.Organization.tp, report.entities.exact.byLabel.Organization.fp], [1, 2]);
  assert.equal(report.entities.overlap.byLabel.Threat.fn, 1, "B's Threat was rejected: it does not count");
  assert.equal(report.commitments.overlap.micro.f1, 1);
  assert.ok(report.kappa.entities.kappa !== null && report.kappa.entities.kappa < 1 && report.kappa.entities.kappa > 0);
  assert.equal(report.kappa.commitments.kappa, 1);
});

test('agreement refuses two different texts under one name, and lists documents only one side has', async (t) => {
  const dir = tempDir(t);
  const a = writeCorpus(path.join(dir, 'a'), [
    { name: 'doc', text: TEXT, ann: '' },
    { name: 'only-a', text: TEXT, ann: '' },
  ]);
  const b = writeCorpus(path.join(dir, 'b'), [{ name: 'doc', text: TEXT, ann: '' }]);
  const report = await agreement({ corpusA: a, corpusB: b });
  assert.deepEqual([report.documents, report.onlyInA, report.onlyInB], [['doc'], ['only-a'], []]);
  fs.writeFileSync(path.join(b, 'doc.txt'), TEXT + ' مختلف');
  await assert.rejects(agreement({ corpusA: a, corpusB: b }), (err: unknown) => err instanceof FormatError && /did not annotate the same text/.test(inEnglish(err.reason)));
});
