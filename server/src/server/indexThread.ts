// The analysis worker thread, seen from the thread that answers requests:
// the files to index go to the worker (indexWorker.ts), which reads, analyses
// and merges each with its .ann and sends back the index's entry, in parts
// small enough that taking one in never holds up a request for long; the
// texts of open documents go to it too, ahead of the files, and come back as
// their analysis. A newer configuration (settings, lexicon, adapted taggers)
// makes the work still queued under the older one stale.
import * as path from 'path';
import type { DocumentEntry } from '../corpus/corpusIndex';
import { startThread, Thread } from '../node/threads';
import type { Analysis } from '../analysis/types';
import type { AnalysisConfiguration } from './analysisService';

/** The worker's script: beside this module (dist/indexWorker.js in the bundle, out/…/indexWorker.js in the build). */
export const INDEX_WORKER_SCRIPT = path.join(__dirname, 'indexWorker.js');

/** At most this many entities or commitments in one message from the worker. */
export const ENTRY_PART_SIZE = 2000;

export interface IndexJob {
  id: number;
  uri: string;
  file: string;
}

export type ToIndexWorker =
  | { kind: 'configure'; generation: number; roots: string[]; configuration: AnalysisConfiguration }
  | { kind: 'index'; generation: number; jobs: IndexJob[] }
  /** An open document's text: analysed before any file still queued. */
  | { kind: 'analyse'; generation: number; id: number; uri: string; text: string };

export type FromIndexWorker =
  /** One part of a job's entry; `last` ends it. No entry at all: the file is not one to index (unreadable, not Arabic). */
  | { kind: 'part'; id: number; entities: DocumentEntry['entities']; commitments: DocumentEntry['commitments']; last: boolean; indexed: boolean }
  | { kind: 'failed'; id: number; message: string }
  /** An open document's analysis, without its text (the sender has it). */
  | { kind: 'analysis'; id: number; analysis: Omit<Analysis, 'text'> };

/** What became of a file sent to the worker. */
export type IndexOutcome = { entry: DocumentEntry | undefined } | 'stale' | 'failed';

interface Pending {
  uri: string;
  resolve: (outcome: IndexOutcome) => void;
  entities: DocumentEntry['entities'][number][];
  commitments: DocumentEntry['commitments'][number][];
}

export class IndexThread {
  private generation = 0;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly analyses = new Map<number, (analysis: Omit<Analysis, 'text'> | undefined) => void>();
  private failed = false;

  private constructor(
    private readonly thread: Thread,
    onFailure: (error: Error) => void,
  ) {
    thread.onMessage((m: FromIndexWorker) => this.received(m));
    thread.onExit((error) => {
      this.failed = true;
      this.settle('failed');
      // Stopped by us (terminate) ends without an error; anything else is worth saying.
      if (error) onFailure(error);
    });
  }

  /** The worker, started; undefined when its script is missing or it cannot start. `onFailure`: it ended on an error. */
  static start(script = INDEX_WORKER_SCRIPT, onFailure: (error: Error) => void = () => undefined): IndexThread | undefined {
    try {
      const thread = startThread(script);
      return thread && new IndexThread(thread, onFailure);
    } catch {
      return undefined;
    }
  }

  get alive(): boolean {
    return !this.failed;
  }

  /** Analyse as `configuration` says from now on; what is still queued is stale. */
  configure(roots: string[], configuration: AnalysisConfiguration): void {
    this.generation++;
    this.settle('stale');
    this.thread.post({ kind: 'configure', generation: this.generation, roots, configuration } satisfies ToIndexWorker);
  }

  /** Queues files; each promise resolves with its entry (or why there is none). */
  index(files: { uri: string; file: string }[]): Promise<IndexOutcome>[] {
    if (this.failed) return files.map(() => Promise.resolve('failed'));
    const jobs: IndexJob[] = [];
    const outcomes = files.map(({ uri, file }) => {
      const id = this.nextId++;
      jobs.push({ id, uri, file });
      return new Promise<IndexOutcome>((resolve) => this.pending.set(id, { uri, resolve, entities: [], commitments: [] }));
    });
    this.thread.post({ kind: 'index', generation: this.generation, jobs } satisfies ToIndexWorker);
    return outcomes;
  }

  /** An open document's analysis, made in the worker; undefined when it could not be (the worker failed, or was configured anew meanwhile). */
  analyse(uri: string, text: string): Promise<Omit<Analysis, 'text'> | undefined> {
    if (this.failed) return Promise.resolve(undefined);
    const id = this.nextId++;
    this.thread.post({ kind: 'analyse', generation: this.generation, id, uri, text } satisfies ToIndexWorker);
    return new Promise((resolve) => this.analyses.set(id, resolve));
  }

  stop(): void {
    void this.thread.terminate();
  }

  private received(m: FromIndexWorker): void {
    const analysed = this.analyses.get(m.id);
    if (analysed) {
      this.analyses.delete(m.id);
      analysed(m.kind === 'analysis' ? m.analysis : undefined);
      return;
    }
    const job = this.pending.get(m.id);
    if (!job || m.kind === 'analysis') return; // stale: its generation is over
    if (m.kind === 'failed') {
      this.pending.delete(m.id);
      job.resolve('failed');
      return;
    }
    for (const e of m.entities) job.entities.push(e);
    for (const c of m.commitments) job.commitments.push(c);
    if (!m.last) return;
    this.pending.delete(m.id);
    job.resolve({ entry: m.indexed ? { uri: job.uri, entities: job.entities, commitments: job.commitments } : undefined });
  }

  private settle(outcome: 'stale' | 'failed'): void {
    for (const job of this.pending.values()) job.resolve(outcome);
    this.pending.clear();
    for (const analysed of this.analyses.values()) analysed(undefined);
    this.analyses.clear();
  }
}
