// The language server: thin LSP handlers over the analysis service. Started
// by the VS Code client over IPC, or by `iltizam lsp --stdio` for other editors.
import * as fs from 'fs';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  CancellationToken,
  CodeActionKind,
  Connection,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  MessageType,
  ProposedFeatures,
  ErrorCodes,
  FileChangeType,
  WatchKind,
  ResponseError,
  ShowMessageNotification,
  TextDocumentContentChangeEvent,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from './core/store/anchoring';
import { allLexiconFiles } from './core/workspaceFiles';
import { AnalysisService, defaultSettings, Settings } from './service';
import { AnnotationStores, DocumentStore } from './stores';
import { annotationsNotification, annotationsOf, noAnnotations } from './features/annotations';
import { acceptAllSourceKind, codeActionsFor } from './features/codeActions';
import { executeStoreCommand, storeCommandList } from './features/commands';
import { documentSymbolsOf } from './features/documentSymbols';
import { hoverAt } from './features/hover';
import { lexiconDiagnostics } from './features/lexiconDiagnostics';
import { semanticTokensLegend, semanticTokensOf } from './features/semanticTokens';
import { annotationFileDiagnostics, lostAnnotationDiagnostics, missingTextDiagnostic } from './features/storeDiagnostics';
import { corpusCommitmentsOf, corpusEntitiesOf, corpusMentionsOf, corpusStatisticsOf, corpusSummaryOf } from './features/corpus';
import { definitionOf } from './features/definition';
import { readingViewOf } from './features/readingView';
import { referencesAt } from './features/references';
import { workspaceSymbolsOf } from './features/workspaceSymbols';
import { corpusChangedNotification, CorpusFilter, corpusRequests, indexProgressNotification, readingViewRequest, SetReviewArgs } from './protocol';
import { REVIEW_FILE, ReviewStatuses, reviewStates } from './reviewStatus';
import { WorkspaceIndex } from './workspaceIndex';

// The extension's version, from package.json, put in by the bundler (scripts/bundle.mjs).
declare const ILTIZAM_VERSION: string | undefined;
const serverVersion = typeof ILTIZAM_VERSION === 'string' ? ILTIZAM_VERSION : 'unbundled';

/** Delay between the last keystroke and pushing fresh annotations. */
const ANNOTATION_DEBOUNCE_MS = 150;
/** Delay before telling the client the corpus changed, so a burst of changes is one refresh. */
const CORPUS_CHANGED_DEBOUNCE_MS = 300;
/** Most workspace symbols returned for one query. */
const MAX_WORKSPACE_SYMBOLS = 1000;

/** The default lexicon as shipped beside the bundled server (dist/ → server/data/), for Go to Definition. */
function defaultLexiconFile(): string | undefined {
  const candidates = [path.join(__dirname, '..', 'server', 'data', 'lexicon.json'), path.join(__dirname, '..', '..', '..', 'server', 'data', 'lexicon.json')];
  return candidates.find((f) => fs.existsSync(f));
}

export function startServer(connection: Connection): void {
  let workspaceRoots: string[] = [];
  const service = new AnalysisService(new AnnotationStores(() => workspaceRoots));
  // Each change is applied on its own, so that stored annotations move with every edit in turn.
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
      const edits: TextEdit[] = [];
      for (const change of changes) {
        const start = 'range' in change ? doc.offsetAt(change.range.start) : 0;
        const end = 'range' in change ? doc.offsetAt(change.range.end) : doc.getText().length;
        edits.push({ start, end, text: change.text });
        TextDocument.update(doc, [change], version);
      }
      service.stores.applyEdits(doc.uri, edits, doc.getText());
      service.textEdited(doc.uri, edits);
      return doc;
    },
  });
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let canRefreshTokens = false;
  let clientCommands = false;
  let canReportProgress = false;
  const reviews = new ReviewStatuses(() => workspaceRoots);
  let corpusTimer: NodeJS.Timeout | undefined;
  const corpusChanged = () => {
    if (corpusTimer) return;
    corpusTimer = setTimeout(() => {
      corpusTimer = undefined;
      void connection.sendNotification(corpusChangedNotification, {});
    }, CORPUS_CHANGED_DEBOUNCE_MS);
  };
  const index = new WorkspaceIndex(service, (uri) => documents.get(uri), corpusChanged);
  let defaultLexicon: { file: string; text: string } | undefined;
  const timers = new Map<string, NodeJS.Timeout>();
  /** The store generation whose .ann diagnostics were last sent, per .ann file. */
  const sentFileDiagnostics = new Map<string, number>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { l10nBundle?: Record<string, string>; clientCommands?: boolean };
    if (options.l10nBundle) l10n.config({ contents: options.l10nBundle });
    clientCommands = options.clientCommands === true;
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canRefreshTokens = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
    canReportProgress = !!params.capabilities.window?.workDoneProgress;
    workspaceRoots = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    if (!workspaceRoots.length && params.rootUri) workspaceRoots = [fileURLToPath(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Iltizam' },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, acceptAllSourceKind] },
        executeCommandProvider: { commands: storeCommandList },
        workspaceSymbolProvider: true,
        referencesProvider: true,
        definitionProvider: true,
      },
      serverInfo: { name: 'iltizam', version: serverVersion },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    // Someone else's change to a .ann (a git pull, brat) or to a corpus schema is read again.
    if (canWatchFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.ann' }, { globPattern: '**/annotation.conf' }, { globPattern: '**/*.txt' }, { globPattern: '**/.iltizam/review.json' },
            // A deleted folder is one event for the folder: watch deletions of anything.
            { globPattern: '**/*', kind: WatchKind.Delete }],
        })
        .catch(() => undefined);
    }
    await refreshSettings();
    connection.console.info(l10n.t('Iltizam language server {0} started for {1}.', serverVersion, workspaceRoots.join(', ') || l10n.t('no folder')));
    void buildIndex();
  });

  /** (Re)builds the workspace index, with progress in the client's status bar. */
  let indexStarted = false;
  async function buildIndex(): Promise<void> {
    indexStarted = true;
    const started = Date.now();
    const reporter = canReportProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    reporter?.begin(l10n.t('Indexing the corpus'), 0, undefined, false);
    let last = { done: 0, total: 0 };
    await index.build(workspaceRoots, (p) => {
      last = p;
      reporter?.report(p.total ? Math.round((100 * p.done) / p.total) : 100, l10n.t('{0} of {1} documents', p.done, p.total));
      void connection.sendNotification(indexProgressNotification, { ...p, complete: false });
    });
    reporter?.done();
    const milliseconds = Date.now() - started;
    void connection.sendNotification(indexProgressNotification, { ...last, documents: index.corpus.size, complete: true, milliseconds });
    connection.console.info(
      l10n.t('Indexed {0} documents in {1} ms, with a lexicon of {2} entries.', index.corpus.size, milliseconds, service.currentLexicon.byId.size),
    );
  }

  const lexiconFiles = () => allLexiconFiles(workspaceRoots, service.settings.lexiconPaths);
  const isLexiconFile = (uri: string) => uri.startsWith('file:') && lexiconFiles().includes(fileURLToPath(uri));

  async function refreshSettings(): Promise<void> {
    if (canPullConfiguration) {
      const [config] = await connection.workspace.getConfiguration([{ section: 'iltizam' }]).catch(() => [undefined]);
      service.settings = readSettings(config);
    }
    const generation = service.lexiconVersion;
    for (const file of lexiconFiles()) loadLexicon(file);
    reannotateAll();
    // Other suggestions everywhere: the closed documents are indexed again.
    if (indexStarted && service.lexiconVersion !== generation) void buildIndex();
  }

  function loadLexicon(file: string, text?: string): void {
    const problems = service.loadWorkspaceLexicon(file, text);
    const uri = pathToFileURL(file).toString();
    const doc = documents.get(uri) ?? TextDocument.create(uri, 'json', 0, text ?? readOr(file));
    connection.sendDiagnostics({ uri, diagnostics: lexiconDiagnostics(doc, problems) });
  }

  /**
   * What the last annotations push of each document showed. A push that would
   * show the same again is not sent: opening a document fires both an open and
   * a content change, and the settings arrive just after start-up; at 1 MB a
   * push is about 2 MB of JSON.
   */
  const lastPushed = new Map<string, string>();

  function pushAnnotations(doc: TextDocument): void {
    if (isLexiconFile(doc.uri) || isAnnotationFile(doc.uri)) return;
    if (!service.isAnnotatable(doc)) {
      lastPushed.delete(doc.uri);
      connection.sendNotification(annotationsNotification, noAnnotations(doc));
      // A text edited into one that is not annotated leaves the corpus.
      scheduleIndexUpdate(doc.uri, doc.version);
      return;
    }
    const view = service.viewOf(doc);
    const store = service.stores.open(doc.uri, doc.getText());
    const shown = `${doc.version}|${store.generation}|${service.lexiconVersion}|${JSON.stringify(service.settings)}`;
    if (lastPushed.get(doc.uri) === shown) return;
    lastPushed.set(doc.uri, shown);
    connection.sendNotification(
      annotationsNotification,
      annotationsOf(doc, view, { schema: store.schema, canUndo: store.history.canUndo, canRedo: store.history.canRedo, storable: !!store.annotationFile }),
    );
    connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: lostAnnotationDiagnostics(doc, view, CancellationToken.None) ?? [] });
    pushFileDiagnostics(store);
    scheduleIndexUpdate(doc.uri, doc.version);
    // Tokens were answered from the edited lines alone: the exact ones are ready now.
    if (provisionalServed.delete(doc.uri)) refreshTokens();
  }

  /**
   * The index takes an open document's new view a little later, off the path
   * from an edit to its colours (a timer, not setImmediate: a pending tokens
   * request must be answered first). References update it themselves.
   */
  const indexTimers = new Map<string, NodeJS.Timeout>();
  function scheduleIndexUpdate(uri: string, version: number): void {
    clearTimeout(indexTimers.get(uri));
    indexTimers.set(
      uri,
      setTimeout(() => {
        indexTimers.delete(uri);
        const doc = documents.get(uri);
        // Edited since: that version's own push schedules the index (analysing it now would be
        // a whole analysis in the middle of typing).
        if (doc && doc.version === version) index.documentChanged(doc);
      }, CORPUS_CHANGED_DEBOUNCE_MS),
    );
  }

  /** Diagnostics of a .ann (lines not understood, annotations moved or lost), sent when its store changed. */
  function pushFileDiagnostics(store: DocumentStore): void {
    if (!store.annotationFile || sentFileDiagnostics.get(store.annotationFile) === store.generation) return;
    sentFileDiagnostics.set(store.annotationFile, store.generation);
    connection.sendDiagnostics({ uri: pathToFileURL(store.annotationFile).toString(), diagnostics: annotationFileDiagnostics(store, CancellationToken.None) ?? [] });
  }

  // A .ann opened in the editor while its text is not: its diagnostics come from a store opened
  // on the text on disk, kept while the .ann is open (an open text's store serves both).
  const isAnnotationFile = (uri: string) => uri.startsWith('file:') && uri.endsWith('.ann');
  const textUriOf = (annotationUri: string) => annotationUri.replace(/\.ann$/, '.txt');
  const annotationUriOf = (textUri: string) => textUri.replace(/\.txt$/, '.ann');
  const textsOpenedForAnnotationFiles = new Set<string>();

  function annotationFileOpened(annotationUri: string): void {
    const textUri = textUriOf(annotationUri);
    if (documents.get(textUri)) return;
    const textFile = fileURLToPath(textUri);
    if (!fs.existsSync(textFile)) {
      connection.sendDiagnostics({ uri: annotationUri, diagnostics: [missingTextDiagnostic(path.basename(textFile))] });
      return;
    }
    textsOpenedForAnnotationFiles.add(textUri);
    pushFileDiagnostics(service.stores.open(textUri, readOr(textFile)));
  }

  function annotationFileClosed(annotationUri: string): void {
    const textUri = textUriOf(annotationUri);
    if (!textsOpenedForAnnotationFiles.delete(textUri)) {
      if (!documents.get(textUri)) connection.sendDiagnostics({ uri: annotationUri, diagnostics: [] });
      return;
    }
    if (documents.get(textUri)) return;
    clearFileDiagnostics(service.stores.get(textUri));
    service.stores.close(textUri);
  }

  function clearFileDiagnostics(store: DocumentStore | undefined): void {
    if (!store?.annotationFile) return;
    sentFileDiagnostics.delete(store.annotationFile);
    connection.sendDiagnostics({ uri: pathToFileURL(store.annotationFile).toString(), diagnostics: [] });
  }

  /** Asks the client to fetch semantic tokens again, if it can (a refused request must not go unhandled). */
  function refreshTokens(): void {
    if (!canRefreshTokens) return;
    const pending = connection.languages.semanticTokens.refresh() as unknown as Promise<void> | undefined;
    pending?.catch(() => undefined);
  }

  const fileName = (file: string | undefined) => (file ? path.basename(file) : '');
  /** A message for the user (a notification: nothing to answer, nothing to wait for). */
  const tell = (type: MessageType, message: string) => {
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
    // Kept in the output channel too, after the notification has gone.
    if (type === MessageType.Error) connection.console.error(message);
    else connection.console.info(message);
  };

  function reannotateAll(): void {
    for (const doc of documents.all()) pushAnnotations(doc);
    refreshTokens();
  }

  documents.onDidOpen(({ document }) => {
    if (isAnnotationFile(document.uri)) annotationFileOpened(document.uri);
    else if (isLexiconFile(document.uri)) {
      loadLexicon(fileURLToPath(document.uri), document.getText());
      reannotateAll();
    } else pushAnnotations(document);
  });
  documents.onDidChangeContent(({ document }) => {
    if (isLexiconFile(document.uri)) {
      loadLexicon(fileURLToPath(document.uri), document.getText());
      reannotateAll();
      return;
    }
    if (isAnnotationFile(document.uri)) return; // its diagnostics follow the file on disk
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => {
      timers.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) pushAnnotations(current);
    }, ANNOTATION_DEBOUNCE_MS));
  });
  documents.onDidClose(({ document }) => {
    if (isAnnotationFile(document.uri)) {
      annotationFileClosed(document.uri);
      return;
    }
    clearTimeout(timers.get(document.uri));
    lastPushed.delete(document.uri);
    const store = service.stores.get(document.uri);
    if (store?.textFile) {
      try {
        service.stores.textClosed(document.uri, fs.existsSync(store.textFile) ? readOr(store.textFile) : undefined);
      } catch (err) {
        tell(MessageType.Error, l10n.t('The annotations could not be written to {0}: {1}', store.annotationFile ?? '', err instanceof Error ? err.message : String(err)));
      }
    }
    clearFileDiagnostics(store);
    connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    service.forget(document.uri);
    index.documentClosed(document.uri);
    // Its .ann stays open in the editor: it keeps its diagnostics, from the text on disk.
    const annotationUri = annotationUriOf(document.uri);
    if (annotationUri !== document.uri && documents.get(annotationUri)) annotationFileOpened(annotationUri);
  });
  documents.onDidSave(({ document }) => {
    if (!annotatable(document.uri)) return;
    try {
      if (service.stores.textSaved(document.uri, document.getText())) pushAnnotations(document);
    } catch (err) {
      const file = service.stores.get(document.uri)?.annotationFile;
      tell(MessageType.Error, l10n.t('The annotations could not be written to {0}: {1}', file ?? '', err instanceof Error ? err.message : String(err)));
    }
  });

  connection.onDidChangeConfiguration(() => void refreshSettings());
  connection.onDidChangeWatchedFiles(({ changes }) => {
    let changed = false;
    let schemas = false;
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const file = fileURLToPath(change.uri);
      if (path.basename(file) === 'annotation.conf') schemas = true;
      else if (file.endsWith(REVIEW_FILE)) {
        if (reviews.fileChanged(file)) corpusChanged();
      } else if (file.endsWith('.txt') && !isLexiconFile(change.uri)) {
        if (!documents.get(change.uri)) index.fileChanged(change.uri);
      } else if (file.endsWith('.ann')) {
        if (!documents.get(textUriOf(change.uri))) index.fileChanged(change.uri);
        const textOf = (uri: string) => documents.get(uri)?.getText() ?? (textsOpenedForAnnotationFiles.has(uri) ? readOr(fileURLToPath(uri)) : undefined);
        const reloaded = service.stores.fileChanged(file, textOf);
        for (const store of reloaded) {
          const doc = documents.get(store.uri);
          if (doc) {
            pushAnnotations(doc);
            tell(MessageType.Info, l10n.t('{0} was changed on disk and was read again.', fileName(store.annotationFile)));
          } else pushFileDiagnostics(store);
        }
      } else if (change.type === FileChangeType.Deleted && !path.extname(file)) {
        index.pathDeleted(change.uri);
      } else if (isLexiconFile(change.uri) && !documents.get(change.uri)) {
        loadLexicon(file);
        changed = true;
      }
    }
    if (schemas) service.stores.reloadSchemas();
    if (changed || schemas) {
      reannotateAll();
      void buildIndex();
    }
  });

  const annotatable = (uri: string) => {
    const doc = documents.get(uri);
    return doc && !isLexiconFile(uri) && service.isAnnotatable(doc) ? doc : undefined;
  };

  connection.onHover(({ textDocument, position }, token) => {
    const doc = annotatable(textDocument.uri);
    return doc ? hoverAt(doc, service.viewOf(doc), position, token) : null;
  });
  connection.onDocumentSymbol(({ textDocument }, token) => {
    const doc = annotatable(textDocument.uri);
    return doc ? documentSymbolsOf(doc, service.viewOf(doc), service.settings.maxOutlineSymbols, token) : null;
  });
  /**
   * The view to colour a document with. Right after an edit (its exact view
   * not computed yet, an earlier one cached) only the edited lines are
   * analysed again; the exact view follows when the edits pause, and the
   * client is then asked to fetch the tokens again.
   */
  const provisionalServed = new Set<string>();
  function viewToColour(doc: TextDocument) {
    const provisional = service.provisionalViewOf(doc);
    if (!provisional) return service.viewOf(doc);
    provisionalServed.add(doc.uri);
    return provisional;
  }

  connection.languages.semanticTokens.on(({ textDocument }, token) => {
    const doc = annotatable(textDocument.uri);
    return (doc && semanticTokensOf(doc, viewToColour(doc), undefined, token)) ?? { data: [] };
  });
  connection.languages.semanticTokens.onRange(({ textDocument, range }, token) => {
    const doc = annotatable(textDocument.uri);
    return (doc && semanticTokensOf(doc, viewToColour(doc), range, token)) ?? { data: [] };
  });
  connection.onCodeAction((params, token) => {
    const doc = annotatable(params.textDocument.uri);
    if (!doc) return null;
    const store = service.stores.open(doc.uri, doc.getText());
    if (!store.annotationFile) return null;
    return codeActionsFor(doc, service.viewOf(doc), params, { clientCommands, schema: store.schema }, token);
  });
  connection.onExecuteCommand(({ command, arguments: args }, token) => {
    try {
      return executeStoreCommand(
        {
          service,
          document: annotatable,
          changed(doc, reloaded) {
            if (reloaded) {
              const file = service.stores.get(doc.uri)?.annotationFile;
              tell(MessageType.Info, l10n.t('{0} had been changed on disk: it was read again before your change was applied.', fileName(file)));
            }
            pushAnnotations(doc);
            refreshTokens();
          },
        },
        command,
        args?.[0],
        token,
      );
    } catch (err) {
      // Say why in the editor too: a code action's command has nobody else to tell.
      tell(MessageType.Warning, err instanceof Error ? err.message : String(err));
      throw err;
    }
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await index.ready();
    return workspaceSymbolsOf(index.corpus, query, MAX_WORKSPACE_SYMBOLS, token);
  });
  connection.onReferences(async ({ textDocument, position }, token) => {
    const doc = annotatable(textDocument.uri);
    if (!doc) return null;
    await index.ready();
    index.documentChanged(doc);
    return referencesAt(index.corpus, doc, position, token);
  });
  connection.onDefinition(({ textDocument, position }, token) => {
    const doc = annotatable(textDocument.uri);
    if (!doc) return null;
    const offset = doc.offsetAt(position);
    const entity = service.viewOf(doc).entities.find((e) => e.start <= offset && offset < e.end);
    if (!entity?.kb) return null;
    let source = service.workspaceLexiconOf(entity.kb);
    if (!source) {
      const file = defaultLexiconFile();
      defaultLexicon ??= file ? { file, text: fs.readFileSync(file, 'utf8') } : undefined;
      source = defaultLexicon;
    }
    return definitionOf(entity.kb, source, token);
  });

  const filterOf = (f: CorpusFilter | undefined) => ({ labels: f?.labels, statuses: f?.statuses });
  connection.onRequest(corpusRequests.summary, async (params: { filter?: CorpusFilter }, token) => {
    await index.ready();
    return corpusSummaryOf(index.corpus, (uri) => reviews.get(uri), filterOf(params?.filter), token);
  });
  connection.onRequest(corpusRequests.entities, async (params: { label: string; filter?: CorpusFilter }, token) => {
    await index.ready();
    return corpusEntitiesOf(index.corpus, params.label, filterOf(params.filter), token);
  });
  connection.onRequest(corpusRequests.mentions, async (params: { key: string; filter?: CorpusFilter }, token) => {
    await index.ready();
    return corpusMentionsOf(index.corpus, params.key, filterOf(params.filter), token);
  });
  connection.onRequest(corpusRequests.commitments, async (params: { actor: string; filter?: CorpusFilter }, token) => {
    await index.ready();
    return corpusCommitmentsOf(index.corpus, params.actor, filterOf(params.filter), token);
  });
  connection.onRequest(corpusRequests.statistics, async (_params: unknown, token) => {
    await index.ready();
    return corpusStatisticsOf(index.corpus, token);
  });
  connection.onRequest(corpusRequests.setReview, (params: SetReviewArgs) => {
    if (!reviewStates.includes(params?.status)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown review status ${JSON.stringify(params?.status)}`);
    try {
      reviews.set(params.uri, params.status, service.decision());
    } catch (err) {
      throw new ResponseError(ErrorCodes.InternalError, err instanceof Error ? err.message : String(err));
    }
    corpusChanged();
    return reviews.get(params.uri);
  });
  connection.onRequest(readingViewRequest, (params: { uri: string }, token) => {
    const doc = annotatable(params.uri);
    return doc ? readingViewOf(doc.uri, doc.version, service.viewOf(doc), token) : null;
  });

  documents.listen(connection);
  connection.listen();
}

function readSettings(config: any): Settings {
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    arabicThreshold: num(config?.arabicThreshold, defaultSettings.arabicThreshold),
    lexiconPaths: Array.isArray(config?.lexicon?.paths) ? config.lexicon.paths.filter((p: unknown) => typeof p === 'string') : defaultSettings.lexiconPaths,
    maxOutlineSymbols: Math.max(10, num(config?.outline?.maxSymbols, defaultSettings.maxOutlineSymbols)),
    annotator: typeof config?.annotator === 'string' ? config.annotator : defaultSettings.annotator,
    minConfidence: Math.min(1, Math.max(0, num(config?.suggestions?.minConfidence, defaultSettings.minConfidence))),
  };
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
