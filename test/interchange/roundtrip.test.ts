// Export then import gives back the same annotations, for every format that
// can carry them, on the samples and on texts with emoji, CRLF and diacritics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotatedDocument } from '../../server/src/interchange/corpusDocument';
import { loadAnnotatedDocument } from '../../server/src/node/corpusDocuments';
import { exportCorpus } from '../../server/src/node/exportCorpus';
import { findCorpusTexts } from '../../server/src/node/files';
import { importFile } from '../../server/src/node/importFile';
import { outermost, sampleCorpus, spanKeys, storedSampleCorpus, tempDir, trickyCorpus } from './formatFixtures';

function load(corpus: string): Map<string, AnnotatedDocument> {
  return new Map(findCorpusTexts([corpus]).map((e) => [e.name, loadAnnotatedDocument(e)]));
}

/** A corpus with only the texts of `corpus`, to import into. */
function textsOnly(corpus: string, into: string): string {
  for (const e of findCorpusTexts([corpus])) {
    const target = path.join(into, ...`${e.name}.txt`.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(e.textFile, target);
  }
  return into;
}

const allSpans = (d: AnnotatedDocument) => [...d.entities, ...d.commitments];
const corpora = [
  { name: 'samples', make: sampleCorpus },
  { name: 'store-written samples', make: storedSampleCorpus },
  { name: 'tricky', make: trickyCorpus },
];

for (const { name, make } of corpora) {
  test(`brat round trip on the ${name}: the same annotations, arguments and attributes`, async (t) => {
    const dir = tempDir(t);
    const corpus = make(path.join(dir, 'corpus'));
    const outDir = path.join(dir, 'out');
    await exportCorpus({ paths: [corpus], format: 'brat', outDir });
    const into = path.join(dir, 'imported');
    const result = await importFile({ file: outDir, format: 'brat', into });
    const before = load(corpus);
    const after = load(into);
    assert.deepEqual(result.documents.sort(), [...before.keys()].sort());
    for (const [doc, original] of before) {
      const back = after.get(doc) as AnnotatedDocument;
      assert.equal(back.rawText, original.rawText, `${doc}: text byte for byte`);
      assert.deepEqual(back.entities, original.entities, doc);
      assert.deepEqual(back.commitments, original.commitments, doc);
    }
  });

  for (const utf16 of [false, true]) {
    test(`doccano round trip on the ${name}${utf16 ? ' with UTF-16 offsets' : ''}: the same spans and labels`, async (t) => {
      const dir = tempDir(t);
      const corpus = make(path.join(dir, 'corpus'));
      const outDir = path.join(dir, 'out');
      await exportCorpus({ paths: [corpus], format: 'doccano', outDir, utf16 });
      // Into a corpus that has the texts, and into an empty one (the texts come from the JSONL).
      for (const into of [textsOnly(corpus, path.join(dir, 'with-texts')), path.join(dir, 'empty')]) {
        await importFile({ file: path.join(outDir, 'doccano.jsonl'), format: 'doccano', into, utf16 });
        const before = load(corpus);
        const after = load(into);
        assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
        for (const [doc, original] of before) {
          const back = after.get(doc) as AnnotatedDocument;
          assert.equal(back.text, original.text, `${doc}: the same text`);
          assert.deepEqual(spanKeys(allSpans(back)), spanKeys(allSpans(original)), doc);
        }
      }
    });
  }

  test(`CoNLL round trip on the ${name}: the outermost entities, with proclitics split`, async (t) => {
    const dir = tempDir(t);
    const corpus = make(path.join(dir, 'corpus'));
    const outDir = path.join(dir, 'out');
    await exportCorpus({ paths: [corpus], format: 'conll', outDir, splitProclitics: true });
    const into = textsOnly(corpus, path.join(dir, 'imported'));
    const before = load(corpus);
    for (const doc of before.keys()) {
      await importFile({ file: path.join(outDir, ...`${doc}.conll`.split('/')), format: 'conll', into: path.dirname(path.join(into, ...`${doc}.txt`.split('/'))) });
    }
    const after = load(into);
    let imported = 0;
    for (const [doc, original] of before) {
      const back = after.get(doc) as AnnotatedDocument;
      imported += back.entities.length;
      assert.deepEqual(spanKeys(back.entities), spanKeys(outermost(original.entities)), doc);
    }
    assert.ok(imported > 0);
  });
}

test('a CoNLL file imports without its text, which is rebuilt from the tokens', async (t) => {
  const dir = tempDir(t);
  const corpus = trickyCorpus(path.join(dir, 'corpus'));
  const outDir = path.join(dir, 'out');
  await exportCorpus({ paths: [path.join(corpus, 'tricky.txt')], format: 'conll', outDir, splitProclitics: true });
  const into = path.join(dir, 'imported');
  await importFile({ file: path.join(outDir, 'tricky.conll'), format: 'conll', into });
  const back = load(into).get('tricky') as AnnotatedDocument;
  const original = load(corpus).get('tricky') as AnnotatedDocument;
  assert.deepEqual(
    back.entities.map((e) => `${e.label} ${e.text}`),
    outermost(original.entities).map((e) => `${e.label} ${e.text}`),
  );
  assert.equal(back.text.split('\n').length - 1, 2, 'one line per sentence');
});
