// @ts-check
// Integration tests in desktop VS Code with @vscode/test-electron and mocha:
// `npm run test:vscode`. They run the same checks as the end-to-end tests
// (test/e2e), through the VS Code API instead of the screen.
//
// This DOWNLOADS VS Code (into .vscode-test/) at the first run, so it needs a
// network connection to update.code.visualstudio.com; on Linux without a
// display run it under Xvfb: `xvfb-run -a npm run test:vscode`. Machines
// without that network (CI here) run `npm run test:e2e` instead.
//
//   npm run test:vscode                       # VS Code 1.99.3 (what code-server 4.99.4 carries)
//   VSCODE_TEST_VERSION=stable npm run test:vscode
//   VSCODE_EXECUTABLE=/usr/bin/code npm run test:vscode   # an installed VS Code, no download
//   npm run test:vscode -- --check            # load the suite without VS Code (nothing downloaded)
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const suite = path.join(__dirname, 'suite', 'index.js');

async function main() {
  if (process.argv.includes('--check')) return check();

  const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const { runTests } = require('@vscode/test-electron');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-vscode-test-'));
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION || '1.99.3',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      launchArgs: [
        path.join(repoRoot, 'samples'),
        '--disable-extensions', // the other installed extensions, not this one
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--locale=en',
        `--user-data-dir=${userDataDir}`,
      ],
    });
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Loads the suite with a stand-in `vscode` module and lists its tests with
 * mocha's dry run: proves the files load and the tests are found, without
 * VS Code.
 */
async function check() {
  const Module = require('node:module');
  const stub = path.join(__dirname, 'suite', 'vscode-stub.js');
  // @ts-ignore -- internal resolver hook, only for this load check
  const resolve = Module._resolveFilename;
  // @ts-ignore
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
  };
  require('@vscode/test-electron'); // the runner's dependency is installed
  const { run } = require(suite);
  const titles = await run({ dryRun: true });
  if (!titles.length) throw new Error('the suite has no tests');
  console.log(`test:vscode --check: the suite loads; ${titles.length} tests:\n  ${titles.join('\n  ')}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
