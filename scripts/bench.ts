// `npm run bench`: how fast Iltizam is at corpus scale, on this machine.
//
//   node out/scripts/bench.js [--quick] [--seed N] [--sizes 0.1,1,10] [--docs N]
//                             [--no-lsp] [--no-workspace] [--no-cli] [--out FILE]
//
// --quick         a subset for CI smoke runs (sizes 0.1 and 1 MB, 200 documents,
//                 few repetitions); it reports the same figures and never
//                 fails on a target, only when something does not work
// --seed N        the corpus seed (default 20211216); the same seed gives the
//                 same corpus, byte for byte
// --sizes a,b,…   document sizes in MB (1 MB = 1,000,000 bytes of UTF-8)
// --docs N        documents in the workspace corpus (default 2000)
// --out FILE      where the JSON summary goes (default out/bench.json)
//
// It measures, it does not gate: the exit code is 0 whatever the figures,
// and non-zero only when a measurement cannot be made (the server does not
// start, a request fails, a document gets no tokens). docs/BENCHMARK.md says
// what each figure means.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import AhoCorasick from 'modern-ahocorasick';
import { analyzeText } from '../server/src/analysis/analyze';
import { getDefaultLexicon, LexiconEntry } from '../server/src/analysis/lexicon';
import { getDefaultRules } from '../server/src/analysis/rules';
import defaultLexiconData from '../server/data/lexicon.json';
import { CorpusGenerator, deriveSeed, loadSources, workspaceDocuments } from './corpus';
import { growthExponent, median, round, table } from './benchStats';
import { DocumentFigures, INDEXED, measureDocument, measureFirstHover, measureOpen, startLspServer, summarise, Timing } from './benchLsp';
import type { WorkspaceResult } from './benchWorkspace';
import { analyzeAfresh, measureTagger, TaggerFigures } from './benchTagger';
import { BulkAcceptFigures, measureBulkAccept } from './benchDecisions';
import { CliFigures, cliReport, cliTargets, measureCli } from './benchCli';
import { FloorFigures, floorTargets, measureFloor } from './benchFloor';
import { EditorOpenFigures, editorTargets, measureEditorOpen } from './benchEditor';
import { LearningLatencyFigures, measureLearningLatency } from './benchLearningLsp';
import { IndexingLatencyFigures, measureIndexingLatency } from './benchIndexing';

const MB = 1_000_000;

interface Options {
  quick: boolean;
  seed: number;
  sizesMB: number[];
  docs: number;
  lsp: boolean;
  workspace: boolean;
  cli: boolean;
  out: string;
  /** Size of the one-line document whose first hover is measured (0: not measured; --first-hover). */
  firstHoverMB: number;
}

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

function parseArgs(argv: string[], root: string): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    if (i + 1 >= argv.length) throw new Error(`${name} needs a value`);
    return argv[i + 1];
  };
  const sizes = value('--sizes');
  const options: Options = {
    quick,
    seed: Number(value('--seed') ?? 20211216),
    sizesMB: sizes ? sizes.split(',').map(Number) : quick ? [0.1, 1] : [0.1, 0.3, 1, 3, 10],
    docs: Number(value('--docs') ?? (quick ? 200 : 2000)),
    lsp: !argv.includes('--no-lsp'),
    workspace: !argv.includes('--no-workspace'),
    cli: !argv.includes('--no-cli'),
    out: path.resolve(value('--out') ?? path.join(root, 'out', 'bench.json')),
    firstHoverMB: Number(value('--first-hover') ?? (quick ? 0 : 20)),
  };
  if (!Number.isInteger(options.seed) || options.sizesMB.some((s) => !(s > 0)) || !(options.docs > 0)) throw new Error('bad --seed, --sizes or --docs');
  return options;
}

const log = (s = '') => process.stderr.write(s + '\n');

// ---- core throughput against a plain Aho–Corasick scan ----------------------

interface CoreFigures {
  sizeMB: number;
  bytes: number;
  chars: number;
  lines: number;
  entities: number;
  commitments: number;
  coreRuns: number;
  coreMs: number;
  coreMBps: number;
  /** Throughput of the fastest run (the least disturbed by other processes). */
  coreBestMBps: number;
  coreMsPerMB: number;
  /** The analysis again after a one-character edit, the tagger's sentence memo warm (median of coreRuns edits). */
  editMs: number;
  acRuns: number;
  acMs: number;
  acMBps: number;
  acMatches: number;
  /** Core throughput / plain-scan throughput (≥ 1/3 is the target). */
  ratio: number;
}

/**
 * The plain scan: the lexicon's surface forms in a modern-ahocorasick
 * matcher, leftmost-longest (the non-overlapping matches an annotator needs),
 * over the text line by line. No surface form spans a line break, so the
 * matches are those of the whole text; scanning a long string at once is
 * quadratic in Node 20 (its Intl.Segmenter grapheme iteration, which the
 * package uses, slows down with the string's length), so a whole 1 MB text
 * would take minutes.
 */
function plainScan(matcher: AhoCorasick, text: string): number {
  let matches = 0;
  for (const line of text.split('\n')) if (line) matches += matcher.search(line, { strategy: 'leftmost-longest' }).length;
  return matches;
}

/** Median and best time of `runs` runs of f. */
function timeRuns(runs: number, f: () => void): { median: number; best: number } {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return { median: median(times), best: Math.min(...times) };
}

function measureCore(generator: CorpusGenerator, opts: Options, surfaceForms: string[]): { rows: CoreFigures[]; texts: Map<number, string>; acCompileMs: number } {
  let t = performance.now();
  const matcher = new AhoCorasick(surfaceForms);
  const acCompileMs = performance.now() - t;
  // Warm the JIT (and compile the lexicon and rules) on text that is not measured.
  getDefaultLexicon();
  getDefaultRules();
  // Until the JIT has settled: a few runs over a megabyte of text that is not measured.
  const warm = generator.document(deriveSeed(opts.seed, 1), opts.quick ? 300_000 : 1_000_000);
  for (let k = 0; k < (opts.quick ? 3 : 5); k++) analyzeAfresh(warm);
  plainScan(matcher, warm.slice(0, 100_000));

  const rows: CoreFigures[] = [];
  const texts = new Map<number, string>();
  for (const sizeMB of opts.sizesMB) {
    const text = generator.document(deriveSeed(opts.seed, Math.round(sizeMB * MB)), Math.round(sizeMB * MB));
    texts.set(sizeMB, text);
    const bytes = Buffer.byteLength(text, 'utf8');
    // Repetitions: about 3 MB (core) and 1 MB (plain scan) of text per size, at least 2 runs;
    // first a few unmeasured runs on this very text, for the JIT to settle on it (about 0.5 MB).
    const coreRuns = opts.quick ? 2 : Math.max(2, Math.min(20, Math.ceil((3 * MB) / bytes)));
    const acRuns = opts.quick ? 1 : Math.max(1, Math.min(5, Math.ceil(MB / bytes)));
    const warmRuns = opts.quick ? 1 : Math.max(1, Math.min(5, Math.ceil((0.5 * MB) / bytes)));
    let analysis = analyzeAfresh(text);
    for (let k = 1; k < warmRuns; k++) analysis = analyzeAfresh(text);
    const core = timeRuns(coreRuns, () => (analysis = analyzeAfresh(text)));
    const coreMs = core.median;
    // Then a one-character edit at a different place each run, analysed with the tagger's memo warm from the text.
    analyzeAfresh(text);
    let edit = 0;
    const edits = timeRuns(coreRuns, () => {
      const at = text.indexOf(' ', Math.floor((text.length * ++edit) / (coreRuns + 1)));
      analyzeText(text.slice(0, at) + 'ا' + text.slice(at));
    });
    let acMatches = 0;
    const ac = timeRuns(acRuns, () => (acMatches = plainScan(matcher, text)));
    const acMs = ac.median;
    const coreMBps = bytes / MB / (coreMs / 1000);
    const acMBps = bytes / MB / (acMs / 1000);
    rows.push({
      sizeMB,
      bytes,
      chars: text.length,
      lines: text.split('\n').length - 1,
      entities: analysis.entities.length,
      commitments: analysis.commitments.length,
      coreRuns,
      coreMs: round(coreMs),
      coreMBps: round(coreMBps),
      coreBestMBps: round(bytes / MB / (core.best / 1000)),
      coreMsPerMB: round(coreMs / (bytes / MB)),
      editMs: round(edits.median),
      acRuns,
      acMs: round(acMs),
      acMBps: round(acMBps),
      acMatches,
      ratio: round(coreMBps / acMBps),
    });
    log(`  core ${sizeMB} MB: ${round(coreMs)} ms (${round(coreMBps)} MB/s), after a one-character edit ${round(edits.median)} ms, plain scan ${round(acMs)} ms (${round(acMBps)} MB/s)`);
  }
  return { rows, texts, acCompileMs: round(acCompileMs) };
}

// ---- the language server over stdio ----------------------------------------

interface StartupFigures extends Timing {
  runs: number[];
}

async function measureStartup(serverScript: string, runs: number): Promise<StartupFigures> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-bench-start-'));
  const times: number[] = [];
  try {
    for (let k = 0; k < runs; k++) {
      const server = await startLspServer(serverScript, { workspace });
      times.push(server.initializeMs);
      await server.stop();
    }
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return { ...summarise(times), runs: times.map(round) };
}

interface LspDocumentRow extends DocumentFigures {
  sizeMB: number;
  /** Another document of the same size opened in the same server afterwards (warm JIT): didOpen → tokens. */
  secondOpenTokensMs: number;
  /** The same: didOpen → tokens of its first screen (range). */
  secondOpenRangeTokensMs: number;
}

async function measureLsp(serverScript: string, opts: Options, texts: Map<number, string>, generator: CorpusGenerator): Promise<LspDocumentRow[]> {
  const rows: LspDocumentRow[] = [];
  for (const sizeMB of opts.sizesMB) {
    const text = texts.get(sizeMB)!;
    const big = sizeMB > 1;
    // The document lives outside the (empty) workspace folder: the figures are those of
    // opening and editing it, not of indexing the workspace at start-up.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-bench-lsp-'));
    const workspace = path.join(folder, 'workspace');
    fs.mkdirSync(workspace);
    const file = path.join(folder, `bench-${sizeMB}MB.txt`);
    fs.writeFileSync(file, text);
    const server = await startLspServer(serverScript, { workspace });
    await server.waitForNotification(INDEXED, (p) => p.complete === true, 10000).catch(() => undefined);
    try {
      const figures = await measureDocument(server, pathToFileURL(file).toString(), text, {
        hovers: opts.quick ? 40 : big ? 60 : 200,
        symbols: opts.quick ? 5 : big ? 5 : 20,
        fullTokens: opts.quick ? 5 : big ? 5 : 20,
        rangeTokens: opts.quick ? 20 : big ? 30 : 100,
        edits: opts.quick ? 6 : big ? 6 : 20,
        seed: deriveSeed(opts.seed, 7 + Math.round(sizeMB * 1000)),
      });
      // The same again in a server that has analysed a document already: what opening costs once warm.
      const other = generator.document(deriveSeed(opts.seed, Math.round(sizeMB * MB) + 1), Math.round(sizeMB * MB));
      const otherFile = path.join(folder, `bench-${sizeMB}MB-second.txt`);
      fs.writeFileSync(otherFile, other);
      const second = await measureOpen(server, pathToFileURL(otherFile).toString(), other);
      rows.push({ sizeMB, ...figures, secondOpenTokensMs: second.tokensMs, secondOpenRangeTokensMs: second.rangeTokensMs });
      log(
        `  lsp ${sizeMB} MB: first tokens ${figures.firstTokensMs} ms, hover p95 ${figures.hover.p95} ms, edit→tokens p95 ${figures.editToTokens.p95} ms, edit→exact annotations p50 ${figures.editToAnnotations.p50} ms`,
      );
    } finally {
      await server.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  return rows;
}

interface FirstHoverFigures {
  sizeMB: number;
  /** didOpen sent → the hover (at the start of the line) answered. */
  hoverMs: number;
  /** didOpen sent → the annotations of the whole document pushed. */
  annotationsMs: number;
}

/** A very long one-line document (no line breaks at all): its first hover should not wait for the analysis of all of it. */
async function measureFirstHoverOnLongLine(serverScript: string, opts: Options, generator: CorpusGenerator): Promise<FirstHoverFigures> {
  const text = generator.document(deriveSeed(opts.seed, 20_000_000), Math.round(opts.firstHoverMB * MB)).replace(/[\r\n\u2028\u2029\u0085\f]/g, ' ');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-bench-line-'));
  const workspace = path.join(folder, 'workspace');
  fs.mkdirSync(workspace);
  const file = path.join(folder, 'one-line.txt');
  fs.writeFileSync(file, text);
  const server = await startLspServer(serverScript, { workspace });
  try {
    return { sizeMB: opts.firstHoverMB, ...(await measureFirstHover(server, pathToFileURL(file).toString(), text)) };
  } finally {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

// ---- the workspace ----------------------------------------------------------

/** A way of indexing a folder, in a process of its own (see benchWorkspace.ts). */
interface WorkspaceProbe {
  id: string;
  description: string;
  /** Runs the probe on the folder; undefined when it is not available. */
  run(folder: string, root: string): Promise<WorkspaceResult | undefined>;
}

const probes: WorkspaceProbe[] = [
  {
    id: 'core',
    description: 'the analysis core alone in one process, reading and analysing every file and keeping every analysis',
    async run(folder, root) {
      const r = spawnSync(process.execPath, [path.join(root, 'out', 'scripts', 'benchWorkspace.js'), 'core', folder], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(`the workspace probe failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as WorkspaceResult;
    },
  },
  {
    id: 'server',
    description: 'the language server with the folder as its workspace: initialized → iltizam/corpus/indexed (complete)',
    async run(folder, root) {
      const server = await startLspServer(path.join(root, 'dist', 'cli.js'), { workspace: folder, waitUntilReady: false });
      try {
        // The server reports progress every few documents; none at all means it has no workspace index.
        const first = await server.waitForNotification(INDEXED, () => true, 15000).catch(() => undefined);
        if (!first) return undefined;
        const done = await server.waitForNotification(INDEXED, (p) => p.complete === true, 15 * 60000);
        return {
          probe: 'server',
          documents: Number(done.params.documents ?? done.params.done),
          bytes: 0,
          indexMs: done.at - server.initializedAt,
          setupMs: server.initializeMs,
          peakRssMB: server.peakRssMB() ?? NaN,
          serverReportedMs: typeof done.params.milliseconds === 'number' ? done.params.milliseconds : undefined,
        };
      } finally {
        await server.stop();
      }
    },
  },
];

interface WorkspaceFigures {
  documents: number;
  bytes: number;
  generateMs: number;
  results: (WorkspaceResult & { description: string })[];
  /** Requests answered while the server indexes the folder with a large document added (benchIndexing.ts). */
  indexingLatency?: IndexingLatencyFigures;
}

/** The large document added to the workspace for the latency probe: 5 MB (1 MB in quick mode). */
const largeDocumentMB = (opts: Options) => (opts.quick ? 1 : 5);

async function measureWorkspace(generator: CorpusGenerator, opts: Options, root: string): Promise<WorkspaceFigures> {
  const folder = path.join(os.tmpdir(), `iltizam-bench-workspace-${opts.seed}-${opts.docs}`);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const t = performance.now();
  let bytes = 0;
  let documents = 0;
  for (const doc of workspaceDocuments(generator, deriveSeed(opts.seed, 2000), opts.docs)) {
    fs.writeFileSync(path.join(folder, doc.name), doc.text);
    bytes += Buffer.byteLength(doc.text, 'utf8');
    documents++;
  }
  const generateMs = round(performance.now() - t);
  const results: WorkspaceFigures['results'] = [];
  try {
    for (const probe of probes) {
      const r = await probe.run(folder, root);
      if (!r) {
        log(`  workspace (${probe.id}): not available`);
        continue;
      }
      if (r.documents !== documents) log(`  warning: probe ${probe.id} indexed ${r.documents} of ${documents} documents`);
      const maybe = (x: number | undefined) => (x === undefined ? undefined : round(x));
      results.push({
        ...r,
        bytes: r.bytes || bytes,
        indexMs: round(r.indexMs),
        setupMs: round(r.setupMs),
        peakRssMB: round(r.peakRssMB),
        baselineRssMB: maybe(r.baselineRssMB),
        heapUsedMB: maybe(r.heapUsedMB),
        serverReportedMs: maybe(r.serverReportedMs),
        description: probe.description,
      });
      log(`  workspace (${probe.id}): ${r.documents} documents in ${round(r.indexMs)} ms, peak RSS ${round(r.peakRssMB)} MB`);
    }
    if (opts.lsp) {
      const large = generator.document(deriveSeed(opts.seed, 5_000_001), largeDocumentMB(opts) * MB);
      const indexingLatency = await measureIndexingLatency(path.join(root, 'dist', 'cli.js'), folder, large, generator.document(deriveSeed(opts.seed, 3_000), 3_000));
      log(`  requests while indexing ${indexingLatency.documents} documents (one of ${largeDocumentMB(opts)} MB): p50 ${indexingLatency.requests.p50} ms, p99 ${indexingLatency.requests.p99} ms, max ${indexingLatency.requests.max} ms (n = ${indexingLatency.requests.n})`);
      return { documents, bytes, generateMs, results, indexingLatency };
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return { documents, bytes, generateMs, results };
}

// ---- targets and report -----------------------------------------------------

interface TargetRow {
  target: string;
  value: number | string;
  limit: number | string;
  met: boolean;
  /** value / limit for "under" targets, limit / value for "at least" targets: ≤ 1 is met. */
  ratio?: number;
}

function evaluateTargets(core: CoreFigures[], lsp: LspDocumentRow[], startup: StartupFigures | undefined, workspace: WorkspaceFigures | undefined, maxSymbols: number, tagger?: TaggerFigures): TargetRow[] {
  const rows: TargetRow[] = [];
  const under = (target: string, value: number, limit: number) => rows.push({ target, value: round(value), limit, met: value < limit, ratio: round(value / limit) });
  const atLeast = (target: string, value: number, limit: number) => rows.push({ target, value: round(value), limit, met: value >= limit, ratio: round(limit / value) });
  if (core.length) {
    atLeast('core throughput, slowest size (MB/s)', Math.min(...core.map((r) => r.coreMBps)), 10);
    atLeast('core / plain Aho–Corasick throughput, lowest', Math.min(...core.map((r) => r.ratio)), 1 / 3);
    const exponent = growthExponent(core.map((r) => ({ size: r.bytes, cost: r.coreMs })));
    if (Number.isFinite(exponent)) under('core cost growth exponent (1 = linear)', exponent, 1.15);
  }
  const oneMB = lsp.find((r) => r.sizeMB === 1);
  if (oneMB) {
    under('1 MB: hover p95 (ms)', oneMB.hover.p95, 10);
    under('1 MB: semantic tokens after open, fresh server (ms)', oneMB.firstTokensMs, 150);
    under('1 MB: semantic tokens after open, warm server (ms)', oneMB.secondOpenTokensMs, 150);
    under('1 MB: visible-range tokens after open, fresh server (ms)', oneMB.firstRangeTokensMs, 150);
    under('1 MB: visible-range tokens after open, warm server (ms)', oneMB.secondOpenRangeTokensMs, 150);
    under('1 MB: semantic tokens full p95 (ms)', oneMB.semanticTokensFull.p95, 150);
    under('1 MB: one-character edit → tokens p95 (ms)', oneMB.editToTokens.p95, 50);
    under('1 MB: one-character edit → exact annotations p95 (ms)', oneMB.editToAnnotations.p95, 200);
  }
  for (const r of lsp) {
    const capped = r.outline.total <= maxSymbols + 1;
    const reported = r.outline.total <= maxSymbols || !!r.outline.limitNotice;
    rows.push({ target: `${r.sizeMB} MB: outline capped at ${maxSymbols} and the cap reported`, value: `${r.outline.total} symbols${r.outline.limitNotice ? ', notice' : ''}`, limit: `≤ ${maxSymbols + 1}`, met: capped && reported });
  }
  for (const w of workspace?.results ?? []) {
    under(`${w.documents} documents indexed, ${w.probe} (ms)`, w.indexMs, 5000);
    under(`${w.documents} documents, peak RSS, ${w.probe} (MB)`, w.peakRssMB, 400);
  }
  const waiting = workspace?.indexingLatency;
  if (waiting) under(`request latency while indexing ${waiting.documents} documents with one of ${round(waiting.largeDocumentBytes / MB)} MB, p99 (ms)`, waiting.requests.p99, 50);
  if (startup) under('initialize response, median (ms)', startup.p50, 200);
  if (tagger) {
    rows.push({ target: 'tagger: 50 KB analysis time / rule core alone', value: tagger.ratio, limit: 2, met: tagger.ratio <= 2, ratio: round(tagger.ratio / 2) });
    under('tagger: 50 KB analysis, warm (ms)', tagger.withTaggerMs, 60);
    under('tagger: model load, fresh process (ms)', tagger.loadMs, 150);
    under('tagger: memory the model adds, RSS (MB)', tagger.addedRssMB, 50);
  }
  return rows;
}

function report(summary: any): string {
  const out: string[] = [];
  const load = summary.machine.loadAverage1m;
  out.push(`Iltizam benchmark (${summary.mode}, seed ${summary.seed}) on ${summary.machine.cpus}× ${summary.machine.cpuModel}, Node ${summary.machine.node}; load average ${load.start} → ${load.end}`);
  out.push(`corpus: entities per KB ${summary.corpus.entitiesPerKB.samples} in the samples, ${summary.corpus.entitiesPerKB.corpus} in the synthetic text; plain scan: ${summary.corpus.surfaceForms} surface forms`);
  out.push('');
  out.push('Core analysis vs plain Aho–Corasick scan (MB = 10^6 bytes of UTF-8; times are medians)');
  out.push(
    table(
      ['size MB', 'entities', 'runs', 'core ms', 'core MB/s', 'best MB/s', 'ms/MB', 'scan ms', 'scan MB/s', 'core/scan'],
      summary.core.map((r: CoreFigures) => [String(r.sizeMB), r.entities, r.coreRuns, r.coreMs, r.coreMBps, r.coreBestMBps, r.coreMsPerMB, r.acMs, r.acMBps, r.ratio]),
    ),
  );
  out.push('');
  out.push('Core against the tokenise-and-look-up floor (fold each word, look it up), same texts, same process');
  out.push(
    table(
      ['size MB', 'words', 'floor ms', 'floor MB/s', 'core MB/s', 'core/floor', 'rules ms', 'rules MB/s', 'rules/floor'],
      summary.floor.map((r: FloorFigures) => [String(r.sizeMB), r.words, r.floorMs, r.floorMBps, r.coreMBps, r.ratio, r.ruleCoreMs, r.ruleCoreMBps, r.ruleCoreRatio]),
    ),
  );
  if (summary.lsp.documents.length) {
    out.push('');
    out.push('Language server over stdio (ms; p50/p95)');
    const pp = (t: Timing) => `${round(t.p50)}/${round(t.p95)}`;
    out.push(
      table(
        ['size MB', 'open→tokens', 'open→range', '2nd open', '2nd open→range', 'hover', 'symbols', 'tokens full', 'tokens range', 'edit→tokens', 'edit→annotations', 'outline', 'server RSS MB'],
        summary.lsp.documents.map((r: LspDocumentRow) => [
          String(r.sizeMB),
          r.firstTokensMs,
          r.firstRangeTokensMs,
          r.secondOpenTokensMs,
          r.secondOpenRangeTokensMs,
          pp(r.hover),
          pp(r.documentSymbols),
          pp(r.semanticTokensFull),
          pp(r.semanticTokensRange),
          pp(r.editToTokens),
          pp(r.editToAnnotations),
          `${r.outline.total}${r.outline.limitNotice ? ' (capped)' : ''}`,
          r.serverPeakRssMB ?? '',
        ]),
      ),
    );
  }
  const t = summary.tagger as TaggerFigures | undefined;
  if (t) {
    out.push('');
    out.push(`Sequence tagger on ${round(t.bytes / 1000)} KB (medians of ${t.runs} interleaved runs): rule core ${t.ruleCoreMs} ms, with the tagger ${t.withTaggerMs} ms (× ${t.ratio}); model load ${t.loadMs} ms, adds ${t.addedHeapMB} MB heap, ${t.addedRssMB} MB RSS`);
  }
  const b = summary.bulkAccept as BulkAcceptFigures | undefined;
  const h = summary.firstHover as FirstHoverFigures | undefined;
  if (h) out.push(`${h.sizeMB} MB one-line document: first hover after ${h.hoverMs} ms, its whole annotations after ${h.annotationsMs} ms`);
  if (b) out.push(`Accept All on ${round(b.bytes / 1000)} KB: ${b.suggestions} suggestions accepted in ${b.acceptMs} ms, the ${round(b.annBytes / 1000)} KB .ann written as text in ${b.serializeMs} ms`);
  const e = summary.annotationEditor as EditorOpenFigures | undefined;
  if (e) out.push(`Annotation editor on ${round(e.bytes / 1000)} KB: the text alone in ${e.textMs} ms; first-screen marks after ${e.firstMarksMs} ms (${e.firstMarks} marks of the first chunk${e.firstMarksProvisional ? ', provisional' : ', exact'}); data in ${e.dataMs} ms (analysis included), layout and first chunks in ${e.modelMs} ms: marks shown after ${e.openMs} ms; the other chunks in ${e.allChunksMs} ms after (${e.chunks} chunks, ${e.marks} marks, ${e.firstChunksKB} KB of ${e.htmlKB} KB HTML at once)`);
  const l = summary.learning as LearningLatencyFigures | undefined;
  if (l) {
    const pp = (t: Timing) => `${round(t.p50)}/${round(t.p95)} (n ${t.n})`;
    out.push(`While the tagger learns from ${l.decidedDocuments} documents' decisions (${round(l.decidedBytes / 1000)} KB; update ${l.updateMs} ms), on a ${round(l.openBytes / 1000)} KB open document, p50/p95 ms: hover ${pp(l.duringUpdate.hover)} vs idle ${pp(l.idle.hover)}; tokens full ${pp(l.duringUpdate.semanticTokensFull)} vs idle ${pp(l.idle.semanticTokensFull)}`);
  }
  if (summary.lsp.startup) out.push(`initialize response: median ${summary.lsp.startup.p50} ms, max ${summary.lsp.startup.max} ms over ${summary.lsp.startup.n} starts`);
  out.push(...cliReport(summary.cli as CliFigures | undefined));
  for (const w of summary.workspace?.results ?? []) {
    const baseline = w.baselineRssMB === undefined ? '' : ` (baseline ${w.baselineRssMB} MB)`;
    const reported = w.serverReportedMs === undefined ? '' : `, ${w.serverReportedMs} ms by the server's own count`;
    out.push(`workspace (${w.probe}): ${w.documents} documents, ${round(w.bytes / MB)} MB, indexed in ${w.indexMs} ms (+${w.setupMs} ms ${w.probe === 'server' ? 'to initialize' : 'setup'})${reported}, peak RSS ${w.peakRssMB} MB${baseline}`);
  }
  const waiting = summary.workspace?.indexingLatency as IndexingLatencyFigures | undefined;
  if (waiting) out.push(`requests while the server indexes ${waiting.documents} documents (one of ${round(waiting.largeDocumentBytes / MB)} MB): hover p50 ${waiting.requests.p50} ms, p95 ${waiting.requests.p95} ms, p99 ${waiting.requests.p99} ms, max ${waiting.requests.max} ms over ${waiting.requests.n}; indexed in ${waiting.indexMs} ms, peak RSS ${waiting.serverPeakRssMB} MB`);
  out.push('');
  out.push('Growth from the smallest to the largest size (exponent of a log-log fit: 1 = linear)');
  out.push(table(['figure', 'exponent', ...summary.sizesMB.map((s: number) => `ms/MB @${s}`)], summary.growth.map((g: any) => [g.figure, g.exponent, ...g.msPerMB])));
  out.push('');
  out.push('Targets');
  out.push(table(['target', 'value', 'limit', 'met'], summary.targets.map((t: TargetRow) => [t.target, String(t.value), String(typeof t.limit === 'number' ? round(t.limit) : t.limit), t.met ? 'yes' : 'NO'])));
  return out.join('\n');
}

async function main(): Promise<void> {
  const root = findRepoRoot();
  const opts = parseArgs(process.argv.slice(2), root);
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const serverScript = path.join(root, 'dist', 'cli.js');
  if (opts.lsp && !fs.existsSync(serverScript)) throw new Error(`${serverScript} does not exist: run npm run build first`);

  const entries = (defaultLexiconData as { entries: LexiconEntry[] }).entries;
  const sources = loadSources(root, entries);
  const generator = new CorpusGenerator(sources);
  const density = (texts: string[]) => {
    let entities = 0;
    let bytes = 0;
    for (const t of texts) {
      entities += analyzeText(t).entities.length;
      bytes += Buffer.byteLength(t, 'utf8');
    }
    return round(entities / (bytes / 1000));
  };

  log('core throughput…');
  const { rows: core, texts, acCompileMs } = measureCore(generator, opts, sources.surfaceForms);
  log('tokenise-and-look-up floor…');
  const floor = measureFloor(texts, core, sources.surfaceForms, opts.quick);
  log('sequence tagger…');
  const tagger = measureTagger(generator.document(deriveSeed(opts.seed, 50_000), 50_000), opts.quick);
  log('accept all…');
  const bulkAccept = measureBulkAccept(generator.document(deriveSeed(opts.seed, 228_000), 228_000));
  let startup: StartupFigures | undefined;
  let lspRows: LspDocumentRow[] = [];
  let annotationEditor: EditorOpenFigures | undefined;
  let learning: LearningLatencyFigures | undefined;
  let firstHover: FirstHoverFigures | undefined;
  if (opts.lsp) {
    log('server start-up…');
    startup = await measureStartup(serverScript, opts.quick ? 3 : 7);
    log('language server over stdio…');
    lspRows = await measureLsp(serverScript, opts, texts, generator);
    log('annotation editor…');
    annotationEditor = await measureEditorOpen(serverScript, generator.document(deriveSeed(opts.seed, MB + 15), MB));
    log('hover and tokens while the tagger learns…');
    learning = await measureLearningLatency(serverScript, generator, opts.seed, opts.quick);
    if (opts.firstHoverMB > 0) {
      log(`first hover on a ${opts.firstHoverMB} MB one-line document…`);
      firstHover = await measureFirstHoverOnLongLine(serverScript, opts, generator);
    }
  }
  let workspace: WorkspaceFigures | undefined;
  if (opts.workspace) {
    log('workspace…');
    workspace = await measureWorkspace(generator, opts, root);
  }
  let cli: CliFigures | undefined;
  if (opts.cli) {
    log('command line…');
    cli = await measureCli(generator, opts.seed, opts.quick, serverScript, log);
  }

  const sizes = opts.sizesMB;
  const growthOf = (figure: string, costs: (number | undefined)[]) => {
    const bytes = sizes.map((s) => core.find((r) => r.sizeMB === s)!.bytes);
    const points = costs.map((cost, i) => ({ size: bytes[i], cost: cost ?? NaN }));
    return { figure, exponent: round(growthExponent(points)), msPerMB: points.map((p) => round(p.cost / (p.size / MB))) };
  };
  const lspAt = (s: number) => lspRows.find((r) => r.sizeMB === s);
  const growth = [
    growthOf('core analysis', core.map((r) => r.coreMs)),
    growthOf('plain Aho–Corasick scan', core.map((r) => r.acMs)),
  ];
  if (lspRows.length) {
    growth.push(
      growthOf('open → tokens, fresh server', sizes.map((s) => lspAt(s)?.firstTokensMs)),
      growthOf('open → tokens, warm server', sizes.map((s) => lspAt(s)?.secondOpenTokensMs)),
      growthOf('open → range tokens, fresh server', sizes.map((s) => lspAt(s)?.firstRangeTokensMs)),
      growthOf('edit → tokens p50', sizes.map((s) => lspAt(s)?.editToTokens.p50)),
      growthOf('tokens full p50', sizes.map((s) => lspAt(s)?.semanticTokensFull.p50)),
      growthOf('tokens range p50', sizes.map((s) => lspAt(s)?.semanticTokensRange.p50)),
      growthOf('hover p50', sizes.map((s) => lspAt(s)?.hover.p50)),
      growthOf('document symbols p50', sizes.map((s) => lspAt(s)?.documentSymbols.p50)),
    );
  }

  const maxSymbols = 2000;
  const summary = {
    version: 1,
    date: new Date().toISOString(),
    mode: opts.quick ? 'quick' : 'full',
    seed: opts.seed,
    sizesMB: sizes,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', totalMemGB: round(os.totalmem() / 2 ** 30), node: process.versions.node, platform: `${os.platform()} ${os.arch()}`, loadAverage1m: { start: round(loadAtStart), end: round(os.loadavg()[0]) } },
    corpus: {
      surfaceForms: sources.surfaceForms.length,
      samples: sources.samples.length,
      entitiesPerKB: { samples: density(sources.samples), corpus: round(core[0].entities / (core[0].bytes / 1000)) },
      plainScan: { package: 'modern-ahocorasick', strategy: 'leftmost-longest', by: 'line', compileMs: acCompileMs },
    },
    core,
    floor,
    lsp: { server: 'node dist/cli.js lsp --stdio', startup, documents: lspRows },
    workspace,
    tagger,
    bulkAccept,
    cli,
    annotationEditor,
    learning,
    firstHover,
    growth,
    targets: [...evaluateTargets(core, lspRows, startup, workspace, maxSymbols, tagger), ...floorTargets(floor), ...cliTargets(cli), ...editorTargets(annotationEditor)],
    durationS: 0,
  };
  summary.durationS = round((performance.now() - started) / 1000);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, JSON.stringify(summary, null, 2) + '\n');
  process.stdout.write(report(summary) + '\n\n' + JSON.stringify(summary) + '\n');
  log(`\nSummary written to ${path.relative(process.cwd(), opts.out) || opts.out} (${summary.durationS} s)`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
