import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeStaleTemporaries, startsWithBom, writeFileAtomic } from '../../server/src/node/annotationFiles';
import { findAnnotationConf } from '../../server/src/node/workspaceFiles';
import { annotationNameOf } from '../../server/src/annotations/pairing';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-files-'));
}

test('X.txt is annotated in X.ann; a BOM is detected on disk', () => {
  assert.equal(annotationNameOf('/c/doc.txt'), '/c/doc.ann');
  assert.equal(annotationNameOf('/c/doc.ar.txt'), '/c/doc.ar.ann');
  assert.equal(annotationNameOf('/c/notes.md'), '/c/notes.md.ann');
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'bom.txt'), Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
  fs.writeFileSync(path.join(dir, 'plain.txt'), 'a');
  assert.equal(startsWithBom(path.join(dir, 'bom.txt')), true);
  assert.equal(startsWithBom(path.join(dir, 'plain.txt')), false);
  assert.equal(startsWithBom(path.join(dir, 'missing.txt')), false);
  fs.rmSync(dir, { recursive: true });
});

test('annotation.conf is looked for from the text upwards, not beyond its workspace folder', () => {
  const dir = tempDir();
  const corpus = path.join(dir, 'ws', 'corpus', 'part');
  fs.mkdirSync(corpus, { recursive: true });
  fs.writeFileSync(path.join(dir, 'annotation.conf'), '[entities]\nOutside\n');
  const text = path.join(corpus, 'a.txt');
  assert.equal(findAnnotationConf(text, [path.join(dir, 'ws')]), undefined);
  fs.writeFileSync(path.join(dir, 'ws', 'corpus', 'annotation.conf'), '[entities]\nInside\n');
  assert.equal(findAnnotationConf(text, [path.join(dir, 'ws')]), path.join(dir, 'ws', 'corpus', 'annotation.conf'));
  fs.rmSync(dir, { recursive: true });
});

test('an atomic write replaces the file, keeps its permissions and leaves no temporary file', () => {
  const dir = tempDir();
  const file = path.join(dir, 'a.ann');
  fs.writeFileSync(file, 'old\n', { mode: 0o640 });
  writeFileAtomic(file, 'T1\tLocation 0 5\tبغداد\n');
  assert.equal(fs.readFileSync(file, 'utf8'), 'T1\tLocation 0 5\tبغداد\n');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(dir), ['a.ann']);
  // A failed write (the folder is gone) throws and leaves nothing behind.
  assert.throws(() => writeFileAtomic(path.join(dir, 'missing', 'b.ann'), 'x'));
  fs.rmSync(dir, { recursive: true });
});

test('a writer killed while saving leaves the old file or the new one, never a torn one', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'big.ann');
  const size = 2_000_000;
  fs.writeFileSync(file, 'a'.repeat(size));
  // A child process saves "b…" and "a…" in turn as fast as it can, until it is killed.
  const script = `
    const { writeFileAtomic } = require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'server', 'src', 'node', 'annotationFiles.js'))});
    const contents = ['b'.repeat(${size}), 'a'.repeat(${size})];
    for (let i = 0; ; i++) writeFileAtomic(${JSON.stringify(file)}, contents[i % 2]);
  `;
  for (let round = 0; round < 3; round++) {
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    // Wait (polling) until it has saved at least once, then kill it in the middle of whatever it is doing.
    const first = fs.statSync(file).mtimeMs;
    const deadline = Date.now() + 20000;
    while (fs.statSync(file).mtimeMs === first && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const content = fs.readFileSync(file, 'utf8');
    assert.equal(content.length, size, 'never a torn file');
    assert.ok(content === 'a'.repeat(size) || content === 'b'.repeat(size), 'the old content or the new');
    // What a killed writer left behind is cleaned up when the file is next opened.
    removeStaleTemporaries(file);
    assert.deepEqual(fs.readdirSync(dir), ['big.ann']);
  }
  fs.rmSync(dir, { recursive: true });
});
