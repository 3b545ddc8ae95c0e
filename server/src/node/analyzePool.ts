// `iltizam analyze --jobs N`: documents analysed by N worker threads
// (analyzeWorker.ts), or on the calling thread when N is 1. The shipped
// tagger model is decoded once, here, into shared memory that every worker
// reads (one copy of the weights, no decoding per worker). Each document comes
// back as the line to print; the caller keeps the input order.
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText } from '../analysis/analyze';
import { getDefaultLexicon } from '../analysis/lexicon';
import { getDefaultRules } from '../analysis/rules';
import { adaptedTagger, getDefaultTagger, SequenceTagger, SharedTaggerModel, sharedShippedModel } from '../analysis/tagger';
import { analyzeRecordLine } from '../interchange/analyzeRecord';
import type { InputDocument } from '../interchange/documentLines';
import { readAdaptation } from './learning';
import { startThread, Thread } from './threads';

/** What each thread needs to analyse: the optional adapted model and the output shape. */
export interface AnalyzerSettings {
  modelFile?: string;
  compact: boolean;
}

/** What a worker is started with: the settings, and the shipped model already decoded in shared memory. */
export interface WorkerStart {
  settings: AnalyzerSettings;
  shippedModel: SharedTaggerModel;
}

/** The number of cores: `--jobs`'s default. */
export const defaultJobs = (): number => os.availableParallelism();

/** The shipped tagger, adapted by the model file when one is given. */
function taggerOf(modelFile: string | undefined): SequenceTagger {
  const shipped = getDefaultTagger(getDefaultLexicon(), getDefaultRules());
  return modelFile === undefined ? shipped : adaptedTagger(shipped, readAdaptation(modelFile, shipped.model));
}

/** A function from a document to its output line; the model is read once, here (a bad model file throws here). */
export function documentAnalyzer(settings: AnalyzerSettings): (doc: InputDocument) => string {
  const tagger = taggerOf(settings.modelFile);
  return (doc) => {
    const line = analyzeRecordLine(doc.id, analyzeText(doc.text, { tagger }), settings.compact);
    // Each document is analysed once here: the tagger's sentence memo (kept for an editor's next edit)
    // would only grow with the corpus; emptied, memory stays bounded by the largest document.
    tagger.memo.clear();
    return line;
  };
}

/** A failure that stops the whole run (a worker could not start, or its model file is bad): said once. */
export class AnalyzerFailed extends Error {}

export interface Analyzer {
  /** The document's output line; rejects with its error (an AnalyzerFailed stops the run). */
  analyze(doc: InputDocument): Promise<string>;
  close(): Promise<void>;
}

/** One thread: the documents are analysed as they are handed in. */
export function inThreadAnalyzer(settings: AnalyzerSettings): Analyzer {
  let analyze: ((doc: InputDocument) => string) | undefined;
  return {
    analyze: async (doc) => {
      try {
        analyze ??= documentAnalyzer(settings);
      } catch (err) {
        throw new AnalyzerFailed((err as Error).message);
      }
      return analyze(doc);
    },
    close: async () => undefined,
  };
}

/** What a worker answers: the line of task `seq`, its error, or that it cannot work at all. */
export type WorkerReply = { seq: number; line: string } | { seq: number; error: string } | { fatal: string };

interface Task {
  seq: number;
  doc: InputDocument;
  resolve: (line: string) => void;
  reject: (err: Error) => void;
}

/**
 * N worker threads, started as work arrives (one document starts one), each
 * given one document at a time from a first-in first-out queue.
 */
export class WorkerPool implements Analyzer {
  private readonly idle: Thread[] = [];
  private readonly workers: Thread[] = [];
  private readonly running = new Map<Thread, Task>();
  private readonly queue: Task[] = [];
  private failed?: AnalyzerFailed;
  private seq = 0;
  private start?: WorkerStart;

  constructor(
    private readonly size: number,
    private readonly settings: AnalyzerSettings,
    private readonly workerFile = path.join(__dirname, 'analyzeWorker.js'),
  ) {}

  analyze(doc: InputDocument): Promise<string> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: this.seq++, doc, resolve, reject });
      if (!this.idle.length && this.workers.length < this.size) this.startWorker();
      this.dispatch();
    });
  }

  private startWorker(): void {
    try {
      this.start ??= { settings: this.settings, shippedModel: sharedShippedModel() };
    } catch (err) {
      return this.fail((err as Error).message);
    }
    const worker = startThread(this.workerFile, { data: this.start, keepsProcess: true });
    if (!worker) return this.fail(`the worker script is missing (${this.workerFile})`);
    this.workers.push(worker);
    this.idle.push(worker);
    worker.onMessage((reply: WorkerReply) => this.settle(worker, reply));
    worker.onExit((error) => {
      if (this.running.has(worker) || (error && !this.closing)) this.fail(`a worker stopped: ${error?.message ?? 'it exited'}`);
    });
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.running.set(worker, task);
      worker.post({ seq: task.seq, doc: task.doc });
    }
  }

  private settle(worker: Thread, reply: WorkerReply): void {
    if ('fatal' in reply) return this.fail(reply.fatal);
    const task = this.running.get(worker);
    if (!task || task.seq !== reply.seq) return this.fail(`a worker answered for a document it was not given (${reply.seq})`);
    this.running.delete(worker);
    this.idle.push(worker);
    if ('line' in reply) task.resolve(reply.line);
    else task.reject(new Error(reply.error));
    this.dispatch();
  }

  /** Every task waiting or running fails with the one error; later ones too. */
  private fail(message: string): void {
    this.failed ??= new AnalyzerFailed(message);
    for (const task of [...this.running.values(), ...this.queue.splice(0)]) task.reject(this.failed);
    this.running.clear();
  }

  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
