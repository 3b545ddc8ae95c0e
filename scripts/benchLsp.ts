// The language server as an editor sees it, for the benchmark: the real
// server (`node dist/cli.js lsp --stdio`) in a child process, spoken to over
// its standard input and output, with every request timed on the client side
// (so the figures include JSON-RPC framing, serialisation and the pipe).
import * as fs from 'fs';
import { annotationsNotification, indexProgressNotification } from '../server/src/protocol/messages';
import { LspClient, startLspClient } from './lspClient';
import { median, percentile, round } from './benchStats';
import { prng } from './corpus';

export interface LspServer extends LspClient {
  /** The server's peak resident memory in MB (Linux /proc VmHWM), if it can be read. */
  peakRssMB(): number | undefined;
}

export interface StartOptions {
  /** The server command; default: this Node running dist/cli.js lsp --stdio. */
  command?: string[];
  /** Workspace folder sent with initialize. */
  workspace: string;
  /** What the server gets for workspace/configuration (section iltizam). */
  configuration?: Record<string, unknown>;
  /** Wait until the server has read its settings after `initialized` (default true). */
  waitUntilReady?: boolean;
}

/** The server's notification that the workspace index is built ({ complete: true, documents, milliseconds }). */
export const INDEXED = indexProgressNotification.method;

export async function startLspServer(serverScript: string, options: StartOptions): Promise<LspServer> {
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const client = await startLspClient({
    command: options.command ?? [process.execPath, serverScript, 'lsp', '--stdio'],
    workspace: options.workspace,
    configuration: options.configuration,
    stderr: 'pipe',
    keep: 1000,
    onRefresh: () => ready(),
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, semanticTokens: { refreshSupport: true } },
      textDocument: {
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
      },
      window: { workDoneProgress: true },
    },
  });
  // The server reads its settings after `initialized` and then asks for a semantic-token refresh.
  if (options.waitUntilReady !== false) await Promise.race([readyPromise, new Promise((r) => setTimeout(r, 3000))]);
  return Object.assign(client, {
    peakRssMB() {
      try {
        const status = fs.readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
        const m = /VmHWM:\s+(\d+) kB/.exec(status);
        return m ? Number(m[1]) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
  });
}

/** Timings in milliseconds, summarised. */
export interface Timing {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarise(samples: number[]): Timing {
  return { n: samples.length, p50: round(median(samples)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)) };
}

export interface DocumentFigures {
  bytes: number;
  /** didOpen sent → first semantic tokens (full) received. */
  firstTokensMs: number;
  /** didOpen sent → semantic tokens of the first screen (range, its first 60 lines; sent with the full request, as an editor does) received. */
  firstRangeTokensMs: number;
  /** didOpen sent → the annotations notification for it received. */
  firstAnnotationsMs: number;
  tokens: number;
  hover: Timing;
  hoversOnAnnotations: number;
  documentSymbols: Timing;
  /** Top-level outline entries and the limit notice, if the outline was limited. */
  outline: { topLevel: number; total: number; limitNotice?: string };
  semanticTokensFull: Timing;
  semanticTokensRange: Timing;
  /** didChange (one character) sent → semantic tokens (full) of the new version received. */
  editToTokens: Timing;
  /** From the edit to the exact annotations of the edited version (the tokens are exact from then on). */
  editToAnnotations: Timing;
  serverPeakRssMB?: number;
}

export interface DocumentRunOptions {
  hovers: number;
  symbols: number;
  fullTokens: number;
  rangeTokens: number;
  edits: number;
  /** Lines per range request (a screenful). */
  viewportLines?: number;
  /** Pause after each edit, so that the server's debounced work does not overlap the next one. */
  settleMs?: number;
  seed: number;
}

const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
};

interface Pos {
  line: number;
  character: number;
}

/** Decodes relative semantic tokens into absolute (line, character, length) triples. */
export function decodeTokens(data: number[]): { line: number; character: number; length: number }[] {
  const out: { line: number; character: number; length: number }[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    out.push({ line, character, length: data[i + 2] });
  }
  return out;
}

/**
 * Opens `text` as `uri`, asks for its semantic tokens at once (as an editor
 * does) and closes it: didOpen sent → tokens received, and → the annotations
 * notification received.
 */
export async function measureOpen(server: LspServer, uri: string, text: string): Promise<{ tokensMs: number; rangeTokensMs: number; annotationsMs: number }> {
  const c = server.connection;
  const t = performance.now();
  const annotations = server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === 1, 600000);
  await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  const [range, full] = await firstScreenThenAll(server, uri, text, t);
  const annotationsMs = (await annotations).at - t;
  if (!full.tokens?.data?.length || !range.tokens?.data?.length) throw new Error(`no semantic tokens for ${uri}`);
  await c.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { tokensMs: round(full.ms), rangeTokensMs: round(range.ms), annotationsMs: round(annotationsMs) };
}

/** The first screen's tokens (range: the first 60 lines) and the whole document's (full), asked for together: when each arrived after `t`. */
async function firstScreenThenAll(server: LspServer, uri: string, text: string, t: number): Promise<{ tokens: any; ms: number }[]> {
  const lines = text.split('\n', 61);
  const last = Math.min(60, lines.length - 1);
  const range = { start: { line: 0, character: 0 }, end: { line: last, character: lines[last].length } };
  const arrival = (p: Promise<any>) => p.then((tokens) => ({ tokens, ms: performance.now() - t }));
  return Promise.all([
    arrival(server.connection.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range })),
    arrival(server.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })),
  ]);
}

/**
 * A hover sent right after opening `text` (a very long one-line document):
 * how long it takes, and how long the annotations of the whole document take.
 */
export async function measureFirstHover(server: LspServer, uri: string, text: string): Promise<{ hoverMs: number; annotationsMs: number }> {
  const c = server.connection;
  const t = performance.now();
  const annotations = server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === 1, 600000);
  await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  // Answered (a card, or null where there is no annotation): what is timed is the wait.
  await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  const hoverMs = performance.now() - t;
  const annotationsMs = (await annotations).at - t;
  await c.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { hoverMs: round(hoverMs), annotationsMs: round(annotationsMs) };
}

/**
 * Opens `text` as `uri` in a running server and measures what an editor
 * does with it: first tokens, hovers, the outline, tokens full and by range,
 * and one-character edits followed by a tokens request.
 */
export async function measureDocument(server: LspServer, uri: string, text: string, o: DocumentRunOptions): Promise<DocumentFigures> {
  const c = server.connection;
  const random = prng(o.seed);
  const lines = text.split('\n');
  const lineLengths = lines.map((l) => l.length);
  let version = 1;

  const tOpen = performance.now();
  const annotations = server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === 1, 600000);
  await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
  const [firstRange, firstFull] = await firstScreenThenAll(server, uri, text, tOpen);
  const first = firstFull.tokens;
  const firstTokensMs = firstFull.ms;
  const firstAnnotationsMs = (await annotations).at - tOpen;
  const tokens = decodeTokens(first?.data ?? []);
  if (!tokens.length) throw new Error(`no semantic tokens for ${uri}: is the document annotated?`);

  // Hovers: half inside a token (an annotation), half anywhere.
  const hoverTimes: number[] = [];
  let onAnnotations = 0;
  for (let k = 0; k < o.hovers; k++) {
    let position: Pos;
    if (k % 2 === 0) {
      const t = tokens[Math.floor(random() * tokens.length)];
      position = { line: t.line, character: t.character + Math.floor(random() * t.length) };
    } else {
      const line = Math.floor(random() * lines.length);
      position = { line, character: Math.floor(random() * (lineLengths[line] + 1)) };
    }
    const [hover, ms] = await timed(() => c.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
    if (hover) onAnnotations++;
    hoverTimes.push(ms);
  }

  const symbolTimes: number[] = [];
  let outline: DocumentFigures['outline'] = { topLevel: 0, total: 0 };
  for (let k = 0; k < o.symbols; k++) {
    const [symbols, ms] = await timed(() => c.sendRequest<any[]>('textDocument/documentSymbol', { textDocument: { uri } }));
    symbolTimes.push(ms);
    if (k === 0 && symbols) {
      const count = (list: any[]): number => list.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
      outline = { topLevel: symbols.length, total: count(symbols) };
      const notice = symbols.find((s) => /limited|more not shown/i.test(String(s.name)));
      if (notice) outline.limitNotice = String(notice.name);
    }
  }

  const fullTimes: number[] = [];
  for (let k = 0; k < o.fullTokens; k++) {
    const [, ms] = await timed(() => c.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }));
    fullTimes.push(ms);
  }

  const rangeTimes: number[] = [];
  const viewport = o.viewportLines ?? 60;
  for (let k = 0; k < o.rangeTokens; k++) {
    const start = Math.floor(random() * Math.max(1, lines.length - viewport));
    const end = Math.min(lines.length - 1, start + viewport);
    const range = { start: { line: start, character: 0 }, end: { line: end, character: lineLengths[end] } };
    const [, ms] = await timed(() => c.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range }));
    rangeTimes.push(ms);
  }

  // One-character edits: insert a letter, then take it out again, each followed by a tokens request.
  const editTimes: number[] = [];
  /** From the edit to the server's exact annotations of that version (after its pause for more edits, 50 ms). */
  const editAnnotationTimes: number[] = [];
  let inserted: Pos | undefined;
  for (let k = 0; k < o.edits; k++) {
    let change: { range: { start: Pos; end: Pos }; text: string };
    if (inserted) {
      change = { range: { start: inserted, end: { line: inserted.line, character: inserted.character + 1 } }, text: '' };
      inserted = undefined;
    } else {
      let line = Math.floor(random() * lines.length);
      while (!lineLengths[line]) line = (line + 1) % lines.length;
      inserted = { line, character: Math.floor(random() * lineLengths[line]) };
      change = { range: { start: inserted, end: inserted }, text: 'ا' };
    }
    version++;
    const editedAt = performance.now();
    const [result, ms] = await timed(async () => {
      await c.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      return c.sendRequest<any>('textDocument/semanticTokens/full', { textDocument: { uri } });
    });
    if (!result?.data?.length) throw new Error('no semantic tokens after an edit');
    editTimes.push(ms);
    // Let the server finish what the edit set off (its debounced annotations) before the next one.
    const settled = version;
    const pushed = await server.waitForNotification(annotationsNotification.method, (p) => p.uri === uri && p.version === settled, 120000).catch(() => undefined);
    if (pushed) editAnnotationTimes.push(pushed.at - editedAt);
    if (o.settleMs) await new Promise((r) => setTimeout(r, o.settleMs));
  }
  await c.sendNotification('textDocument/didClose', { textDocument: { uri } });

  return {
    bytes: Buffer.byteLength(text, 'utf8'),
    firstTokensMs: round(firstTokensMs),
    firstRangeTokensMs: round(firstRange.ms),
    firstAnnotationsMs: round(firstAnnotationsMs),
    tokens: tokens.length,
    hover: summarise(hoverTimes),
    hoversOnAnnotations: onAnnotations,
    documentSymbols: summarise(symbolTimes),
    outline,
    semanticTokensFull: summarise(fullTimes),
    semanticTokensRange: summarise(rangeTimes),
    editToTokens: summarise(editTimes),
    editToAnnotations: summarise(editAnnotationTimes),
    serverPeakRssMB: server.peakRssMB() === undefined ? undefined : round(server.peakRssMB()!),
  };
}
