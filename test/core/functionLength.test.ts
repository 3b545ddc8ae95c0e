// Functions short enough to read at once: none over 120 lines in the server,
// the client, the scripts or the tests (data tables are not functions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..', '..');
const MAX_LINES = 120;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Each function of a source text longer than `max` lines: "name (lines)". */
export function longFunctions(fileName: string, source: string, max: number): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = file.getLineAndCharacterOfPosition(node.end).line;
      if (last - first + 1 > max) found.push(`${node.name?.getText() ?? '(anonymous)'} (${last - first + 1} lines, from line ${first + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

test('the check measures functions, methods and arrows, nested ones too', () => {
  const body = Array.from({ length: 5 }, (_, i) => `  const x${i} = ${i};`).join('\n');
  const source = `function outer() {\n  const inner = () => {\n${body}\n  };\n}\nclass C {\n  m() {\n${body}\n  }\n}\n`;
  assert.deepEqual(longFunctions('x.ts', source, 6), ['outer (9 lines, from line 1)', '(anonymous) (7 lines, from line 2)', 'm (7 lines, from line 11)']);
});

test(`no function over ${MAX_LINES} lines`, () => {
  const files = ['server/src', 'client/src', 'scripts', 'test'].flatMap((d) => sourceFiles(path.join(root, d)));
  assert.ok(files.length > 100);
  const long = files
    .flatMap((f) => longFunctions(f, fs.readFileSync(f, 'utf8'), MAX_LINES).map((l) => `${path.relative(root, f)}: ${l}`));
  assert.deepEqual(long, []);
});
