// The command line at corpus scale (issue 18), the real bundled CLI in child
// processes: `iltizam analyze --jobs 2` against `--jobs 1` on 5 MB of
// synthetic documents (JSON lines on stdin), the resident memory while 100 MB
// stream through its standard input, and the size of the output, full and
// compact. Peak RSS is the process's own (getrusage, worker threads
// included), written by a preload at exit.
import { spawn } from 'child_process';
import { Worker } from 'worker_threads';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CorpusGenerator, deriveSeed, prng } from './corpus';
import { round } from './benchStats';

const MB = 1_000_000;

export interface CliRun {
  ms: number;
  /** CPU time of the process, every thread (V8's garbage collector and compiler threads too): user + system. */
  cpuMs: number;
  /** CPU time of the main thread alone (Linux; undefined elsewhere): with --jobs 1, the analysis itself. */
  mainThreadCpuMs?: number;
  outputBytes: number;
  lines: number;
  peakRssMB: number;
}

export interface CliFigures {
  cores: number;
  /** What two threads of plain arithmetic do here, at the time of the run, against one: the ceiling for --jobs 2. */
  arithmeticSpeedup: number;
  /** The documents of the jobs comparison: sizes log-uniform from 4 to 128 KB. */
  documents: number;
  textBytes: number;
  runs: number;
  jobs1: CliRun & { MBps: number };
  jobs2: CliRun & { MBps: number };
  /** jobs2 throughput / jobs1 throughput (target ≥ 1.8). */
  speedup: number;
  /**
   * CPU time of --jobs 1 / that of its main thread (the analysis): above 1, V8's helper threads (the optimising
   * compiler, the garbage collector) work beside the analysis, on the other core when it is free, which two
   * jobs cannot use twice. Undefined where threads' CPU is not known (not Linux).
   */
  jobs1Cores?: number;
  /** CPU time of --jobs 2 / CPU time of --jobs 1: what the second thread adds (its own compiler and collector work, caches shared). */
  jobs2CpuOverJobs1: number;
  /**
   * The speed-up --jobs 2 would reach on two free cores with its CPU time spread over both without a gap:
   * 2 × the CPU of --jobs 1's main thread (its wall time on a free machine) / the CPU of --jobs 2. From CPU
   * times only, so that other work on the machine changes it little (unlike the wall times).
   */
  cpuBoundSpeedup?: number;
  output: { fullBytes: number; compactBytes: number; fullPerTextByte: number; compactPerTextByte: number; compactOverFull: number };
  streaming: StreamingFigures;
}

export interface StreamingFigures {
  jobs: number;
  inputMB: number;
  documents: number;
  largestDocumentKB: number;
  ms: number;
  MBps: number;
  peakRssMB: number;
  /** RSS as the input went in: at 10 %, 25 %, 50 %, 75 % and 100 % of it. */
  rssAtMB: { inputMB: number; rssMB: number }[];
  /** Peak RSS streaming the whole input / peak RSS of the same CLI on the first 5 MB. */
  peakOverSmall: number;
  /**
   * The highest RSS sampled in the second half of the run's time / in the first half: flat is about 1, growing
   * with the input about 2 (target < 1.25). By time, not by input: the CLI reads ahead up to its window.
   */
  secondHalfOverFirst: number;
}

/** Two worker threads each doing the same arithmetic loop at once, against one doing it alone: how much two cores give right now. */
async function arithmeticSpeedup(): Promise<number> {
  const code = `const { parentPort } = require('worker_threads'); let x = 0; for (let i = 0; i < 6e7; i++) x = (x * 31 + i) | 0; parentPort.postMessage(x);`;
  const loop = () => new Promise((resolve, reject) => new Worker(code, { eval: true }).once('message', resolve).once('error', reject));
  await loop();
  let t = performance.now();
  await loop();
  const one = performance.now() - t;
  t = performance.now();
  await Promise.all([loop(), loop()]);
  return round((2 * one) / (performance.now() - t));
}

/** Documents of 4–128 KB (log-uniform) until `bytes`, as {id, text}. */
function corpusDocuments(generator: CorpusGenerator, seed: number, bytes: number): { id: string; text: string }[] {
  const sizes = prng(seed);
  const docs: { id: string; text: string }[] = [];
  for (let total = 0, i = 0; total < bytes; i++) {
    const text = generator.document(deriveSeed(seed, i), Math.round(4_000 * Math.pow(32, sizes())));
    docs.push({ id: `doc-${String(i).padStart(5, '0')}`, text });
    total += Buffer.byteLength(text, 'utf8');
  }
  return docs;
}

// The main thread's own CPU time comes from Linux's per-thread counters (clock ticks of 10 ms); -1 elsewhere.
const PRELOAD = `process.on('exit', () => {
  const u = process.resourceUsage();
  let main = -1;
  try { const s = require('fs').readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); main = (Number(f[11]) + Number(f[12])) * 10000; } catch {}
  process.stderr.write('\\nbench-peak-rss-kb ' + u.maxRSS + ' cpu-us ' + (u.userCPUTime + u.systemCPUTime) + ' main-cpu-us ' + main + '\\n');
});\n`;

interface RunOptions {
  /** A file given as standard input, or a function that writes it. */
  input: string | ((stdin: NodeJS.WritableStream) => Promise<void>);
  /** Called every 100 ms with the child's current RSS in MB. */
  sample?: (rssMB: number) => void;
}

function currentRssMB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the CLI to its end; throws when it fails. */
function runCli(cli: string, preload: string, args: string[], options: RunOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const inputFd = typeof options.input === 'string' ? fs.openSync(options.input, 'r') : undefined;
    const t = performance.now();
    const child = spawn(process.execPath, ['--require', preload, cli, ...args], { stdio: [inputFd ?? 'pipe', 'pipe', 'pipe'] });
    if (inputFd !== undefined) fs.closeSync(inputFd);
    let outputBytes = 0;
    let lines = 0;
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      outputBytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = options.sample ? setInterval(() => options.sample!(currentRssMB(child.pid!) ?? NaN), 100) : undefined;
    if (typeof options.input === 'function') options.input(child.stdin!).then(() => child.stdin!.end(), reject);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t;
      if (timer) clearInterval(timer);
      const peak = /bench-peak-rss-kb (\d+) cpu-us (\d+) main-cpu-us (-?\d+)/.exec(stderr);
      if (code !== 0 || !peak) return reject(new Error(`iltizam ${args.join(' ')} failed (${code}): ${stderr.slice(0, 2000)}`));
      const mainThreadCpuMs = Number(peak[3]) >= 0 ? round(Number(peak[3]) / 1000) : undefined;
      resolve({ ms, cpuMs: round(Number(peak[2]) / 1000), mainThreadCpuMs, outputBytes, lines, peakRssMB: round(Number(peak[1]) / 1000) });
    });
  });
}

/** Writes the documents as JSON lines, again and again with new ids, until `bytes` of text; waits when the pipe is full. */
function feed(docs: { id: string; text: string }[], bytes: number, progress: (textBytes: number) => void) {
  return async (stdin: NodeJS.WritableStream) => {
    let written = 0;
    for (let round = 0, i = 0; written < bytes; i++) {
      if (i === docs.length) [i, round] = [0, round + 1];
      const doc = docs[i];
      const ok = stdin.write(JSON.stringify({ id: `${doc.id}-${round}`, text: doc.text }) + '\n');
      written += Buffer.byteLength(doc.text, 'utf8');
      progress(written);
      if (!ok) await new Promise((resolve) => stdin.once('drain', resolve));
    }
  };
}

const highest = (samples: { rssMB: number }[]) => Math.max(...samples.map((x) => x.rssMB).filter(Number.isFinite));

async function measureStreaming(cli: string, preload: string, docs: { id: string; text: string }[], inputMB: number, smallPeakRssMB: number, log: (s: string) => void): Promise<StreamingFigures> {
  let fed = 0;
  const samples: { inputMB: number; rssMB: number; ms: number }[] = [];
  const start = performance.now();
  const bytes = inputMB * MB;
  const run = await runCli(cli, preload, ['analyze', '--jobs', '2', '-'], {
    input: feed(docs, bytes, (b) => (fed = b)),
    sample: (rssMB) => samples.push({ inputMB: fed / MB, rssMB, ms: performance.now() - start }),
  });
  const at = (share: number) => {
    const s = samples.find((x) => x.inputMB >= share * inputMB) ?? samples[samples.length - 1];
    return { inputMB: round(share * inputMB), rssMB: round(s?.rssMB ?? NaN) };
  };
  const rounds = Math.ceil(bytes / docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0));
  const figures: StreamingFigures = {
    jobs: 2,
    inputMB,
    documents: run.lines,
    largestDocumentKB: round(Math.max(...docs.map((d) => Buffer.byteLength(d.text, 'utf8'))) / 1000),
    ms: round(run.ms),
    MBps: round(inputMB / (run.ms / 1000)),
    peakRssMB: run.peakRssMB,
    rssAtMB: [0.1, 0.25, 0.5, 0.75, 1].map(at),
    peakOverSmall: round(run.peakRssMB / smallPeakRssMB),
    secondHalfOverFirst: round(highest(samples.filter((x) => x.ms > run.ms / 2)) / highest(samples.filter((x) => x.ms <= run.ms / 2))),
  };
  log(`  analyze streaming ${inputMB} MB (${rounds} rounds of the documents): ${figures.MBps} MB/s, peak RSS ${run.peakRssMB} MB (${smallPeakRssMB} MB on the first ${round(bytes / rounds / MB)} MB)`);
  return figures;
}

export async function measureCli(generator: CorpusGenerator, seed: number, quick: boolean, cli: string, log: (s: string) => void): Promise<CliFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-bench-cli-'));
  try {
    const preload = path.join(dir, 'peak-rss.js');
    fs.writeFileSync(preload, PRELOAD);
    const docs = corpusDocuments(generator, deriveSeed(seed, 18), (quick ? 0.5 : 5) * MB);
    const textBytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
    const input = path.join(dir, 'docs.jsonl');
    fs.writeFileSync(input, docs.map((d) => JSON.stringify(d) + '\n').join(''));
    // Interleaved, so that both see the same machine load; the best of each (the least disturbed).
    const runs = quick ? 1 : 2;
    const one: CliRun[] = [];
    const two: CliRun[] = [];
    for (let k = 0; k < runs; k++) {
      one.push(await runCli(cli, preload, ['analyze', '--jobs', '1', '-'], { input }));
      two.push(await runCli(cli, preload, ['analyze', '--jobs', '2', '-'], { input }));
    }
    const best = (list: CliRun[]) => {
      const r = list.reduce((a, b) => (b.ms < a.ms ? b : a));
      return { ...r, ms: round(r.ms), MBps: round(textBytes / MB / (r.ms / 1000)) };
    };
    const ceiling = await arithmeticSpeedup();
    const jobs1 = best(one);
    const jobs2 = best(two);
    const analysisMs = jobs1.mainThreadCpuMs;
    const cpu = {
      jobs1Cores: analysisMs ? round(jobs1.cpuMs / analysisMs) : undefined,
      jobs2CpuOverJobs1: round(jobs2.cpuMs / jobs1.cpuMs),
      cpuBoundSpeedup: analysisMs ? round((2 * analysisMs) / jobs2.cpuMs) : undefined,
    };
    log(`  analyze ${round(textBytes / MB)} MB: --jobs 1 ${jobs1.MBps} MB/s, --jobs 2 ${jobs2.MBps} MB/s (× ${round(jobs2.MBps / jobs1.MBps)}; plain arithmetic on two threads: × ${ceiling}; bound by the CPU --jobs 2 needs: × ${cpu.cpuBoundSpeedup})`);
    const compact = await runCli(cli, preload, ['analyze', '--jobs', '2', '--compact', '-'], { input });
    const output = {
      fullBytes: jobs1.outputBytes,
      compactBytes: compact.outputBytes,
      fullPerTextByte: round(jobs1.outputBytes / textBytes),
      compactPerTextByte: round(compact.outputBytes / textBytes),
      compactOverFull: round(compact.outputBytes / jobs1.outputBytes),
    };
    const streaming = await measureStreaming(cli, preload, docs, quick ? 2 : 100, jobs2.peakRssMB, log);
    return { cores: os.cpus().length, arithmeticSpeedup: ceiling, documents: docs.length, textBytes, runs, jobs1, jobs2, speedup: round(jobs2.MBps / jobs1.MBps), ...cpu, output, streaming };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The targets of issue 18 for the CLI, in the shape of bench.ts's target rows. */
export function cliTargets(cli: CliFigures | undefined): { target: string; value: number; limit: number; met: boolean; ratio: number }[] {
  if (!cli) return [];
  return [
    { target: `analyze --jobs 2 / --jobs 1 throughput, ${round(cli.textBytes / MB)} MB of documents`, value: cli.speedup, limit: 1.8, met: cli.speedup >= 1.8, ratio: round(1.8 / cli.speedup) },
    {
      target: `analyze streaming ${cli.streaming.inputMB} MB: highest RSS, second half of the run / first half (flat)`,
      value: cli.streaming.secondHalfOverFirst,
      limit: 1.25,
      met: cli.streaming.secondHalfOverFirst < 1.25,
      ratio: round(cli.streaming.secondHalfOverFirst / 1.25),
    },
  ];
}

export function cliReport(cli: CliFigures | undefined): string[] {
  if (!cli) return [];
  const s = cli.streaming;
  return [
    `iltizam analyze, ${cli.documents} documents, ${round(cli.textBytes / MB)} MB on stdin (best of ${cli.runs}): --jobs 1 ${cli.jobs1.ms} ms (${cli.jobs1.MBps} MB/s, CPU ${cli.jobs1.cpuMs} ms, peak RSS ${cli.jobs1.peakRssMB} MB), --jobs 2 ${cli.jobs2.ms} ms (${cli.jobs2.MBps} MB/s, CPU ${cli.jobs2.cpuMs} ms, peak RSS ${cli.jobs2.peakRssMB} MB): × ${cli.speedup} on ${cli.cores} cores (plain arithmetic on two threads: × ${cli.arithmeticSpeedup})`,
    `  --jobs 1 uses ${cli.jobs1Cores ?? '?'} × its analysis thread's CPU; --jobs 2 needs × ${cli.jobs2CpuOverJobs1} the CPU of --jobs 1: bound by that CPU, --jobs 2 can reach × ${cli.cpuBoundSpeedup ?? '?'} on two free cores`,
    `  output per byte of text: full ${cli.output.fullPerTextByte}, --compact ${cli.output.compactPerTextByte} (compact / full ${cli.output.compactOverFull})`,
    `  streaming ${s.inputMB} MB through stdin (--jobs ${s.jobs}, largest document ${s.largestDocumentKB} KB): ${s.MBps} MB/s, peak RSS ${s.peakRssMB} MB (× ${s.peakOverSmall} the ${round(cli.textBytes / MB)} MB run's; highest in the second half / first half × ${s.secondHalfOverFirst}); RSS at ${s.rssAtMB.map((r) => `${r.inputMB} MB: ${r.rssMB}`).join(', ')}`,
  ];
}
