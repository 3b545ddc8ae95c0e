// The guard in every walk, read and write of a corpus on disk: links are
// followed only inside the corpus, loops and dangling links are skipped with
// a warning, an export or an import never writes or reads outside its
// folders through a link, and an --out that is a link to the corpus is the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filesUnder, StagedOutput } from '../../server/src/node/files';
import { exportCorpus } from '../../server/src/node/exportCorpus';
import { importFile } from '../../server/src/node/importFile';
import { isTextName } from '../../server/src/annotations/pairing';

const arabic = 'تلتزم الحكومة بحماية المدنيين في المدينة.\n';

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-walk-')));
}

function corpusWithLinks(): { dir: string; corpus: string; outside: string } {
  const dir = tempDir();
  const corpus = path.join(dir, 'corpus');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(path.join(corpus, 'part'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(corpus, 'part', 'a.txt'), arabic);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(corpus, 'secret.txt'));
  fs.symlinkSync('/', path.join(corpus, 'root'));
  fs.symlinkSync(corpus, path.join(corpus, 'part', 'loop'));
  fs.symlinkSync(path.join(corpus, 'gone.txt'), path.join(corpus, 'dangling.txt'));
  fs.symlinkSync(path.join(corpus, 'loop-a'), path.join(corpus, 'loop-b'));
  fs.symlinkSync(path.join(corpus, 'loop-b'), path.join(corpus, 'loop-a'));
  fs.symlinkSync(path.join('part', 'a.txt'), path.join(corpus, 'alias.txt'));
  return { dir, corpus, outside };
}

test('the walker follows links inside the corpus only; loops, dangling links and links out are skipped with a warning', () => {
  const { dir, corpus } = corpusWithLinks();
  const warnings: string[] = [];
  const files = filesUnder(corpus, isTextName, [], (w) => warnings.push(w));
  assert.deepEqual(files.map((f) => path.relative(corpus, f)), ['alias.txt', path.join('part', 'a.txt')]);
  assert.ok(warnings.some((w) => w.includes('secret.txt') && w.includes('outside')), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.includes('root') && w.includes('outside')));
  assert.ok(warnings.some((w) => w.includes('dangling.txt') && w.includes('dangling')));
  assert.ok(warnings.some((w) => w.includes('loop-a') && w.includes('loop')));
  fs.rmSync(dir, { recursive: true });
});

test('iltizam analyze of a folder with loops, a link to / and dangling links prints its documents and the warnings', () => {
  const { dir, corpus } = corpusWithLinks();
  const cli = path.resolve(__dirname, '..', '..', '..', 'bin', 'iltizam.js');
  const run = spawnSync(process.execPath, [cli, 'analyze', corpus, path.join(corpus, 'loop-a')], { encoding: 'utf8', timeout: 60000 });
  const records = run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(records.length, 2, run.stderr);
  assert.match(run.stderr, /loop-a: skipped, a symlink loop/);
  assert.match(run.stderr, /dangling\.txt: skipped/);
  fs.rmSync(dir, { recursive: true });
});

test('staged output refuses a file that would land outside its folder through a symlinked sub-folder', () => {
  const dir = tempDir();
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  fs.mkdirSync(path.join(dir, 'elsewhere'));
  fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(out, 'sub'));
  const output = new StagedOutput(out);
  assert.throws(() => output.write('sub/doc.ann', 'x'), /outside/);
  output.rollback();
  assert.deepEqual(fs.readdirSync(path.join(dir, 'elsewhere')), []);
  fs.rmSync(dir, { recursive: true });
});

test('an export whose --out is a link to the corpus is refused as overwriting its own input', async () => {
  const dir = tempDir();
  const corpus = path.join(dir, 'corpus');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, 'a.txt'), arabic);
  fs.writeFileSync(path.join(corpus, 'a.ann'), 'T1\tOrganization 6 13\tالحكومة\n');
  fs.symlinkSync(corpus, path.join(dir, 'out'));
  await assert.rejects(exportCorpus({ paths: [corpus], outDir: path.join(dir, 'out'), format: 'brat' }), /own input/);
  assert.equal(fs.readFileSync(path.join(corpus, 'a.ann'), 'utf8'), 'T1\tOrganization 6 13\tالحكومة\n');
  fs.rmSync(dir, { recursive: true });
});

test('importing a brat folder whose X.txt is a link to a file outside it copies nothing of that file', async () => {
  const dir = tempDir();
  const source = path.join(dir, 'source');
  const into = path.join(dir, 'into');
  fs.mkdirSync(source);
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'a secret the import must not copy');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(source, 'doc.txt'));
  fs.writeFileSync(path.join(source, 'doc.ann'), 'T1\tPerson 0 1\ta\n');
  await assert.rejects(importFile({ file: source, format: 'brat', into }), /outside/);
  assert.ok(!fs.existsSync(path.join(into, 'doc.txt')));
  fs.rmSync(dir, { recursive: true });
});
