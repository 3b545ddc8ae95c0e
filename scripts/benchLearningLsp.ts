// Hover and semantic tokens while the server learns (issue 14): a workspace
// of ten documents whose .ann hold decisions (every suggestion accepted), one
// more open in the editor. The requests are timed idle, then from the moment
// the debounced update begins (LEARNING_DEBOUNCE_MS after a decision) until
// the server says it adapted the tagger. Measures, never gates.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyzeText } from '../server/src/analysis/analyze';
import { AnnotationSet } from '../server/src/annotations/annotationSet';
import { defaultStoreSchema } from '../server/src/annotations/conf';
import { acceptAll } from '../server/src/annotations/decisions';
import { mergeView } from '../server/src/annotations/view';
import { storeCommands } from '../server/src/protocol/commands';
import { LEARNING_DEBOUNCE_MS } from '../server/src/server/learning';
import { annotationsNotification } from '../server/src/protocol/messages';
import { CorpusGenerator, deriveSeed } from './corpus';
import { decodeTokens, INDEXED, startLspServer, summarise, Timing } from './benchLsp';
import { round } from './benchStats';

export interface LearningLatencyFigures {
  decidedDocuments: number;
  decidedBytes: number;
  openBytes: number;
  /** From the start of the update (the end of the debounce) to the server's "Adapted the tagger" message. */
  updateMs: number;
  idle: { hover: Timing; semanticTokensFull: Timing };
  duringUpdate: { hover: Timing; semanticTokensFull: Timing };
}

const ADAPTED = /^Adapted the tagger to /;

/** Writes the ten decided documents and the open one; returns the open one's path and text. */
function writeWorkspace(folder: string, generator: CorpusGenerator, seed: number, docBytes: number): { open: string; text: string; decidedBytes: number } {
  let decidedBytes = 0;
  for (let k = 0; k < 10; k++) {
    const text = generator.document(deriveSeed(seed, 14_000 + k), docBytes);
    const set = AnnotationSet.empty(text);
    acceptAll(set, mergeView(analyzeText(text), set.annotations(), defaultStoreSchema()), { by: 'bench', at: '2026-01-01T00:00:00Z' });
    fs.writeFileSync(path.join(folder, `decided-${k}.txt`), text);
    fs.writeFileSync(path.join(folder, `decided-${k}.ann`), set.serialize());
    decidedBytes += Buffer.byteLength(text, 'utf8');
  }
  const text = generator.document(deriveSeed(seed, 14_100), docBytes * 2);
  const open = path.join(folder, 'open.txt');
  fs.writeFileSync(open, text);
  return { open, text, decidedBytes };
}

export async function measureLearningLatency(serverScript: string, generator: CorpusGenerator, seed: number, quick: boolean): Promise<LearningLatencyFigures> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-bench-learning-'));
  const { open, text, decidedBytes } = writeWorkspace(folder, generator, seed, quick ? 10_000 : 30_000);
  const server = await startLspServer(serverScript, { workspace: folder, configuration: { learning: { enabled: true } } });
  try {
    const c = server.connection;
    await server.waitForNotification(INDEXED, (p) => p.complete === true, 600_000);
    const uri = pathToFileURL(open).toString();
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri, 600_000);
    const tokens = decodeTokens(((await c.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] }).data);
    if (!tokens.length) throw new Error('learning benchmark: no tokens in the open document');
    let next = 0;
    /** One hover on a token and one tokens request, each timed. */
    const probe = async (hovers: number[], full: number[]) => {
      const t = tokens[next++ % tokens.length];
      let at = performance.now();
      await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: t.line, character: t.character } });
      hovers.push(performance.now() - at);
      at = performance.now();
      await c.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
      full.push(performance.now() - at);
    };
    const idle = { hover: [] as number[], full: [] as number[] };
    for (let k = 0; k < (quick ? 20 : 100); k++) await probe(idle.hover, idle.full);

    // One decision (a word of the open document annotated) starts the debounce; the update runs when it ends.
    const decidedAt = performance.now();
    const range = { start: { line: tokens[0].line, character: tokens[0].character }, end: { line: tokens[0].line, character: tokens[0].character + tokens[0].length } };
    await c.sendRequest('workspace/executeCommand', { command: storeCommands.annotate, arguments: [{ uri, label: 'Organization', ranges: [range] }] });
    const adapted = server.waitForNotification('window/logMessage', (p) => ADAPTED.test(p.message), 600_000);
    let done = false;
    void adapted.then(() => (done = true));
    const startsAt = decidedAt + LEARNING_DEBOUNCE_MS;
    const during = { hover: [] as number[], full: [] as number[] };
    while (!done) {
      const before = { hover: [] as number[], full: [] as number[] };
      const sentAt = performance.now();
      await probe(before.hover, before.full);
      if (sentAt >= startsAt && !done) {
        during.hover.push(...before.hover);
        during.full.push(...before.full);
      }
    }
    const updateMs = (await adapted).at - startsAt;
    if (!during.hover.length) throw new Error('learning benchmark: no request was answered during the update');
    return {
      decidedDocuments: 10,
      decidedBytes,
      openBytes: Buffer.byteLength(text, 'utf8'),
      updateMs: round(updateMs),
      idle: { hover: summarise(idle.hover), semanticTokensFull: summarise(idle.full) },
      duringUpdate: { hover: summarise(during.hover), semanticTokensFull: summarise(during.full) },
    };
  } finally {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
