// The server driven by a real editor other than VS Code: Debian's headless
// Neovim (0.7.2, installed by .ci/run) runs the README's Neovim 0.7–0.9
// configuration as it is written there (only the path to dist/cli.js put in),
// opens a text of a temporary workspace and, through test/editors/neovim.lua,
// asks for a hover, the outline and a code action whose command writes the
// `.ann`. Lua writes what it got to a file, which this test waits for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Generous: a loaded CI machine starting Neovim and the server; every wait below ends as soon as its condition holds. */
const TIMEOUT_MS = 90_000;

/** The README's Lua block for Neovim 0.7 to 0.9, with the real path to the CLI. */
function readmeConfig(): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const match = /Neovim 0\.7 to 0\.9[^\n]*\n\n```lua\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, 'README.md has a Neovim 0.7 to 0.9 configuration');
  assert.match(match[1], /'\/path\/to\/iltizam\/dist\/cli\.js'/);
  return match[1].replace('/path/to/iltizam/dist/cli.js', path.join(repoRoot, 'dist', 'cli.js'));
}

function nvimVersion(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(probe.status, 0, 'Neovim is needed for this test: apt-get install neovim (.ci/run installs it)');
  return probe.stdout.split('\n')[0];
}

/** Runs Neovim on `file` with the configuration and the driver; resolves with what the driver wrote. */
async function runNeovim(workspace: string, file: string, config: string): Promise<any> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-nvim-home-'));
  const configFile = path.join(home, 'init.lua');
  const results = path.join(home, 'results.json');
  fs.writeFileSync(configFile, config);
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    ILTIZAM_NVIM_RESULTS: results,
    ILTIZAM_NVIM_TIMEOUT_MS: String(TIMEOUT_MS - 10_000),
  };
  const driver = path.join(repoRoot, 'test', 'editors', 'neovim.lua');
  const nvim = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', configFile, '-c', `luafile ${driver}`, file], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  nvim.stdout.on('data', (d) => (output += d));
  nvim.stderr.on('data', (d) => (output += d));
  try {
    const exited = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), TIMEOUT_MS);
      nvim.on('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    assert.ok(exited, `Neovim did not finish in ${TIMEOUT_MS / 1000} s:\n${output}`);
    assert.ok(fs.existsSync(results), `Neovim wrote no results:\n${output}`);
    return JSON.parse(fs.readFileSync(results, 'utf8'));
  } finally {
    if (nvim.exitCode === null) nvim.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  }
}

test('a real Neovim with the README configuration: hover, outline, and a code action that writes the .ann', { timeout: TIMEOUT_MS + 30_000 }, async (t) => {
  const version = nvimVersion();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-nvim-'));
  t.after(() => fs.rmSync(workspace, { recursive: true, force: true }));
  const text = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
  const file = path.join(workspace, 'agreement.txt');
  fs.writeFileSync(file, text);

  const results = await runNeovim(workspace, file, readmeConfig());
  assert.equal(results.error, undefined, `${version}: ${results.error}`);
  assert.equal(results.client, 'iltizam');
  assert.equal(results.filetype, 'text', 'Neovim names the document `text`, not VS Code\'s plaintext');
  const hover = typeof results.hover === 'string' ? results.hover : results.hover.value;
  assert.match(hover, /المنظمة الدولية للهجرة/, 'the hover card of the first entity');
  assert.match(hover, /Organization/);
  const organizations = results.symbols.find((s: { name: string }) => s.name === 'Organization');
  assert.ok(organizations, 'an outline grouped by label: ' + JSON.stringify(results.symbols));
  assert.ok(organizations.children.some((s: { name: string }) => s.name.includes('المنظمة الدولية للهجرة')), JSON.stringify(organizations));
  assert.match(results.action, /^Accept /);
  assert.equal(results.executed, true);

  const ann = path.join(workspace, 'agreement.ann');
  assert.ok(fs.existsSync(ann), 'the Accept action wrote the .ann');
  const line = fs.readFileSync(ann, 'utf8').split('\n').find((l) => l.startsWith('T'));
  assert.ok(line, 'a T line');
  const [, typeAndSpan, quoted] = line.split('\t');
  const [label, start, end] = typeAndSpan.split(' ');
  assert.equal(label, 'Organization');
  assert.equal(quoted, 'المنظمة الدولية للهجرة');
  assert.equal(Array.from(text).slice(Number(start), Number(end)).join(''), quoted, 'at the offsets brat reads');
});
