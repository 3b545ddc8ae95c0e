// The disk layer's guard and its compare-and-swap: two processes appending
// through the lock lose nothing, a read-only .ann is refused, a symlinked one
// is written through to its target inside the corpus (and refused outside),
// what is not a regular file is never read, bytes that are not UTF-8 survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readIfExists, replaceIfUnchanged } from '../../server/src/node/annotationFiles';
import { FileRefused, readGuarded } from '../../server/src/node/fileGuard';
import { inEnglish } from '../../server/src/messages/reason';

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-guard-')));
}

test('two processes appending lines by compare-and-swap lose none of them', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'doc.ann');
  fs.writeFileSync(file, '');
  const module = path.resolve(__dirname, '..', '..', 'server', 'src', 'node', 'annotationFiles.js');
  const script = (who: string) => `
    const { readIfExists, replaceIfUnchanged } = require(${JSON.stringify(module)});
    for (let i = 0; i < 40; i++) {
      for (;;) {
        const now = readIfExists(${JSON.stringify(file)});
        if (replaceIfUnchanged(${JSON.stringify(file)}, now, now + '${who}' + i + '\\n')) break;
      }
    }`;
  const children = ['a', 'b'].map((who) => spawn(process.execPath, ['-e', script(who)], { stdio: 'inherit' }));
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  assert.equal(lines.length, 80);
  for (const who of ['a', 'b']) for (let i = 0; i < 40; i++) assert.ok(lines.includes(who + i), `${who}${i} is kept`);
  fs.rmSync(dir, { recursive: true });
});

test('a write refused: a read-only .ann stays as it is; a file changed since it was read is not overwritten', () => {
  const dir = tempDir();
  const file = path.join(dir, 'doc.ann');
  fs.writeFileSync(file, 'T1\tPerson 0 1\tx\n');
  assert.equal(replaceIfUnchanged(file, 'something else', 'new\n', [dir]), false);
  assert.equal(fs.readFileSync(file, 'utf8'), 'T1\tPerson 0 1\tx\n');
  fs.chmodSync(file, 0o444);
  if (process.getuid?.() !== 0) {
    assert.throws(() => replaceIfUnchanged(file, 'T1\tPerson 0 1\tx\n', 'new\n', [dir]), (err: unknown) => err instanceof FileRefused && err.reason === 'read-only');
    assert.equal(fs.readFileSync(file, 'utf8'), 'T1\tPerson 0 1\tx\n');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a symlinked .ann is written through to its target inside the corpus, and refused when it leads outside', () => {
  const dir = tempDir();
  const corpus = path.join(dir, 'corpus');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(path.join(corpus, 'shared'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(corpus, 'shared', 'real.ann'), 'old\n');
  fs.symlinkSync(path.join('shared', 'real.ann'), path.join(corpus, 'doc.ann'));
  assert.equal(replaceIfUnchanged(path.join(corpus, 'doc.ann'), 'old\n', 'new\n', [corpus]), true);
  assert.ok(fs.lstatSync(path.join(corpus, 'doc.ann')).isSymbolicLink(), 'the link is kept');
  assert.equal(fs.readFileSync(path.join(corpus, 'shared', 'real.ann'), 'utf8'), 'new\n', 'its target has the decision');

  fs.writeFileSync(path.join(outside, 'secret.ann'), 'secret\n');
  fs.symlinkSync(path.join(outside, 'secret.ann'), path.join(corpus, 'out.ann'));
  assert.throws(() => replaceIfUnchanged(path.join(corpus, 'out.ann'), 'secret\n', 'x\n', [corpus]), (err: unknown) => err instanceof FileRefused && err.reason === 'outside');
  assert.throws(() => readGuarded(path.join(corpus, 'out.ann'), [corpus]), (err: unknown) => err instanceof FileRefused && err.reason === 'outside');
  assert.equal(fs.readFileSync(path.join(outside, 'secret.ann'), 'utf8'), 'secret\n');
  fs.rmSync(dir, { recursive: true });
});

test('only regular files are read: a folder, a FIFO and /dev/zero are refused at once, a file over the limit too', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'folder.ann'));
  assert.throws(() => readIfExists(path.join(dir, 'folder.ann')), (err: unknown) => err instanceof FileRefused && err.reason === 'not-a-file');
  if (fs.existsSync('/dev/zero')) {
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.ann'));
    assert.throws(() => readIfExists(path.join(dir, 'zero.ann')), (err: unknown) => err instanceof FileRefused && err.reason === 'not-a-file');
  }
  if (process.platform !== 'win32') {
    execFileSync('mkfifo', [path.join(dir, 'pipe.ann')]);
    assert.throws(() => readIfExists(path.join(dir, 'pipe.ann')), (err: unknown) => err instanceof FileRefused && err.reason === 'not-a-file');
  }
  fs.writeFileSync(path.join(dir, 'big.ann'), 'x'.repeat(100));
  assert.throws(() => readGuarded(path.join(dir, 'big.ann'), undefined, 50), (err: unknown) => err instanceof FileRefused && err.reason === 'too-large');
  assert.throws(() => readIfExists(path.join(dir, 'a'.repeat(300) + '.ann')), (err: unknown) => err instanceof FileRefused && err.reason === 'name-too-long');
  fs.rmSync(dir, { recursive: true });
});

test('bytes that are not UTF-8 are written back as they were read', () => {
  const dir = tempDir();
  const file = path.join(dir, 'doc.ann');
  const bytes = Buffer.concat([Buffer.from('T1\tPerson 0 1\tx\n#1\tAnnotatorNotes T1\t'), Buffer.from([0xc7, 0xe1, 0xe4, 0xff, 0x00, 0xed, 0xa0, 0x80]), Buffer.from('\n')]);
  fs.writeFileSync(file, bytes);
  const text = readIfExists(file)!;
  assert.ok(replaceIfUnchanged(file, text, text + 'T2\tPerson 0 1\tx\n'));
  assert.deepEqual(fs.readFileSync(file), Buffer.concat([bytes, Buffer.from('T2\tPerson 0 1\tx\n')]));
  fs.rmSync(dir, { recursive: true });
});

test('a .ann that is a folder does not stop the store: the document opens, the problem is reported, nothing is written over it', async () => {
  const { AnnotationStores } = await import('../../server/src/server/annotationStores');
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'doc.txt'), 'نص');
  fs.mkdirSync(path.join(dir, 'doc.ann'));
  const stores = new AnnotationStores(() => [dir]);
  const store = stores.open(`file://${path.join(dir, 'doc.txt')}`, 'نص');
  assert.match((store.errors[0] ? inEnglish(store.errors[0].message) : ''), /not a regular file/);
  assert.throws(() => stores.decide(store.uri, 'نص', (set) => set.add('Person', [{ start: 0, end: 2 }], 'manual', { by: 't', at: 'n' })), /not-a-file|write-failed|not a regular file/);
  assert.ok(fs.statSync(path.join(dir, 'doc.ann')).isDirectory());
  fs.rmSync(dir, { recursive: true });
});
