// The standard LSP features of an annotated document: hover, outline,
// semantic tokens, code actions, definition, references, workspace symbols.
// Each hands the document's view to its feature module (features/).
import { readText } from '../node/files';
import { defaultLexiconFile } from '../node/workspaceFiles';
import type { AnnotationPush } from './annotationPush';
import type { ServerContext } from './context';
import { codeActionsFor } from './features/codeActions';
import { definitionOf } from './features/definition';
import { documentSymbolsOf } from './features/documentSymbols';
import { hoverAt } from './features/hover';
import { referencesAt } from './features/references';
import { semanticTokensOf } from './features/semanticTokens';
import { workspaceSymbolsOf } from './features/workspaceSymbols';
import { trace } from '../node/trace';

/** Most workspace symbols returned for one query. */
const MAX_WORKSPACE_SYMBOLS = 1000;

/**
 * The open document, once its analysis is made: in the worker thread when
 * there is one (the request waits for it, and the other requests are answered
 * meanwhile), else on this thread when the view is asked for. `onlyIfNew`:
 * wait only for a document never analysed (after an edit, the edited lines
 * are enough for the colours).
 */
async function analysed(ctx: ServerContext, uri: string, onlyIfNew = false): Promise<ReturnType<ServerContext['annotatable']>> {
  const doc = ctx.annotatable(uri);
  if (!doc || (onlyIfNew && ctx.service.hasAnalysed(doc))) return doc;
  await ctx.service.analysedInBackground(doc);
  return ctx.annotatable(uri);
}

export function registerLanguageFeatures(ctx: ServerContext, push: AnnotationPush): void {
  const { connection, service, index } = ctx;
  connection.onHover(async ({ textDocument, position }, token) => {
    const open = ctx.annotatable(textDocument.uri);
    if (!open) return null;
    // A very long document's first hovers come from the text around them, not after the analysis of all of it.
    const around = service.windowViewOf(open, open.offsetAt(position));
    if (around) return hoverAt(open, around, position, token, ctx.client.plainTextHover);
    const doc = await analysed(ctx, textDocument.uri);
    return doc ? hoverAt(doc, service.viewOf(doc), position, token, ctx.client.plainTextHover) : null;
  });
  connection.onDocumentSymbol(async ({ textDocument }, token) => {
    const doc = await analysed(ctx, textDocument.uri);
    return doc ? documentSymbolsOf(doc, service.viewOf(doc), service.settingsFor(doc.uri).maxOutlineSymbols, token) : null;
  });
  connection.languages.semanticTokens.on(async ({ textDocument }, token) => {
    trace('tokens asked');
    const doc = await analysed(ctx, textDocument.uri, true);
    const tokens = (doc && semanticTokensOf(doc, push.viewToColour(doc), undefined, token)) ?? { data: [] };
    trace('tokens answered');
    return tokens;
  });
  connection.languages.semanticTokens.onRange(({ textDocument, range }, token) => {
    trace('range tokens asked');
    const doc = ctx.annotatable(textDocument.uri);
    // Right after opening, the visible lines are coloured before the whole document is analysed.
    const tokens = (doc && semanticTokensOf(doc, push.viewToColour(doc, { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) }), range, token)) ?? { data: [] };
    trace('range tokens answered');
    return tokens;
  });
  connection.onCodeAction(async (params, token) => {
    const doc = await analysed(ctx, params.textDocument.uri);
    if (!doc) return null;
    const store = service.stores.open(doc.uri, doc.getText());
    if (!store.annotationFile) return null;
    return codeActionsFor(doc, service.viewOf(doc), params, { clientCommands: ctx.client.clientCommands, schema: store.schema }, token);
  });
  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await index.ready();
    return workspaceSymbolsOf(index.corpus, query, MAX_WORKSPACE_SYMBOLS, token);
  });
  connection.onReferences(async ({ textDocument, position }, token) => {
    const doc = ctx.annotatable(textDocument.uri);
    if (!doc) return null;
    await index.ready();
    index.documentChanged(doc);
    return referencesAt(index.corpus, doc, position, token);
  });
  let defaultLexicon: { file: string; text: string } | undefined;
  connection.onDefinition(async ({ textDocument, position }, token) => {
    const doc = await analysed(ctx, textDocument.uri);
    if (!doc) return null;
    const offset = doc.offsetAt(position);
    const entity = service.viewOf(doc).entities.find((e) => e.start <= offset && offset < e.end);
    if (!entity?.kb) return null;
    let source = service.workspaceLexiconOf(entity.kb);
    if (!source) {
      const file = defaultLexiconFile();
      defaultLexicon ??= file ? { file, text: readText(file) } : undefined;
      source = defaultLexicon;
    }
    return definitionOf(entity.kb, source, token);
  });
}
