// For the benchmark: how long a request waits behind the workspace index.
// The real server (dist/cli.js lsp --stdio) starts on a folder of many
// generated documents plus one large one; a small document outside the folder
// is opened, and hovers on it are sent one after another (a few ms apart)
// until the server reports the index complete. A hover on a small document
// costs about a millisecond, so its latency is the time it waited behind
// whatever the server was doing meanwhile.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { annotationsNotification } from '../server/src/protocol/messages';
import { INDEXED, startLspServer, summarise, Timing } from './benchLsp';
import { percentile, round } from './benchStats';

export interface IndexingLatencyFigures {
  documents: number;
  bytes: number;
  largeDocumentBytes: number;
  /** initialized sent → iltizam/corpus/indexed complete. */
  indexMs: number;
  /** Hover latency while indexing (every hover sent before the index was complete). */
  requests: Timing & { p99: number };
  serverPeakRssMB?: number;
}

/**
 * `folder` holds the workspace's documents already; `large` is written into it
 * (the large document), `probe` outside it (the document hovered).
 */
export async function measureIndexingLatency(serverScript: string, folder: string, large: string, probe: string): Promise<IndexingLatencyFigures> {
  const largeFile = path.join(folder, 'large-document.txt');
  fs.writeFileSync(largeFile, large);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-bench-probe-'));
  const probeFile = path.join(outside, 'probe.txt');
  fs.writeFileSync(probeFile, probe);
  const server = await startLspServer(serverScript, { workspace: folder, waitUntilReady: false });
  try {
    const uri = pathToFileURL(probeFile).toString();
    const c = server.connection;
    const annotated = server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri, 120000);
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: probe } });
    await annotated;
    let complete = false;
    const indexed = server.waitForNotification(INDEXED, (p) => p.complete === true, 15 * 60000).then((n) => ((complete = true), n));
    const lines = probe.split('\n');
    const times: number[] = [];
    for (let k = 0; !complete; k++) {
      const line = k % lines.length;
      const position = { line, character: Math.floor(lines[line].length / 2) };
      const t = performance.now();
      await c.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      const ms = performance.now() - t;
      if (!complete) times.push(ms);
      await new Promise((r) => setTimeout(r, 5));
    }
    const done = await indexed;
    const files = fs.readdirSync(folder).filter((f) => f.endsWith('.txt'));
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);
    return {
      documents: Number(done.params.documents ?? done.params.done),
      bytes,
      largeDocumentBytes: Buffer.byteLength(large, 'utf8'),
      indexMs: round(done.at - server.initializedAt),
      requests: { ...summarise(times.length ? times : [0]), p99: round(times.length ? percentile(times, 99) : 0) },
      serverPeakRssMB: server.peakRssMB() === undefined ? undefined : round(server.peakRssMB()!),
    };
  } finally {
    await server.stop();
    fs.rmSync(largeFile, { force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
}
