// Learning from decisions against the real server (dist/server.js and its
// dist/learningWorker.js) over stdio: decisions made through the server's
// commands change another document's suggestions; a reset restores them.
// And what to review next: the suggestions least confident first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer } from './lspClient';
import { learningCommands, storeCommands } from '../../server/src/protocol/commands';
import { annotationsNotification, corpusRequests, indexProgressNotification, suggestionOrderRequest } from '../../server/src/protocol/messages';

// Made-up names: the shipped model finds the person after "السيد" (a rule) and nowhere else, and never the body.
const decided = 'وصرح السيد زيدوني الكرماني بأن الخطة جاهزة. ووقعت هيئة برقان للتنمية اتفاقا مع الشركاء.';
const unseen = 'واجتمع زيدوني الكرماني مع الوزراء. وأعلنت هيئة برقان للتنمية خطتها الجديدة.';

test('a name accepted and a body annotated by hand in one document are suggested in another where the shipped model missed them; the reset restores the shipped suggestions', async () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-learning-'));
  const server = await startServer(workspace, { annotator: 'tester', learning: { enabled: true } });
  try {
    const uriOf = (name: string, text: string) => {
      fs.writeFileSync(path.join(workspace, name), text);
      return pathToFileURL(path.join(workspace, name)).toString();
    };
    const a = uriOf('a.txt', decided);
    const b = uriOf('b.txt', unseen);
    /** The suggestions of the latest push of `uri` once `ready` holds for them. */
    const suggestionsOf = async (uri: string, text: string, ready: (s: string[]) => boolean): Promise<string[]> => {
      const names = (p: any) => p.entities.filter((e: any) => e.status === 'suggested').map((e: any) => `${e.label}:${text.slice(e.range.start.character, e.range.end.character)}`).sort();
      const deadline = Date.now() + 30_000;
      for (;;) {
        const latest = server.notifications.filter((n) => n.method === annotationsNotification.method && n.params.uri === uri).at(-1);
        if (latest && ready(names(latest.params))) return names(latest.params);
        if (Date.now() > deadline) throw new Error(`${uri}: ${latest ? names(latest.params) : 'no push'}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    for (const [uri, text] of [[a, decided], [b, unseen]]) {
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    }
    const inA = await suggestionsOf(a, decided, (s) => s.length > 0);
    assert.deepEqual(inA, ['Person:زيدوني الكرماني']);
    const before = await suggestionsOf(b, unseen, () => true);
    assert.ok(!before.some((s) => /زيدوني|برقان/.test(s)), `the shipped model misses both names in b: ${before}`);

    const pushA = server.notifications.filter((n) => n.method === annotationsNotification.method && n.params.uri === a).at(-1)!.params;
    const person = pushA.entities.find((e: any) => e.label === 'Person');
    await server.connection.sendRequest('workspace/executeCommand', { command: storeCommands.accept, arguments: [{ uri: a, target: { id: person.id, version: 1 } }] });
    const at = decided.indexOf('هيئة برقان للتنمية');
    const range = { start: { line: 0, character: at }, end: { line: 0, character: at + 'هيئة برقان للتنمية'.length } };
    await server.connection.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri: a, label: 'Organization', ranges: [range] }] });
    assert.match(fs.readFileSync(path.join(workspace, 'a.ann'), 'utf8'), /Review T1 accepted/);

    const learnt = await suggestionsOf(b, unseen, (s) => s.includes('Person:زيدوني الكرماني'));
    assert.ok(learnt.includes('Organization:هيئة برقان للتنمية'), `${learnt}`);
    assert.ok(fs.existsSync(path.join(workspace, '.iltizam', 'tagger-adaptation.json')));
    await server.waitForNotification('window/logMessage', (p) => p.message === 'Adapted the tagger to 2 decisions in 1 document.');

    await server.connection.sendRequest('workspace/executeCommand', { command: learningCommands.reset, arguments: [] });
    assert.equal(fs.existsSync(path.join(workspace, '.iltizam', 'tagger-adaptation.json')), false);
    assert.deepEqual(await suggestionsOf(b, unseen, (s) => !s.includes('Person:زيدوني الكرماني')), before);
  } finally {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});

test('the suggestion order: the undecided suggestions of a document, or of the corpus, least confident first; a decision takes one out; the corpus view carries the confidences', async () => {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-order-'));
  const texts: Record<string, string> = {
    'a.txt': 'وقال المتحدث باسم الشركة فريد الزعبي إن الوفد سيزور المدينة. وحضر فريد الزعبي الاجتماع في بغداد.',
    'b.txt': 'وصرح السيد زيدوني الكرماني بأن الخطة جاهزة. وتلتزم الحكومة العراقية بحماية حقوق الإنسان.',
  };
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(workspace, name), text);
  const server = await startServer(workspace, { annotator: 'tester', learning: { enabled: false } });
  try {
    await server.waitForNotification(indexProgressNotification.method, (p) => p.complete === true, 30_000);
    const a = pathToFileURL(path.join(workspace, 'a.txt')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'plaintext', version: 1, text: texts['a.txt'] } });
    await server.waitForNotification(annotationsNotification.method, (p) => p.uri === a);
    const inA = (await server.connection.sendRequest(suggestionOrderRequest, { scope: 'document', uri: a }))!;
    const entities = inA.filter((s) => s.label !== 'Commitment');
    assert.ok(entities.length >= 3, JSON.stringify(inA));
    assert.ok(entities.every((s) => s.uri === a && typeof s.confidence === 'number'));
    const confidences = entities.map((s) => s.confidence!);
    assert.deepEqual(confidences, [...confidences].sort((x, y) => x - y), 'least confident first');
    assert.ok(confidences[0] < confidences[confidences.length - 1], `different confidences: ${confidences}`);
    assert.equal(texts['a.txt'].split('\n')[entities[0].range.start.line].slice(entities[0].range.start.character, entities[0].range.end.character), entities[0].text);
    assert.ok(inA.slice(entities.length).every((s) => s.label === 'Commitment' && s.confidence === undefined), 'commitments after the entities');

    // The least sure one decided: it is not asked about again.
    await server.connection.sendRequest('workspace/executeCommand', { command: storeCommands.accept, arguments: [{ uri: a, target: { position: entities[0].range.start, layer: 'entity' } }] });
    const after = (await server.connection.sendRequest(suggestionOrderRequest, { scope: 'document', uri: a }))!;
    assert.equal(after.length, inA.length - 1);
    assert.ok(!after.some((s) => s.range.start.line === entities[0].range.start.line && s.range.start.character === entities[0].range.start.character && s.label === entities[0].label));

    const corpus = (await server.connection.sendRequest(suggestionOrderRequest, { scope: 'corpus' }))!;
    assert.deepEqual([...new Set(corpus.map((s) => path.basename(s.uri)))].sort(), ['a.txt', 'b.txt'], 'the closed document too');
    const sure = corpus.filter((s) => s.confidence !== undefined).map((s) => s.confidence!);
    assert.deepEqual(sure, [...sure].sort((x, y) => x - y));

    const persons = (await server.connection.sendRequest(corpusRequests.entities, { label: 'Person' }))!;
    const kermani = persons.find((g) => g.name === 'زيدوني الكرماني')!;
    assert.equal(typeof kermani.leastConfidence, 'number');
    const mentions = (await server.connection.sendRequest(corpusRequests.mentions, { key: kermani.key }))!;
    assert.equal(mentions[0].confidence, kermani.leastConfidence);
    await assert.rejects(server.connection.sendRequest(suggestionOrderRequest, { scope: 'document', uri: 'file:///nowhere.txt' }), /not an open document/);
  } finally {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});
