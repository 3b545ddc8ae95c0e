// Annotating by hand against the real server: code actions and commands,
// checked in the .ann the server writes beside each text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { repoRoot, startServer, TestServer } from './lspClient';
import { storeCommands } from '../../server/src/protocol/commands';
import { annotationsNotification } from '../../server/src/protocol/messages';

let server: TestServer;
let workspace: string;
const sampleText = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-annotating-'));
  server = await startServer(workspace, { annotator: 'tester' });
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

interface Doc {
  uri: string;
  file: string;
  ann: string;
  text: string;
  version: number;
}

/** Writes `text` (or `bytes`) as `name` in the workspace and opens it with the text the editor would hold. */
async function open(name: string, text: string, options: { bytes?: Buffer; ann?: string } = {}): Promise<Doc> {
  const file = path.join(workspace, name);
  fs.writeFileSync(file, options.bytes ?? text);
  const ann = file.replace(/\.txt$/, '.ann');
  if (options.ann !== undefined) fs.writeFileSync(ann, options.ann);
  const uri = pathToFileURL(file).toString();
  const mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  await nextNotification(mark, annotationsNotification.method, (p) => p.uri === uri);
  return { uri, file, ann, text, version: 1 };
}

/** Polls for a notification that arrived after `mark` (an index into the notifications). */
async function nextNotification(mark: number, method: string, match: (params: any) => boolean, timeoutMs = 10000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = server.notifications.slice(mark).find((n) => n.method === method && match(n.params));
    if (found) return found.params;
    if (Date.now() > deadline) throw new Error(`no ${method} matched within ${timeoutMs} ms`);
    await new Promise((r) => setImmediate(r));
  }
}

function positionAt(text: string, offset: number) {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(0, offset).split('\n').length - 1;
  return { line, character: offset - lineStart };
}

function rangeOf(doc: Doc, needle: string, from = 0) {
  const start = doc.text.indexOf(needle, from);
  assert.ok(start >= 0, `"${needle}" in the text`);
  return { start: positionAt(doc.text, start), end: positionAt(doc.text, start + needle.length) };
}

async function codeActions(doc: Doc, range: { start: any; end: any }, diagnostics: any[] = []): Promise<any[]> {
  return (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range, context: { diagnostics } })) as any[];
}

/** Runs a command as an editor runs a code action's command, and waits for the annotations it pushes. */
async function run(doc: Doc, command: string, args: object): Promise<{ result: any; params: any }> {
  const mark = server.notifications.length;
  const result = await server.connection.sendRequest('workspace/executeCommand', { command, arguments: [args] });
  const params = await nextNotification(mark, annotationsNotification.method, (p) => p.uri === doc.uri);
  return { result, params };
}

async function runAction(doc: Doc, action: any) {
  assert.ok(action, 'the code action is offered');
  return run(doc, action.command.command, action.command.arguments[0]);
}

const find = (actions: any[], title: RegExp) => actions.find((a) => title.test(a.title));
const annText = (doc: Doc) => fs.readFileSync(doc.ann, 'utf8');

test('accepting a suggestion from its code action writes it to the .ann beside the text', async () => {
  const doc = await open('accept.txt', sampleText);
  assert.ok(!fs.existsSync(doc.ann), 'no .ann before the first decision');
  const actions = await codeActions(doc, rangeOf(doc, 'المنظمة'));
  const accept = find(actions, /^Accept Organization «المنظمة الدولية للهجرة»$/);
  assert.equal(accept.kind, 'quickfix');
  assert.ok(accept.isPreferred);
  const { params, result } = await runAction(doc, accept);
  const ann = annText(doc);
  assert.match(ann, /^T1\tOrganization 0 22\tالمنظمة الدولية للهجرة$/m);
  assert.match(ann, /^A1\tReview T1 accepted$/m);
  assert.match(ann, /^N1\tReference T1 Iltizam:org\.iom\tInternational Organization for Migration$/m);
  assert.match(ann, /^#1\tDecision T1\tby=tester; at=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; origin=lexicon:org\.iom$/m);
  // The corpus had no annotation.conf: the default schema is written beside the .ann, for brat.
  const conf = fs.readFileSync(path.join(workspace, 'annotation.conf'), 'utf8');
  assert.match(conf, /^\[entities\]$/m);
  for (const label of ['Organization', 'Person', 'Location', 'Date', 'Principle', 'Threat', 'Instrument']) assert.match(conf, new RegExp(`^${label}$`, 'm'));
  assert.match(conf, /^Commitment\t/m);
  assert.deepEqual(result.ids, ['T1']);
  assert.equal(result.canUndo, true);
  const first = params.entities.filter((e: any) => e.range.start.line === 0 && e.range.start.character === 0);
  assert.deepEqual(first.map((e: any) => [e.id, e.status]), [['T1', 'accepted']], 'stored, and no longer suggested');
  assert.ok(params.entities.some((e: any) => e.status === 'suggested'));
  assert.equal(params.counts.stored, 1);
  // The hover card says it is stored, by whom and when.
  const hover: any = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 0, character: 3 } });
  assert.match(hover.contents.value, /■ Accepted by tester, \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
  assert.match(hover.contents.value, /International Organization for Migration/);
  const suggestion: any = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: rangeOf(doc, 'مستشار الأمن القومي').start });
  assert.match(suggestion.contents.value, /⬚ Suggestion, not reviewed yet\./);
});

test('reject, correct the label, accept all of one label, and annotate a selection by hand', async () => {
  const doc = await open('review.txt', sampleText);
  let actions = await codeActions(doc, rangeOf(doc, '٢٠ ديسمبر ٢٠٢١'));
  await runAction(doc, find(actions, /^Reject Date «٢٠ ديسمبر ٢٠٢١»$/));
  let ann = annText(doc);
  assert.match(ann, /^T1\tDate 94 108\t٢٠ ديسمبر ٢٠٢١$/m);
  assert.match(ann, /^A1\tReview T1 rejected$/m);

  actions = await codeActions(doc, rangeOf(doc, 'مستشار الأمن القومي'));
  const { params } = await runAction(doc, find(actions, /^Accept «مستشار الأمن القومي» as Person$/));
  ann = annText(doc);
  assert.match(ann, /^T2\tPerson 24 43\tمستشار الأمن القومي$/m);
  assert.match(ann, /^A\d+\tReview T2 corrected$/m);
  assert.ok(!params.entities.some((e: any) => e.range.start.line === 1), 'the rejected date is not drawn');
  assert.equal(params.counts.rejected, 1);

  actions = await codeActions(doc, rangeOf(doc, 'العراق'));
  const acceptAll = find(actions, /^Accept all \d+ Location suggestions$/);
  const locations = Number(/(\d+)/.exec(acceptAll.title)![1]);
  const { result } = await runAction(doc, acceptAll);
  assert.equal(result.count, locations);
  assert.equal(annText(doc).match(/^T\d+\tLocation /gm)!.length, locations);

  const selection = rangeOf(doc, 'الأمانة العامة لمجلس الوزراء');
  actions = await codeActions(doc, selection);
  await runAction(doc, find(actions, /^Annotate the selection as Organization$/));
  const start = sampleText.indexOf('الأمانة العامة لمجلس الوزراء');
  assert.ok(annText(doc).includes(`\tOrganization ${start} ${start + 'الأمانة العامة لمجلس الوزراء'.length}\tالأمانة العامة لمجلس الوزراء\n`));
  assert.match(annText(doc), /\tReview T\d+ manual$/m);
});

test('a commitment: accept it with its arguments, set its strength, actors and note, delete, undo and redo', async () => {
  const doc = await open('commitment.txt', sampleText);
  const cue = rangeOf(doc, 'التزامهما');
  const { result } = await run(doc, storeCommands.accept, { uri: doc.uri, target: { position: cue.start, layer: 'commitment' } });
  const [id] = result.ids;
  let ann = annText(doc);
  const event = new RegExp(`^(E\\d+)\\tCommitment:${id}( Actor\\d*:T\\d+)+( Principle\\d*:T\\d+)+$`, 'm').exec(ann);
  assert.ok(event, ann);
  const eventId = event[1];
  assert.match(ann, new RegExp(`^A\\d+\\tStrength ${eventId} binding$`, 'm'));

  const actions = await codeActions(doc, cue);
  await runAction(doc, find(actions, /^Set the strength to aspirational$/));
  ann = annText(doc);
  assert.match(ann, new RegExp(`^A\\d+\\tStrength ${eventId} aspirational$`, 'm'));
  assert.match(ann, new RegExp(`^A\\d+\\tReview ${eventId} corrected$`, 'm'));

  // Actors picked among the document's entities; a suggested one is accepted with it.
  const described: any = await server.connection.sendRequest('workspace/executeCommand', { command: storeCommands.describe, arguments: [{ uri: doc.uri, position: cue.start }] });
  const commitment = described.at.find((a: any) => a.layer === 'commitment');
  assert.equal(commitment.id, id);
  const person = described.entities.find((e: any) => e.label === 'Person' && e.status === 'suggested');
  assert.ok(described.actorLabels.includes('Person'));
  await run(doc, storeCommands.setArguments, { uri: doc.uri, target: { id }, actors: [person.id] });
  ann = annText(doc);
  const personId = new RegExp(`^(T\\d+)\\tPerson [^\\t]*\\t${person.text}$`, 'm').exec(ann)![1];
  assert.match(ann, new RegExp(`^A\\d+\\tReview ${personId} accepted$`, 'm'));
  assert.match(ann, new RegExp(`^${eventId}\\tCommitment:${id} Actor:${personId} Principle:T\\d+`, 'm'));

  await run(doc, storeCommands.setNote, { uri: doc.uri, target: { id }, note: 'checked\twith the gold' });
  assert.match(annText(doc), new RegExp(`^#\\d+\\tAnnotatorNotes ${eventId}\\tchecked with the gold$`, 'm'));

  const beforeDelete = annText(doc);
  const deleted = await run(doc, storeCommands.delete, { uri: doc.uri, target: { id: personId } });
  assert.ok(!new RegExp(`^${personId}\\t`, 'm').test(annText(doc)));
  assert.match(annText(doc), new RegExp(`^${eventId}\\tCommitment:${id} Principle:T\\d+`, 'm'), 'the deleted actor leaves the event');
  assert.ok(deleted.params.history.canUndo);

  const undone = await run(doc, storeCommands.undo, { uri: doc.uri });
  assert.equal(undone.result.count, 1);
  assert.equal(annText(doc), beforeDelete, 'undo restores the file');
  const redo = await run(doc, storeCommands.redo, { uri: doc.uri });
  assert.ok(!new RegExp(`^${personId}\\t`, 'm').test(annText(doc)), 'redo deletes it again');
  assert.equal(redo.result.canRedo, false);
  const nothing: any = await server.connection.sendRequest('workspace/executeCommand', { command: storeCommands.redo, arguments: [{ uri: doc.uri }] });
  assert.equal(nothing.count, 0, 'nothing more to redo');
});

test('an emoji before an annotation: code points in the .ann, and it reopens in place', async () => {
  const text = '😀👍🏽 ' + sampleText;
  const doc = await open('emoji.txt', text);
  const actions = await codeActions(doc, rangeOf(doc, 'المنظمة'));
  await runAction(doc, find(actions, /^Accept Organization/));
  // Three code points and a space before the text (six UTF-16 units and a space in the editor).
  assert.match(annText(doc), /^T1\tOrganization 4 26\tالمنظمة الدولية للهجرة$/m);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  const mark = server.notifications.length;
  await open('emoji.txt', text);
  const params = await nextNotification(mark, annotationsNotification.method, (p) => p.uri === doc.uri);
  const stored = params.entities.find((e: any) => e.status === 'accepted');
  assert.deepEqual(stored.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 29 } });
});

test('a CRLF text with a byte-order mark: offsets counted as brat counts them', async () => {
  const text = sampleText.replace(/\n/g, '\r\n');
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  // The editor holds the text without its BOM, with its CRLFs.
  const doc = await open('crlf.txt', text, { bytes });
  const actions = await codeActions(doc, rangeOf(doc, 'بغداد'));
  await runAction(doc, find(actions, /^Accept Location «بغداد»$/));
  // brat reads CRLF as two characters: BOM + the CRLF text → the CRLF text's offset plus one (no astral characters before it).
  const start = text.indexOf('بغداد') + 1;
  assert.notEqual(start, sampleText.indexOf('بغداد') + 1, 'the word lies after a line break');
  assert.ok(annText(doc).includes(`T1\tLocation ${start} ${start + 5}\tبغداد\n`), annText(doc));
});

test('stored annotations move with edits, and saving the text rewrites their offsets', async () => {
  const doc = await open('edits.txt', sampleText);
  const actions = await codeActions(doc, rangeOf(doc, 'بغداد'));
  await runAction(doc, find(actions, /^Accept Location «بغداد»$/));
  const start = sampleText.indexOf('بغداد');
  assert.ok(annText(doc).includes(`T1\tLocation ${start} ${start + 5}\tبغداد\n`));
  const insert = 'عاجل: ';
  let mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc.uri, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: insert }],
  });
  const params = await nextNotification(mark, annotationsNotification.method, (p) => p.uri === doc.uri && p.version === 2);
  const baghdad = params.entities.find((e: any) => e.id === 'T1');
  assert.deepEqual(baghdad.range.start, { line: 2, character: insert.length });
  mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
  const deadline = Date.now() + 10000;
  while (!annText(doc).includes(`T1\tLocation ${start + insert.length} `) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  assert.ok(annText(doc).includes(`T1\tLocation ${start + insert.length} ${start + insert.length + 5}\tبغداد\n`));
});

test('closing a text without saving its edits puts the .ann back on the text on disk', async () => {
  const doc = await open('unsaved.txt', sampleText);
  const insert = 'عاجل: ';
  const mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc.uri, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: insert }],
  });
  await nextNotification(mark, annotationsNotification.method, (p) => p.uri === doc.uri && p.version === 2);
  const lines = sampleText.split('\n');
  lines[2] = insert + lines[2];
  const edited = { ...doc, text: lines.join('\n') };
  // Decided on the unsaved text: Baghdad after the insertion, and the inserted word itself.
  let actions = await codeActions(edited, rangeOf(edited, 'بغداد'));
  await runAction(doc, find(actions, /^Accept Location «بغداد»$/));
  await run(doc, storeCommands.annotate, { uri: doc.uri, label: 'Date', ranges: [rangeOf(edited, 'عاجل')] });
  const start = sampleText.indexOf('بغداد');
  assert.match(annText(doc), new RegExp(`^T1\tLocation ${start + insert.length} ${start + insert.length + 5}\tبغداد$`, 'm'));
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  const deadline = Date.now() + 10000;
  while (!annText(doc).includes(`T1\tLocation ${start} `) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  const ann = annText(doc);
  assert.match(ann, new RegExp(`^T1\tLocation ${start} ${start + 5}\tبغداد$`, 'm'), 'on the text on disk');
  // The annotation of text that was never saved is kept, as it was.
  assert.match(ann, /^T2\tDate \d+ \d+\tعاجل$/m);
});

test('a .ann changed on disk is read again; a decision made meanwhile keeps both changes', async () => {
  const doc = await open('conflict.txt', sampleText);
  let actions = await codeActions(doc, rangeOf(doc, 'المنظمة'));
  await runAction(doc, find(actions, /^Accept Organization/));
  // Someone else (a git pull) adds an annotation; the editor is told.
  const theirs = annText(doc) + 'T9\tPerson 539 553\tجيورجي جيغاوري\n';
  fs.writeFileSync(doc.ann, theirs);
  let mark = server.notifications.length;
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(doc.ann).toString(), type: 2 }] });
  const params = await nextNotification(mark, annotationsNotification.method, (p) => p.uri === doc.uri && p.entities.some((e: any) => e.id === 'T9'));
  assert.equal(params.entities.find((e: any) => e.id === 'T9').status, 'stored');
  await nextNotification(mark, 'window/showMessage', (p) => /was changed on disk and was read again/.test(p.message));
  // Changed again on disk, and not (yet) told: the next decision reads it before writing.
  fs.writeFileSync(doc.ann, annText(doc) + 'T10\tLocation 109 114\tبغداد\n');
  mark = server.notifications.length;
  actions = await codeActions(doc, rangeOf(doc, 'مستشار الأمن القومي'));
  await runAction(doc, find(actions, /^Accept Organization «مستشار الأمن القومي»$/));
  const ann = annText(doc);
  assert.match(ann, /^T9\tPerson 539 553\tجيورجي جيغاوري$/m);
  assert.match(ann, /^T10\tLocation 109 114\tبغداد$/m);
  assert.match(ann, /^T11\tOrganization 24 43\tمستشار الأمن القومي$/m);
  await nextNotification(mark, 'window/showMessage', (p) => /had been changed on disk/.test(p.message));
});

test('a malformed line is a diagnostic at its line in the .ann, and saving keeps it', async () => {
  const ann = 'T1\tLocation 109 114\tبغداد\nthis is not brat\nT2\tPlanet 87 93\tالعراق\n';
  const mark = server.notifications.length;
  const doc = await open('malformed.txt', sampleText, { ann });
  const annUri = pathToFileURL(doc.ann).toString();
  const diagnostics = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === annUri);
  assert.deepEqual(
    diagnostics.diagnostics.map((d: any) => [d.range.start.line, d.severity]),
    [[1, 1], [2, 2]],
  );
  assert.match(diagnostics.diagnostics[0].message, /could not be read; it is kept as it is/);
  assert.match(diagnostics.diagnostics[1].message, /the label Planet is not in the schema/);
  const actions = await codeActions(doc, rangeOf(doc, 'المنظمة'));
  await runAction(doc, find(actions, /^Accept Organization/));
  const written = annText(doc);
  assert.ok(written.startsWith(ann), 'every line read, the malformed one included, is written back');
  assert.match(written, /^T3\tOrganization 0 22\t/m);
});

test('a .ann opened on its own has its diagnostics, follows the disk, and clears them when it closes', async () => {
  const file = path.join(workspace, 'standalone.txt');
  fs.writeFileSync(file, sampleText);
  const annFile = file.replace(/\.txt$/, '.ann');
  const ann = 'T1\tLocation 109 114\tبغداد\nthis is not brat\n';
  fs.writeFileSync(annFile, ann);
  const annUri = pathToFileURL(annFile).toString();
  let mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: annUri, languageId: 'brat-standoff', version: 1, text: ann } });
  let diagnostics = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === annUri);
  assert.deepEqual(diagnostics.diagnostics.map((d: any) => [d.range.start.line, d.severity]), [[1, 1]]);
  assert.match(diagnostics.diagnostics[0].message, /could not be read; it is kept as it is/);
  // Mended on disk (saved from the editor, or by another tool): the diagnostic goes.
  fs.writeFileSync(annFile, 'T1\tLocation 109 114\tبغداد\n');
  mark = server.notifications.length;
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: annUri, type: 2 }] });
  diagnostics = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === annUri);
  assert.deepEqual(diagnostics.diagnostics, []);
  // The text opens and closes while the .ann stays open: the .ann keeps its diagnostics.
  fs.writeFileSync(annFile, ann);
  const textUri = pathToFileURL(file).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: textUri, languageId: 'plaintext', version: 1, text: sampleText } });
  mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: textUri } });
  diagnostics = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === annUri && p.diagnostics.length > 0);
  assert.match(diagnostics.diagnostics[0].message, /could not be read/);
  mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: annUri } });
  diagnostics = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === annUri);
  assert.deepEqual(diagnostics.diagnostics, []);
  assert.equal(server.notifications.slice(mark).some((n) => n.method === annotationsNotification.method && n.params.uri === annUri), false);
});

test('a .ann with no text beside it says so on its first line', async () => {
  const annFile = path.join(workspace, 'orphan.ann');
  fs.writeFileSync(annFile, 'T1\tLocation 0 5\tبغداد\n');
  const annUri = pathToFileURL(annFile).toString();
  const mark = server.notifications.length;
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: annUri, languageId: 'brat-standoff', version: 1, text: fs.readFileSync(annFile, 'utf8') } });
  const diagnostics = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === annUri);
  assert.equal(diagnostics.diagnostics.length, 1);
  assert.match(diagnostics.diagnostics[0].message, /There is no orphan\.txt beside this file/);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: annUri } });
});

test('annotations whose text was edited elsewhere are re-anchored; one that is gone is kept, with quick fixes', async () => {
  const edited = 'تحديث: ' + sampleText.replace('جيورجي جيغاوري', 'جيورجي  جيغاوري');
  const ann = [
    'T1\tLocation 109 114\tبغداد',
    'T2\tPerson 539 553\tجيورجي جيغاوري',
    'T3\tPlace 0 5\tكوكب المريخ',
    '',
  ].join('\n');
  const mark = server.notifications.length;
  const doc = await open('reanchor.txt', edited, { ann });
  const params = await nextNotification(mark, annotationsNotification.method, (p) => p.uri === doc.uri);
  const baghdad = params.entities.find((e: any) => e.id === 'T1');
  assert.deepEqual(baghdad.range.start, positionAt(edited, edited.indexOf('بغداد')));
  const person = params.entities.find((e: any) => e.id === 'T2');
  assert.deepEqual(person.range.start, positionAt(edited, edited.indexOf('جيورجي')));
  assert.equal(params.counts.lost, 1);
  const lost = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === doc.uri && p.diagnostics.length > 0);
  const [diagnostic] = lost.diagnostics;
  assert.equal(diagnostic.code, 'iltizam.lostAnnotation');
  assert.match(diagnostic.message, /T3 .*no longer found/);
  const annDiagnostics = await nextNotification(mark, 'textDocument/publishDiagnostics', (p) => p.uri === pathToFileURL(doc.ann).toString());
  assert.ok(annDiagnostics.diagnostics.some((d: any) => d.range.start.line === 1 && /tolerant match/.test(d.message)));
  assert.ok(annDiagnostics.diagnostics.some((d: any) => d.range.start.line === 2 && /no longer found/.test(d.message)));

  // Re-attach it to a selection, then delete it.
  const selection = rangeOf(doc, 'العراق');
  let actions = await codeActions(doc, selection, [diagnostic]);
  assert.ok(find(actions, /^Delete the lost annotation T3$/));
  await runAction(doc, find(actions, /^Re-attach T3 to the selection$/));
  const start = edited.indexOf('العراق');
  assert.match(annText(doc), new RegExp(`^T3\\tPlace ${start} ${start + 6}\\tالعراق$`, 'm'));
  assert.match(annText(doc), /^T1\tLocation 116 121\tبغداد$/m, 'the next write records where the others were found');
  assert.match(annText(doc), /^T2\tPerson 546 561\tجيورجي  جيغاوري$/m);
  actions = await codeActions(doc, rangeOf(doc, 'العراق'));
  await runAction(doc, find(actions, /^Delete the annotation Place «العراق»$/));
  assert.ok(!/^T3\t/m.test(annText(doc)));
});

test('a recorded text with diacritics the text lacks is found by a tolerant match', async () => {
  const ann = 'T1\tThreat 0 15\tالتطرُّف العنيف\n';
  const mark = server.notifications.length;
  const doc = await open('lost-found.txt', sampleText, { ann });
  const params = await nextNotification(mark, annotationsNotification.method, (p) => p.uri === doc.uri);
  // Its recorded text is found despite the damma and shadda, the occurrence nearest its offsets: anchored, not lost.
  assert.equal(params.counts.lost, 0);
  const threat = params.entities.find((e: any) => e.id === 'T1');
  assert.deepEqual(threat.range.start, positionAt(sampleText, sampleText.indexOf('التطرف العنيف')));
});

test("a corpus folder's annotation.conf is its schema: its labels are offered, others are not suggested", async () => {
  const corpus = path.join(workspace, 'corpus');
  fs.mkdirSync(corpus, { recursive: true });
  fs.writeFileSync(path.join(corpus, 'annotation.conf'), '[entities]\nOrganization\nPlace\n[relations]\n[events]\n[attributes]\n');
  const doc = await open(path.join('corpus', 'schema.txt'), sampleText);
  const params = server.notifications.filter((n) => n.method === annotationsNotification.method && n.params.uri === doc.uri).pop()!.params;
  assert.deepEqual(params.schema.labels, ['Organization', 'Place']);
  assert.equal(params.schema.commitment, undefined, 'no Commitment in this schema');
  assert.ok(params.entities.length > 0 && params.entities.every((e: any) => e.label === 'Organization'));
  assert.equal(params.commitments.length, 0);
  const actions = await codeActions(doc, rangeOf(doc, 'العراق'));
  const annotate = actions.filter((a) => /^Annotate the selection as /.test(a.title)).map((a) => a.title);
  assert.deepEqual(annotate, ['Annotate the selection as Organization', 'Annotate the selection as Place']);
  await runAction(doc, actions.find((a) => a.title === 'Annotate the selection as Place'));
  assert.match(annText(doc), /^T1\tPlace 87 93\tالعراق$/m);
  // A label outside the schema is refused, and the file is left as it was.
  const before = annText(doc);
  await assert.rejects(server.connection.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri: doc.uri, label: 'Person', ranges: [rangeOf(doc, 'بغداد')] }] }), /not a label of this corpus's schema/);
  assert.equal(annText(doc), before);
});
