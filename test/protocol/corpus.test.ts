// The reviewers' features over a real connection: the workspace index of the
// sample corpus, workspace symbols, references and definition across
// documents, the corpus view's requests, review statuses on disk, and the
// reading view's data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { repoRoot, startServer, TestServer } from './lspClient';
import { annotationsNotification, corpusRequests, indexProgressNotification, readingViewRequest } from '../../server/src/protocol/messages';

let server: TestServer;
let workspace: string;
const iomText = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
const uriOf = (name: string) => pathToFileURL(path.join(workspace, name)).toString();

async function poll<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-corpus-'));
  for (const name of fs.readdirSync(path.join(repoRoot, 'samples'))) fs.copyFileSync(path.join(repoRoot, 'samples', name), path.join(workspace, name));
  fs.mkdirSync(path.join(workspace, 'more'));
  fs.writeFileSync(path.join(workspace, 'more', 'news.txt'), 'أكدت منظمة الهجرة الدولية دعمها لمبدأ عدم الإضرار في نينوى.\n');
  fs.writeFileSync(path.join(workspace, 'readme.txt'), 'An English note that is not indexed.\n');
  fs.mkdirSync(path.join(workspace, 'node_modules'));
  fs.writeFileSync(path.join(workspace, 'node_modules', 'skip.txt'), 'المنظمة الدولية للهجرة');
  server = await startServer(workspace);
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('the workspace index covers every Arabic text, and says when it is complete', async () => {
  const done = await server.waitForNotification(indexProgressNotification.method, (p) => p.complete);
  assert.equal(done.documents, 3, 'the two samples and more/news.txt; not the English file, not node_modules');
  const summary: any = await server.connection.sendRequest(corpusRequests.summary.method, {});
  assert.deepEqual(summary.documents.map((d: any) => d.name).sort(), ['iom-onsa-agreement.txt', 'news.txt', 'ngo-pve-working-group.txt']);
  const org = summary.labels.find((l: any) => l.label === 'Organization');
  assert.ok(org.entities > 5 && org.mentions > org.entities);
  // The output channel (Iltizam: Show Output) says the server started and what the index holds.
  const logged = await server.waitForNotification('window/logMessage', (p) => /^Indexed 3 documents in \d+ ms, with a lexicon of \d+ entries\.$/.test(p.message));
  assert.equal(logged.type, 3, 'an info line');
  assert.ok(server.notifications.some((n) => n.method === 'window/logMessage' && /^Iltizam language server \d+\.\d+\.\d+ started for /.test(n.params.message)));
});

test('Go to Symbol in Workspace finds entities by Arabic form without hamza or diacritics, and entities and commitments by English name', async () => {
  await server.waitForNotification(indexProgressNotification.method, (p) => p.complete);
  const byArabic: any[] = await server.connection.sendRequest('workspace/symbol', { query: 'الاضرار' });
  const harm = byArabic.filter((s) => s.location.uri === uriOf('more/news.txt'));
  assert.equal(harm.length, 1, JSON.stringify(byArabic.map((s) => s.name)));
  assert.ok(harm[0].name.includes('الإضرار'));
  assert.ok(harm[0].name.includes('الاضرار'), 'the folded form is shown, so the editor keeps the symbol for the query as typed');
  const byEnglish: any[] = await server.connection.sendRequest('workspace/symbol', { query: 'Migration' });
  const uris = new Set(byEnglish.map((s) => s.location.uri));
  assert.ok(uris.has(uriOf('iom-onsa-agreement.txt')) && uris.has(uriOf('more/news.txt')));
  assert.ok(byEnglish.every((s) => /migration/i.test(s.name)), 'the English name is part of the symbol name');
  // IOM's commitments too, by their actor's English name (a commitment's kind is schema.json's symbolKind, Function = 12).
  const commitments = byEnglish.filter((s) => s.kind === 12);
  assert.ok(commitments.some((s) => s.location.uri === uriOf('iom-onsa-agreement.txt') && s.name.includes('المنظمة الدولية للهجرة')), JSON.stringify(byEnglish.map((s) => s.name)));
});

test('Find All References lists the mentions of an entity in every document; Go to Definition opens its lexicon entry', async () => {
  const uri = uriOf('iom-onsa-agreement.txt');
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: iomText } });
  const refs: any[] = await server.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 3 }, context: { includeDeclaration: true } });
  const inNews = refs.filter((r) => r.uri === uriOf('more/news.txt'));
  assert.equal(inNews.length, 1);
  assert.deepEqual(inNews[0].range.start, { line: 0, character: 5 }, 'منظمة الهجرة الدولية after أكدت');
  assert.ok(refs.filter((r) => r.uri === uri).length >= 5);
  const def: any = await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.ok(def.uri.endsWith('/server/data/lexicon.json'), def.uri);
  const line = fs.readFileSync(new URL(def.uri), 'utf8').split('\n')[def.range.start.line];
  assert.match(line, /"id":\s*"org\.iom"/);
});

test('the corpus view lists entities by label down to their mentions, and commitments by actor', async () => {
  const groups: any[] = await server.connection.sendRequest(corpusRequests.entities.method, { label: 'Organization' });
  const iom = groups.find((g) => g.kb === 'org.iom');
  assert.equal(iom.nameEn, 'International Organization for Migration');
  const mentions: any[] = await server.connection.sendRequest(corpusRequests.mentions.method, { key: iom.key });
  assert.equal(mentions.length, iom.mentions);
  assert.ok(mentions.some((m) => m.uri === uriOf('more/news.txt')));
  const storedOnly: any[] = await server.connection.sendRequest(corpusRequests.mentions.method, { key: iom.key, filter: { statuses: ['stored'] } });
  assert.ok(storedOnly.length > 0 && storedOnly.length < mentions.length, 'the reviewed sample has accepted mentions; the other texts only suggestions');
  assert.ok(storedOnly.every((m) => m.status !== 'suggested'));
  const summary: any = await server.connection.sendRequest(corpusRequests.summary.method, {});
  const actor = summary.actors.find((a: any) => a.actor === 'المنظمة الدولية للهجرة');
  assert.ok(actor && actor.commitments >= 2);
  const commitments: any[] = await server.connection.sendRequest(corpusRequests.commitments.method, { actor: actor.actor });
  assert.equal(commitments.length, actor.commitments);
  assert.ok(commitments.every((c) => c.strength && c.uri));
  const stats: any = await server.connection.sendRequest(corpusRequests.statistics.method, {});
  assert.equal(stats.documents, 3);
  assert.ok(stats.commitmentsByStrength.binding >= 2);
  assert.equal(stats.labelNames.Organization, 'Organization');
});

test('a review status is written to .iltizam/review.json and shown in the summary', async () => {
  const uri = uriOf('more/news.txt');
  const result: any = await server.connection.sendRequest(corpusRequests.setReview.method, { uri, status: 'in-progress' });
  assert.equal(result.status, 'in-progress');
  const onDisk = JSON.parse(fs.readFileSync(path.join(workspace, '.iltizam', 'review.json'), 'utf8'));
  assert.equal(onDisk.documents['more/news.txt'].status, 'in-progress');
  assert.ok(onDisk.documents['more/news.txt'].at);
  const summary: any = await server.connection.sendRequest(corpusRequests.summary.method, {});
  assert.equal(summary.documents.find((d: any) => d.uri === uri).review.status, 'in-progress');
  await assert.rejects(server.connection.sendRequest(corpusRequests.setReview.method, { uri, status: 'finished' }));
});

test('the index follows files created and deleted on disk', async () => {
  const file = path.join(workspace, 'more', 'late.txt');
  fs.writeFileSync(file, 'وقعت وزارة الهجرة والمهجرين مذكرة تفاهم مع المفوضية السامية للأمم المتحدة لشؤون اللاجئين.\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 1 }] });
  await poll('the new document in the index', () => server.connection.sendRequest('workspace/symbol', { query: 'unhcr' }) as Promise<any[]>, (s) => s.some((x) => x.location.uri === pathToFileURL(file).toString()));
  fs.rmSync(file);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 3 }] });
  await poll('the document gone from the index', () => server.connection.sendRequest(corpusRequests.summary.method, {}) as Promise<any>, (s) => s.documents.length === 3);
  // A folder deleted with its texts comes as one event for the folder.
  const folder = path.join(workspace, 'gone');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'a.txt'), 'وقعت وزارة الهجرة والمهجرين مذكرة تفاهم.\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(folder, 'a.txt')).toString(), type: 1 }] });
  await poll('the folder\'s text in the index', () => server.connection.sendRequest(corpusRequests.summary.method, {}) as Promise<any>, (s) => s.documents.length === 4);
  fs.rmSync(folder, { recursive: true });
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(folder).toString(), type: 3 }] });
  await poll('the deleted folder\'s text gone from the index', () => server.connection.sendRequest(corpusRequests.summary.method, {}) as Promise<any>, (s) => s.documents.length === 3);
});

test('an open document that is not a .txt file is annotated but not indexed', async () => {
  const uri = uriOf('table.csv');
  const text = 'المنظمة الدولية للهجرة،بغداد\n';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.entities.length > 0);
  const summary: any = await server.connection.sendRequest(corpusRequests.summary.method, {});
  assert.ok(!summary.documents.some((d: any) => d.uri === uri));
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('the reading view data carries the text, the annotations with their status, and localised words', async () => {
  const uri = uriOf('iom-onsa-agreement.txt');
  const view: any = await server.connection.sendRequest(readingViewRequest.method, { uri });
  assert.equal(view.text, iomText);
  assert.ok(view.entities.some((e: any) => e.status === 'accepted') && view.entities.some((e: any) => e.status === 'suggested'));
  const iom = view.entities.find((e: any) => e.start === 0);
  assert.equal(iomText.slice(iom.start, iom.end), 'المنظمة الدولية للهجرة');
  assert.ok(view.commitments.some((c: any) => c.actors.includes('المنظمة الدولية للهجرة')));
  assert.equal(view.strings.labels.Organization, 'Organization');
  // The annotation editor's words come from the server too: each status shown, and the confidence pattern.
  const shown = new Set([...view.entities, ...view.commitments].map((a: any) => a.status));
  assert.deepEqual(Object.keys(view.strings.statuses).sort(), [...shown].sort());
  assert.deepEqual(view.strings.statuses, { accepted: 'accepted', manual: 'annotated by hand', suggested: 'suggestion' });
  assert.equal(view.strings.confidence, 'confidence {0}%');
  // For the annotation editor: each suggestion's confidence (none for a stored one), each commitment's actors by id.
  assert.ok(view.entities.filter((e: any) => e.status === 'suggested').every((e: any) => typeof e.confidence === 'number' && e.confidence > 0 && e.confidence <= 1));
  assert.ok(view.entities.filter((e: any) => e.status !== 'suggested').every((e: any) => e.confidence === undefined));
  const committed = view.commitments.find((c: any) => c.actors.includes('المنظمة الدولية للهجرة'));
  const ids = new Set(view.entities.map((e: any) => e.id));
  assert.equal(committed.actorIds.length, committed.actors.length);
  assert.ok(committed.actorIds.every((id: string) => ids.has(id)));
});

test('the index follows a closed document\'s .ann as it changes on disk', async () => {
  await server.waitForNotification(indexProgressNotification.method, (p) => p.complete);
  const file = path.join(workspace, 'more', 'closed.txt');
  const ann = file.replace(/\.txt$/, '.ann');
  const uri = pathToFileURL(file).toString();
  const text = 'اجتمع فريق الرصد المحلي مع منظمة الهجرة الدولية في نينوى.\n';
  const team = { start: text.indexOf('فريق'), end: text.indexOf(' مع') };
  const iom = { start: text.indexOf('منظمة'), end: text.indexOf(' في') };
  const changed = (type: number) => server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(ann).toString(), type }] });
  const symbols = (query: string) => server.connection.sendRequest('workspace/symbol', { query }) as Promise<any[]>;
  const inFile = (list: any[]) => list.filter((s) => s.location.uri === uri);
  fs.writeFileSync(file, text);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
  await poll('IOM suggested in the new text', () => symbols('Migration'), (s) => inFile(s).length > 0);
  assert.deepEqual(inFile(await symbols('فريق الرصد')), [], 'nothing suggests the monitoring team');

  // A hand annotation written to the .ann by someone else (brat, a git pull).
  fs.writeFileSync(ann, `T1\tOrganization ${team.start} ${team.end}\t${text.slice(team.start, team.end)}\nA1\tReview T1 manual\n`);
  await changed(1);
  const found = inFile(await poll('the hand annotation in the workspace symbols', () => symbols('فريق الرصد'), (s) => inFile(s).length === 1));
  assert.deepEqual(found[0].location.range, { start: { line: 0, character: team.start }, end: { line: 0, character: team.end } });
  const groups: any[] = await server.connection.sendRequest(corpusRequests.entities.method, { label: 'Organization', filter: { statuses: ['manual'] } });
  const group = groups.find((g) => g.name === 'فريق الرصد المحلي');
  assert.ok(group, 'the corpus tree lists it as annotated by hand');
  const mentions: any[] = await server.connection.sendRequest(corpusRequests.mentions.method, { key: group.key });
  assert.deepEqual(mentions.map((m) => [m.uri, m.status]), [[uri, 'manual']]);

  // The .ann changes again: the hand annotation goes, the suggestion of IOM is rejected.
  fs.writeFileSync(ann, `T1\tOrganization ${iom.start} ${iom.end}\t${text.slice(iom.start, iom.end)}\nA1\tReview T1 rejected\n`);
  await changed(2);
  await poll('the hand annotation gone', () => symbols('فريق الرصد'), (s) => inFile(s).length === 0);
  await poll('the rejected suggestion gone', () => symbols('Migration'), (s) => inFile(s).length === 0);
  const open = uriOf('iom-onsa-agreement.txt');
  const refs: any[] = await server.connection.sendRequest('textDocument/references', { textDocument: { uri: open }, position: { line: 0, character: 3 }, context: { includeDeclaration: true } });
  assert.ok(refs.length > 0 && !refs.some((r) => r.uri === uri), 'references leave out the rejected mention');

  // The .ann is deleted: the text's suggestions are all there is again.
  fs.rmSync(ann);
  await changed(3);
  await poll('the suggestion back once the .ann is gone', () => symbols('Migration'), (s) => inFile(s).length > 0);

  fs.rmSync(file);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
  await poll('the document gone from the index', () => server.connection.sendRequest(corpusRequests.summary.method, {}) as Promise<any>, (s) => !s.documents.some((d: any) => d.uri === uri));
});

test('edits in an open editor reach the index, and closing without saving brings back the text on disk', async () => {
  await server.waitForNotification(indexProgressNotification.method, (p) => p.complete);
  const uri = uriOf('more/news.txt');
  const disk = fs.readFileSync(path.join(workspace, 'more', 'news.txt'), 'utf8');
  const symbols = (query: string) => server.connection.sendRequest('workspace/symbol', { query }) as Promise<any[]>;
  const inFile = (list: any[]) => list.filter((s) => s.location.uri === uri);
  const summary = () => server.connection.sendRequest(corpusRequests.summary.method, {}) as Promise<any>;
  const iomStart = (list: any[]) => inFile(list).find((s) => s.kind !== 24)?.location.range.start;
  assert.deepEqual(iomStart(await symbols('Migration')), { line: 0, character: 5 });
  assert.deepEqual(inFile(await symbols('unhcr')), []);

  let version = 1;
  const edit = (range: any, text: string) =>
    server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text }] });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text: disk } });
  // A line typed above the first: a new entity, and IOM one line down.
  const added = 'رحبت المفوضية السامية للأمم المتحدة لشؤون اللاجئين بالاتفاق.\n';
  await edit({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, added);
  await poll('the typed entity in the workspace symbols', () => symbols('unhcr'), (s) => inFile(s).length === 1);
  assert.deepEqual(iomStart(await symbols('Migration')), { line: 1, character: 5 }, 'the index has the editor\'s text, not the disk\'s');
  const refs: any[] = await server.connection.sendRequest('textDocument/references', { textDocument: { uri: uriOf('iom-onsa-agreement.txt') }, position: { line: 0, character: 3 }, context: { includeDeclaration: true } });
  assert.deepEqual(refs.filter((r) => r.uri === uri).map((r) => r.range.start), [{ line: 1, character: 5 }]);

  // The whole text replaced by English: not annotated, so not in the corpus.
  const lines = (added + disk).split('\n');
  await edit({ start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, 'Only English here now, nothing to index.\n');
  await poll('the English text out of the index', summary, (s) => !s.documents.some((d: any) => d.uri === uri));
  assert.deepEqual(inFile(await symbols('Migration')), []);
  // Arabic again.
  await edit({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, added);
  await poll('the Arabic text back in the index', () => symbols('unhcr'), (s) => inFile(s).length === 1);

  // Closed without saving: the file on disk is the document again.
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await poll('the unsaved entity gone', () => symbols('unhcr'), (s) => inFile(s).length === 0);
  assert.deepEqual(iomStart(await symbols('Migration')), { line: 0, character: 5 });
  assert.equal(fs.readFileSync(path.join(workspace, 'more', 'news.txt'), 'utf8'), disk, 'nothing was written');
});
