// Nothing declared and never used: the build checks unused parameters
// (tsconfig.json noUnusedParameters); unused locals and imports are checked
// here, over the same program, because two files of analysis/ are being
// rewritten on other branches (the tagger's entities.ts, commitments.ts) and
// are left to them. When those land, noUnusedLocals moves into tsconfig.json
// and this test goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..', '..');
const LEFT_TO_OTHER_BRANCHES = ['server/src/analysis/entities.ts', 'server/src/analysis/commitments.ts'];

test('no unused local, import or parameter anywhere else (tsc noUnusedLocals)', () => {
  const configFile = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noUnusedLocals: true, noUnusedParameters: true, noEmit: true });
  const unusedCodes = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);
  const found: string[] = [];
  for (const file of program.getSourceFiles()) {
    const rel = path.relative(root, file.fileName).split(path.sep).join('/');
    if (rel.startsWith('node_modules') || rel.startsWith('..') || LEFT_TO_OTHER_BRANCHES.includes(rel)) continue;
    for (const d of program.getSemanticDiagnostics(file)) {
      if (!unusedCodes.has(d.code)) continue;
      const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      found.push(`${rel}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
  }
  assert.ok(program.getSourceFiles().length > 100, 'the program has the project\'s files');
  assert.deepEqual(found, []);
});
