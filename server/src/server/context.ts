// The state every handler of the server shares, in one explicit object: the
// connection, the open documents, the services (analysis, stores, index,
// review statuses), the workspace folders and what the client can do.
// Handlers get it as an argument, so that they can be tested in-process.
import * as l10n from '@vscode/l10n';
import { fileURLToPath } from 'url';
import { Connection, MessageType, ShowMessageNotification, TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../annotations/anchoring';
import { allLexiconFiles } from '../node/workspaceFiles';
import { diskFiles, FileAccess } from '../node/fileAccess';
import { FileRefused } from '../node/fileGuard';
import { reasonText } from '../render/reasonText';
import { corpusChangedNotification } from '../protocol/messages';
import { AnalysisService } from './analysisService';
import { AnnotationStores } from './annotationStores';
import type { WorkspaceLearning } from './learning';
import { ReviewStatuses } from './reviewStatuses';
import { WorkspaceIndex } from './workspaceIndex';

/** Delay before telling the client the corpus changed, so a burst of changes is one refresh. */
export const CORPUS_CHANGED_DEBOUNCE_MS = 300;

/** What the client said it can do (initialize). */
export interface ClientAbilities {
  pullConfiguration: boolean;
  /** The client accepts a dynamic registration of workspace/didChangeConfiguration (Neovim and Eglot do not). */
  registerConfiguration: boolean;
  watchFiles: boolean;
  /** The client prefers plain-text hovers (its hover contentFormat does not start with markdown). */
  plainTextHover: boolean;
  refreshTokens: boolean;
  reportProgress: boolean;
  /** The client has the pickers of protocol/commands.ts clientCommands. */
  clientCommands: boolean;
}

/** The timer of a document's next push (documentEvents.ts: just opened, or edited). */
export const annotateTimer = (uri: string): string => `annotate ${uri}`;

/** The server's timers, by purpose and document: a newer schedule replaces an older one; all are cleared at shutdown. */
export class Timers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(key: string, ms: number, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run();
    }, ms));
  }

  isScheduled(key: string): boolean {
    return this.timers.has(key);
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

export class ServerContext {
  workspaceRoots: string[] = [];
  readonly client: ClientAbilities = { pullConfiguration: false, registerConfiguration: false, plainTextHover: false, watchFiles: false, refreshTokens: false, reportProgress: false, clientCommands: false };
  readonly service: AnalysisService;
  readonly documents: TextDocuments<TextDocument>;
  readonly reviews: ReviewStatuses;
  readonly index: WorkspaceIndex;
  readonly timers = new Timers();
  /** The review files whose diagnostics now say they cannot be read (corpusHandlers.ts). */
  readonly brokenReviewFiles = new Set<string>();
  /** What the tagger learns from the decisions (set by main.ts, which wires it to the pushes and the index). */
  learning!: WorkspaceLearning;

  /** `files`: the workspace's files, the disk unless a test gives an in-memory workspace. */
  constructor(
    readonly connection: Connection,
    readonly files: FileAccess = diskFiles,
  ) {
    const roots = () => this.workspaceRoots;
    const service = (this.service = new AnalysisService(new AnnotationStores(roots, files), files));
    this.reviews = new ReviewStatuses(roots, files);
    // Each change is applied on its own, so that stored annotations move with every edit in turn.
    this.documents = new TextDocuments<TextDocument>({
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
    // ILTIZAM_INDEX_THREAD=0: the files indexed on this thread, one per turn of the event loop (for comparisons).
    const indexInThread = files === diskFiles && process.env.ILTIZAM_INDEX_THREAD !== '0';
    this.index = new WorkspaceIndex(service, (uri) => this.documents.get(uri), () => this.corpusChanged(), files, indexInThread);
    // A document just opened is indexed by its own push, not analysed whole by the index build ahead of its first screen.
    this.index.pushScheduled = (uri) => this.pushScheduled(uri);
    // The open documents are analysed in the index's worker thread too, once it runs.
    if (indexInThread) service.backgroundAnalyser = (uri, text) => this.index.analyseInThread(uri, text);
    this.index.onThreadFailure = (error) =>
      this.connection.console.error(l10n.t("The analysis worker thread stopped: {0}. What it had not analysed is analysed on the server's own thread.", error.message));
  }

  /** Whether an open document's push (after its opening or an edit) is scheduled: it will push and index it as things are then. */
  pushScheduled(uri: string): boolean {
    return this.timers.isScheduled(annotateTimer(uri));
  }

  /** Tells the client the corpus changed, once for a burst of changes. */
  corpusChanged(): void {
    if (this.timers.isScheduled('corpus-changed')) return;
    this.timers.schedule('corpus-changed', CORPUS_CHANGED_DEBOUNCE_MS, () => void this.connection.sendNotification(corpusChangedNotification, {}));
  }

  /** The workspace lexicon files the settings name, each folder's own paths in that folder. */
  lexiconFiles(): string[] {
    const { service } = this;
    return [...new Set(this.workspaceRoots.flatMap((root) => allLexiconFiles([root], (service.folderSettings.get(root) ?? service.settings).lexiconPaths)))];
  }

  isLexiconFile(uri: string): boolean {
    return uri.startsWith('file:') && this.lexiconFiles().includes(fileURLToPath(uri));
  }

  /** The open document, when the server annotates it (not a lexicon file, mostly Arabic). */
  annotatable(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    return doc && !this.isLexiconFile(uri) && this.service.isAnnotatable(doc) ? doc : undefined;
  }

  /** A message for the user (a notification: nothing to answer, nothing to wait for), kept in the output channel too. */
  tell(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
    if (type === MessageType.Error) this.connection.console.error(message);
    else this.connection.console.info(message);
  }

  /** Says that a .ann could not be written (the user's decision or edit is still in the editor). */
  tellWriteFailed(file: string | undefined, err: unknown): void {
    this.tell(MessageType.Error, l10n.t('The annotations could not be written to {0}: {1}', file ?? '', err instanceof FileRefused ? reasonText(err.detail, l10n.t) : err instanceof Error ? err.message : String(err)));
  }
}
