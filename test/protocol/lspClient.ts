// The protocol tests' server: the real dist/server.js over stdio, through the
// one LSP client (scripts/lspClient.ts).
import * as path from 'path';
import { LspClient, startLspClient } from '../../scripts/lspClient';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface TestServer extends Omit<LspClient, 'waitForNotification'> {
  /** The params of the first notification satisfying `match` (one received earlier included). */
  waitForNotification(method: string, match: (params: any) => boolean, timeoutMs?: number): Promise<any>;
}

/**
 * `workspaceCapabilities` are added to the client's workspace capabilities (e.g. semanticTokens.refreshSupport),
 * `textDocumentCapabilities` to its textDocument capabilities (e.g. hover.contentFormat).
 */
export async function startServer(
  workspace: string,
  configuration: Record<string, unknown> = {},
  workspaceCapabilities: Record<string, unknown> = {},
  locale?: string,
  textDocumentCapabilities: Record<string, unknown> = {},
): Promise<TestServer> {
  const client = await startLspClient({
    command: [process.execPath, path.join(repoRoot, 'dist', 'server.js'), '--stdio'],
    workspace,
    configuration,
    locale,
    stderr: 'inherit',
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...workspaceCapabilities },
      textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, ...textDocumentCapabilities },
    },
  });
  const wait = client.waitForNotification.bind(client);
  return Object.assign(client, {
    waitForNotification: (method: string, match: (params: any) => boolean, timeoutMs = 10000) => wait(method, match, timeoutMs).then((n) => n.params),
  });
}
