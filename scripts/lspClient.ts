// The one LSP client of the tests and the benchmark: a real server in a
// child process (dist/server.js --stdio, or dist/cli.js lsp --stdio), spoken
// to over its standard input and output, with every notification it sends
// recorded (with the time it arrived) and waited for by polling nothing: each
// arrival is checked against the waiters.
import { ChildProcess, spawn } from 'child_process';
import { pathToFileURL } from 'url';
import { createProtocolConnection, InitializeRequest, ProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { annotationsNotification, corpusChangedNotification, indexProgressNotification } from '../server/src/protocol/messages';

export interface RecordedNotification {
  method: string;
  params: any;
  /** performance.now() when it arrived. */
  at: number;
}

export interface LspClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Milliseconds from spawning the process to the initialize response. */
  initializeMs: number;
  /** performance.now() when `initialized` was sent. */
  initializedAt: number;
  /** Notifications received (and the server's requests for a tokens refresh), oldest first. */
  notifications: RecordedNotification[];
  /** What the server gets for workspace/configuration; a test may change it. */
  configuration: Record<string, unknown>;
  /** Resolves with the first notification satisfying `match` (one received earlier included), or rejects after `timeoutMs`. */
  waitForNotification(method: string, match: (params: any) => boolean, timeoutMs: number): Promise<RecordedNotification>;
  stop(): Promise<void>;
}

export interface LspClientOptions {
  /** The server command line. */
  command: string[];
  /** Workspace folder sent with initialize. */
  workspace: string;
  configuration?: Record<string, unknown>;
  /** The client capabilities sent with initialize. */
  capabilities: Record<string, unknown>;
  /** The client's locale (initialize `locale`). */
  locale?: string;
  /** The server's standard error: shown (inherit) or kept for a message when it exits with an error (pipe). */
  stderr: 'inherit' | 'pipe';
  /** Keep only this many notifications (a long benchmark); all when absent. */
  keep?: number;
  /** Called when the server asks for the tokens again (it has read its settings, or the exact view is ready). */
  onRefresh?: () => void;
}

/** The methods recorded: Iltizam's own (protocol/messages.ts) and the standard ones the tests and the benchmark watch. */
const RECORDED = [annotationsNotification, corpusChangedNotification, indexProgressNotification].map((n) => n.method).concat(['textDocument/publishDiagnostics', 'window/logMessage', 'window/showMessage', '$/progress']);

export async function startLspClient(options: LspClientOptions): Promise<LspClient> {
  const t0 = performance.now();
  const [program, ...args] = options.command;
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', options.stderr] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 20000) stderr += d.toString();
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const notifications: RecordedNotification[] = [];
  const waiters: { method: string; match: (p: any) => boolean; resolve: (n: RecordedNotification) => void }[] = [];
  const record = (method: string, params: any) => {
    const entry = { method, params, at: performance.now() };
    notifications.push(entry);
    if (options.keep !== undefined && notifications.length > options.keep) notifications.splice(0, notifications.length - options.keep);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].method === method && waiters[i].match(params)) waiters.splice(i, 1)[0].resolve(entry);
    }
  };
  for (const method of RECORDED) connection.onNotification(method, (params: any) => record(method, params));
  const client: LspClient = {
    connection,
    process: child,
    initializeMs: 0,
    initializedAt: 0,
    notifications,
    configuration: options.configuration ?? {},
    waitForNotification(method, match, timeoutMs) {
      const found = notifications.find((n) => n.method === method && match(n.params));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { method, match, resolve: (n: RecordedNotification) => (clearTimeout(timer), resolve(n)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no ${method} notification matched within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        await connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => client.configuration));
  connection.onRequest('client/registerCapability', (params: unknown) => {
    record('client/registerCapability', params);
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/semanticTokens/refresh', () => {
    record('workspace/semanticTokens/refresh', null);
    options.onRefresh?.();
    return null;
  });
  connection.listen();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    if (code && options.stderr === 'pipe') process.stderr.write(`the language server exited with code ${code}\n${stderr}\n`);
  });
  const workspaceUri = pathToFileURL(options.workspace).toString();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: workspaceUri,
    workspaceFolders: [{ uri: workspaceUri, name: 'ws' }],
    capabilities: options.capabilities,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  client.initializeMs = performance.now() - t0;
  client.initializedAt = performance.now();
  await connection.sendNotification('initialized', {});
  return client;
}
