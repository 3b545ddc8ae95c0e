// iltizam/suggestionOrder: what to review next, for the editor's Review Next
// Suggestion commands (and any other client: the order is the server's).
import * as l10n from '@vscode/l10n';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { suggestionOrderRequest } from '../protocol/messages';
import type { ServerContext } from './context';
import { corpusSuggestionOrder, documentSuggestionOrder } from './features/suggestionOrder';

export function registerSuggestionOrder(ctx: ServerContext): void {
  ctx.connection.onRequest(suggestionOrderRequest, async (params, token) => {
    if (params.scope === 'corpus') {
      await ctx.index.ready();
      return corpusSuggestionOrder(ctx.index.corpus, token);
    }
    const doc = params.uri ? ctx.annotatable(params.uri) : undefined;
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, l10n.t('{0} is not an open document that Iltizam annotates.', params.uri ?? ''));
    return documentSuggestionOrder(doc, ctx.service.viewOf(doc), token);
  });
}
