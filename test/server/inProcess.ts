// The whole server in this process over an in-memory connection, on an
// in-memory workspace: for tests that need to watch the server's work itself
// (how many analyses, in what order requests are answered).
import * as path from 'path';
import { PassThrough } from 'stream';
import { createConnection, ProposedFeatures, StreamMessageReader as ServerReader, StreamMessageWriter as ServerWriter } from 'vscode-languageserver/node';
import { createProtocolConnection, InitializeRequest, ProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/server/main';
import type { ServerContext } from '../../server/src/server/context';
import { annotationsNotification, AnnotationsParams, IndexProgressParams, indexProgressNotification } from '../../server/src/protocol/messages';
import type { MemoryFiles } from './memoryFiles';

export interface InProcessServer {
  ctx: ServerContext;
  client: ProtocolConnection;
  pushes: AnnotationsParams[];
  /** Called with each piece the server writes to the client, as it writes it (before the client reads it). */
  onServerWrite?: (chunk: string) => void;
  /** The report of the first complete index build. */
  indexed(): Promise<IndexProgressParams>;
  stop(): Promise<void>;
}

/** The server on `files` with `folders` open; `configOf` answers workspace/configuration per scope (learning off unless it says otherwise), when its promise resolves if it returns one. */
export async function startInProcessServer(
  files: MemoryFiles,
  folders: string[],
  configOf: (scopeUri?: string) => object | Promise<object> = () => ({ learning: { enabled: false } }),
  locale?: string,
): Promise<InProcessServer> {
  let server: InProcessServer | undefined;
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const write = toClient.write.bind(toClient) as (chunk: unknown, ...rest: unknown[]) => boolean;
  toClient.write = ((chunk: unknown, ...rest: unknown[]) => {
    server?.onServerWrite?.(String(chunk));
    return write(chunk, ...rest);
  }) as typeof toClient.write;
  const serverConnection = createConnection(ProposedFeatures.all, new ServerReader(toServer), new ServerWriter(toClient));
  const ctx = startServer(serverConnection, files);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const pushes: AnnotationsParams[] = [];
  client.onNotification(annotationsNotification, (p) => void pushes.push(p));
  let indexed: IndexProgressParams | undefined;
  client.onNotification(indexProgressNotification, (p) => void (p.complete && (indexed = p)));
  client.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) => Promise.all(params.items.map((i) => configOf(i.scopeUri))));
  client.listen();
  const workspaceFolders = folders.map((f) => ({ uri: `file://${f}`, name: path.basename(f) }));
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, workspaceFolders, capabilities: { workspace: { configuration: true } }, ...(locale ? { locale } : {}) });
  await client.sendNotification('initialized', {});
  server = {
    ctx,
    client,
    pushes,
    indexed: () => poll(() => indexed),
    async stop() {
      await client.sendRequest('shutdown');
      client.dispose();
      serverConnection.dispose();
    },
  };
  return server;
}

/** Polls (each turn of the event loop) until `found` returns something, for at most `ms`. */
export async function poll<T>(found: () => T | undefined, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing came within ${ms / 1000} s`);
    await new Promise((r) => setImmediate(r));
  }
}
