// `iltizam train` and `iltizam analyze --model`, run for real on temporary corpus folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Made-up names the shipped model does not know.
const decided = 'استقبل زيدوني الكرماني وفدا من الخبراء في العاصمة. ووقعت هيئة برقان للتنمية اتفاقا مع الشركاء.';
const unseen = 'واجتمع زيدوني الكرماني مع الوزراء. وأعلنت هيئة برقان للتنمية خطتها الجديدة.';

/** A brat T line for the words of the text (code points = UTF-16 units here: no astral characters). */
const tLine = (id: string, label: string, text: string, words: string, review: string) => {
  const start = text.indexOf(words);
  return `${id}\t${label} ${start} ${start + words.length}\t${words}\nA${id.slice(1)}\tReview ${id} ${review}\n`;
};

const names = (stdout: string) => stdout.trim().split('\n').flatMap((line) => (JSON.parse(line) as { entities: { label: string; text: string }[] }).entities.map((e) => `${e.label}:${e.text}`)).sort();

test('train adapts the shipped tagger to the decisions of a corpus folder; analyze --model uses it, without --model nothing changes', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-train-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const corpus = path.join(dir, 'corpus');
  fs.mkdirSync(path.join(corpus, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(corpus, 'sub', 'decided.txt'), decided);
  fs.writeFileSync(path.join(corpus, 'sub', 'decided.ann'), tLine('T1', 'Person', decided, 'زيدوني الكرماني', 'accepted') + tLine('T2', 'Organization', decided, 'هيئة برقان للتنمية', 'manual'));
  // A text without a .ann teaches nothing.
  fs.writeFileSync(path.join(corpus, 'undecided.txt'), 'نص بلا قرارات.');
  const unseenFile = path.join(dir, 'unseen.txt');
  fs.writeFileSync(unseenFile, unseen);
  const model = path.join(dir, 'model.json');

  const trained = run(['train', corpus, '--out', model]);
  assert.equal(trained.status, 0, trained.stderr);
  assert.match(trained.stderr, /adapted to 2 decisions in 1 document;/);

  const plain = run(['analyze', unseenFile]);
  assert.equal(plain.status, 0, plain.stderr);
  assert.deepEqual(names(plain.stdout), []);
  const adapted = run(['analyze', '--model', model, unseenFile]);
  assert.equal(adapted.status, 0, adapted.stderr);
  assert.deepEqual(names(adapted.stdout), ['Organization:هيئة برقان للتنمية', 'Person:زيدوني الكرماني']);
});

test('train and analyze --model say what is wrong', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-train-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const notAModel = path.join(dir, 'other.json');
  fs.writeFileSync(notAModel, '{"format": 1}');
  const text = path.join(dir, 'a.txt');
  fs.writeFileSync(text, unseen);
  const bad = run(['analyze', '--model', notAModel, text]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /other\.json: not an adapted tagger model/);
  const noOut = run(['train', dir]);
  assert.equal(noOut.status, 2);
  assert.match(noOut.stderr, /--out is required/);
});
