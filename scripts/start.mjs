#!/usr/bin/env node
// `npm start`: builds and packages the extension, installs it into a local
// VS Code (code-server, prepared once by scripts/prepare-vscode.sh), opens
// samples/ and prints the address to open in a browser. Runs until Ctrl-C,
// then stops code-server and removes its temporary profile.
//
//   npm start                 # a free port on 127.0.0.1
//   PORT=8080 npm start       # a given port
//   ILTIZAM_HOST=0.0.0.0 npm start   # listen beyond this machine (no password!)
import fs from 'node:fs';
import path from 'node:path';
import { installExtension, packageExtension, prepareCodeServer, repoRoot, startCodeServer, tempDir, writeProfile } from '../test/e2e/code-server.mjs';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'editor.semanticHighlighting.enabled': true,
  'git.openRepositoryInParentFolders': 'never',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

let stop = async () => {};
let stopping = false;
let tmp;
const removeTmp = () => tmp && fs.rmSync(tmp, { recursive: true, force: true });

async function main() {
  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  const vsix = packageExtension();
  const entry = prepareCodeServer();
  tmp = tempDir('iltizam-start-');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const config = writeProfile(userDataDir, SETTINGS);
  installExtension(entry, { vsix, extensionsDir, userDataDir, config });
  const server = await startCodeServer(entry, {
    port,
    host: process.env.ILTIZAM_HOST || '127.0.0.1',
    folder: path.join(repoRoot, 'samples'),
    userDataDir,
    extensionsDir,
    config,
    logFile: path.join(tmp, 'code-server.log'),
  });
  stop = server.stop;
  console.log(`
  Iltizam is running in VS Code (code-server ${codeServerVersion(entry)}):

      ${server.url}?folder=${encodeURIComponent(path.join(repoRoot, 'samples'))}

  Open that address in a browser, then open a sample from the Explorer.
  Press Ctrl-C to stop. (code-server log: ${path.join(tmp, 'code-server.log')})
`);
  server.proc.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`code-server exited (${code ?? signal}); see the log above`);
    removeTmp();
    process.exit(1);
  });
}

function codeServerVersion(entry) {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', '..', 'package.json'), 'utf8'));
    const vscode = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', '..', 'lib', 'vscode', 'package.json'), 'utf8'));
    return `${pkg.version}, VS Code ${vscode.version}`;
  } catch {
    return '?';
  }
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server…');
    await stop();
    removeTmp();
    process.exit(0);
  });
}

main().catch(async (e) => {
  console.error(`npm start: ${e.message}`);
  await stop();
  removeTmp();
  process.exit(1);
});
