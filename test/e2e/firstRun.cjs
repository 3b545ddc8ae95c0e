// What the end-to-end runner does on a machine that is not prepared yet
// (`npm ci && npm test` on a fresh clone): prepare it itself when it can,
// otherwise say in one line which command to run. CommonJS, so that the
// runner (ESM) and the unit tests (test/core/firstRun.test.ts) load the same.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const PREPARE = 'scripts/prepare-vscode.sh';

/**
 * The decision: `ready` (nothing to do), `prepare` (run the script: it
 * installs the Debian packages as root and builds the code-server cache,
 * which needs no root), or `tell` (Debian packages are missing and only root
 * can install them): the one line to print, and the exit code.
 * @param {{ missingPackages: string[], cacheReady: boolean, isRoot: boolean }} state
 */
function firstRunStep({ missingPackages, cacheReady, isRoot }) {
  if (!missingPackages.length && cacheReady) return { action: 'ready' };
  if (missingPackages.length && !isRoot) {
    return {
      action: 'tell',
      exitCode: 1,
      message: `e2e: Debian packages missing (${missingPackages.join(' ')}): run \`sudo bash ${PREPARE}\` once, then run the tests again.`,
    };
  }
  const what = [missingPackages.length ? `installing ${missingPackages.join(' ')}` : '', cacheReady ? '' : 'preparing VS Code (code-server)'].filter(Boolean).join(' and ');
  return { action: 'prepare', message: `e2e: first run: ${what} with ${PREPARE} (a few minutes, once)` };
}

/** What `prepare-vscode.sh --check` says of this machine. */
function machineState(repoRoot, env = process.env) {
  const r = spawnSync('bash', [path.join(repoRoot, PREPARE), '--check'], { cwd: repoRoot, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${PREPARE} --check failed: ${(r.stderr || '').trim()}`);
  const field = (name) => (new RegExp(`^${name}=(.*)$`, 'm').exec(r.stdout) || [])[1] ?? '';
  return {
    missingPackages: field('missing').split(/\s+/).filter(Boolean),
    cacheReady: field('cache') === 'ready',
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  };
}

module.exports = { firstRunStep, machineState };
