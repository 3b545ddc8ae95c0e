// A worker thread of `iltizam analyze --jobs N` (analyzePool.ts): loads the
// tagger once, then turns each document it is sent into its output line.
// Bundled on its own as dist/analyzeWorker.js (scripts/bundle.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import type { InputDocument } from '../interchange/documentLines';
import { AnalyzerSettings, documentAnalyzer, WorkerReply } from './analyzePool';

function serve(port: NonNullable<typeof parentPort>): void {
  const reply = (r: WorkerReply) => port.postMessage(r);
  let analyze: (doc: InputDocument) => string;
  try {
    analyze = documentAnalyzer(workerData as AnalyzerSettings);
  } catch (err) {
    reply({ fatal: (err as Error).message });
    return;
  }
  port.on('message', ({ seq, doc }: { seq: number; doc: InputDocument }) => {
    try {
      reply({ seq, line: analyze(doc) });
    } catch (err) {
      reply({ seq, error: (err as Error).message });
    }
  });
}

if (parentPort) serve(parentPort);
