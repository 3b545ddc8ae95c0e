// @ts-check
// Entry point that VS Code's extension host calls (--extensionTestsPath).
const path = require('node:path');
const Mocha = require('mocha');

/**
 * Runs the suite; rejects when a test fails. With { dryRun: true } only
 * lists the test titles (used by `run.js --check`).
 * @param {{ dryRun?: boolean }} [options]
 * @returns {Promise<string[]>} the full titles of the tests
 */
function run(options = {}) {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, dryRun: !!options.dryRun, reporter: options.dryRun ? Mocha.reporters.Base : 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    const titles = [];
    const runner = mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve(titles)));
    runner.on('test', (t) => titles.push(t.fullTitle()));
  });
}

module.exports = { run };
