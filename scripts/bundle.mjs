// Bundles the compiled extension, server and CLI into dist/ so the .vsix
// carries no node_modules. JSON data files are inlined by esbuild. Also copies
// the reading view's Arabic font (Noto Naskh Arabic, SIL Open Font License)
// from its npm package into media/fonts/, with its licence, for the .vsix.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

// The sequence tagger's model and word clusters (a few MB) are not inlined: the
// bundles require them from dist/data/ on first use, and the .vsix carries one copy.
const TAGGER_DATA = ['tagger-model.json', 'word-clusters.json'];
const taggerDataOutside = {
  name: 'tagger-data-outside',
  setup(b) {
    b.onResolve({ filter: /(tagger-model|word-clusters)\.json$/ }, (args) => ({ path: `./data/${path.basename(args.path)}`, external: true }));
  },
};
fs.mkdirSync(path.join(repoRoot, 'dist', 'data'), { recursive: true });
for (const file of TAGGER_DATA) fs.copyFileSync(path.join(repoRoot, 'server', 'data', file), path.join(repoRoot, 'dist', 'data', file));
const common = {
  bundle: true,
  mainFields: ['module', 'main'],
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // The server names its version in its initialize response and its log.
  define: { ILTIZAM_VERSION: JSON.stringify(version) },
  plugins: [taggerDataOutside],
};
await Promise.all([
  build({ ...common, entryPoints: ['out/client/src/extension.js'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['out/server/src/server/main.js'], outfile: 'dist/server.js' }),
  // The workspace index's worker thread, started by dist/server.js (and by dist/cli.js lsp) from beside it.
  build({ ...common, entryPoints: ['out/server/src/server/indexWorker.js'], outfile: 'dist/indexWorker.js' }),
  build({ ...common, entryPoints: ['out/server/src/cli/main.js'], outfile: 'dist/cli.js' }),
  // The worker threads of `iltizam analyze --jobs N`, found beside the CLI (node/analyzePool.ts).
  build({ ...common, entryPoints: ['out/server/src/node/analyzeWorker.js'], outfile: 'dist/analyzeWorker.js' }),
  // The worker thread the server learns in (node/learningThread.ts starts dist/learningWorker.js beside itself).
  build({ ...common, entryPoints: ['out/server/src/node/learningWorker.js'], outfile: 'dist/learningWorker.js' }),
]);

// The Arabic subset, regular weight (the reading view uses no other); the name is READING_FONT_FILE of server/src/render/readingView.ts.
const fontPackage = path.join(repoRoot, 'node_modules', '@fontsource', 'noto-naskh-arabic');
const fontFile = 'noto-naskh-arabic-arabic-400-normal.woff2';
const fonts = path.join(repoRoot, 'media', 'fonts');
fs.mkdirSync(fonts, { recursive: true });
fs.copyFileSync(path.join(fontPackage, 'files', fontFile), path.join(fonts, fontFile));
fs.copyFileSync(path.join(fontPackage, 'LICENSE'), path.join(fonts, 'OFL.txt'));
