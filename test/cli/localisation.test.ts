// The command line speaks English or Arabic (l10n/bundle.l10n.ar.json): from
// `--lang` before the command, else from the environment as POSIX orders it
// (LC_ALL, LC_MESSAGES, LANG). Counts take Arabic's plural forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(repoRoot, 'bin', 'iltizam.js');
const arabic: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.ar.json'), 'utf8'));

function run(args: string[], locale: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete env[name];
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...env, ...locale } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('usage errors in the language of the environment; LC_ALL over LANG; English for C', () => {
  const required = arabic['{0} is required'].replace('{0}', '--format');
  const ar = run(['export', 'x.txt', '--out', 'out'], { LANG: 'ar_EG.UTF-8' });
  assert.equal(ar.status, 2);
  assert.match(ar.stderr, new RegExp(`^iltizam: ${required.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}$`, 'm'), ar.stderr);
  const overridden = run(['export', 'x.txt', '--out', 'out'], { LANG: 'ar_EG.UTF-8', LC_ALL: 'en_US.UTF-8' });
  assert.match(overridden.stderr, /^iltizam: --format is required$/m, 'LC_ALL wins over LANG');
  const messages = run(['export', 'x.txt', '--out', 'out'], { LANG: 'en_GB.UTF-8', LC_MESSAGES: 'ar_SA.UTF-8' });
  assert.ok(messages.stderr.includes(required), 'LC_MESSAGES wins over LANG');
  assert.match(run(['export', 'x.txt', '--out', 'out'], { LANG: 'C' }).stderr, /--format is required/);
  const unknown = run(['frobnicate'], { LANG: 'ar' });
  assert.equal(unknown.status, 2);
  assert.ok(unknown.stderr.includes(arabic['unknown command {0}'].replace('{0}', 'frobnicate')), unknown.stderr);
});

test('--lang before the command chooses the language over the environment', () => {
  const ar = run(['--lang', 'ar', 'import', 'a.jsonl', 'b.jsonl', '--format', 'doccano', '--into', 'x'], { LANG: 'en_US.UTF-8' });
  assert.equal(ar.status, 2);
  assert.ok(ar.stderr.includes(arabic['name one file to import']), ar.stderr);
  const en = run(['--lang=en', 'import', 'a.jsonl', 'b.jsonl', '--format', 'doccano', '--into', 'x'], { LANG: 'ar_EG.UTF-8' });
  assert.match(en.stderr, /name one file to import/);
});

test('an export\'s summary in Arabic counts with Arabic plural forms', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-cli-l10n-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const corpus = path.join(dir, 'corpus');
  fs.mkdirSync(corpus);
  for (const f of ['iom-onsa-agreement.txt', 'ngo-pve-working-group.txt']) fs.copyFileSync(path.join(repoRoot, 'samples', f), path.join(corpus, f));
  const out = path.join(dir, 'out');
  const r = run(['export', corpus, '--format', 'doccano', '--out', out], { LANG: 'ar_EG.UTF-8' });
  assert.equal(r.status, 0, r.stderr);
  const two = arabic['{0} documents/plural two'].replace('{0}', '2');
  const one = arabic['{0} file/plural one'].replace('{0}', '1');
  const summary = arabic['exported {0} to {1} in {2}'].replace('{0}', two).replace('{1}', one).replace('{2}', out);
  assert.ok(r.stderr.includes(summary), `${summary}\n${r.stderr}`);
  const english = run(['export', corpus, '--format', 'doccano', '--out', path.join(dir, 'out-en')], { LANG: 'C.UTF-8' });
  assert.match(english.stderr, /exported 2 documents to 1 file in /);
});

test('an input error names the file and line, its reason in Arabic (reasons nested in reasons too)', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-cli-l10n-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'bad.jsonl');
  fs.writeFileSync(file, '{"text": "نص", "label": [[0, 2, "Person"]]}\n{"text": "نص", "label": [[0, 9, "Person"]]}\n');
  const r = run(['--lang', 'ar', 'import', file, '--format', 'doccano', '--into', path.join(dir, 'corpus')], {});
  assert.equal(r.status, 1, r.stderr);
  const why = arabic['{0}: the span runs past the end of the text ({1} code points)'].replace('{0}', '[0,9,"Person"]').replace('{1}', '2');
  assert.ok(r.stderr.includes(`${file}:2: ${why}`), r.stderr);
  const en = run(['--lang', 'en', 'import', file, '--format', 'doccano', '--into', path.join(dir, 'corpus')], {});
  assert.ok(en.stderr.includes(`${file}:2: [0,9,"Person"]: the span runs past the end of the text (2 code points)`), en.stderr);
});
