// A first run of `npm test` prepares what the end-to-end tests need itself
// (test/e2e/firstRun.cjs, used by test/e2e/run.mjs), or says in one line which
// command to run when only root could.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const { firstRunStep, machineState } = require(path.join(repoRoot, 'test', 'e2e', 'firstRun.cjs'));

test('first run: prepared machine runs at once; a missing cache is prepared; missing packages are installed as root, named otherwise', () => {
  assert.deepEqual(firstRunStep({ missingPackages: [], cacheReady: true, isRoot: false }), { action: 'ready' });
  const cache = firstRunStep({ missingPackages: [], cacheReady: false, isRoot: false });
  assert.equal(cache.action, 'prepare', 'building the cache needs no root');
  assert.match(cache.message, /preparing VS Code/);
  const asRoot = firstRunStep({ missingPackages: ['chromium'], cacheReady: true, isRoot: true });
  assert.equal(asRoot.action, 'prepare');
  assert.match(asRoot.message, /installing chromium/);
  const user = firstRunStep({ missingPackages: ['chromium', 'ripgrep'], cacheReady: false, isRoot: false });
  assert.equal(user.action, 'tell');
  assert.ok(user.exitCode > 0, 'a non-zero exit');
  assert.equal(user.message.split('\n').length, 1, 'one line');
  assert.match(user.message, /chromium ripgrep/);
  assert.match(user.message, /`sudo bash scripts\/prepare-vscode\.sh`/);
});

test('first run: prepare-vscode.sh --check tells an empty cache from a ready one, and names no package that is installed', (t) => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-cache-'));
  t.after(() => fs.rmSync(cache, { recursive: true, force: true }));
  const empty = machineState(repoRoot, { ...process.env, ILTIZAM_VSCODE_CACHE: cache });
  assert.equal(empty.cacheReady, false);
  const entry = path.join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.writeFileSync(entry, '');
  fs.writeFileSync(path.join(cache, '.iltizam-ready'), '');
  const ready = machineState(repoRoot, { ...process.env, ILTIZAM_VSCODE_CACHE: cache });
  assert.equal(ready.cacheReady, true);
  // Whatever this machine lacks, what is named is what is absent.
  const proof: Record<string, string> = { chromium: '/usr/bin/chromium', ripgrep: '/usr/bin/rg', 'libkrb5-dev': '/usr/bin/krb5-config', make: '/usr/bin/make', 'g++': '/usr/bin/g++', python3: '/usr/bin/python3' };
  for (const [pkg, file] of Object.entries(proof)) assert.equal(ready.missingPackages.includes(pkg), !fs.existsSync(file), pkg);
});
