// `iltizam analyze` as a stream, run for real: JSON lines on standard input,
// worker threads in input order, the compact records, bad lines reported by
// number, output before the input ends, and GNU parallel --pipe over the
// bundled CLI. The texts are synthetic (scripts/corpus.ts over samples/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusGenerator, deriveSeed, loadSources } from '../../scripts/corpus';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cli = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');
const bundledCli = path.join(repoRoot, 'bin', 'iltizam.js');
const generator = new CorpusGenerator(loadSources(repoRoot));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string | Buffer, script = cli): Run {
  const r = spawnSync(process.execPath, [script, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A long document first, then short ones: with two workers the short ones are done before it. */
function documents(count: number, seed: number, firstBytes = 150_000): { id: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({ id: `doc-${i}`, text: generator.document(deriveSeed(seed, i), i === 0 ? firstBytes : 2_000 + 1_000 * (i % 5)) }));
}

const jsonLines = (docs: { id: string; text: string }[]) => docs.map((d) => JSON.stringify(d) + '\n').join('');
const records = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));
const byId = (stdout: string) => Object.fromEntries(records(stdout).map((r: { id: string }) => [r.id, r]));

test('--jobs 2 prints the same lines in the same order as --jobs 1, from standard input and from a folder', (t) => {
  const docs = documents(12, 11);
  const input = jsonLines(docs);
  const one = run(['analyze', '--jobs', '1', '-'], input);
  const two = run(['analyze', '--jobs', '2', '-'], input);
  assert.equal(one.status, 0, one.stderr);
  assert.equal(two.status, 0, two.stderr);
  assert.deepEqual(records(one.stdout).map((r) => r.id), docs.map((d) => d.id), 'input order');
  assert.equal(two.stdout, one.stdout);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-analyze-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const d of docs) fs.writeFileSync(path.join(dir, `${d.id}.txt`), d.text);
  const folderOne = run(['analyze', '--jobs', '1', dir]);
  const folderTwo = run(['analyze', '--jobs', '2', dir]);
  assert.equal(folderTwo.status, 0, folderTwo.stderr);
  assert.equal(folderTwo.stdout, folderOne.stdout);
  // The same analysis whichever way a text comes in; only the id differs.
  const fromFiles = byId(folderOne.stdout);
  for (const r of records(one.stdout)) assert.deepEqual({ ...fromFiles[path.join(dir, `${r.id}.txt`)], id: r.id }, r);
});

test('standard input: JSON lines {id, text}, with - among files; a blank line is passed over', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-analyze-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'before.txt');
  fs.writeFileSync(file, 'وقّعت وزارة الداخلية العراقية مذكرة تفاهم في بغداد.');
  const input = '{"id": "a", "text": "تلتزم الحكومة بحماية المدنيين في الموصل."}\r\n\n{"text": "اجتمع الوفد في البصرة.", "id": "b"}';
  const r = run(['analyze', '--jobs', '2', file, '-'], input);
  assert.equal(r.status, 0, r.stderr);
  const out = records(r.stdout);
  assert.deepEqual(out.map((x) => x.id), [file, 'a', 'b']);
  assert.equal(out[1].text, 'تلتزم الحكومة بحماية المدنيين في الموصل.');
  assert.ok(out[1].entities.some((e: { text: string; label: string }) => e.text === 'الموصل' && e.label === 'Location'), JSON.stringify(out[1].entities));
  assert.equal(out[1].commitments.length, 1);
  assert.ok(out[2].entities.some((e: { text: string }) => e.text === 'البصرة'));
});

test('a malformed line is reported with its line number, the other lines are still analysed, and the exit code is 1', () => {
  const good = (id: string) => JSON.stringify({ id, text: 'اجتمع الوفد في البصرة.' });
  const input = Buffer.concat([
    Buffer.from([good('one'), '{"id": "two", "text": ', good('three'), '{"id": "four"}', '["five"]', good('six'), ''].join('\n')),
    Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
    Buffer.from(good('eight') + '\n' + JSON.stringify({ id: '', text: 'x' }) + '\n'),
  ]);
  for (const jobs of ['1', '2']) {
    const r = run(['analyze', '--jobs', jobs, '-'], input);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(records(r.stdout).map((x) => x.id), ['one', 'three', 'six', 'eight']);
    const errors = r.stderr.trim().split('\n');
    assert.equal(errors.length, 5, r.stderr);
    assert.match(errors[0], /^iltizam: <stdin>:2: not valid JSON \(.+\); each line must be \{"id": "…", "text": "…"\}$/);
    assert.equal(errors[1], 'iltizam: <stdin>:4: "text" must be a string (document "four")');
    assert.equal(errors[2], 'iltizam: <stdin>:5: not a JSON object; each line must be {"id": "…", "text": "…"}');
    assert.equal(errors[3], 'iltizam: <stdin>:7: not valid UTF-8');
    assert.equal(errors[4], 'iltizam: <stdin>:9: "id" must be a non-empty string');
  }
});

test('--compact prints the schema the README documents, the same analysis as the full record', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /`--compact` prints:\s*```json\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(block, 'the README documents the compact shape in a json block');
  const documented = JSON.parse(block[1]);
  const input = jsonLines([{ id: 'x', text: fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8') }, ...documents(4, 3)]);
  const full = records(run(['analyze', '-'], input).stdout);
  const r = run(['analyze', '--compact', '-'], input);
  assert.equal(r.status, 0, r.stderr);
  const compact = records(r.stdout);
  assert.deepEqual(Object.keys(compact[0]), Object.keys(documented));
  assert.deepEqual(compact[0].e[0], documented.e[0]);
  assert.deepEqual(compact[0].c[0], documented.c[0]);
  assert.ok(r.stdout.length * 3 < run(['analyze', '-'], input).stdout.length, 'a third of the size or less');
  for (const [k, record] of full.entries()) {
    const c = compact[k];
    assert.equal(c.id, record.id);
    const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
    assert.deepEqual(c.e, record.entities.map((e: any) => [e.start, e.end, e.label, e.source, round2(e.confidence), e.kb]));
    const ids: string[] = record.entities.map((e: { id: string }) => e.id);
    assert.deepEqual(c.c, record.commitments.map((m: any) => [m.start, m.end, m.strength, m.actors.map((a: string) => ids.indexOf(a)), m.principles.map((p: string) => ids.indexOf(p)), m.negated ? 1 : 0]));
    assert.ok(c.c.every((m: number[][]) => [...m[3], ...m[4]].every((i) => i >= 0)));
  }
});

/** Polls (no fixed sleep) until the child's stdout holds `lines` lines, or it exits. */
function linesOut(child: ReturnType<typeof spawn>, out: { text: string }, lines: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (out.text.split('\n').length > lines) return resolve();
      if (child.exitCode !== null) return reject(new Error(`the CLI exited (${child.exitCode}) with ${out.text.split('\n').length - 1} line(s)`));
      setTimeout(check, 20);
    };
    check();
  });
}

test('each document is printed as soon as it is done, while standard input is still open', async () => {
  for (const jobs of ['1', '2']) {
    const child = spawn(process.execPath, [cli, 'analyze', '--jobs', jobs, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = { text: '' };
    child.stdout.on('data', (d) => (out.text += d));
    child.stdin.write(JSON.stringify({ id: 'first', text: 'اجتمع الوفد في البصرة.' }) + '\n');
    await linesOut(child, out, 1);
    assert.equal(child.stdin.writableEnded, false, 'the input is still open');
    assert.equal(JSON.parse(out.text.split('\n')[0]).id, 'first');
    child.stdin.write(JSON.stringify({ id: 'second', text: 'تلتزم الحكومة بحماية المدنيين.' }) + '\n');
    await linesOut(child, out, 2);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.end();
    assert.equal(await exited, 0);
    assert.deepEqual(records(out.text).map((r) => r.id), ['first', 'second']);
  }
});

test('when the reader closes standard output, analyze stops with a message, not a stack trace', async () => {
  const child = spawn(process.execPath, [cli, 'analyze', '--jobs', '2', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.stdout.once('data', () => child.stdout.destroy());
  const line = JSON.stringify({ id: 'x', text: 'اجتمع الوفد في البصرة.' }) + '\n';
  // Lines until the CLI stops (it reads them while writing to the closed pipe).
  const feed = () => {
    if (child.exitCode === null && child.stdin.writable) child.stdin.write(line.repeat(20), () => setImmediate(feed));
  };
  child.stdin.on('error', () => undefined);
  feed();
  assert.equal(await exited, 1);
  assert.equal(stderr, 'iltizam: standard output was closed; stopped\n');
});

test('--jobs must be a whole number; a bad model file stops the run with one message, whatever the jobs', (t) => {
  for (const bad of ['0', '1.5', 'many']) {
    const r = run(['analyze', '--jobs', bad, '-'], '');
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`--jobs needs a whole number of at least 1, got "${bad}"`));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-analyze-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const model = path.join(dir, 'model.json');
  fs.writeFileSync(model, '{"format": 1}');
  for (const jobs of ['1', '2']) {
    const r = run(['analyze', '--jobs', jobs, '--model', model, '-'], jsonLines(documents(5, 5)));
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.ok(r.stderr.startsWith(`iltizam: ${model}: not an adapted tagger model`), r.stderr);
  }
});

test('analyze optimises later than V8 does by default (node/batchTiering.ts), in its workers too, unless node is given its own budget', () => {
  const input = jsonLines(documents(5, 31, 40_000));
  // V8 says "[completed compiling <function> (target TURBOFAN)…]" on stdout, every thread's in one stream, for each optimisation.
  const compilations = (nodeFlags: string[], jobs: string) => {
    const r = spawnSync(process.execPath, ['--trace-opt', ...nodeFlags, cli, 'analyze', '--jobs', jobs, '-'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    return (r.stdout.match(/\[completed compiling/g) ?? []).length;
  };
  for (const jobs of ['1', '2']) {
    const defaultBudget = compilations(['--interrupt-budget=67584'], jobs);
    const batch = compilations([], jobs);
    assert.ok(defaultBudget > 40, `V8's default budget optimises ${defaultBudget} functions`);
    assert.ok(batch < 0.6 * defaultBudget, `--jobs ${jobs}: ${batch} optimisations with the batch budget, ${defaultBudget} with V8's`);
  }
});

test('GNU parallel --pipe over the bundled CLI: the union of its outputs is a single run\'s output', () => {
  const docs = documents(30, 29, 3_000);
  const input = jsonLines(docs);
  const single = run(['analyze', '--jobs', '1', '-'], input, bundledCli);
  assert.equal(single.status, 0, single.stderr);
  // Blocks of about 20 KB of whole lines, two jobs at a time, each a CLI process.
  const r = spawnSync('parallel', ['--pipe', '--block', '20k', '-j', '2', process.execPath, bundledCli, 'analyze', '--jobs', '1', '-'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.error, undefined, 'GNU parallel is installed (Debian package parallel)');
  assert.equal(r.status, 0, r.stderr);
  const blocks = spawnSync('parallel', ['--pipe', '--block', '20k', 'wc', '-l'], { input, encoding: 'utf8' });
  assert.ok(blocks.stdout.trim().split('\n').length > 2, 'the input was split among several CLI processes');
  assert.equal(records(r.stdout).length, docs.length);
  assert.deepEqual(byId(r.stdout), byId(single.stdout));
});
