// Each export format checked against what its consumers expect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import schemaData from '../../server/data/schema.json';
import { bratItemsOfKind, parseBrat, validateBratText } from '../../server/src/annotations/brat';
import { readConll } from '../../server/src/interchange/conll';
import { exportCorpus } from '../../server/src/node/exportCorpus';
import type { ExportFormat } from '../../server/src/interchange/formats';
import { exportTokens, labelTokens } from '../../server/src/interchange/tokens';
import { guardFormula } from '../../server/src/interchange/csv';
import { CancelledError } from '../../server/src/interchange/runControl';
import { FormatError } from '../../server/src/interchange/formatError';
import { analyzeText } from '../../server/src/analysis/analyze';
import { getDefaultLexicon, parseLexiconFile } from '../../server/src/analysis/lexicon';
import { parseAnnotationConf } from '../../server/src/annotations/conf';
import { mergeView } from '../../server/src/annotations/view';
import {
  bratView,
  sampleCorpus,
  spanOf,
  tempDir,
  tLine,
  TRICKY_TEXT,
  trickyCorpus,
  writeCorpus,
  DIACRITICS_TEXT,
  storedSampleCorpus,
} from './formatFixtures';
import { inEnglish } from '../../server/src/messages/reason';

const WS = /[\s\x1c-\x1f\x85]/gu;
const HAS_WS = /[\s\x1c-\x1f\x85]/u;

async function exportTo(dir: string, corpus: string, format: ExportFormat, extra: Partial<Parameters<typeof exportCorpus>[0]> = {}) {
  const outDir = path.join(dir, `out-${format}`);
  const result = await exportCorpus({ paths: [corpus], format, outDir, ...extra });
  return { outDir, result };
}

// ---- tokens -----------------------------------------------------------------

test('tokens concatenate back to the text modulo white space, each token being the text at its offsets', () => {
  const texts = [
    TRICKY_TEXT,
    DIACRITICS_TEXT,
    ...fs.readdirSync(path.resolve(__dirname, '..', '..', '..', 'samples')).map((f) =>
      fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'samples', f), 'utf8'),
    ),
    'e\u0301te \u200fكلمة\u200f (IOM)، «نص» ... ١٢٫٥',
  ];
  for (const text of texts) {
    for (const splitProclitics of [false, true]) {
      const tokens = exportTokens(text, { splitProclitics });
      assert.equal(tokens.map((t) => t.text).join(''), text.replace(WS, ''));
      for (const t of tokens) {
        assert.equal(t.text, text.slice(t.start, t.end));
        assert.doesNotMatch(t.text, HAS_WS, `no white space inside "${t.text}"`);
      }
    }
  }
});

test('a word keeps its diacritics and tatweel, an emoji sequence and an accented letter stay whole', () => {
  const texts = exportTokens('منع التطرّف والإرهـــاب 👨‍👩‍👧 e\u0301te.').map((t) => t.text);
  assert.deepEqual(texts, ['منع', 'التطرّف', 'والإرهـــاب', '👨‍👩‍👧', 'e\u0301te', '.']);
});

test('proclitics split off where the rest is a word, and ل fused with the article stays', () => {
  const texts = exportTokens('والحكومة العراقية بالعراق وللإرهاب للإرهاب ببغداد وزارة', { splitProclitics: true }).map((t) => t.text);
  assert.deepEqual(texts, ['و', 'الحكومة', 'العراقية', 'ب', 'العراق', 'و', 'للإرهاب', 'للإرهاب', 'ب', 'بغداد', 'وزارة']);
  assert.equal(exportTokens('والحكومة').length, 1, 'without the option a token keeps its proclitics');
});

test('a sentence-ending mark belongs to its sentence, what follows white space to the next', () => {
  const tokens = exportTokens('جملة أولى. «جملة ثانية»\nثالثة');
  assert.deepEqual(
    tokens.map((t) => `${t.text}:${t.sentence}`),
    ['جملة:0', 'أولى:0', '.:0', '«:1', 'جملة:1', 'ثانية:1', '»:1', 'ثالثة:2'],
  );
});

test('labelTokens keeps the outermost span and reports the nested one and misaligned boundaries', () => {
  const text = 'الاستراتيجية الوطنية لمكافحة الإرهاب بالعراق';
  const tokens = exportTokens(text);
  const outer = { label: 'Instrument', ...spanOf(text, 'الاستراتيجية الوطنية لمكافحة الإرهاب') };
  const inner = { label: 'Threat', ...spanOf(text, 'الإرهاب') };
  const iraq = { label: 'Location', ...spanOf(text, 'العراق') };
  const { spanOf: owner, dropped, misaligned } = labelTokens(text, tokens, [inner, outer, iraq]);
  assert.deepEqual(owner, [1, 1, 1, 1, 2]);
  assert.equal(dropped.length, 1);
  assert.equal(dropped[0].span, inner);
  assert.deepEqual(misaligned, [iraq], 'بالعراق is one token without --split-proclitics');
});

// ---- brat -------------------------------------------------------------------

const STORED_TEXT = 'وقعت المنظمة الدولية للهجرة اتفاقية تعاون مع مكتب مستشار الأمن القومي في بغداد.';
const STORED_ANN = [
  tLine('T1', 'Organization', STORED_TEXT, 'المنظمة الدولية للهجرة'),
  tLine('T2', 'Organization', STORED_TEXT, 'مكتب مستشار الأمن القومي'),
  tLine('T3', 'Location', STORED_TEXT, 'بغداد'),
  tLine('T4', 'Commitment', STORED_TEXT, 'وقعت المنظمة الدولية للهجرة اتفاقية تعاون مع مكتب مستشار الأمن القومي'),
  'E1\tCommitment:T4 Actor:T1 Actor2:T3',
  'A1\tStrength E1 binding',
  'A2\tReview T1 accepted',
  'A3\tReview T3 rejected',
  '#1\tDecision T3\tby=reviewer; at=2024-01-01T00:00:00Z',
  'N1\tReference T3 Iltizam:loc.iq.baghdad\tBaghdad',
  'R1\tPartOf Arg1:T2 Arg2:T3',
  'A4\tReview T2 manual',
].join('\n') + '\n';

test('brat export leaves out rejected suggestions and every line about them, and keeps the rest', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: STORED_TEXT, ann: STORED_ANN }]);
  const { outDir } = await exportTo(dir, corpus, 'brat');
  assert.deepEqual(fs.readdirSync(outDir).sort(), ['annotation.conf', 'doc.ann', 'doc.txt']);
  assert.equal(fs.readFileSync(path.join(outDir, 'doc.txt'), 'utf8'), STORED_TEXT);
  const ann = fs.readFileSync(path.join(outDir, 'doc.ann'), 'utf8');
  assert.doesNotMatch(ann, /T3|بغداد|reviewer|Iltizam:loc|PartOf/);
  const doc = parseBrat(ann, { text: STORED_TEXT });
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(bratItemsOfKind(doc, 'textBound').map((x) => x.id), ['T1', 'T2', 'T4']);
  assert.deepEqual(bratItemsOfKind(doc, 'event')[0].args, [{ role: 'Actor', target: 'T1' }]);
  assert.match(ann, /^A1\tStrength E1 binding$/m);
});

test('brat export adds suggestions only when asked, marked as suggested, never re-suggesting a rejected one', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: STORED_TEXT, ann: STORED_ANN }]);
  const plain = fs.readFileSync(path.join((await exportTo(dir, corpus, 'brat')).outDir, 'doc.ann'), 'utf8');
  assert.doesNotMatch(plain, /suggested/);
  const outDir = path.join(dir, 'with-suggestions');
  await exportCorpus({ paths: [corpus], format: 'brat', outDir, suggestions: true });
  const ann = fs.readFileSync(path.join(outDir, 'doc.ann'), 'utf8');
  const doc = parseBrat(ann, { text: STORED_TEXT });
  assert.deepEqual(doc.errors, []);
  const suggested = new Set(bratItemsOfKind(doc, 'attribute').filter((a) => a.name === 'Review' && a.value === 'suggested').map((a) => a.target));
  const suggestedSpans = bratItemsOfKind(doc, 'textBound').filter((x) => suggested.has(x.id));
  assert.ok(suggestedSpans.length > 0, 'the analyser finds something the file does not have');
  assert.ok(!bratItemsOfKind(doc, 'textBound').some((x) => x.text === 'بغداد'), 'بغداد was rejected: it stays out');
  assert.match(fs.readFileSync(path.join(outDir, 'annotation.conf'), 'utf8'), /^Review\tArg:<ENTITY>\|<EVENT>, Value:.*suggested/m);
});

test('annotation.conf declares every label of the schema and what the files use', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: STORED_TEXT, ann: STORED_ANN }]);
  const conf = fs.readFileSync(path.join((await exportTo(dir, corpus, 'brat')).outDir, 'annotation.conf'), 'utf8');
  const sections = [...conf.matchAll(/^\[(\w+)\]$/gm)].map((m) => m[1]);
  assert.deepEqual(sections, ['entities', 'relations', 'events', 'attributes']);
  const entities = conf.split('[entities]')[1].split('[relations]')[0];
  for (const label of schemaData.entityLabels) assert.match(entities, new RegExp(`^${label.name}$`, 'm'));
  assert.match(conf, /^Commitment\tActor\*:[\w|]+, Principle\*:Principle$/m);
  assert.match(conf, new RegExp(`^Strength\\tArg:Commitment, Value:${schemaData.strengths.join('\\|')}$`, 'm'));
});

test('every exported .ann line follows brat grammar and fits its text, on the samples and tricky texts', async (t) => {
  const dir = tempDir(t);
  for (const corpus of [sampleCorpus(path.join(dir, 'samples')), trickyCorpus(path.join(dir, 'tricky'))]) {
    const outDir = path.join(dir, `out-${path.basename(corpus)}`);
    await exportCorpus({ paths: [corpus], format: 'brat', outDir, suggestions: true });
    const anns = fs.readdirSync(outDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ann'));
    assert.ok(anns.length >= 2);
    for (const f of anns) {
      const text = bratView(fs.readFileSync(path.join(outDir, f.replace(/\.ann$/, '.txt')), 'utf8'));
      const doc = parseBrat(fs.readFileSync(path.join(outDir, f), 'utf8'));
      assert.deepEqual(doc.errors, [], f);
      assert.deepEqual(validateBratText(doc, text), [], f);
      assert.equal(bratItemsOfKind(doc, 'verbatim').filter((v) => v.raw.trim()).length, 0, f);
    }
  }
});

test('the annotation store\'s own files export with their review statuses, rejected suggestions left out', async (t) => {
  const dir = tempDir(t);
  const corpus = storedSampleCorpus(path.join(dir, 'corpus'));
  const stored = parseBrat(fs.readFileSync(path.join(corpus, 'iom-onsa-agreement.ann'), 'utf8'));
  const reviews = bratItemsOfKind(stored, 'attribute').filter((a) => a.name === 'Review');
  const rejected = reviews.filter((a) => a.value === 'rejected').map((a) => a.target);
  const { outDir } = await exportTo(dir, corpus, 'json');
  const record = JSON.parse(fs.readFileSync(path.join(outDir, 'iltizam.jsonl'), 'utf8').split('\n')[0]);
  const exported = [...record.entities, ...record.commitments];
  const statusOf = new Map(exported.map((a: { id: string; status: string }) => [a.id, a.status]));
  for (const a of reviews.filter((r) => r.target.startsWith('T'))) {
    assert.equal(statusOf.get(a.target), a.value === 'rejected' ? undefined : a.value, a.target);
  }
  for (const id of rejected) assert.ok(!exported.some((a: { actors?: string[] }) => a.actors?.includes(id)), `${id} is no one's actor`);
});

// ---- the corpus's own schema and lexicon ------------------------------------

/** A corpus schema that declares everything the stored export of STORED_ANN uses, with CRLF line breaks and a comment. */
const CORPUS_CONF = [
  '# the schema of our corpus',
  '[entities]',
  'Organization',
  'Location',
  '',
  '[relations]',
  'PartOf\tArg1:Organization, Arg2:Location',
  '',
  '[events]',
  'Commitment\tActor*:Organization|Location',
  '',
  '[attributes]',
  'Strength\tArg:Commitment, Value:binding|intent',
  'Review\tArg:<ENTITY>|Commitment, Value:accepted|manual|rejected',
  '',
].join('\r\n');

/** What an exported brat collection uses that its annotation.conf does not declare (types, roles, attributes, values). */
function undeclared(outDir: string): string[] {
  const schema = parseAnnotationConf(fs.readFileSync(path.join(outDir, 'annotation.conf'), 'utf8'));
  const missing: string[] = [];
  for (const f of fs.readdirSync(outDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ann'))) {
    const doc = parseBrat(fs.readFileSync(path.join(outDir, f), 'utf8'));
    const events = bratItemsOfKind(doc, 'event');
    const triggers = new Set(events.map((e) => e.trigger));
    for (const x of bratItemsOfKind(doc, 'textBound')) if (!triggers.has(x.id) && !schema.entityLabels.includes(x.label)) missing.push(`entity ${x.label}`);
    for (const e of events) {
      const declared = schema.events.find((d) => d.type === e.type);
      if (!declared) missing.push(`event ${e.type}`);
      for (const a of e.args) if (declared && !declared.args.some((d) => d.role === a.role.replace(/\d+$/, ''))) missing.push(`role ${e.type} ${a.role}`);
    }
    for (const r of bratItemsOfKind(doc, 'relation')) if (!schema.relations.includes(r.type)) missing.push(`relation ${r.type}`);
    for (const a of bratItemsOfKind(doc, 'attribute')) {
      const declared = schema.attributes.find((d) => d.name === a.name);
      if (!declared) missing.push(`attribute ${a.name}`);
      else if (a.value !== undefined && !declared.values?.includes(a.value)) missing.push(`value ${a.name} ${a.value}`);
    }
  }
  return missing;
}

test("brat export writes the corpus's own annotation.conf as it is, found upwards from the texts as brat finds it", async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'ws', 'corpus'), [{ name: 'part/doc', text: STORED_TEXT, ann: STORED_ANN }]);
  fs.writeFileSync(path.join(dir, 'ws', 'annotation.conf'), CORPUS_CONF);
  const { outDir, result } = await exportTo(dir, corpus, 'brat');
  assert.equal(fs.readFileSync(path.join(outDir, 'annotation.conf'), 'utf8'), CORPUS_CONF, 'byte for byte: nothing added, not even the default labels');
  assert.equal(result.annotationConf, path.join(dir, 'ws', 'annotation.conf'));
  assert.deepEqual(undeclared(outDir), []);
  // In the editor, the workspace folder bounds the search: a conf above it is not the corpus's.
  const bounded = await exportCorpus({ paths: [corpus], format: 'brat', outDir: path.join(dir, 'bounded'), roots: [corpus] });
  assert.equal(bounded.annotationConf, undefined);
  assert.match(fs.readFileSync(path.join(dir, 'bounded', 'annotation.conf'), 'utf8'), /default schema/);
});

test("a corpus annotation.conf gets what the exported files use and it lacks, and none of the default schema's labels", async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: STORED_TEXT, ann: STORED_ANN + tLine('T9', 'Place', STORED_TEXT, 'بغداد') + '\n' }]);
  const conf = '[entities]\nOrganization\nInstrument\n\n[relations]\n\n[attributes]\nReview\tArg:<ENTITY>, Value:accepted\n';
  fs.writeFileSync(path.join(corpus, 'annotation.conf'), conf);
  for (const suggestions of [false, true]) {
    const outDir = path.join(dir, `out-${suggestions}`);
    await exportCorpus({ paths: [corpus], format: 'brat', outDir, suggestions });
    const written = fs.readFileSync(path.join(outDir, 'annotation.conf'), 'utf8');
    assert.deepEqual(undeclared(outDir), [], `suggestions: ${suggestions}`);
    assert.match(written, /^\[entities\]\nOrganization\nInstrument\n# Declared by the Iltizam export[^\n]*\nPlace\n\n\[relations\]/, 'the corpus schema as written, then what it lacks');
    assert.match(written, suggestions ? /^Review\tArg:<ENTITY>, Value:accepted\|manual\|suggested$/m : /^Review\tArg:<ENTITY>, Value:accepted\|manual$/m, 'a missing value goes on its line');
    assert.match(written, /^\[events\]\n\n# Declared by the Iltizam export[^\n]*\nCommitment\tActor\*:Organization$/m, 'a missing section is added');
    assert.match(written, /^Strength\tArg:Commitment, Value:binding$/m);
    for (const label of ['Person', 'Date', 'Threat', 'Location', 'Principle']) assert.doesNotMatch(written, new RegExp(`^${label}$`, 'm'), label);
    const labels = new Set(bratItemsOfKind(parseBrat(fs.readFileSync(path.join(outDir, 'doc.ann'), 'utf8')), 'textBound').map((x) => x.label));
    assert.deepEqual([...labels].sort(), suggestions ? ['Commitment', 'Instrument', 'Organization', 'Place'] : ['Commitment', 'Organization', 'Place'], 'suggestions only of the schema\'s labels');
  }
});

test('documents of two schemas are not one brat collection: the error names both', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [
    { name: 'a/one', text: STORED_TEXT },
    { name: 'b/two', text: STORED_TEXT },
  ]);
  const confA = path.join(corpus, 'a', 'annotation.conf');
  const confB = path.join(corpus, 'b', 'annotation.conf');
  fs.writeFileSync(confA, '[entities]\nOrganization\n');
  const outDir = path.join(dir, 'out');
  await assert.rejects(exportCorpus({ paths: [corpus], format: 'brat', outDir }), (err: Error) => {
    assert.ok(err instanceof FormatError);
    assert.equal(err.file, confA);
    assert.match(err.message, /two\.txt has none \(the default schema\).*export the documents of each schema separately/);
    return true;
  });
  fs.writeFileSync(confB, '[entities]\nLocation\n');
  await assert.rejects(exportCorpus({ paths: [corpus], format: 'brat', outDir }), (err: Error) => {
    assert.ok(err.message.includes(confA) && err.message.includes(confB), err.message);
    return true;
  });
  assert.equal(fs.existsSync(outDir), false, 'nothing written');
  // Formats without a schema file export them together, each with its own schema's suggestions.
  const { outDir: jsonOut } = await exportTo(dir, corpus, 'json', { suggestions: true });
  const records = fs.readFileSync(path.join(jsonOut, 'iltizam.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(records.map((r) => [...new Set(r.entities.map((e: { label: string }) => e.label))]), [['Organization'], ['Location']]);
});

const LEXICON_TEXT = 'تلتزم جمعية الفرات بحماية البيئة في قرية العكيكة.';
const WORKSPACE_LEXICON = JSON.stringify({ entries: [{ id: 'loc.iq.akika', label: 'Location', ar: 'العكيكة', en: 'Al-Akika' }] }, null, 2);

test('suggestions are those the editor shows: the workspace lexicon, and only the labels of the schema', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'ws', 'corpus', 'part'), [{ name: 'doc', text: LEXICON_TEXT }]);
  fs.mkdirSync(path.join(dir, 'ws', '.iltizam'));
  const lexiconFile = path.join(dir, 'ws', '.iltizam', 'lexicon.json');
  fs.writeFileSync(lexiconFile, WORKSPACE_LEXICON);
  const suggested = async (extra: Partial<Parameters<typeof exportCorpus>[0]>, name: string) => {
    const outDir = path.join(dir, name);
    const result = await exportCorpus({ paths: [corpus], format: 'json', outDir, suggestions: true, ...extra });
    const record = JSON.parse(fs.readFileSync(path.join(outDir, 'iltizam.jsonl'), 'utf8'));
    return { record, result };
  };
  const found = await suggested({}, 'found');
  assert.deepEqual(found.result.lexiconFiles, [lexiconFile], 'the nearest .iltizam/lexicon.json above the corpus');
  const akika = found.record.entities.find((e: { text: string }) => e.text === 'العكيكة');
  assert.deepEqual([akika?.label, akika?.kb, akika?.name_en, akika?.status], ['Location', 'loc.iq.akika', 'Al-Akika', 'suggested']);
  assert.ok(found.record.commitments.length > 0);
  const none = await suggested({ lexiconFiles: [] }, 'none');
  // The sequence tagger may find the place without any lexicon; only the workspace lexicon links it to its entry.
  assert.ok(!none.record.entities.some((e: { kb: string | null }) => e.kb === 'loc.iq.akika'), 'the default lexicon alone does not know it');

  // A schema without Organization nor commitments: the editor shows neither, nor does the export.
  const confText = '[entities]\nLocation\nPrinciple\n[relations]\n[events]\n[attributes]\n';
  fs.writeFileSync(path.join(dir, 'ws', 'corpus', 'annotation.conf'), confText);
  const narrowed = await suggested({}, 'narrowed');
  const lexicon = getDefaultLexicon().withOverrides(parseLexiconFile(WORKSPACE_LEXICON).entries);
  const view = mergeView(analyzeText(LEXICON_TEXT, { lexicon }), [], parseAnnotationConf(confText));
  const shown = (list: { label?: string; text: string }[]) => list.map((e) => `${e.label ?? 'Commitment'} ${e.text}`);
  assert.deepEqual(shown(narrowed.record.entities), shown(view.entities));
  assert.deepEqual(shown(narrowed.record.entities), ['Location العكيكة']);
  assert.deepEqual(narrowed.record.commitments, []);
});

test('a workspace lexicon with a problem stops the export, naming the file and line', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: LEXICON_TEXT }]);
  fs.mkdirSync(path.join(corpus, '.iltizam'));
  const lexiconFile = path.join(corpus, '.iltizam', 'lexicon.json');
  fs.writeFileSync(lexiconFile, '{\n  "entries": [\n    { "id": "x.1", "label": "Place", "ar": "العكيكة" }\n  ]\n}\n');
  const outDir = path.join(dir, 'out');
  await assert.rejects(exportCorpus({ paths: [corpus], format: 'brat', outDir, suggestions: true }), (err: Error) => {
    assert.ok(err instanceof FormatError);
    assert.equal(err.file, lexiconFile);
    assert.equal(err.line, 3);
    assert.match(err.message, /lexicon\.json:3: workspace lexicon: Unknown label "Place"/);
    return true;
  });
  assert.equal(fs.existsSync(outDir), false);
  fs.writeFileSync(lexiconFile, '{ "entries": [\n\n  { "id": "x.1", "label": "Location" "ar": "العكيكة" }\n] }\n');
  await assert.rejects(exportCorpus({ paths: [corpus], format: 'json', outDir, suggestions: true }), /lexicon\.json:3: workspace lexicon: JSON syntax error/);
  // Without suggestions, the lexicon is not used and not read.
  await exportCorpus({ paths: [corpus], format: 'json', outDir });
});

// ---- doccano ----------------------------------------------------------------

test('doccano JSONL is one JSON object a line, offsets in code points unless UTF-16 is asked for', async (t) => {
  const dir = tempDir(t);
  const corpus = trickyCorpus(path.join(dir, 'corpus'));
  const read = async (utf16: boolean) => {
    const outDir = path.join(dir, `out-${utf16}`);
    await exportCorpus({ paths: [corpus], format: 'doccano', outDir, utf16 });
    const source = fs.readFileSync(path.join(outDir, 'doccano.jsonl'), 'utf8');
    assert.ok(source.endsWith('\n'));
    return source.slice(0, -1).split('\n').map((line) => JSON.parse(line));
  };
  const records = await read(false);
  assert.deepEqual(records.map((r) => r.document), ['sub/diacritics', 'tricky']);
  const tricky = records[1];
  assert.equal(tricky.text, bratView(TRICKY_TEXT));
  const iraq = spanOf(TRICKY_TEXT, 'العراق');
  assert.ok(tricky.label.some((l: unknown[]) => l[0] === iraq.start && l[1] === iraq.end && l[2] === 'Location'));
  assert.equal(tricky.suggestions, undefined);
  // Three astral characters (two emoji, one of them a sequence of three) lie before العراق.
  const utf16 = (await read(true))[1];
  const at = tricky.text.indexOf('العراق');
  assert.ok(utf16.label.some((l: unknown[]) => l[0] === at && l[1] === at + 6 && l[2] === 'Location'));
  assert.equal(at - iraq.start, 4, 'the 🤝 and the three people of 👨‍👩‍👧 take two UTF-16 units each');
});

test('doccano keeps suggestions apart from the annotations', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: STORED_TEXT, ann: STORED_ANN }]);
  const outDir = path.join(dir, 'out');
  await exportCorpus({ paths: [corpus], format: 'doccano', outDir, suggestions: true });
  const record = JSON.parse(fs.readFileSync(path.join(outDir, 'doccano.jsonl'), 'utf8'));
  assert.deepEqual(record.label.map((l: unknown[]) => l[2]).sort(), ['Commitment', 'Organization', 'Organization']);
  assert.ok(record.suggestions.length > 0);
});

// ---- CoNLL ------------------------------------------------------------------

test('CoNLL is one "token TAG" a line, sentences apart, valid IOB2, tokens concatenating to the text', async (t) => {
  const dir = tempDir(t);
  const corpus = sampleCorpus(path.join(dir, 'samples'));
  const { outDir } = await exportTo(dir, corpus, 'conll', { splitProclitics: true });
  const source = fs.readFileSync(path.join(outDir, 'iom-onsa-agreement.conll'), 'utf8');
  const text = fs.readFileSync(path.join(corpus, 'iom-onsa-agreement.txt'), 'utf8');
  const { tokens, problems } = readConll(source);
  assert.deepEqual(problems, []);
  assert.equal(tokens.map((x) => x.token).join(''), text.replace(WS, ''));
  for (const line of source.split('\n').slice(0, -1)) assert.match(line, /^$|^\S+ (O|[BI]-[A-Za-z]+)$/);
  assert.ok(source.includes('\n\n'), 'sentences are separated by a blank line');
  tokens.forEach((tok, i) => {
    if (tok.tag.startsWith('I-')) {
      const previous = tokens[i - 1];
      assert.ok(previous && previous.line === tok.line - 1 && previous.tag.slice(2) === tok.tag.slice(2), `line ${tok.line}: I- continues a span`);
    }
  });
  assert.match(source, /^المنظمة B-Organization\nالدولية I-Organization\nللهجرة I-Organization\n/);
});

// ---- CSV --------------------------------------------------------------------

/** An RFC 4180 reader, to read the table back as a spreadsheet would. */
function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && source[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  return rows;
}

test('the commitments CSV starts with a BOM, quotes per RFC 4180 and keeps Arabic intact', async (t) => {
  const dir = tempDir(t);
  const text = 'أكد الطرفان "التزامهما"، بحقوق الإنسان, والسلام.\n=تعهدت الحكومة بالسلام.';
  const ann = [
    tLine('T1', 'Commitment', text, 'أكد الطرفان "التزامهما"، بحقوق الإنسان, والسلام'),
    tLine('T2', 'Principle', text, 'حقوق الإنسان'),
    tLine('T3', 'Commitment', text, '=تعهدت الحكومة بالسلام'),
    tLine('T4', 'Organization', text, 'الحكومة'),
    'E1\tCommitment:T1 Principle:T2',
    'E2\tCommitment:T3 Actor:T4',
    'A1\tStrength E2 binding',
  ].join('\n') + '\n';
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text, ann }]);
  const { outDir } = await exportTo(dir, corpus, 'csv');
  const bytes = fs.readFileSync(path.join(outDir, 'commitments.csv'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString('utf8').slice(1));
  assert.deepEqual(rows[0], ['document', 'id', 'clause', 'actors', 'strength', 'principles', 'negated', 'start', 'end', 'status']);
  const first = spanOf(text, 'أكد الطرفان "التزامهما"، بحقوق الإنسان, والسلام');
  assert.deepEqual(rows[1], ['doc', 'T1', 'أكد الطرفان "التزامهما"، بحقوق الإنسان, والسلام', '', '', 'حقوق الإنسان', 'no', String(first.start), String(first.end), 'stored']);
  assert.equal(rows[2][2], "'=تعهدت الحكومة بالسلام", 'a cell starting with = is made text');
  assert.deepEqual(rows[2].slice(3, 5), ['الحكومة', 'binding']);
});

test('formula guard covers every character a spreadsheet starts a formula with', () => {
  for (const lead of ['=', '+', '-', '@', '\t', '\r']) assert.equal(guardFormula(`${lead}1+1`), `'${lead}1+1`);
  assert.equal(guardFormula('الحكومة = 1'), 'الحكومة = 1');
});

// ---- W3C Web Annotation -------------------------------------------------------

test('Web Annotation selectors quote the text and give code-point positions', async (t) => {
  const dir = tempDir(t);
  const corpus = trickyCorpus(path.join(dir, 'corpus'));
  const { outDir } = await exportTo(dir, corpus, 'webanno');
  const collection = JSON.parse(fs.readFileSync(path.join(outDir, 'tricky.jsonld'), 'utf8'));
  assert.equal(collection['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(collection.type, 'AnnotationCollection');
  const items = collection.first.items;
  assert.equal(items.length, collection.total);
  // One BOM rule for every export: the byte-order mark is character 0, as brat counts it.
  const codePoints = Array.from(bratView(TRICKY_TEXT));
  assert.match(collection.first.id, /^[a-z][a-z0-9+.-]*:/, 'the AnnotationPage has an id, an absolute IRI');
  assert.notEqual(collection.first.id, collection.id);
  // The text travels with the annotations: one Text node, its id the targets' source, its value the text as the selectors count it.
  assert.deepEqual(collection.sourceText, { id: pathToFileURL(path.join(corpus, 'tricky.txt')).href, type: 'Text', format: 'text/plain', language: 'ar', value: bratView(TRICKY_TEXT) });
  assert.equal(collection['@context'][1].sourceText, 'iltizam:sourceText');
  const sourceCodePoints = Array.from(collection.sourceText.value as string);
  for (const a of items) {
    const at = a.target.selector.find((s: { type: string }) => s.type === 'TextPositionSelector');
    assert.equal(sourceCodePoints.slice(at.start, at.end).join(''), a.target.selector[0].exact, 'the positions count in the embedded text');
  }
  for (const a of items) {
    assert.equal(a.type, 'Annotation');
    assert.equal(a.target.source, pathToFileURL(path.join(corpus, 'tricky.txt')).href, 'the source is the text\'s file URI');
    const quote = a.target.selector.find((s: { type: string }) => s.type === 'TextQuoteSelector');
    const position = a.target.selector.find((s: { type: string }) => s.type === 'TextPositionSelector');
    assert.equal(quote.exact, codePoints.slice(position.start, position.end).join(''));
    assert.equal(quote.prefix, codePoints.slice(Math.max(0, position.start - 32), position.start).join(''));
    assert.equal(quote.suffix, codePoints.slice(position.end, position.end + 32).join(''));
  }
  const iraq = items.find((a: { body: { value: string }[]; target: { selector: { exact?: string }[] } }) => a.body[0].value === 'Location' && a.target.selector[0].exact === 'العراق');
  assert.equal(iraq.target.selector[1].start, spanOf(TRICKY_TEXT, 'العراق').start, 'the same position as brat, which counts the mark');
  const commitment = items.find((a: { body: { value: string }[] }) => a.body[0].value === 'Commitment');
  assert.deepEqual(commitment.body[1], { type: 'TextualBody', purpose: 'classifying', value: 'binding' });
  assert.equal(commitment.actor.length, 1);
  assert.ok(items.some((a: { id: string }) => a.id === commitment.actor[0]), 'an actor links to its annotation');
});

// ---- the project's JSON -------------------------------------------------------

test('the JSON export has the analyze shape with review status', async (t) => {
  const dir = tempDir(t);
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text: STORED_TEXT, ann: STORED_ANN }]);
  const { outDir } = await exportTo(dir, corpus, 'json', { suggestions: true });
  const lines = fs.readFileSync(path.join(outDir, 'iltizam.jsonl'), 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1);
  const record = JSON.parse(lines[0]);
  assert.deepEqual(Object.keys(record), ['id', 'text', 'entities', 'commitments', 'events', 'relations']);
  assert.deepEqual(Object.keys(record.entities[0]), ['id', 'start', 'end', 'label', 'text', 'kb', 'name_en', 'source', 'status']);
  const iom = record.entities.find((e: { id: string }) => e.id === 'T1');
  assert.deepEqual([iom.status, iom.source], ['accepted', 'annotator']);
  assert.equal(record.entities.find((e: { id: string }) => e.id === 'T2').status, 'manual');
  assert.ok(!record.entities.some((e: { text: string }) => e.text === 'بغداد'), 'rejected stays out');
  assert.ok(record.entities.some((e: { status: string }) => e.status === 'suggested'));
  const stored = record.commitments.find((c: { id: string }) => c.id === 'T4');
  assert.deepEqual([stored.strength, stored.actors, stored.cue, stored.status], ['binding', ['T1'], null, 'stored']);
});

// ---- running from an editor ---------------------------------------------------

test('export reports progress per document, and cancelling it leaves nothing behind', async (t) => {
  const dir = tempDir(t);
  const corpus = trickyCorpus(path.join(dir, 'corpus'));
  const seen: string[] = [];
  await exportCorpus({ paths: [corpus], format: 'json', outDir: path.join(dir, 'done'), onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.document ?? ''}`.trim()) });
  assert.deepEqual(seen, ['0/2 sub/diacritics', '1/2 tricky', '2/2']);
  const outDir = path.join(dir, 'cancelled');
  let polls = 0;
  await assert.rejects(
    exportCorpus({ paths: [corpus], format: 'brat', outDir, isCancelled: () => ++polls > 1 }),
    (err: unknown) => err instanceof CancelledError,
  );
  assert.equal(fs.existsSync(outDir), false);
});

test('brat export of a .ann written when a CRLF counted as one: moved onto the offsets brat counts, every annotation kept', async (t) => {
  const dir = tempDir(t);
  const text = 'اتفاقية\r\nفي بغداد\r\nوالعراق\r\n';
  // The old counting (CRLF as one): بغداد at 11, العراق at 18.
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'old', text, ann: 'T1\tLocation 11 16\tبغداد\nT2\tLocation 18 24\tالعراق\n' }]);
  const { outDir } = await exportTo(dir, corpus, 'brat');
  const ann = fs.readFileSync(path.join(outDir, 'old.ann'), 'utf8');
  assert.match(ann, new RegExp(`^T1\\tLocation ${text.indexOf('بغداد')} ${text.indexOf('بغداد') + 5}\\tبغداد$`, 'm'));
  assert.match(ann, new RegExp(`^T2\\tLocation ${text.indexOf('العراق')} ${text.indexOf('العراق') + 6}\\tالعراق$`, 'm'));
  assert.deepEqual(validateBratText(parseBrat(ann), text), [], 'brat\'s own check: the text at the offsets is the recorded text');
});

test('brat export: a span over a line break is a discontinuous span whose fragment texts match (stored the old way or suggested)', async (t) => {
  const dir = tempDir(t);
  const text = 'تلتزم الدولة بحقوق\r\nالإنسان كاملة\u2028في بغداد\n';
  const start = text.indexOf('حقوق');
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'lines', text, ann: `T1\tPrinciple ${start} ${start + 13}\tحقوق الإنسان\n` }]);
  const { outDir } = await exportTo(dir, corpus, 'brat');
  const ann = fs.readFileSync(path.join(outDir, 'lines.ann'), 'utf8');
  assert.match(ann, new RegExp(`^T1\\tPrinciple ${start} ${start + 4};${start + 6} ${start + 13}\\tحقوق الإنسان$`, 'm'));
  assert.deepEqual(validateBratText(parseBrat(ann), text), [], 'brat\'s check: fragments joined by a space');
  for (const line of ann.split('\n')) assert.doesNotMatch(line, /[\r\u2028\u0085\f]/, 'no T line holds a character brat splits lines at');
});

test('brat\'s own relation lines (a trailing tab) are read, and the json export keeps events and relations', async (t) => {
  const dir = tempDir(t);
  const text = 'هاجم التنظيم مدينة بغداد.\n';
  const ann = [
    tLine('T1', 'Threat', text, 'هاجم'),
    tLine('T2', 'Organization', text, 'التنظيم'),
    tLine('T3', 'Location', text, 'بغداد'),
    'E1\tThreat:T1 Agent:T2 Place:T3\t',
    'R1\tPart-of Arg1:T3 Arg2:T2\t',
    '',
  ].join('\n');
  assert.deepEqual(parseBrat(ann).errors, [], 'brat writes an empty tail after a tab');
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'attack', text, ann }]);
  const { outDir } = await exportTo(dir, corpus, 'json');
  const record = JSON.parse(fs.readFileSync(path.join(outDir, 'iltizam.jsonl'), 'utf8').trim());
  assert.deepEqual(record.events, [{ id: 'E1', type: 'Threat', trigger: 'T1', args: [{ role: 'Agent', target: 'T2' }, { role: 'Place', target: 'T3' }] }]);
  assert.deepEqual(record.relations, [{ id: 'R1', type: 'Part-of', args: [{ role: 'Arg1', target: 'T3' }, { role: 'Arg2', target: 'T2' }] }]);
  const ids = new Set(record.entities.map((e: { id: string }) => e.id));
  for (const id of ['T1', 'T2', 'T3']) assert.ok(ids.has(id), `${id} is an entity the links point at`);
});

test('Web Annotation under a --base IRI: every target source is an absolute IRI under it', async (t) => {
  const dir = tempDir(t);
  const corpus = trickyCorpus(path.join(dir, 'corpus'));
  const { outDir } = await exportTo(dir, corpus, 'webanno', { baseIri: 'https://example.org/corpus' });
  const collection = JSON.parse(fs.readFileSync(path.join(outDir, 'tricky.jsonld'), 'utf8'));
  for (const a of collection.first.items) assert.equal(a.target.source, 'https://example.org/corpus/tricky.txt');
});

test('CSV: a clause over a line break is text[start:end], line break kept; the formula guard can be turned off', async (t) => {
  const dir = tempDir(t);
  const text = 'تلتزم الحكومة\r\nبحماية حقوق الإنسان.\n-تعهد الطرفان بالسلام.\n';
  const ann = [tLine('T1', 'Commitment', text, 'تلتزم الحكومة\r\nبحماية حقوق الإنسان').replace(/\t[^\t]*$/, '\tتلتزم الحكومة بحماية حقوق الإنسان'), tLine('T2', 'Commitment', text, '-تعهد الطرفان بالسلام'), ''].join('\n');
  const corpus = writeCorpus(path.join(dir, 'corpus'), [{ name: 'doc', text, ann }]);
  const guarded = parseCsv(fs.readFileSync(path.join((await exportTo(dir, corpus, 'csv')).outDir, 'commitments.csv'), 'utf8').slice(1));
  const points = Array.from(text);
  const [start, end] = [Number(guarded[1][7]), Number(guarded[1][8])];
  assert.equal(guarded[1][2], points.slice(start, end).join(''), 'the clause is the text at its offsets');
  assert.match(guarded[1][2], /\r\n/);
  assert.equal(guarded[2][2], "'-تعهد الطرفان بالسلام", 'guarded by default');
  const out = path.join(dir, 'plain');
  await exportCorpus({ paths: [corpus], format: 'csv', outDir: out, noFormulaGuard: true });
  const plain = parseCsv(fs.readFileSync(path.join(out, 'commitments.csv'), 'utf8').slice(1));
  assert.equal(plain[2][2], '-تعهد الطرفان بالسلام', 'as it is without the guard');
});

test('doccano: the export says where overlapping spans will be dropped; --flat writes none, entities kept', async (t) => {
  const dir = tempDir(t);
  const corpus = storedSampleCorpus(path.join(dir, 'corpus'));
  const overlapping = (spans: [number, number, string][]) => spans.some((a, i) => spans.some((b, j) => i !== j && a[0] < b[1] && b[0] < a[1]));
  const full = await exportTo(dir, corpus, 'doccano');
  const records = fs.readFileSync(path.join(full.outDir, 'doccano.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const annotated = records.filter((r) => overlapping(r.label));
  assert.ok(annotated.length > 0, 'commitments overlap their entities');
  for (const r of annotated) assert.ok(full.result.warnings.some((w) => w.document === r.document && /doccano's default project/.test(inEnglish(w.message))), r.document);
  const flatDir = path.join(dir, 'flat');
  const flat = await exportCorpus({ paths: [corpus], format: 'doccano', outDir: flatDir, flat: true });
  assert.ok(!flat.warnings.some((w) => /doccano/.test(inEnglish(w.message))), 'no overlap warning for a flat export');
  const flatRecords = fs.readFileSync(path.join(flatDir, 'doccano.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const [i, r] of flatRecords.entries()) {
    assert.ok(!overlapping(r.label), `${r.document}: no overlapping spans`);
    const entities = records[i].label.filter((s: [number, number, string]) => s[2] !== 'Commitment');
    if (!overlapping(entities)) for (const e of entities) assert.ok(r.label.some((s: [number, number, string]) => s[0] === e[0] && s[1] === e[1] && s[2] === e[2]), 'every entity kept');
  }
});

test('CoNLL for doccano: --tab writes token<TAB>tag, and it reads back', async (t) => {
  const dir = tempDir(t);
  const corpus = storedSampleCorpus(path.join(dir, 'corpus'));
  const out = path.join(dir, 'tab');
  await exportCorpus({ paths: [corpus], format: 'conll', outDir: out, conllTab: true });
  const file = fs.readdirSync(out).find((f) => f.endsWith('.conll'))!;
  const content = fs.readFileSync(path.join(out, file), 'utf8');
  const lines = content.split('\n').filter((l) => l);
  for (const line of lines) assert.match(line, /^[^\t ]+\t(O|[BI]-\w+)$/, line);
  assert.ok(lines.some((l) => /\tB-/.test(l)));
  assert.equal(readConll(content).tokens.length, lines.length);
});
