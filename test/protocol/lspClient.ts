// A minimal LSP client for protocol tests: the real server (dist/server.js)
// as a child process, spoken to over its standard input and output.
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  InitializeRequest,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface TestServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  notifications: { method: string; params: any }[];
  /** Polls until a notification satisfying `match` has arrived. */
  waitForNotification(method: string, match: (params: any) => boolean, timeoutMs?: number): Promise<any>;
  configuration: Record<string, unknown>;
  stop(): Promise<void>;
}

/** `workspaceCapabilities` are added to the client's workspace capabilities (e.g. semanticTokens.refreshSupport). */
export async function startServer(workspace: string, configuration: Record<string, unknown> = {}, workspaceCapabilities: Record<string, unknown> = {}): Promise<TestServer> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const notifications: { method: string; params: any }[] = [];
  const server: TestServer = {
    connection,
    process: child,
    notifications,
    configuration,
    async waitForNotification(method, match, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = notifications.find((n) => n.method === method && match(n.params));
        if (found) return found.params;
        if (Date.now() > deadline) throw new Error(`no ${method} notification matched within ${timeoutMs} ms`);
        await new Promise((r) => setImmediate(r));
      }
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
  // ProtocolConnection has no catch-all handler, so record each method the tests watch.
  for (const method of ['iltizam/annotations', 'textDocument/publishDiagnostics', 'window/logMessage', 'window/showMessage', 'iltizam/corpus/indexed', 'iltizam/corpus/changed']) {
    connection.onNotification(method, (params: any) => notifications.push({ method, params }));
  }
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => server.configuration));
  connection.onRequest('client/registerCapability', () => null);
  // Recorded with the notifications: a test can wait for the server to ask for fresh tokens.
  connection.onRequest('workspace/semanticTokens/refresh', () => {
    notifications.push({ method: 'workspace/semanticTokens/refresh', params: null });
    return null;
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).toString(),
    workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...workspaceCapabilities },
      textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
    },
  });
  await connection.sendNotification('initialized', {});
  return server;
}
