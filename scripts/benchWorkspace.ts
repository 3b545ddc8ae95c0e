// Workspace-scale measurement for the benchmark: "open a folder of N
// documents, how long until every one is indexed, and how much memory at the
// peak". Each probe runs in a process of its own, so that its peak resident
// memory is its own and not the benchmark's.
//
// Probes (bench.ts lists them in `probes`; add one there):
//   core    the analysis core in one process (this file, run as a child
//           process): read every .txt of the folder and analyse it, keeping
//           every analysis (as an index keeps what it indexed).
//   server  the language server (`dist/cli.js lsp --stdio`) with the folder
//           as its workspace: `initialized` sent → its iltizam/corpus/indexed
//           notification with complete: true, and the server's peak RSS from
//           /proc/<pid>/status (VmHWM). Skipped (reported as not available)
//           when the server sends no such notification.
//
// Usage (the benchmark runs it): node out/scripts/benchWorkspace.js core <folder>
// prints one JSON line: WorkspaceResult.
import * as fs from 'fs';
import * as path from 'path';

export interface WorkspaceResult {
  probe: string;
  documents: number;
  bytes: number;
  /** From the first file read to the last document analysed (or indexed). */
  indexMs: number;
  /** Loading the core and compiling the lexicon and rules, before indexing. */
  setupMs: number;
  /** Peak resident set size of the probe's process, in MB (1 MB = 2^20 bytes here, as the OS counts). */
  peakRssMB: number;
  /** Resident set size before indexing (the process with the core loaded). */
  baselineRssMB?: number;
  heapUsedMB?: number;
  entities?: number;
  commitments?: number;
  /** What the server itself reports as its indexing time, if it does. */
  serverReportedMs?: number;
}

function coreProbe(folder: string): WorkspaceResult {
  const t0 = performance.now();
  // Loaded here, so that setup time is measured.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { analyzeText } = require('../server/src/analysis/analyze') as typeof import('../server/src/analysis/analyze');
  const { getDefaultLexicon } = require('../server/src/analysis/lexicon') as typeof import('../server/src/analysis/lexicon');
  const { getDefaultRules } = require('../server/src/analysis/rules') as typeof import('../server/src/analysis/rules');
  getDefaultLexicon();
  getDefaultRules();
  const setupMs = performance.now() - t0;
  const baselineRssMB = process.memoryUsage().rss / 2 ** 20;

  const t1 = performance.now();
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
  const index = new Map<string, ReturnType<typeof analyzeText>>();
  let bytes = 0;
  let entities = 0;
  let commitments = 0;
  for (const name of files) {
    const text = fs.readFileSync(path.join(folder, name), 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
    const analysis = analyzeText(text);
    entities += analysis.entities.length;
    commitments += analysis.commitments.length;
    index.set(name, analysis);
  }
  const indexMs = performance.now() - t1;
  return {
    probe: 'core',
    documents: index.size,
    bytes,
    indexMs,
    setupMs,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    baselineRssMB,
    heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
    entities,
    commitments,
  };
}

if (require.main === module) {
  const [probe, folder] = process.argv.slice(2);
  if (probe !== 'core' || !folder) {
    process.stderr.write('usage: node out/scripts/benchWorkspace.js core <folder>\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(coreProbe(folder)) + '\n');
}
