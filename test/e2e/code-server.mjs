// Shared by scripts/start.mjs and test/e2e/run.mjs: prepares the local
// VS Code (code-server, see scripts/prepare-vscode.sh), installs the packaged
// extension into an extensions folder, starts code-server on the loopback
// address and stops it with every process it started.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const vsixPath = path.join(repoRoot, 'iltizam.vsix');

/** Runs a command in the repository, output shown; throws when it fails. */
export function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what} failed (${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal})`);
}

/** `npm run package`: builds the extension and writes iltizam.vsix at the repository root. */
export function packageExtension() {
  run('npm', ['run', 'package'], 'packaging the extension (npm run package)');
  if (!fs.existsSync(vsixPath)) throw new Error(`npm run package did not write ${vsixPath}`);
  return vsixPath;
}

/** Prepares code-server once (cached) and returns the path of its entry point. */
export function prepareCodeServer() {
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts', 'prepare-vscode.sh')], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error('preparing code-server failed (scripts/prepare-vscode.sh, see the message above)');
  const entry = r.stdout.trim().split('\n').pop();
  if (!entry || !fs.existsSync(entry)) throw new Error(`scripts/prepare-vscode.sh printed no code-server entry point (got "${entry}")`);
  return entry;
}

/** A fresh folder under the system temp folder. */
export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Writes a code-server config file (so that code-server does not write one to
 * ~/.config) and the user settings. Returns the config file path.
 */
export function writeProfile(userDataDir, settings) {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const config = path.join(userDataDir, 'code-server-config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  return config;
}

/** Installs a .vsix into an extensions folder with code-server's CLI. */
export function installExtension(entry, { vsix, extensionsDir, userDataDir, config }) {
  const r = spawnSync(
    process.execPath,
    [entry, '--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', env: { ...process.env, PORT: '' } },
  );
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsix} into code-server failed:\n${out}`);
  }
}

/**
 * Starts code-server on `host` (default 127.0.0.1; port 0 = a free one) in its own process
 * group, opening `folder`. Resolves with { url, port, proc, stop } once it
 * listens. `logFile` receives its output.
 */
export async function startCodeServer(entry, { host = '127.0.0.1', port = 0, folder, userDataDir, extensionsDir, config, logFile, timeoutMs = 60_000 }) {
  const args = [
    entry,
    '--config', config,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--locale', 'en',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    folder,
  ];
  // code-server and VS Code leave sockets (vscode-ipc-*.sock, vscode-git-*.sock)
  // in the temp folder: give them one inside the profile, removed with it.
  const tmp = path.join(userDataDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const proc = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true, // own process group: stop() ends the extension host and every helper too
    stdio: ['ignore', 'pipe', 'pipe'],
    // code-server reads PORT itself; the port is given with --bind-addr.
    env: { ...process.env, PORT: '', VSCODE_PROXY_URI: '', TMPDIR: tmp },
  });
  const stop = stopper(proc);
  let seen = '';
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs / 1000}s; see ${logFile}`)), timeoutMs);
    const onData = (chunk) => {
      fs.writeSync(log, chunk);
      seen += chunk.toString();
      const m = seen.match(/HTTP server listening on (https?:\/\/\S+?:(\d+))\/?\r?\n/); // whole line only
      if (m) {
        clearTimeout(timer);
        resolve({ url: `${m[1]}/`, port: Number(m[2]) });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening; see ${logFile}:\n${seen.slice(-2000)}`));
    });
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  try {
    const { url, port: actual } = await listening;
    return { url, port: actual, proc, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Returns an idempotent async stop() that ends the process group (TERM, then KILL). */
function stopper(proc) {
  let done = null;
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  const killGroup = (sig) => {
    try {
      process.kill(-proc.pid, sig);
    } catch {
      /* already gone */
    }
  };
  // Last resort when this Node process exits without calling stop().
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);
  return () => {
    done ??= (async () => {
      if (proc.pid) {
        killGroup('SIGTERM');
        const t0 = Date.now();
        while (alive() && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 100));
        killGroup('SIGKILL'); // the group's other members (extension host, pty host) too
      }
      process.off('exit', onExit);
    })();
    return done;
  };
}
