// A worker thread of `iltizam analyze --jobs N` (analyzePool.ts): takes the
// shipped model the pool shares, loads the rest of the tagger once, then turns
// each document it is sent into its output line.
// Bundled on its own as dist/analyzeWorker.js (scripts/bundle.mjs).
import type { InputDocument } from '../interchange/documentLines';
import { sharedTaggerModel, useShippedModel } from '../analysis/tagger';
import { documentAnalyzer, WorkerReply, WorkerStart } from './analyzePool';
import { parentThread, ThreadPort } from './threads';

function serve(port: ThreadPort, start: WorkerStart): void {
  const reply = (r: WorkerReply) => port.post(r);
  let analyze: (doc: InputDocument) => string;
  try {
    useShippedModel(sharedTaggerModel(start.shippedModel));
    analyze = documentAnalyzer(start.settings);
  } catch (err) {
    reply({ fatal: (err as Error).message });
    return;
  }
  port.onMessage(({ seq, doc }: { seq: number; doc: InputDocument }) => {
    try {
      reply({ seq, line: analyze(doc) });
    } catch (err) {
      reply({ seq, error: (err as Error).message });
    }
  });
}

const port = parentThread();
if (port) serve(port, port.data as WorkerStart);
