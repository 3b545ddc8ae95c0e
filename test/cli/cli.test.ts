// The command line run for real: `node out/server/src/cli/main.js` as a child
// process on temporary files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cli = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');
const samples = path.join(repoRoot, 'samples');
const gold = path.resolve(repoRoot, '..', 'shared', 'gold', 'iom-onsa-agreement.ann');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-cli-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function sampleCorpus(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(samples).filter((f) => f.endsWith('.txt'))) fs.copyFileSync(path.join(samples, f), path.join(dir, f));
  fs.copyFileSync(gold, path.join(dir, 'iom-onsa-agreement.ann'));
  return dir;
}

const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).sort() : []);

test('export writes every format, with no progress line when stderr is not a terminal', (t) => {
  const dir = tempDir(t);
  const corpus = sampleCorpus(path.join(dir, 'corpus'));
  const expected: Record<string, string[]> = {
    brat: ['annotation.conf', 'iom-onsa-agreement.ann', 'iom-onsa-agreement.txt', 'ngo-pve-working-group.ann', 'ngo-pve-working-group.txt'],
    doccano: ['doccano.jsonl'],
    conll: ['iom-onsa-agreement.conll', 'ngo-pve-working-group.conll'],
    csv: ['commitments.csv'],
    webanno: ['iom-onsa-agreement.jsonld', 'ngo-pve-working-group.jsonld'],
    json: ['iltizam.jsonl'],
  };
  for (const [format, files] of Object.entries(expected)) {
    const out = path.join(dir, `out-${format}`);
    const r = run(['export', corpus, '--format', format, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(listing(out), files);
    assert.match(r.stderr, /exported 2 documents /);
    assert.doesNotMatch(r.stderr, /\r|\x1b\[/, 'no progress line in a log');
  }
});

test('a failing document stops the export with its name and line, leaving no output behind', (t) => {
  const dir = tempDir(t);
  const corpus = sampleCorpus(path.join(dir, 'corpus'));
  fs.writeFileSync(path.join(corpus, 'ngo-pve-working-group.ann'), 'T1\tOrganization 0 4\tالمجموعة\n');
  const fresh = path.join(dir, 'fresh', 'out');
  const r = run(['export', corpus, '--format', 'brat', '--out', fresh]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ngo-pve-working-group\.ann:1: T1: the text at 0 4 is ".+" but the line records "المجموعة"/);
  assert.equal(fs.existsSync(path.join(dir, 'fresh')), false, 'folders this run created are removed');

  const existing = path.join(dir, 'existing');
  fs.mkdirSync(existing);
  fs.writeFileSync(path.join(existing, 'iom-onsa-agreement.ann'), 'an older export\n');
  const again = run(['export', corpus, '--format', 'brat', '--out', existing]);
  assert.equal(again.status, 1);
  assert.deepEqual(listing(existing), ['iom-onsa-agreement.ann'], 'nothing added, no staging folder left');
  assert.equal(fs.readFileSync(path.join(existing, 'iom-onsa-agreement.ann'), 'utf8'), 'an older export\n');
});

test('export refuses to overwrite its own input', (t) => {
  const dir = tempDir(t);
  const corpus = sampleCorpus(path.join(dir, 'corpus'));
  const before = fs.readFileSync(path.join(corpus, 'iom-onsa-agreement.ann'));
  const r = run(['export', corpus, '--format', 'brat', '--out', corpus]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /would overwrite its own input/);
  assert.deepEqual(fs.readFileSync(path.join(corpus, 'iom-onsa-agreement.ann')), before);
  assert.deepEqual(listing(corpus), ['iom-onsa-agreement.ann', 'iom-onsa-agreement.txt', 'ngo-pve-working-group.txt']);
});

test("brat export writes the corpus's own annotation.conf, and refuses documents of two schemas", (t) => {
  const dir = tempDir(t);
  const corpus = sampleCorpus(path.join(dir, 'ws', 'corpus'));
  // The samples' schema, with a corpus-specific comment and CRLF line breaks: it must come out as it is.
  const conf = '# our corpus\r\n' + fs.readFileSync(path.join(samples, 'annotation.conf'), 'utf8').replace(/\n/g, '\r\n');
  fs.writeFileSync(path.join(dir, 'ws', 'annotation.conf'), conf);
  const out = path.join(dir, 'out');
  const r = run(['export', corpus, '--format', 'brat', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8'), conf);
  assert.match(r.stderr, new RegExp(`annotation\\.conf: the corpus's own, .*${path.join('ws', 'annotation.conf').replace(/[\\/.]/g, '\\$&')}`));

  const other = path.join(corpus, 'other');
  fs.mkdirSync(other);
  fs.copyFileSync(path.join(samples, 'ngo-pve-working-group.txt'), path.join(other, 'third.txt'));
  fs.writeFileSync(path.join(other, 'annotation.conf'), '[entities]\nOrganization\n');
  const fresh = path.join(dir, 'fresh');
  const mixed = run(['export', corpus, '--format', 'brat', '--out', fresh]);
  assert.equal(mixed.status, 1);
  assert.ok(mixed.stderr.includes(path.join(dir, 'ws', 'annotation.conf')) && mixed.stderr.includes(path.join(other, 'annotation.conf')), mixed.stderr);
  assert.match(mixed.stderr, /export the documents of each schema separately/);
  assert.equal(fs.existsSync(fresh), false);
});

test('export --suggestions finds them with the workspace lexicon: the corpus\'s .iltizam/lexicon.json, or --lexicon', (t) => {
  const dir = tempDir(t);
  const corpus = path.join(dir, 'ws', 'corpus');
  fs.mkdirSync(corpus, { recursive: true });
  fs.writeFileSync(path.join(corpus, 'doc.txt'), 'تلتزم جمعية الفرات بحماية البيئة في قرية العكيكة.');
  const entry = (id: string) => JSON.stringify({ entries: [{ id, label: 'Location', ar: 'العكيكة' }] });
  const kbOf = (out: string) =>
    JSON.parse(fs.readFileSync(path.join(out, 'iltizam.jsonl'), 'utf8')).entities.find((e: { text: string }) => e.text === 'العكيكة')?.kb;

  const plain = path.join(dir, 'plain');
  assert.equal(run(['export', corpus, '--format', 'json', '--out', plain, '--suggestions']).status, 0);
  // The sequence tagger may find the place without any lexicon; only a lexicon links it to an entry.
  assert.equal(kbOf(plain) ?? null, null, 'the default lexicon does not know it');

  fs.mkdirSync(path.join(dir, 'ws', '.iltizam'));
  const workspaceLexicon = path.join(dir, 'ws', '.iltizam', 'lexicon.json');
  fs.writeFileSync(workspaceLexicon, entry('loc.workspace'));
  const found = path.join(dir, 'found');
  const r = run(['export', corpus, '--format', 'json', '--out', found, '--suggestions']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(kbOf(found), 'loc.workspace');
  assert.ok(r.stderr.includes(`suggestions found with the workspace lexicon ${workspaceLexicon}`), r.stderr);

  const chosen = path.join(dir, 'chosen.json');
  fs.writeFileSync(chosen, entry('loc.chosen'));
  const given = path.join(dir, 'given');
  assert.equal(run(['export', corpus, '--format', 'json', '--out', given, '--suggestions', '--lexicon', chosen]).status, 0);
  assert.equal(kbOf(given), 'loc.chosen', '--lexicon takes the place of the one found');

  fs.writeFileSync(chosen, '{\n  "entries": [\n    { "id": "x", "label": "Location" }\n  ]\n}\n');
  const bad = run(['export', corpus, '--format', 'brat', '--out', path.join(dir, 'bad'), '--suggestions', '--lexicon', chosen]);
  assert.equal(bad.status, 1);
  assert.ok(bad.stderr.includes(`${chosen}:3: workspace lexicon: This entry has no "ar".`), bad.stderr);
  assert.equal(fs.existsSync(path.join(dir, 'bad')), false);
  const missing = run(['export', corpus, '--format', 'json', '--out', path.join(dir, 'missing'), '--suggestions', '--lexicon', path.join(dir, 'nope.json')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.json: no such file/);
});

test('import round-trips an export, and refuses a bad line naming the file and line', (t) => {
  const dir = tempDir(t);
  const corpus = sampleCorpus(path.join(dir, 'corpus'));
  const out = path.join(dir, 'out');
  assert.equal(run(['export', corpus, '--format', 'doccano', '--out', out]).status, 0);
  const into = path.join(dir, 'imported');
  const ok = run(['import', path.join(out, 'doccano.jsonl'), '--format', 'doccano', '--into', into]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /imported 2 documents /);
  const lines = (f: string) => fs.readFileSync(f, 'utf8').trim().split('\n').filter((l) => l.startsWith('T')).map((l) => l.split('\t').slice(1).join('\t')).sort();
  assert.deepEqual(lines(path.join(into, 'iom-onsa-agreement.ann')), lines(gold));

  const bad = path.join(dir, 'bad.jsonl');
  fs.writeFileSync(bad, `{"document": "a", "text": "بغداد", "label": [[0, 5, "Location"]]}\n{"document": "b", "text": "بغداد", "label": [[0, 9, "Location"]]}\n`);
  const target = path.join(dir, 'target');
  const r = run(['import', bad, '--format', 'doccano', '--into', target]);
  assert.equal(r.status, 1);
  assert.ok(r.stderr.includes(`${bad}:2: [0,9,"Location"]: the span runs past the end of the text (5 code points)`), r.stderr);
  assert.deepEqual(listing(target), []);
});

test('import refuses a file that is not UTF-8, naming the line', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'doc.conll');
  fs.writeFileSync(file, Buffer.concat([Buffer.from('بغداد B-Location\n', 'utf8'), Buffer.from([0x41, 0xff, 0x20, 0x4f, 0x0a])]));
  const r = run(['import', file, '--format', 'conll', '--into', path.join(dir, 'corpus')]);
  assert.equal(r.status, 1);
  assert.ok(r.stderr.includes(`${file}:2: not valid UTF-8`), r.stderr);
  assert.deepEqual(listing(path.join(dir, 'corpus')), []);
});

test('agreement prints the scores, kappa and disagreements, or JSON', (t) => {
  const dir = tempDir(t);
  const a = sampleCorpus(path.join(dir, 'a'));
  const b = sampleCorpus(path.join(dir, 'b'));
  const ann = fs.readFileSync(path.join(b, 'iom-onsa-agreement.ann'), 'utf8');
  fs.writeFileSync(path.join(b, 'iom-onsa-agreement.ann'), ann.replace('T5\tLocation 87 93\tالعراق', 'T5\tOrganization 87 93\tالعراق'));
  const text = run(['agreement', a, b]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^Location\s+16\s+0\s+1\s+97\.0 \|/m);
  assert.match(text.stdout, /Cohen's kappa, entities per token: +0\.\d{3}/);
  assert.match(text.stdout, /iom-onsa-agreement \[87, 93\) label +A: Location \[87, 93\) T5 {2}B: Organization \[87, 93\) T5 {2}العراق/);
  const json = run(['agreement', a, b, '--json']);
  const report = JSON.parse(json.stdout);
  assert.equal(report.disagreements.length, 1);
  assert.equal(report.entities.overlap.byLabel.Location.fn, 1);
});

test('usage errors exit with 2 and say what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['export', 'x', '--format', 'xml', '--out', 'o'], /unknown format "xml"/],
    [['export', 'x', '--format', 'brat'], /--out is required/],
    [['import', 'a', 'b', '--format', 'brat', '--into', 'c'], /name one file to import/],
    [['agreement', 'a'], /name two corpus folders/],
    [['export', 'x', '--format', 'brat', '--out', 'o', '--bogus'], /unknown option --bogus/],
    [['export', 'x', '--format', 'conll', '--out', 'o', '--suggestions'], /the conll format cannot mark suggestions as such/],
    [['export', 'x', '--format', 'brat', '--out', 'o', '--utf16'], /--utf16 applies to the doccano format only/],
    [['export', 'x', '--format', 'doccano', '--out', 'o', '--split-proclitics'], /--split-proclitics applies to the conll format only/],
    [['export', 'x', '--format', 'json', '--out', 'o', '--lexicon', 'l.json'], /--lexicon applies with --suggestions only/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /usage: iltizam/);
  }
});

test("analyze prints the shape the README documents, field for field", () => {
  // The README's example is the first entity and commitment of the IOM sample, with the texts elided.
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /This shape is stable:\s*```json\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(block, 'the README documents the analyze shape in a json block');
  const documented = JSON.parse(block[1]);
  const r = run(['analyze', path.join(samples, 'iom-onsa-agreement.txt')]);
  assert.equal(r.status, 0, r.stderr);
  const record = JSON.parse(r.stdout.trim().split('\n')[0]);
  assert.deepEqual(Object.keys(record), Object.keys(documented));
  assert.equal(path.basename(record.id), path.basename(documented.id));
  assert.deepEqual(record.entities[0], documented.entities[0]);
  assert.deepEqual({ ...record.commitments[0], text: '…' }, documented.commitments[0]);
});

test('--help per command prints its usage on stdout and exits 0; --version names the package version', () => {
  for (const command of ['analyze', 'export', 'import', 'agreement', 'lsp']) {
    const r = run([command, '--help']);
    assert.equal(r.status, 0, `${command} --help: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^usage: iltizam ${command}\\b`), command);
    assert.doesNotMatch(r.stdout, new RegExp(`iltizam (?!${command}\\b)\\w+ `), `${command} --help shows its own usage only`);
  }
  const all = run(['--help']);
  assert.equal(all.status, 0);
  for (const command of ['analyze', 'export', 'import', 'agreement', 'lsp']) assert.match(all.stdout, new RegExp(`iltizam ${command}\\b`));
  // The bundle (what bin/iltizam.js runs) carries the version.
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const bundled = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'iltizam.js'), '--version'], { encoding: 'utf8' });
  assert.equal(bundled.status, 0, bundled.stderr);
  assert.equal(bundled.stdout, `iltizam ${version}\n`);
});

test('options are parsed by util.parseArgs: --name=value, a missing value, a value given to a flag', () => {
  const cases: [string[], RegExp][] = [
    [['export', 'x', '--format'], /--format needs a value/],
    [['agreement', 'a', 'b', '--json=yes'], /--json takes no value/],
    [['frob'], /unknown command frob/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
  const r = run(['export', 'x', '--format=xml', '--out=o']);
  assert.match(r.stderr, /unknown format "xml"/, '--name=value is read');
});
