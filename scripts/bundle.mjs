// Bundles the compiled extension, server and CLI into dist/ so the .vsix
// carries no node_modules. JSON data files are inlined by esbuild.
import { build } from 'esbuild';

const common = { bundle: true, mainFields: ['module', 'main'], platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['out/client/src/extension.js'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['out/server/src/server.js'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['out/server/src/cli.js'], outfile: 'dist/cli.js' }),
]);
