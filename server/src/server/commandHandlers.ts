// workspace/executeCommand: the decisions on annotations (features/commands.ts),
// followed by a push of the document's new annotations.
import * as l10n from '@vscode/l10n';
import * as path from 'path';
import { MessageType } from 'vscode-languageserver';
import type { AnnotationPush } from './annotationPush';
import type { ServerContext } from './context';
import { CommandContext, executeAcceptAll, executeStoreCommand } from './features/commands';
import type { WorkspaceLearning } from './learning';
import { learningCommands, storeCommands } from '../protocol/commands';

export function registerCommands(ctx: ServerContext, push: AnnotationPush, learning: WorkspaceLearning): void {
  const { service } = ctx;
  const context: CommandContext = {
    service,
    document: (uri) => ctx.annotatable(uri),
    changed(doc, reloaded) {
      if (reloaded) {
        const file = service.stores.get(doc.uri)?.annotationFile;
        ctx.tell(MessageType.Info, l10n.t('{0} had been changed on disk: it was read again before your change was applied.', path.basename(file ?? '')));
      }
      push.push(doc);
      learning.decided(doc.uri);
      push.refreshTokens();
    },
  };
  // Say why in the editor too: a code action's command has nobody else to tell.
  const tellAndThrow = (err: unknown): never => {
    ctx.tell(MessageType.Warning, err instanceof Error ? err.message : String(err));
    throw err;
  };
  ctx.connection.onExecuteCommand(({ command, arguments: args }, token) => {
    try {
      if (command === learningCommands.reset) return void learning.reset();
      // Thousands of suggestions: in slices that let other requests through.
      if (command === storeCommands.acceptAll) return executeAcceptAll(context, args?.[0], token).catch(tellAndThrow);
      return executeStoreCommand(context, command, args?.[0], token);
    } catch (err) {
      return tellAndThrow(err);
    }
  });
}
