// A worker thread of `iltizam analyze --jobs N` (analyzePool.ts): loads the
// tagger once, then turns each document it is sent into its output line.
// Bundled on its own as dist/analyzeWorker.js (scripts/bundle.mjs).
import type { InputDocument } from '../interchange/documentLines';
import { AnalyzerSettings, documentAnalyzer, WorkerReply } from './analyzePool';
import { parentThread, ThreadPort } from './threads';

function serve(port: ThreadPort, settings: AnalyzerSettings): void {
  const reply = (r: WorkerReply) => port.post(r);
  let analyze: (doc: InputDocument) => string;
  try {
    analyze = documentAnalyzer(settings);
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
if (port) serve(port, port.data as AnalyzerSettings);
