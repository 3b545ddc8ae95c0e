// The server's services in-process, against an in-memory workspace (no disk,
// no child process): the stores and commands, the workspace index, the review
// statuses, and the whole server over an in-memory connection. The protocol
// tests (test/protocol) keep the real server over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisService } from '../../server/src/server/analysisService';
import { AnnotationStores } from '../../server/src/server/annotationStores';
import { executeStoreCommand } from '../../server/src/server/features/commands';
import { ReviewStatuses } from '../../server/src/server/reviewStatuses';
import { WorkspaceIndex } from '../../server/src/server/workspaceIndex';
import { learningCommands, lexiconCommands, storeCommands } from '../../server/src/protocol/commands';
import type { AnnotationsParams } from '../../server/src/protocol/messages';
import { poll, startInProcessServer } from './inProcess';
import { MemoryFiles } from './memoryFiles';

const samples = path.resolve(__dirname, '..', '..', '..', 'samples');
const sample = fs.readFileSync(path.join(samples, 'iom-onsa-agreement.txt'), 'utf8');
const other = fs.readFileSync(path.join(samples, 'ngo-pve-working-group.txt'), 'utf8');

function servicesOver(files: MemoryFiles, roots = ['/ws']): AnalysisService {
  const service = new AnalysisService(new AnnotationStores(() => roots, files), files);
  service.settings = { ...service.settings, annotator: 'tester' };
  return service;
}

test('accepting a suggestion writes the .ann, and the default annotation.conf beside it, into the workspace\'s files', () => {
  const files = new MemoryFiles({ '/ws/doc.txt': sample });
  const service = servicesOver(files);
  const doc = TextDocument.create('file:///ws/doc.txt', 'plaintext', 1, sample);
  const iom = service.viewOf(doc).entities.find((e) => e.text === 'المنظمة الدولية للهجرة' && e.status === 'suggested');
  assert.ok(iom, 'the organisation is suggested');
  let pushed = 0;
  const result: any = executeStoreCommand({ service, document: () => doc, changed: () => pushed++ }, storeCommands.accept, { uri: doc.uri, target: { id: iom.id, version: 1 } }, CancellationToken.None);
  assert.deepEqual(result.ids, ['T1']);
  assert.equal(pushed, 1, 'the document is pushed again after the decision');
  const ann = files.read('/ws/doc.ann') ?? '';
  assert.match(ann, /^T1\tOrganization 0 22\tالمنظمة الدولية للهجرة$/m);
  assert.match(ann, /^#1\tDecision T1\tby=tester; /m);
  assert.match(files.read('/ws/annotation.conf') ?? '', /^\[entities\]$/m);
  assert.equal(service.viewOf(doc).entities.find((e) => e.start === 0)?.status, 'accepted');
});

test('a store reads the .ann the workspace has, and a corpus\'s own annotation.conf limits the labels', () => {
  const files = new MemoryFiles({
    '/ws/c/doc.txt': sample,
    '/ws/c/doc.ann': 'T1\tOrganization 0 22\tالمنظمة الدولية للهجرة\nA1\tReview T1 accepted\n',
    '/ws/annotation.conf': '[entities]\nOrganization\n[relations]\n[events]\n[attributes]\nReview Arg:<ENTITY>, Value:manual|accepted|corrected|rejected\n',
  });
  const service = servicesOver(files);
  const view = service.viewOf(TextDocument.create('file:///ws/c/doc.txt', 'plaintext', 1, sample));
  assert.deepEqual(view.entities.filter((e) => e.status !== 'suggested').map((e) => [e.id, e.label, e.status]), [['T1', 'Organization', 'accepted']]);
  assert.deepEqual([...new Set(view.entities.map((e) => e.label))], ['Organization'], 'only the labels of the corpus\'s schema');
  assert.equal(view.commitments.length, 0, 'the schema has no commitments');
});

test('the workspace index over an in-memory corpus: Arabic texts with their .ann, not English ones nor tool folders', async () => {
  const files = new MemoryFiles({
    '/ws/a.txt': sample,
    '/ws/a.ann': 'T1\tOrganization 0 22\tالمنظمة الدولية للهجرة\nA1\tReview T1 accepted\n',
    '/ws/sub/b.txt': other,
    '/ws/en.txt': 'An English note about the project.',
    '/ws/node_modules/pkg/c.txt': sample,
    '/ws/.hidden/d.txt': sample,
  });
  const service = servicesOver(files);
  let changes = 0;
  const index = new WorkspaceIndex(service, () => undefined, () => changes++, files);
  const progress: number[] = [];
  await index.build(['/ws'], (p) => progress.push(p.done));
  assert.deepEqual(index.corpus.uris().sort(), ['file:///ws/a.txt', 'file:///ws/sub/b.txt']);
  assert.equal(progress.at(-1), 3, 'three texts walked (the English one is read, then left out)');
  const stored = index.corpus.entityGroups({ statuses: ['stored'] });
  assert.deepEqual(stored.map((g) => g.mentions.map((m) => m.uri)), [['file:///ws/a.txt']]);
  files.files.delete('/ws/sub/b.txt');
  index.fileChanged('file:///ws/sub/b.txt');
  assert.deepEqual(index.corpus.uris(), ['file:///ws/a.txt'], 'a text gone from the workspace leaves the index');
  assert.ok(changes > 0);
});

test('review statuses in memory: written to .iltizam/review.json; a broken file is reported, and never overwritten', () => {
  const files = new MemoryFiles({ '/ws/a.txt': sample, '/broken/a.txt': sample, '/broken/.iltizam/review.json': '{"version": 1, "documents": ' });
  const reviews = new ReviewStatuses(() => ['/ws', '/broken'], files);
  reviews.set('file:///ws/a.txt', 'reviewed', { by: 'tester', at: '2026-01-01T00:00:00Z' });
  assert.deepEqual(JSON.parse(files.read('/ws/.iltizam/review.json') ?? ''), { version: 1, documents: { 'a.txt': { status: 'reviewed', by: 'tester', at: '2026-01-01T00:00:00Z' } } });
  assert.equal(reviews.get('file:///ws/a.txt').status, 'reviewed');
  assert.deepEqual(reviews.errors().map((e) => e.file), ['/broken/.iltizam/review.json']);
  assert.throws(() => reviews.set('file:///broken/a.txt', 'reviewed', { by: 'tester', at: '2026-01-01T00:00:00Z' }), /review\.json/);
  assert.equal(files.read('/broken/.iltizam/review.json'), '{"version": 1, "documents": ');
});

test('the whole server in-process, over an in-memory connection and workspace: an open document is annotated, a decision lands in the workspace\'s files', async () => {
  const files = new MemoryFiles({ '/ws/doc.txt': sample });
  const server = await startInProcessServer(files, ['/ws'], () => ({ annotator: 'tester' }));
  const { client, ctx, pushes } = server;
  try {
    assert.equal((await server.indexed()).documents, 1, 'the in-memory corpus is indexed');
    assert.equal(ctx.service.settings.annotator, 'tester', 'the settings pulled from the client');
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/doc.txt', languageId: 'plaintext', version: 1, text: sample } });
    const first = await poll(() => pushes.find((p) => p.uri === 'file:///ws/doc.txt'));
    const iom = first.entities.find((e) => e.range.start.line === 0 && e.range.start.character === 0);
    assert.equal(iom?.status, 'suggested');
    await client.sendRequest('workspace/executeCommand', { command: storeCommands.accept, arguments: [{ uri: 'file:///ws/doc.txt', target: { id: iom!.id, version: 1 } }] });
    assert.match(files.read('/ws/doc.ann') ?? '', /^A1\tReview T1 accepted$/m);
    assert.match(files.read('/ws/doc.ann') ?? '', /by=tester/, 'the annotator of the pulled settings');
    await poll(() => pushes.find((p) => p.entities.some((e) => e.id === 'T1' && e.status === 'accepted')));
  } finally {
    await server.stop();
  }
});

test('Add to the workspace lexicon on a file that is not a lexicon: refused in the client\'s language, naming the file, which stays as it was', async () => {
  const broken = '{ "names": [] }';
  const files = new MemoryFiles({ '/ws/doc.txt': sample, '/ws/.iltizam/lexicon.json': broken });
  const server = await startInProcessServer(files, ['/ws'], () => ({ learning: { enabled: false } }), 'ar');
  const { client, pushes } = server;
  try {
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/doc.txt', languageId: 'plaintext', version: 1, text: sample } });
    const entity = (await poll(() => pushes.find((p) => p.uri === 'file:///ws/doc.txt' && p.entities.length))).entities[0];
    await assert.rejects(
      client.sendRequest('workspace/executeCommand', { command: lexiconCommands.add, arguments: [{ uri: 'file:///ws/doc.txt', target: { id: entity.id, version: 1 } }] }),
      (err: Error) => err.message.includes('/ws/.iltizam/lexicon.json ليس معجمًا'),
    );
    assert.equal(files.read('/ws/.iltizam/lexicon.json'), broken);
  } finally {
    await server.stop();
  }
});

test('settings are pulled per workspace folder (scopeUri): each folder\'s annotator and Arabic threshold apply to its documents', async () => {
  const files = new MemoryFiles({ '/a/doc.txt': sample, '/b/doc.txt': sample });
  const scoped: Record<string, object> = { 'file:///a': { annotator: 'alice' }, 'file:///b': { annotator: 'bob', arabicThreshold: 1 } };
  const server = await startInProcessServer(files, ['/a', '/b'], (scopeUri) => (scopeUri ? scoped[scopeUri] : { annotator: 'user' }));
  const { client, ctx, pushes } = server;
  try {
    assert.equal((await server.indexed()).documents, 1, 'b\'s threshold leaves its text out of the corpus');
    assert.equal(ctx.service.decision('file:///a/doc.txt').by, 'alice');
    assert.equal(ctx.service.decision('file:///b/doc.txt').by, 'bob');
    assert.equal(ctx.service.decision('untitled:Untitled-1').by, 'user');
    for (const uri of ['file:///a/doc.txt', 'file:///b/doc.txt']) {
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: sample } });
    }
    assert.ok((await poll(() => pushes.find((p) => p.uri === 'file:///a/doc.txt'))).entities.length > 0);
    assert.equal((await poll(() => pushes.find((p) => p.uri === 'file:///b/doc.txt'))).entities.length, 0, 'not annotated under b\'s threshold');
  } finally {
    await server.stop();
  }
});

test('a review.json that cannot be read is reported as an error on that file, and the report cleared once it reads again', async () => {
  const files = new MemoryFiles({ '/ws/doc.txt': sample, '/ws/.iltizam/review.json': '{"version": 1, "documents": ' });
  const server = await startInProcessServer(files, ['/ws'], () => ({}));
  const reviewUri = 'file:///ws/.iltizam/review.json';
  const reports: { uri: string; diagnostics: { message: string }[] }[] = [];
  server.client.onNotification('textDocument/publishDiagnostics', (p: any) => void (p.uri === reviewUri && reports.push(p)));
  try {
    await server.indexed();
    const report = await poll(() => reports.find((r) => r.diagnostics.length === 1));
    assert.match(report.diagnostics[0].message, /review statuses in this file cannot be read/);
    files.write('/ws/.iltizam/review.json', '{"version": 1, "documents": {}}');
    await server.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: reviewUri, type: 2 }] });
    await poll(() => (reports.at(-1)?.diagnostics.length === 0 ? true : undefined));
  } finally {
    await server.stop();
  }
});

test('a document longer than iltizam.tagger.maxDocumentLength is annotated without the tagger, and annotated with it again when the limit rises', () => {
  const text = 'وقال المتحدث باسم الشركة فريد الزعبي إن الوفد سيزور المدينة الأسبوع المقبل.\n';
  const files = new MemoryFiles({ '/ws/doc.txt': text });
  const service = servicesOver(files);
  const doc = TextDocument.create('file:///ws/doc.txt', 'plaintext', 1, text);
  const taggedNames = () => service.analysisOf(doc).entities.filter((e) => e.source === 'tagger').map((e) => e.text);
  assert.deepEqual(taggedNames(), ['فريد الزعبي'], 'the tagger finds the name the lexicon does not list');
  service.settings = { ...service.settings, taggerMaxLength: text.length - 1 };
  assert.deepEqual(taggedNames(), [], 'over the limit: the rules and the lexicon alone');
  service.settings = { ...service.settings, taggerMaxLength: text.length };
  assert.deepEqual(taggedNames(), ['فريد الزعبي']);
});

test('decisions teach the workspace\'s tagger: a name annotated in one document is suggested in another where the shipped model missed it; a reset restores the shipped suggestions', async () => {
  // Made-up names the shipped model does not know (as in test/cli/train.test.ts).
  const decided = 'استقبل زيدوني الكرماني وفدا من الخبراء في العاصمة. ووقعت هيئة برقان للتنمية اتفاقا مع الشركاء.';
  const unseen = 'واجتمع زيدوني الكرماني مع الوزراء. وأعلنت هيئة برقان للتنمية خطتها الجديدة.';
  const files = new MemoryFiles({ '/ws/decided.txt': decided, '/ws/unseen.txt': unseen });
  const server = await startInProcessServer(files, ['/ws'], () => ({ annotator: 'tester' }));
  const { client, pushes } = server;
  const logs: string[] = [];
  client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  const unseenUri = 'file:///ws/unseen.txt';
  const suggested = (p: AnnotationsParams) => p.entities.map((e) => `${e.label}:${unseen.slice(e.range.start.character, e.range.end.character)}`).sort();
  const latestUnseen = () => pushes.filter((p) => p.uri === unseenUri).at(-1);
  const adaptation = '/ws/.iltizam/tagger-adaptation.json';
  try {
    await server.indexed();
    for (const [uri, text] of [['file:///ws/decided.txt', decided], [unseenUri, unseen]]) {
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    }
    const before = suggested(await poll(latestUnseen));
    assert.ok(!before.some((s) => s.includes('زيدوني') || s.includes('برقان')), `the shipped model misses the names: ${before}`);
    const range = (words: string) => ({ start: { line: 0, character: decided.indexOf(words) }, end: { line: 0, character: decided.indexOf(words) + words.length } });
    await client.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri: 'file:///ws/decided.txt', label: 'Person', ranges: [range('زيدوني الكرماني')] }] });
    await client.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri: 'file:///ws/decided.txt', label: 'Organization', ranges: [range('هيئة برقان للتنمية')] }] });

    const learnt = await poll(() => {
      const p = latestUnseen();
      return p && suggested(p).includes('Person:زيدوني الكرماني') ? p : undefined;
    });
    assert.ok(suggested(learnt).includes('Organization:هيئة برقان للتنمية'), `${suggested(learnt)}`);
    assert.equal(JSON.parse(files.read(adaptation) ?? '{}').kind, 'iltizam-tagger-adaptation', 'kept in the folder\'s .iltizam/');
    assert.ok(logs.includes('Adapted the tagger to 2 decisions in 1 document.'), logs.join('\n'));

    await client.sendRequest('workspace/executeCommand', { command: learningCommands.reset, arguments: [] });
    assert.equal(files.read(adaptation), undefined, 'the reset deletes the adaptation');
    const restored = await poll(() => {
      const p = latestUnseen();
      return p && !suggested(p).includes('Person:زيدوني الكرماني') ? p : undefined;
    });
    assert.deepEqual(suggested(restored), before, 'the shipped suggestions again');
  } finally {
    await server.stop();
  }
});

test('a workspace folder\'s stored adaptation is loaded at start, and not where iltizam.learning.enabled is false', async () => {
  const decided = 'استقبل زيدوني الكرماني وفدا من الخبراء في العاصمة.';
  const unseen = 'واجتمع زيدوني الكرماني مع الوزراء.';
  const start = decided.indexOf('زيدوني الكرماني');
  const ann = `T1\tPerson ${start} ${start + 'زيدوني الكرماني'.length}\tزيدوني الكرماني\nA1\tReview T1 accepted\n`;
  const firstFiles = new MemoryFiles({ '/ws/decided.txt': decided, '/ws/decided.ann': ann });
  // A first server adapts to the decisions of the .ann (what it does 2 s after a decision, run at once here).
  const first = await startInProcessServer(firstFiles, ['/ws'], () => ({}));
  await first.indexed();
  await first.ctx.learning.adapt('/ws');
  await first.stop();
  const stored = firstFiles.read('/ws/.iltizam/tagger-adaptation.json');
  assert.ok(stored, 'the adaptation is written');
  for (const enabled of [true, false]) {
    const files = new MemoryFiles({ '/ws/unseen.txt': unseen, '/ws/.iltizam/tagger-adaptation.json': stored });
    const server = await startInProcessServer(files, ['/ws'], () => ({ learning: { enabled } }));
    try {
      await server.indexed();
      await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/unseen.txt', languageId: 'plaintext', version: 1, text: unseen } });
      const push = await poll(() => server.pushes.find((p) => p.uri === 'file:///ws/unseen.txt'));
      const names = push.entities.map((e) => unseen.slice(e.range.start.character, e.range.end.character));
      assert.equal(names.includes('زيدوني الكرماني'), enabled, `learning ${enabled ? 'on' : 'off'}: ${names}`);
    } finally {
      await server.stop();
    }
  }
});

test('a Principle, Threat and Instrument marked by hand, which the lexicon lacks, are proposed in another document through the learnt workspace lexicon; the reset removes it', async () => {
  const decided = 'تلتزم الحكومة بمبدأ التكافل الرقمي. وتحذر من آفة التهريب العابر. ويستند العمل إلى ميثاق الشراكة الوطنية.';
  const unseen = 'ويستند العمل إلى ميثاق الشراكة الوطنية. وتحذر الحكومة من آفة التهريب العابر. ونلتزم بمبدأ التكافل الرقمي.';
  const terms = ['Principle:التكافل الرقمي', 'Threat:آفة التهريب العابر', 'Instrument:ميثاق الشراكة الوطنية'];
  const files = new MemoryFiles({ '/ws/decided.txt': decided, '/ws/unseen.txt': unseen });
  const server = await startInProcessServer(files, ['/ws'], () => ({ annotator: 'tester' }));
  const logs: string[] = [];
  server.client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  const unseenUri = 'file:///ws/unseen.txt';
  const suggested = (p: AnnotationsParams) => p.entities.map((e) => `${e.label}:${unseen.slice(e.range.start.character, e.range.end.character)}`);
  const latestUnseen = () => server.pushes.filter((p) => p.uri === unseenUri).at(-1);
  try {
    await server.indexed();
    for (const [uri, text] of [['file:///ws/decided.txt', decided], [unseenUri, unseen]]) {
      await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    }
    const before = suggested(await poll(latestUnseen));
    for (const t of terms) assert.ok(!before.includes(t), `the shipped lexicon and rules do not propose ${t}: ${before}`);
    for (const t of terms) {
      const [label, words] = t.split(':');
      const at = decided.indexOf(words);
      const ranges = [{ start: { line: 0, character: at }, end: { line: 0, character: at + words.length } }];
      await server.client.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri: 'file:///ws/decided.txt', label, ranges }] });
    }
    await server.ctx.learning.adapt('/ws');
    const learnt = suggested(await poll(() => {
      const p = latestUnseen();
      return p && terms.every((t) => suggested(p).includes(t)) ? p : undefined;
    }));
    assert.ok(learnt.length >= terms.length);
    const lexiconFile = JSON.parse(files.read('/ws/.iltizam/learnt-lexicon.json') ?? '{}');
    assert.deepEqual(lexiconFile.entries.map((e: { label: string; ar: string }) => `${e.label}:${e.ar}`).sort(), [...terms].sort(), 'a lexicon file like the user\'s');
    assert.equal(files.read('/ws/.iltizam/tagger-adaptation.json'), undefined, 'no name was decided: nothing for the tagger');
    assert.ok(logs.includes('Learnt 3 entries for the workspace lexicon (/ws/.iltizam/learnt-lexicon.json).'), logs.join('\n'));

    await server.client.sendRequest('workspace/executeCommand', { command: learningCommands.reset, arguments: [] });
    assert.equal(files.read('/ws/.iltizam/learnt-lexicon.json'), undefined);
    await poll(() => {
      const p = latestUnseen();
      return p && terms.every((t) => !suggested(p).includes(t)) ? p : undefined;
    });
  } finally {
    await server.stop();
  }
});

test('"Add to the workspace lexicon" on an annotation writes its text and label into the folder\'s workspace lexicon file; the other documents are proposed it at once', async () => {
  const first = 'وتحذر الحكومة من آفة التهريب العابر في المنطقة.';
  const second = 'وتعمل الوزارة على مواجهة آفة التهريب العابر للحدود.';
  const files = new MemoryFiles({ '/ws/first.txt': first, '/ws/second.txt': second });
  const server = await startInProcessServer(files, ['/ws'], () => ({ annotator: 'tester', learning: { enabled: false } }));
  const uris = ['file:///ws/first.txt', 'file:///ws/second.txt'];
  const threats = (uri: string, text: string) => server.pushes.filter((p) => p.uri === uri).at(-1)?.entities.filter((e) => e.label === 'Threat').map((e) => text.slice(e.range.start.character, e.range.end.character));
  try {
    await server.indexed();
    for (const [uri, text] of [[uris[0], first], [uris[1], second]]) {
      await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    }
    await poll(() => threats(uris[1], second));
    assert.ok(!threats(uris[1], second)!.includes('آفة التهريب العابر'), `${threats(uris[1], second)}`);
    const at = first.indexOf('آفة التهريب العابر');
    const range = { start: { line: 0, character: at }, end: { line: 0, character: at + 'آفة التهريب العابر'.length } };
    await server.client.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri: uris[0], label: 'Threat', ranges: [range] }] });
    const actions: any[] = await server.client.sendRequest('textDocument/codeAction', { textDocument: { uri: uris[0] }, range: { start: range.start, end: range.start }, context: { diagnostics: [] } });
    const add = actions.find((a) => a.title === 'Add Threat «آفة التهريب العابر» to the workspace lexicon');
    assert.ok(add, actions.map((a) => a.title).join('\n'));
    const result: any = await server.client.sendRequest('workspace/executeCommand', add.command);
    assert.deepEqual(result, { file: '/ws/.iltizam/lexicon.json', id: 'threat:آفة التهريب العابر', label: 'Threat', ar: 'آفة التهريب العابر', added: true });
    assert.deepEqual(JSON.parse(files.read('/ws/.iltizam/lexicon.json') ?? '{}').entries, [{ id: 'threat:آفة التهريب العابر', label: 'Threat', ar: 'آفة التهريب العابر' }]);
    await poll(() => threats(uris[1], second)?.includes('آفة التهريب العابر') || undefined);
    const again: any = await server.client.sendRequest('workspace/executeCommand', add.command);
    assert.equal(again.added, false, 'not twice');
  } finally {
    await server.stop();
  }
});

test('the output says whether learning is on, at start and when the setting changes (iltizam.learning.enabled)', async () => {
  let enabled = true;
  const server = await startInProcessServer(new MemoryFiles({ '/ws/doc.txt': sample }), ['/ws'], () => ({ learning: { enabled } }));
  const logs: string[] = [];
  server.client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  try {
    await server.indexed();
    await poll(() => logs.find((l) => l === 'Learning from the decisions in /ws is on.'));
    for (const [value, said] of [[false, 'off'], [true, 'on']] as const) {
      const mark = logs.length;
      enabled = value;
      await server.client.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await poll(() => logs.slice(mark).find((l) => l === `Learning from the decisions in /ws is ${said}.`));
    }
    assert.equal(logs.filter((l) => l.startsWith('Learning from the decisions')).length, 3, 'said at start and once per change');
  } finally {
    await server.stop();
  }
});

test('an update begun before a reset is dropped: the reset wins, nothing is written and the shipped tagger stays', async () => {
  const decided = 'استقبل زيدوني الكرماني وفدا من الخبراء في العاصمة.';
  const start = decided.indexOf('زيدوني الكرماني');
  const ann = `T1\tPerson ${start} ${start + 'زيدوني الكرماني'.length}\tزيدوني الكرماني\nA1\tReview T1 accepted\n`;
  const files = new MemoryFiles({ '/ws/decided.txt': decided, '/ws/decided.ann': ann });
  const server = await startInProcessServer(files, ['/ws'], () => ({}));
  try {
    await server.indexed();
    const update = server.ctx.learning.adapt('/ws');
    await server.client.sendRequest('workspace/executeCommand', { command: learningCommands.reset, arguments: [] });
    await update;
    assert.equal(files.read('/ws/.iltizam/tagger-adaptation.json'), undefined);
    assert.equal(server.ctx.service.hasAdaptedTagger('/ws'), false);
    // Without a reset, the same update is kept.
    await server.ctx.learning.adapt('/ws');
    assert.equal(server.ctx.service.hasAdaptedTagger('/ws'), true);
  } finally {
    await server.stop();
  }
});

test('when the adapted tagger cannot be written, the output says why, the decision stays stored and the shipped tagger stays', async () => {
  const decided = 'استقبل زيدوني الكرماني وفدا من الخبراء في العاصمة.';
  const files = new MemoryFiles({ '/ws/decided.txt': decided });
  const write = files.write.bind(files);
  files.write = (file: string, content: string) => {
    if (file.endsWith('tagger-adaptation.json')) throw new Error('disk full');
    write(file, content);
  };
  const server = await startInProcessServer(files, ['/ws'], () => ({}));
  const logs: string[] = [];
  server.client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  try {
    await server.indexed();
    await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/decided.txt', languageId: 'plaintext', version: 1, text: decided } });
    const start = decided.indexOf('زيدوني الكرماني');
    const ranges = [{ start: { line: 0, character: start }, end: { line: 0, character: start + 'زيدوني الكرماني'.length } }];
    await server.client.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri: 'file:///ws/decided.txt', label: 'Person', ranges }] });
    assert.match(files.read('/ws/decided.ann') ?? '', /\tPerson /);
    const warning = await poll(() => logs.find((l) => l.startsWith('The tagger could not learn')));
    assert.match(warning, /\/ws: disk full$/);
    assert.equal(server.ctx.service.hasAdaptedTagger('/ws'), false);
  } finally {
    await server.stop();
  }
});

test('a stored adaptation that is not one for the shipped model is not loaded: the output names the file, the shipped tagger is used', async () => {
  const files = new MemoryFiles({ '/ws/doc.txt': sample, '/ws/.iltizam/tagger-adaptation.json': '{"format": 1, "kind": "iltizam-tagger-adaptation", "base": "another model"}' });
  const logs: string[] = [];
  const server = await startInProcessServer(files, ['/ws'], () => ({}));
  server.client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  try {
    await server.indexed();
    assert.equal(server.ctx.service.hasAdaptedTagger('/ws'), false);
    const warning = await poll(() => logs.find((l) => l.startsWith('The adapted tagger in')));
    assert.match(warning, /\/ws\/\.iltizam\/tagger-adaptation\.json was not loaded: /);
  } finally {
    await server.stop();
  }
});
