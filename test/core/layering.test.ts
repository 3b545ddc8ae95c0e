// The layers, as rules on imports (ARCHITECTURE.md states them): the pure
// folders import no file system, no editor and no protocol, and nothing of
// the server or the disk layer; only node/ touches the disk; the handlers do
// not reach into the CLI; the client talks to the server through protocol/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const src = path.join(root, 'server', 'src');

/** The pure folders: plain TypeScript over strings and data. */
const PURE = ['messages', 'analysis', 'annotations', 'interchange', 'corpus', 'render'];
/** Modules that touch the disk, the process or the machine. */
const SYSTEM = /^(node:)?(fs|fs\/promises|os|child_process|worker_threads|net|http|https)$/;
/** The editor and the protocol libraries. */
const EDITOR = /^(vscode|vscode-.*|@vscode\/.*)$/;

interface Import {
  file: string;
  spec: string;
  /** For a relative import: the folder of server/src it lands in ('' outside server/src). */
  folder?: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): Import[] {
  const source = fs.readFileSync(file, 'utf8');
  const specs = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.map((spec) => {
    if (!spec.startsWith('.')) return { file, spec };
    const target = path.resolve(path.dirname(file), spec);
    const rel = path.relative(src, target);
    return { file, spec, folder: rel.startsWith('..') ? '' : rel.split(path.sep)[0] };
  });
}

const show = (i: Import) => `${path.relative(root, i.file)} imports ${i.spec}`;
const importsIn = (folder: string) => sourceFiles(path.join(src, folder)).flatMap(importsOf);

test('the scan sees the imports it checks', () => {
  const all = importsIn('annotations');
  assert.ok(all.some((i) => i.folder === 'analysis'), 'annotations/ imports analysis/');
  assert.ok(importsIn('node').some((i) => SYSTEM.test(i.spec)), 'node/ imports fs');
  assert.ok(importsIn('server').some((i) => EDITOR.test(i.spec)), 'server/ imports vscode-languageserver');
});

test('the pure folders import no fs, os or process, no vscode or LSP library, and nothing of server/, node/, cli/ or protocol/', () => {
  const wrong = PURE.flatMap(importsIn).filter(
    (i) => SYSTEM.test(i.spec) || EDITOR.test(i.spec) || i.spec === 'path' || i.spec === 'node:path' || ['server', 'node', 'cli', 'protocol'].includes(i.folder ?? ''),
  );
  assert.deepEqual(wrong.map(show), []);
});

test('only node/ touches the disk: no other folder of the server or the CLI imports fs, os or child_process', () => {
  const folders = fs.readdirSync(src).filter((f) => f !== 'node' && fs.statSync(path.join(src, f)).isDirectory());
  assert.ok(folders.includes('server') && folders.includes('cli'));
  const wrong = folders.flatMap(importsIn).filter((i) => SYSTEM.test(i.spec));
  assert.deepEqual(wrong.map(show), []);
});

test('node/ knows no editor, protocol or handler: it is used by the server and the CLI alike', () => {
  const wrong = importsIn('node').filter((i) => EDITOR.test(i.spec) || ['server', 'cli', 'protocol'].includes(i.folder ?? ''));
  assert.deepEqual(wrong.map(show), []);
});

test('protocol/ holds wire types and message types only: it imports the pure folders (types) and the protocol library', () => {
  const wrong = importsIn('protocol').filter((i) => (i.folder !== undefined ? !['protocol', ...PURE].includes(i.folder) : i.spec !== 'vscode-languageserver-protocol'));
  assert.deepEqual(wrong.map(show), []);
});

test('the handlers (server/) do not reach into the CLI; the CLI starts the server only through its entry', () => {
  assert.deepEqual(importsIn('server').filter((i) => i.folder === 'cli').map(show), []);
  const cliToServer = importsIn('cli').filter((i) => i.folder === 'server');
  assert.deepEqual([...new Set(cliToServer.map((i) => i.spec))], ['../server/main']);
});

test('the client reaches the server through protocol/: it imports no handler and nothing of the disk layer (export, import and agreement are requests)', () => {
  const clientFiles = sourceFiles(path.join(root, 'client', 'src'));
  const imports = clientFiles.flatMap(importsOf).map((i) => ({ ...i, inServer: path.relative(src, path.resolve(path.dirname(i.file), i.spec)) }));
  const into = (folder: string) => imports.filter((i) => i.spec.startsWith('.') && i.inServer.split(path.sep)[0] === folder);
  assert.deepEqual(into('server').map(show), []);
  assert.deepEqual(into('cli').map(show), []);
  assert.deepEqual(into('node').map(show), []);
  assert.deepEqual(into('analysis').filter((i) => !i.spec.endsWith('/schema')).map(show), [], 'the client runs no analysis');
});

test('the iltizam/* method names are written once, in protocol/messages.ts: nowhere else as string literals', () => {
  const files = ['server/src', 'client/src', 'scripts', 'test'].flatMap((d) => sourceFiles(path.join(root, d)));
  const home = path.join(src, 'protocol', 'messages.ts');
  const literal = /(['"`])iltizam\/[a-zA-Z]/;
  const wrong = files.filter((f) => f !== home && literal.test(fs.readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '')));
  assert.ok(literal.test(fs.readFileSync(home, 'utf8')));
  assert.deepEqual(wrong.map((f) => path.relative(root, f)), []);
});
