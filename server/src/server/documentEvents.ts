// The editor's documents: opened, changed (annotated again after a pause),
// closed (their annotations moved back onto the text on disk) and saved.
import { fileURLToPath } from 'url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { annotationNameOf } from '../annotations/pairing';
import { AnnotationFileDocuments, isAnnotationFileUri, readOrEmpty } from './annotationFileDocuments';
import type { AnnotationPush } from './annotationPush';
import { annotateTimer, ServerContext } from './context';
import type { SettingsSync } from './settings';
import { trace } from '../node/trace';

/**
 * Delay between the last keystroke and the exact analysis (then the push):
 * short, since the analysis runs in the worker thread, re-tags only the
 * edited sentences, and an older text still queued there is dropped; the
 * colours meanwhile come from the edited lines.
 */
const ANNOTATION_DEBOUNCE_MS = 50;
/** Delay between opening a document and analysing it whole: the requests sent with the open are answered first. */
const FIRST_SCREEN_MS = 20;

export function registerDocumentEvents(ctx: ServerContext, push: AnnotationPush, annotationFiles: AnnotationFileDocuments, settings: SettingsSync): void {
  const { documents, service } = ctx;
  const lexiconEdited = (doc: TextDocument) => {
    settings.loadLexicon(fileURLToPath(doc.uri), doc.getText());
    push.pushAll();
  };

  // A document's push, once due, on the next turn of the event loop: the connection writes the answers of this turn
  // (a first screen's tokens) on the next one, and an analysis made on this thread (no worker yet) would hold them up.
  const pushSoon = (uri: string) =>
    setImmediate(() => {
      const current = documents.get(uri);
      if (current) push.push(current);
    });

  documents.onDidOpen(({ document }) => {
    trace('didOpen');
    if (isAnnotationFileUri(document.uri)) annotationFiles.opened(document.uri);
    else if (ctx.isLexiconFile(document.uri)) lexiconEdited(document);
    // The whole document is analysed just after the requests that came with the open (the visible range's tokens first).
    else ctx.timers.schedule(annotateTimer(document.uri), FIRST_SCREEN_MS, () => pushSoon(document.uri));
  });
  documents.onDidChangeContent(({ document }) => {
    if (ctx.isLexiconFile(document.uri)) return lexiconEdited(document);
    if (isAnnotationFileUri(document.uri)) return; // its diagnostics follow the file on disk
    ctx.timers.schedule(annotateTimer(document.uri), ANNOTATION_DEBOUNCE_MS, () => pushSoon(document.uri));
  });
  documents.onDidClose(({ document }) => {
    if (isAnnotationFileUri(document.uri)) return annotationFiles.closed(document.uri);
    ctx.timers.cancel(annotateTimer(document.uri));
    push.forget(document.uri);
    const store = service.stores.get(document.uri);
    if (store?.textFile) {
      try {
        service.stores.textClosed(document.uri, ctx.files.exists(store.textFile) ? readOrEmpty(ctx, store.textFile) : undefined);
      } catch (err) {
        ctx.tellWriteFailed(store.annotationFile, err);
      }
    }
    push.clearFileDiagnostics(store);
    void ctx.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    service.forget(document.uri);
    ctx.index.documentClosed(document.uri);
    // Its .ann stays open in the editor: it keeps its diagnostics, from the text on disk.
    const annotationUri = annotationNameOf(document.uri);
    if (annotationUri !== document.uri && documents.get(annotationUri)) annotationFiles.opened(annotationUri);
  });
  documents.onDidSave(({ document }) => {
    if (!ctx.annotatable(document.uri)) return;
    try {
      if (service.stores.textSaved(document.uri, document.getText())) push.push(document);
    } catch (err) {
      ctx.tellWriteFailed(service.stores.get(document.uri)?.annotationFile, err);
    }
  });
}
