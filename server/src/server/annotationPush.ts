// Sending a document's annotations to the client: the iltizam/annotations
// notification, the lost-annotation and .ann diagnostics, the index update
// that follows, and the tokens refresh. A push that would show the same
// again is not sent: opening a document fires both an open and a content
// change, and the settings arrive just after start-up; at 1 MB a push is
// about 2 MB of JSON.
import { pathToFileURL } from 'url';
import { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { annotationsNotification } from '../protocol/messages';
import type { ColouredView } from '../annotations/view';
import { isAnnotationFileUri } from './annotationFileDocuments';
import type { DocumentStore } from './annotationStores';
import { CORPUS_CHANGED_DEBOUNCE_MS, ServerContext } from './context';
import { WINDOW_DOCUMENT_LENGTH } from './analysisService';
import { annotationsOf, noAnnotations } from './features/annotations';
import { annotationFileDiagnostics, lostAnnotationDiagnostics } from './features/storeDiagnostics';

export class AnnotationPush {
  /** What the last push of each document showed. */
  private readonly lastPushed = new Map<string, string>();
  /** Documents whose tokens were answered from the edited lines alone since their last push. */
  private readonly provisionalServed = new Set<string>();
  /** The store generation whose .ann diagnostics were last sent, per .ann file. */
  private readonly sentFileDiagnostics = new Map<string, number>();
  /** Very long documents being analysed in slices: the version. */
  private readonly slicing = new Map<string, number>();

  constructor(private readonly ctx: ServerContext) {}

  push(doc: TextDocument): void {
    const { ctx } = this;
    const { connection, service } = ctx;
    // A .ann opened on its own is not pushed: its diagnostics follow the file on disk.
    if (ctx.isLexiconFile(doc.uri) || isAnnotationFileUri(doc.uri)) return;
    if (!service.isAnnotatable(doc)) {
      this.lastPushed.delete(doc.uri);
      void connection.sendNotification(annotationsNotification, noAnnotations(doc));
      // A text edited into one that is not annotated leaves the corpus.
      this.scheduleIndexUpdate(doc.uri, doc.version);
      return;
    }
    const background = service.backgroundAnalysisOf(doc) ?? service.analysedInBackground(doc);
    const version = doc.version;
    // Analysed in the worker thread: pushed when it is done, unless the document changed or closed meanwhile.
    if (service.backgroundAnalysisOf(doc)) void background.then(() => this.ctx.documents.get(doc.uri) === doc && doc.version === version && this.pushAnalysed(doc));
    // No worker: a very long document is analysed here in slices, the requests meanwhile answered between them.
    else if (!this.analysingInSlices(doc)) this.pushAnalysed(doc);
  }

  private pushAnalysed(doc: TextDocument): void {
    const { ctx } = this;
    const { connection, service } = ctx;
    const view = service.viewOf(doc);
    const store = service.stores.open(doc.uri, doc.getText());
    const shown = `${doc.version}|${store.generation}|${service.lexiconVersion}|${JSON.stringify(service.settingsFor(doc.uri))}`;
    if (this.lastPushed.get(doc.uri) === shown) return;
    this.lastPushed.set(doc.uri, shown);
    void connection.sendNotification(
      annotationsNotification,
      annotationsOf(doc, view, { schema: store.schema, canUndo: store.history.canUndo, canRedo: store.history.canRedo, storable: !!store.annotationFile }),
    );
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: lostAnnotationDiagnostics(doc, view, CancellationToken.None) ?? [] });
    this.pushFileDiagnostics(store);
    this.scheduleIndexUpdate(doc.uri, doc.version);
    // Tokens were answered from the edited lines alone: the exact ones are ready now.
    if (this.provisionalServed.delete(doc.uri)) this.refreshTokens();
  }

  /**
   * A very long document whose analysis is not there yet is analysed in
   * slices, the requests that come meanwhile answered between them (a hover
   * from the text around it), and pushed when that is done: true while it is
   * under way. Changed meanwhile, it is analysed again.
   */
  private analysingInSlices(doc: TextDocument): boolean {
    const { service, documents } = this.ctx;
    if (doc.getText().length <= WINDOW_DOCUMENT_LENGTH || service.currentAnalysisOf(doc)) return false;
    const { uri, version } = doc;
    if (this.slicing.get(uri) === version) return true;
    this.slicing.set(uri, version);
    void service.analyseInSlices(doc, () => new Promise((resolve) => setImmediate(resolve))).then(() => {
      if (this.slicing.get(uri) !== version) return; // a later version is being analysed
      this.slicing.delete(uri);
      const current = documents.get(uri);
      if (current) this.push(current);
    });
    return true;
  }

  /**
   * Pushes every open document again (settings, lexicon or schemas changed) and asks for the tokens again.
   * A document whose push is scheduled (just opened, or being edited) is pushed then, as things are then:
   * the settings that come just after start-up do not put a document's whole analysis before its first screen.
   */
  pushAll(): void {
    for (const doc of this.ctx.documents.all()) if (!this.ctx.pushScheduled(doc.uri)) this.push(doc);
    this.refreshTokens();
  }

  /** A closed document: its next open is pushed whatever it shows. */
  forget(uri: string): void {
    this.lastPushed.delete(uri);
  }

  /**
   * The view to colour a document with. Right after an edit (its exact view
   * not computed yet, an earlier one cached) only the edited lines are
   * analysed again; right after opening, for a range (the visible lines),
   * only those lines. The exact view follows when the edits pause, or just
   * after opening, and the client is then asked to fetch the tokens again.
   */
  viewToColour(doc: TextDocument, range?: { start: number; end: number }): ColouredView {
    const { service } = this.ctx;
    const provisional = service.provisionalViewOf(doc) ?? (range && service.firstScreenViewOf(doc, range.start, range.end));
    if (!provisional) return this.ctx.service.viewOf(doc);
    this.provisionalServed.add(doc.uri);
    return provisional;
  }

  /**
   * The index takes an open document's new view a little later, off the path
   * from an edit to its colours (a timer, not setImmediate: a pending tokens
   * request must be answered first). References update it themselves.
   */
  private scheduleIndexUpdate(uri: string, version: number): void {
    this.ctx.timers.schedule(`index ${uri}`, CORPUS_CHANGED_DEBOUNCE_MS, () => {
      const doc = this.ctx.documents.get(uri);
      // Edited since: that version's own push schedules the index (analysing it now would be
      // a whole analysis in the middle of typing).
      if (doc && doc.version === version) void this.ctx.index.documentChangedInSlices(doc);
    });
  }

  /** Diagnostics of a .ann (lines not understood, annotations moved or lost), sent when its store changed. */
  pushFileDiagnostics(store: DocumentStore): void {
    if (!store.annotationFile || this.sentFileDiagnostics.get(store.annotationFile) === store.generation) return;
    this.sentFileDiagnostics.set(store.annotationFile, store.generation);
    void this.ctx.connection.sendDiagnostics({ uri: pathToFileURL(store.annotationFile).toString(), diagnostics: annotationFileDiagnostics(store, CancellationToken.None) ?? [] });
  }

  clearFileDiagnostics(store: DocumentStore | undefined): void {
    if (!store?.annotationFile) return;
    this.sentFileDiagnostics.delete(store.annotationFile);
    void this.ctx.connection.sendDiagnostics({ uri: pathToFileURL(store.annotationFile).toString(), diagnostics: [] });
  }

  /** Asks the client to fetch semantic tokens again, if it can (a refused request must not go unhandled). */
  refreshTokens(): void {
    if (!this.ctx.client.refreshTokens) return;
    const pending = this.ctx.connection.languages.semanticTokens.refresh() as unknown as Promise<void> | undefined;
    pending?.catch(() => undefined);
  }
}
