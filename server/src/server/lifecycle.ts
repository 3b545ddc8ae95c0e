// initialize and initialized: what the client can do, the workspace folders,
// the server's capabilities, the interface language, and the start-up work
// (watchers, settings, the index).
import * as l10n from '@vscode/l10n';
import { fileURLToPath } from 'url';
import { CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, InitializeParams, InitializeResult, MarkupKind, TextDocumentSyncKind, WatchKind } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { acceptAllSourceKind } from './features/codeActions';
import { storeCommandList } from './features/commands';
import { learningCommands, lexiconCommands } from '../protocol/commands';
import { semanticTokensLegend } from './features/semanticTokens';
import type { FallbackWatching } from './fallbackWatching';
import type { IndexBuilder } from './indexing';
import { localiseServer } from './localisation';
import type { SettingsSync } from './settings';
import { trace } from '../node/trace';

// The extension's version, from package.json, put in by the bundler (scripts/bundle.mjs).
declare const ILTIZAM_VERSION: string | undefined;
export const serverVersion = typeof ILTIZAM_VERSION === 'string' ? ILTIZAM_VERSION : 'unbundled';

/** The files whose changes on disk the server follows (see watchedFiles.ts). */
const WATCHERS = [
  { globPattern: '**/*.ann' },
  { globPattern: '**/annotation.conf' },
  { globPattern: '**/*.txt' },
  { globPattern: '**/.iltizam/review.json' },
  // A deleted folder is one event for the folder: watch deletions of anything.
  { globPattern: '**/*', kind: WatchKind.Delete },
];

export function initialize(ctx: ServerContext, params: InitializeParams): InitializeResult {
  const options = (params.initializationOptions ?? {}) as { l10nBundle?: Record<string, string>; clientCommands?: boolean };
  localiseServer(params.locale, options.l10nBundle);
  const capabilities = params.capabilities;
  Object.assign(ctx.client, {
    clientCommands: options.clientCommands === true,
    pullConfiguration: !!capabilities.workspace?.configuration,
    registerConfiguration: !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration,
    plainTextHover: !!capabilities.textDocument?.hover?.contentFormat?.length && capabilities.textDocument.hover.contentFormat[0] !== MarkupKind.Markdown,
    watchFiles: !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    refreshTokens: !!capabilities.workspace?.semanticTokens?.refreshSupport,
    reportProgress: !!capabilities.window?.workDoneProgress,
  });
  ctx.workspaceRoots = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
  if (!ctx.workspaceRoots.length && params.rootUri) ctx.workspaceRoots = [fileURLToPath(params.rootUri)];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      documentSymbolProvider: { label: 'Iltizam' },
      semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, acceptAllSourceKind] },
      executeCommandProvider: { commands: [...storeCommandList, ...Object.values(learningCommands), ...Object.values(lexiconCommands)] },
      workspaceSymbolProvider: true,
      referencesProvider: true,
      definitionProvider: true,
    },
    serverInfo: { name: 'iltizam', version: serverVersion },
  };
}

export function registerLifecycle(ctx: ServerContext, settings: SettingsSync, indexer: IndexBuilder, watching: FallbackWatching): void {
  const { connection } = ctx;
  connection.onInitialize((params) => {
    trace('initialize');
    return initialize(ctx, params);
  });
  connection.onInitialized(async () => {
    trace('initialized');
    // Only the registrations the client supports; without one, its own didChangeConfiguration (sent unasked) still refreshes.
    if (ctx.client.pullConfiguration && ctx.client.registerConfiguration) connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    // Someone else's change to a .ann (a git pull, brat) or to a corpus schema is read again.
    if (ctx.client.watchFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS }).catch(() => undefined);
    // A client that cannot watch files: the server follows what it needs itself, from before the
    // settings load the lexicon files (a change made meanwhile is not missed), then their folders too.
    if (!ctx.client.watchFiles) watching.start();
    await settings.refresh();
    trace('settings read');
    watching.update();
    connection.console.info(l10n.t('Iltizam language server {0} started for {1}.', serverVersion, ctx.workspaceRoots.join(', ') || l10n.t('no folder')));
    void indexer.build();
    // The lexicon and rules compiled now, not when the first document's first screen is asked for.
    setImmediate(() => {
      ctx.service.prepare();
      trace('prepared');
    });
  });
  // Other lexicon paths: other folders to watch.
  connection.onDidChangeConfiguration(() => void settings.refresh().then(() => watching.update()));
  // Nothing more is sent after shutdown: pending pushes, index updates and learning are dropped.
  connection.onShutdown(async () => {
    watching.stop();
    ctx.timers.clearAll();
    ctx.index.dispose();
    await ctx.learning.close();
  });
}
