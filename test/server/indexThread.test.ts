// The workspace index built in its worker thread (indexThread.ts,
// indexWorker.ts) holds what the index built on the request thread holds:
// the same entities, commitments, statuses from the .ann files, with the
// service's settings and workspace lexicon carried over to the worker.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnalysisService } from '../../server/src/server/analysisService';
import { AnnotationStores } from '../../server/src/server/annotationStores';
import { ANALYSED_HERE_WHILE_INDEXING, WorkspaceIndex } from '../../server/src/server/workspaceIndex';
import { IndexThread } from '../../server/src/server/indexThread';
import { diskFiles } from '../../server/src/node/fileAccess';

const samples = path.resolve(__dirname, '..', '..', '..', 'samples');
const sample = fs.readFileSync(path.join(samples, 'iom-onsa-agreement.txt'), 'utf8');
const other = fs.readFileSync(path.join(samples, 'ngo-pve-working-group.txt'), 'utf8');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-index-thread-'));

after(() => fs.rmSync(root, { recursive: true, force: true }));

function serviceOver(roots: string[]): AnalysisService {
  const service = new AnalysisService(new AnnotationStores(() => roots, diskFiles), diskFiles);
  service.folderSettings = new Map([[root, { ...service.settings, minConfidence: 0.5 }]]);
  const lexicon = path.join(root, '.iltizam', 'lexicon.json');
  service.loadWorkspaceLexicon(lexicon, fs.readFileSync(lexicon, 'utf8'));
  return service;
}

function contentsOf(index: WorkspaceIndex) {
  const c = index.corpus;
  return { uris: c.uris(), groups: c.entityGroups(), byActor: c.commitmentsByActor(), statistics: c.statistics(), symbols: c.symbols('', 100000) };
}

test('the worker thread indexes the workspace exactly as the request thread does', async () => {
  fs.mkdirSync(path.join(root, 'sub'));
  fs.mkdirSync(path.join(root, '.iltizam'));
  fs.writeFileSync(path.join(root, 'a.txt'), sample);
  fs.writeFileSync(path.join(root, 'a.ann'), 'T1\tOrganization 0 22\tالمنظمة الدولية للهجرة\nA1\tReview T1 accepted\n');
  fs.writeFileSync(path.join(root, 'sub', 'b.txt'), '\uFEFF' + other);
  fs.writeFileSync(path.join(root, 'sub', 'c.txt'), 'An English note, not indexed.\n');
  fs.writeFileSync(path.join(root, 'sub', 'd.txt'), 'أكدت منظمة الحوكمة التجريبية دعمها لمبدأ عدم الإضرار.\n');
  // A workspace lexicon entry only this workspace has: the worker must have it too.
  fs.writeFileSync(path.join(root, '.iltizam', 'lexicon.json'), JSON.stringify({ entries: [{ id: 'test-org', label: 'Organization', ar: 'منظمة الحوكمة التجريبية' }] }));
  const here = new WorkspaceIndex(serviceOver([root]), () => undefined, () => undefined, diskFiles, false);
  const inThread = new WorkspaceIndex(serviceOver([root]), () => undefined, () => undefined, diskFiles, true);
  await here.build([root]);
  try {
    await inThread.build([root]);
  } finally {
    inThread.dispose();
  }
  const expected = contentsOf(here);
  assert.equal(expected.uris.length, 3, 'a, b and d; not the English note');
  assert.ok(expected.groups.some((g) => g.kb === 'test-org'), 'the workspace lexicon entry is found');
  assert.ok(expected.groups.some((g) => g.mentions.some((m) => m.status === 'accepted')), 'the .ann decision is indexed');
  assert.deepEqual(contentsOf(inThread), expected);
});

test('a worker thread that cannot start leaves the indexing to the request thread', () => {
  assert.equal(IndexThread.start(path.join(root, 'no-such-worker.js')), undefined);
});

test('a worker thread that ends on an error says why, and what was queued falls back to the caller', async () => {
  const script = path.join(root, 'failing-worker.js');
  // The worker reads its first message, then fails as a crashed analysis would.
  fs.writeFileSync(script, "require('worker_threads').parentPort.once('message', () => { throw new Error('the analysis broke'); });\n");
  let failure: Error | undefined;
  const thread = IndexThread.start(script, (error) => (failure = error));
  assert.ok(thread, 'the script exists, so the thread starts');
  const [outcome] = thread.index([{ uri: 'file:///x.txt', file: path.join(root, 'x.txt') }]);
  assert.equal(await outcome, 'failed');
  assert.match(failure?.message ?? '', /the analysis broke/);
  assert.equal(thread.alive, false);
  assert.equal(await thread.analyse('file:///y.txt', 'نص'), undefined, 'a dead worker analyses nothing: the caller does');
});

test('a worker thread stopped on purpose reports no failure', async () => {
  const script = path.join(root, 'idle-worker.js');
  fs.writeFileSync(script, "require('worker_threads').parentPort.on('message', () => undefined);\n");
  let failures = 0;
  const thread = IndexThread.start(script, () => failures++);
  assert.ok(thread);
  const [outcome] = thread.index([{ uri: 'file:///x.txt', file: path.join(root, 'x.txt') }]);
  thread.stop();
  assert.equal(await outcome, 'failed');
  assert.equal(failures, 0);
});

test("an open document's older text still queued in the worker is not analysed: the newer text of the same document supersedes it", async () => {
  const thread = IndexThread.start();
  assert.ok(thread, 'the worker starts');
  try {
    const service = new AnalysisService(new AnnotationStores(() => [root], diskFiles), diskFiles);
    thread.configure([root], service.configuration());
    // The worker is busy with a first text while the next two come: the two wait in its queue.
    const busy = thread.analyse('file:///busy.txt', sample.repeat(20));
    const older = thread.analyse('file:///edited.txt', sample);
    const otherDocument = thread.analyse('file:///other.txt', other);
    const newer = thread.analyse('file:///edited.txt', sample + '\nأكدت المنظمة الدولية للهجرة دعمها.\n');
    const [busyAnalysis, olderAnalysis, otherAnalysis, newerAnalysis] = await Promise.all([busy, older, otherDocument, newer]);
    assert.ok(busyAnalysis?.entities.length, 'the text under way is analysed');
    assert.equal(olderAnalysis, undefined, 'the older text of the edited document is dropped');
    assert.ok(otherAnalysis?.entities.length, "another document's text is kept");
    assert.ok(newerAnalysis?.entities.some((e) => e.start > sample.length), 'the newer text is analysed');
  } finally {
    thread.stop();
  }
});

test('while the worker indexes, a long open document is analysed in it (not for a whole analysis on the request thread); a short one is left to the caller, at once', async () => {
  const folder = fs.mkdtempSync(path.join(root, 'busy-'));
  for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(folder, `doc-${i}.txt`), sample);
  const index = new WorkspaceIndex(serviceOver([folder]), () => undefined, () => undefined, diskFiles, true);
  try {
    const building = index.build([folder]);
    let built = false;
    void building.then(() => (built = true));
    let long = '';
    while (long.length <= ANALYSED_HERE_WHILE_INDEXING) long += other + '\n';
    const short = other.slice(0, ANALYSED_HERE_WHILE_INDEXING);
    assert.equal(await index.analyseInThread('file:///short.txt', short), undefined, 'a short document: the caller analyses it');
    const analysis = await index.analyseInThread('file:///long.txt', long);
    assert.equal(built, false, 'the analysis came while the index was still being built');
    assert.ok(analysis?.entities.length, 'the worker analysed the long document');
    await building;
  } finally {
    index.dispose();
  }
});
