// The tagger adapts in a worker thread (learningWorker.ts), so that the
// server's requests are answered while it learns (about a second for ten
// documents' decisions). One worker, started on the first update and kept
// (it keeps the shipped model loaded); it does not keep the process alive.
import * as path from 'path';
import type { LexiconEntry } from '../analysis/lexicon';
import type { DecidedSpan, TaggerAdaptation } from '../analysis/tagger';
import { startThread, Thread } from './threads';

/** A decided document as it crosses to the worker: its text, not its analysis. */
export interface DecidedText {
  text: string;
  positives: readonly DecidedSpan[];
  negatives: readonly DecidedSpan[];
  uncertain?: readonly DecidedSpan[];
  reviewed: boolean;
}

export interface LearningJob {
  /** The workspace lexicon's entries over the default lexicon (the lexicon is one of the tagger's features; forms it has are not learnt again). */
  lexiconOverrides: LexiconEntry[];
  documents: DecidedText[];
}

/** What the decisions teach: the tagger's deltas, and the decided forms the lexicon lacks (analysis/learntNames.ts). */
export interface LearningResult {
  adaptation: TaggerAdaptation;
  entries: LexiconEntry[];
}

export interface LearningReply {
  id: number;
  result?: LearningResult;
  error?: string;
}

/** The worker's file: beside this module, compiled (out/…/node/) or bundled (dist/). */
export const LEARNING_WORKER_FILE = path.join(__dirname, 'learningWorker.js');

export class LearningThread {
  private thread: Thread | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LearningResult) => void; reject: (e: Error) => void }>();

  /** What the job's decisions teach, computed in the worker. */
  learn(job: LearningJob): Promise<LearningResult> {
    return new Promise((resolve, reject) => {
      const thread = this.started();
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      thread.post({ id, job });
    });
  }

  /** Starts the worker and has it load the shipped model, so that the update that follows does not wait for it. */
  warm(): void {
    try {
      this.started().post({ id: 0, warm: true });
    } catch {
      // No worker to warm: the update that follows reports why.
    }
  }

  private started(): Thread {
    if (this.thread) return this.thread;
    const thread = startThread(LEARNING_WORKER_FILE);
    if (!thread) throw new Error(`the learning worker is missing (${LEARNING_WORKER_FILE})`);
    thread.onMessage((reply: LearningReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined || !reply.result) waiting?.reject(new Error(reply.error ?? 'the learning worker gave no result'));
      else waiting?.resolve(reply.result);
    });
    // A worker that fails or exits fails what it was doing; the next update starts another.
    thread.onExit((error) => {
      if (this.thread === thread) this.thread = undefined;
      for (const p of this.pending.values()) p.reject(error ?? new Error('the learning worker stopped'));
      this.pending.clear();
    });
    return (this.thread = thread);
  }

  /** Stops the worker (the server shuts down); an update under way fails. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (thread) await thread.terminate();
  }
}
