// Imports that do not fit their text are refused with the file and line, and
// nothing is imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8, FormatError } from '../../server/src/interchange/formatError';
import { importFile } from '../../server/src/node/importFile';
import { parseBrat } from '../../server/src/annotations/brat';
import { tempDir, writeCorpus } from '../interchange/formatFixtures';
import { inEnglish } from '../../server/src/messages/reason';

const TEXT = 'وقعت المنظمة الدولية للهجرة اتفاقية في بغداد.';

async function refused(promise: Promise<unknown>, file: string, line: number | undefined, reason: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof FormatError, String(err));
    assert.equal(path.resolve(err.file), path.resolve(file));
    assert.equal(err.line, line);
    assert.match(inEnglish(err.reason), reason);
    return true;
  });
}

const filesUnder = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).sort() : []);

test('a JSONL line whose offsets run past the text is refused with its line, and no document is imported', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'batch.jsonl');
  fs.writeFileSync(
    file,
    [
      JSON.stringify({ document: 'good', text: TEXT, label: [[5, 27, 'Organization']] }),
      JSON.stringify({ document: 'bad', text: 'قصير', label: [[0, 10, 'Location']] }),
    ].join('\n') + '\n',
  );
  const into = path.join(dir, 'corpus');
  await refused(importFile({ file, format: 'doccano', into }), file, 2, /\[0,10,"Location"\]: the span runs past the end of the text \(4 code points\)/);
  assert.deepEqual(filesUnder(into), []);
});

test('doccano records are checked: JSON, text, labels, offsets inside characters, names inside the corpus', async (t) => {
  const dir = tempDir(t);
  const into = path.join(dir, 'corpus');
  const cases: [string, RegExp, boolean?][] = [
    ['{"text": "x", ', /not a JSON object/],
    ['[1, 2]', /not a JSON object/],
    ['{"label": []}', /no "text" string/],
    [JSON.stringify({ text: TEXT, label: [[3, 1, 'Organization']] }), /ends after it starts/],
    [JSON.stringify({ text: TEXT, label: [[0, 1.5, 'Organization']] }), /whole numbers/],
    [JSON.stringify({ text: TEXT, label: [[0, 4, 'Two words']] }), /label must be a name/],
    [JSON.stringify({ text: TEXT, label: [[0, 4]] }), /\[start, end, "Label"\]/],
    [JSON.stringify({ document: '../escape', text: TEXT, label: [] }), /not a relative file name inside the corpus/],
    [JSON.stringify({ text: '😀 بغداد', label: [[1, 7, 'Location']] }), /inside a character/, true],
  ];
  for (const [line, reason, utf16] of cases) {
    const file = path.join(dir, 'one.jsonl');
    fs.writeFileSync(file, `\n${line}\n`);
    await refused(importFile({ file, format: 'doccano', into, utf16 }), file, 2, reason);
  }
  assert.deepEqual(filesUnder(into), []);
});

test('the newer doccano shape with "entities" objects imports too', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'new.jsonl');
  fs.writeFileSync(file, JSON.stringify({ id: 7, text: TEXT, entities: [{ id: 1, start_offset: 39, end_offset: 44, label: 'Location' }] }) + '\n');
  const into = path.join(dir, 'corpus');
  const result = await importFile({ file, format: 'doccano', into });
  assert.deepEqual(result.documents, ['new-7']);
  assert.equal(fs.readFileSync(path.join(into, 'new-7.ann'), 'utf8'), 'T1\tLocation 39 44\tبغداد\n');
});

test('a CoNLL file whose tokens do not match the text is refused at the token, importing nothing', async (t) => {
  const dir = tempDir(t);
  const into = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: TEXT }]);
  const file = path.join(dir, 'doc.conll');
  fs.writeFileSync(file, 'وقعت O\nالمنظمة B-Organization\nالدولية I-Organization\nللهجره I-Organization\n');
  await refused(importFile({ file, format: 'conll', into }), file, 4, /token "للهجره" does not match the text .* at code point 21, which reads "للهجرة/);
  assert.deepEqual(filesUnder(into), ['doc.txt']);
  fs.writeFileSync(file, 'وقعت O\nالمنظمة B-Organization\n');
  await refused(importFile({ file, format: 'conll', into }), file, 2, /the tokens end at code point 12 but the text .* goes on: "الدولية/);
  fs.writeFileSync(file, 'وقعت O\nالمنظمة\n');
  await refused(importFile({ file, format: 'conll', into }), file, 2, /expected "token TAG"/);
  assert.deepEqual(filesUnder(into), ['doc.txt']);
});

test('CoNLL IOBES and IOB2 tags, sentence breaks closing spans', async (t) => {
  const dir = tempDir(t);
  const text = 'المنظمة الدولية في بغداد\nالعراق بغداد';
  const into = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text }]);
  const file = path.join(dir, 'doc.conll');
  fs.writeFileSync(file, 'المنظمة B-Organization\nالدولية E-Organization\nفي O\nبغداد S-Location\n\nالعراق I-Location\nبغداد B-Location\n');
  await importFile({ file, format: 'conll', into });
  const ann = parseBrat(fs.readFileSync(path.join(into, 'doc.ann'), 'utf8'), { text });
  assert.deepEqual(ann.errors, []);
  assert.deepEqual(
    ann.items.map((i) => (i.kind === 'textBound' ? `${i.label} ${i.text}` : '')),
    ['Organization المنظمة الدولية', 'Location بغداد', 'Location العراق', 'Location بغداد'],
  );
});

test('a file that is not UTF-8 is refused with the line of the first bad byte', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'latin1.jsonl');
  const good = Buffer.from(JSON.stringify({ text: 'بغداد', label: [] }) + '\n', 'utf8');
  fs.writeFileSync(file, Buffer.concat([good, good, Buffer.from('{"text": "caf\xe9"}\n', 'latin1')]));
  const into = path.join(dir, 'corpus');
  await refused(importFile({ file, format: 'doccano', into }), file, 3, /not valid UTF-8 \(bytes e9 22 7d 0a at byte offset \d+\)/);
  assert.deepEqual(filesUnder(into), []);
  // A multi-byte character cut at the end of a line is found on that line too.
  assert.throws(() => decodeUtf8(Buffer.from([0x61, 0x0a, 0xd8, 0x0a]), 'x'), (err: FormatError) => err.line === 2);
  assert.equal(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'x'), '\uFEFFa', 'a byte-order mark is kept, as brat counts it');
});

test('brat import refuses a .ann that does not fit its text, and one that would overwrite annotations', async (t) => {
  const dir = tempDir(t);
  const source = writeCorpus(path.join(dir, 'source'), [
    { name: 'doc', text: TEXT, ann: 'T1\tOrganization 5 27\tالمنظمة الدولية للهجرة\nT2\tLocation 39 45\tبغداد\n' },
  ]);
  const into = path.join(dir, 'corpus');
  await refused(importFile({ file: path.join(source, 'doc.ann'), format: 'brat', into }), path.join(source, 'doc.ann'), 2, /T2: the text at 39 45 is "بغداد\." but the line records "بغداد"/);
  assert.deepEqual(filesUnder(into), []);

  fs.writeFileSync(path.join(source, 'doc.ann'), 'T1\tOrganization 5 27\tالمنظمة الدولية للهجرة\n');
  writeCorpus(into, [{ name: 'doc', text: TEXT, ann: 'T1\tLocation 39 44\tبغداد\n' }]);
  await refused(importFile({ file: path.join(source, 'doc.ann'), format: 'brat', into }), path.join(source, 'doc.ann'), undefined, /already has annotations; import with --replace/);
  // The file refused is named apart from the words, so that an editor in any language can offer to replace it.
  await assert.rejects(importFile({ file: path.join(source, 'doc.ann'), format: 'brat', into }), (err: unknown) => err instanceof FormatError && err.refusedToOverwrite === path.join(into, 'doc.ann'));
  assert.equal(fs.readFileSync(path.join(into, 'doc.ann'), 'utf8'), 'T1\tLocation 39 44\tبغداد\n');
  await importFile({ file: path.join(source, 'doc.ann'), format: 'brat', into, replace: true });
  assert.equal(fs.readFileSync(path.join(into, 'doc.ann'), 'utf8'), 'T1\tOrganization 5 27\tالمنظمة الدولية للهجرة\n');
});

test('an import whose text differs from the corpus text of the same name is refused', async (t) => {
  const dir = tempDir(t);
  const into = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: TEXT + ' نص آخر' }]);
  const file = path.join(dir, 'in.jsonl');
  fs.writeFileSync(file, JSON.stringify({ document: 'doc', text: TEXT, label: [] }) + '\n');
  await refused(importFile({ file, format: 'doccano', into }), file, 1, /doc: its text differs from/);
  assert.deepEqual(filesUnder(into), ['doc.txt']);
});

test('cancelling an import writes nothing', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'in.jsonl');
  fs.writeFileSync(file, [1, 2, 3].map((n) => JSON.stringify({ document: `d${n}`, text: TEXT, label: [] })).join('\n'));
  const into = path.join(dir, 'corpus');
  let polls = 0;
  await assert.rejects(importFile({ file, format: 'doccano', into, isCancelled: () => ++polls > 2 }), /cancelled/);
  assert.deepEqual(filesUnder(into), []);
});

test('an import into a corpus without annotation.conf writes one declaring what it imported; an existing one is left alone', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'people.jsonl');
  fs.writeFileSync(file, JSON.stringify({ id: 1, text: TEXT, label: [[5, 27, 'Organization'], [39, 44, 'GPE']] }) + '\n');
  const into = path.join(dir, 'corpus');
  await importFile({ file, format: 'doccano', into });
  const conf = fs.readFileSync(path.join(into, 'annotation.conf'), 'utf8');
  const entities = conf.split('[entities]')[1].split('[relations]')[0].split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(entities.includes('Organization') && entities.includes('GPE'), `declared: ${entities.join(', ')}`);
  // A conf the corpus already has is its schema: a second import does not touch it.
  fs.writeFileSync(path.join(into, 'annotation.conf'), '[entities]\nOrganization\nGPE\n');
  fs.writeFileSync(file, JSON.stringify({ id: 2, text: TEXT, label: [[39, 44, 'GPE']] }) + '\n');
  await importFile({ file, format: 'doccano', into });
  assert.equal(fs.readFileSync(path.join(into, 'annotation.conf'), 'utf8'), '[entities]\nOrganization\nGPE\n');
  assert.deepEqual(filesUnder(into), ['annotation.conf', 'people-1.ann', 'people-1.txt', 'people-2.ann', 'people-2.txt']);
});
