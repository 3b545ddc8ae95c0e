// Export, import and agreement as requests to the real server: results,
// progress notifications for the run, and errors that name the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot, startServer, TestServer } from './lspClient';
import { agreementRequest, exportPlanRequest, exportRequest, importRequest, runProgressNotification } from '../../server/src/protocol/messages';

let server: TestServer;
let workspace: string;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-exchange-'));
  fs.mkdirSync(path.join(workspace, 'corpus'));
  for (const f of ['iom-onsa-agreement.txt', 'iom-onsa-agreement.ann', 'ngo-pve-working-group.txt']) fs.copyFileSync(path.join(repoRoot, 'samples', f), path.join(workspace, 'corpus', f));
  server = await startServer(workspace);
  // Progress notifications are recorded with the others.
  server.connection.onNotification(runProgressNotification, (p) => void server.notifications.push({ method: runProgressNotification.method, params: p, at: 0 }));
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('an export runs in the server: the plan names what it writes, the run reports progress and writes it', async () => {
  const corpus = path.join(workspace, 'corpus');
  const outDir = path.join(workspace, 'out-csv');
  const plan = await server.connection.sendRequest(exportPlanRequest, { paths: [corpus], format: 'brat', outDir });
  assert.ok(plan.inputs.includes(path.join(corpus, 'iom-onsa-agreement.ann')));
  assert.ok(plan.outputs.includes(path.join(outDir, 'ngo-pve-working-group.ann')));
  const result = await server.connection.sendRequest(exportRequest, { run: 'r1', paths: [corpus], format: 'csv', outDir, suggestions: true, utf16: false, splitProclitics: false });
  assert.equal(result.documents, 2);
  assert.deepEqual(result.files, [path.join(outDir, 'commitments.csv')]);
  assert.match(fs.readFileSync(result.files[0], 'utf8'), /ngo-pve-working-group/);
  await server.waitForNotification(runProgressNotification.method, (p) => p.run === 'r1' && p.document === 'ngo-pve-working-group');
});

test('a problem with an input fails the request with the file in its data; nothing is written', async () => {
  const bad = path.join(workspace, 'bad.jsonl');
  fs.writeFileSync(bad, '{"text": "نص", "label": [[0, 9, "Organization"]]}\n');
  const into = path.join(workspace, 'imported');
  await assert.rejects(server.connection.sendRequest(importRequest, { run: 'r2', file: bad, format: 'doccano', into, replace: false, utf16: false }), (err: any) => {
    assert.equal(err.data.file, bad);
    assert.equal(err.data.line, 1);
    assert.match(err.data.reason, /past the end of the text/);
    return true;
  });
  assert.ok(!fs.existsSync(into));
});

test('agreement of a corpus with itself: the report and its text', async () => {
  const corpus = path.join(workspace, 'corpus');
  const { report, text } = await server.connection.sendRequest(agreementRequest, { run: 'r3', corpusA: corpus, corpusB: corpus });
  assert.deepEqual(report.documents, ['iom-onsa-agreement']);
  assert.equal(report.overall.exact.f1, 1);
  assert.match(text, /^Agreement over 1 document/);
});

test('a doccano export from the editor warns of overlapping spans, and the flat one asked for writes none', async () => {
  const corpus = path.join(workspace, 'corpus');
  const overlapping = (spans: [number, number, string][]) => spans.some((a, i) => spans.some((b, j) => i !== j && a[0] < b[1] && b[0] < a[1]));
  const read = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const full = await server.connection.sendRequest(exportRequest, { run: 'd1', paths: [corpus], format: 'doccano', outDir: path.join(workspace, 'out-doccano'), suggestions: false, utf16: false, splitProclitics: false });
  assert.ok(read(full.files[0]).some((r) => overlapping(r.label)));
  assert.ok(full.warnings.some((w) => /doccano's default project/.test(w.message)), 'the warning reaches the editor');
  const flat = await server.connection.sendRequest(exportRequest, { run: 'd2', paths: [corpus], format: 'doccano', outDir: path.join(workspace, 'out-flat'), suggestions: false, utf16: false, splitProclitics: false, flat: true });
  assert.ok(read(flat.files[0]).every((r) => !overlapping(r.label)));
});
