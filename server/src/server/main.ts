// The language server: started by the VS Code client over IPC, or by
// `iltizam lsp --stdio` for other editors. One state object (context.ts) and
// the handlers grouped by concern, each registered by its own module.
import { Connection, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AnnotationFileDocuments } from './annotationFileDocuments';
import { AnnotationPush } from './annotationPush';
import { registerCommands } from './commandHandlers';
import { ServerContext } from './context';
import type { FileAccess } from '../node/fileAccess';
import { registerCorpusRequests } from './corpusHandlers';
import { registerExchangeRequests } from './exchangeHandlers';
import { FallbackWatching } from './fallbackWatching';
import { registerDocumentEvents } from './documentEvents';
import { IndexBuilder } from './indexing';
import { registerLanguageFeatures } from './languageHandlers';
import { registerLifecycle } from './lifecycle';
import { trace } from '../node/trace';
import { WorkspaceLearning } from './learning';

/** The version the bundle carries (the CLI's --version names it). */
export { serverVersion } from './lifecycle';
import { SettingsSync } from './settings';
import { registerWatchedFiles } from './watchedFiles';
import { registerSuggestionOrder } from './reviewOrder';

/** Wires every handler to the connection and starts listening; returns the state, for in-process tests. */
export function startServer(connection: Connection, files?: FileAccess): ServerContext {
  trace('modules loaded');
  const ctx = new ServerContext(connection, files);
  const push = new AnnotationPush(ctx);
  const annotationFiles = new AnnotationFileDocuments(ctx, push);
  const indexer = new IndexBuilder(ctx);
  const learning = new WorkspaceLearning(ctx, () => {
    push.pushAll();
    indexer.rebuildIfStarted();
  });
  ctx.learning = learning;
  const settings = new SettingsSync(ctx, push, () => indexer.rebuildIfStarted(), learning);
  const watching = new FallbackWatching(ctx, registerWatchedFiles(ctx, push, annotationFiles, settings, indexer));
  registerLifecycle(ctx, settings, indexer, watching);
  registerDocumentEvents(ctx, push, annotationFiles, settings);
  registerLanguageFeatures(ctx, push);
  registerCommands(ctx, push, learning, () => {
    push.pushAll();
    indexer.rebuildIfStarted();
  });
  registerCorpusRequests(ctx);
  registerSuggestionOrder(ctx);
  registerExchangeRequests(ctx);
  ctx.documents.listen(connection);
  connection.listen();
  return ctx;
}

if (require.main === module) startServer(createConnection(ProposedFeatures.all));
