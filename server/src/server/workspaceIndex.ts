// The workspace index: every Arabic text of the workspace folders with its
// stored annotations and suggestions, in a CorpusIndex. Built at start-up,
// then kept current: open documents from the editor's text, the others from
// disk as the file watcher reports changes. The files on disk are analysed in
// a worker thread (indexThread.ts), so that no request waits behind them;
// without one (an in-memory workspace in the tests, a worker that failed),
// here, yielding to the event loop after each document.
import { fileURLToPath, pathToFileURL } from 'url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CorpusIndex, documentEntrySteps } from '../corpus/corpusIndex';
import { diskFiles, FileAccess } from '../node/fileAccess';
import { isAnnotationName, isTextName, textNameOf } from '../annotations/pairing';
import type { AnalysisService } from './analysisService';
import { IndexOutcome, IndexThread } from './indexThread';
import type { AnnotatedView } from '../annotations/view';
import type { Analysis } from '../analysis/types';

function isCorpusText(uri: string): boolean {
  return uri.startsWith('file:') && isTextName(uri);
}

/** An open document up to this length (characters) is analysed on the request thread while the worker indexes. */
export const ANALYSED_HERE_WHILE_INDEXING = 30_000;

/** Entities (or commitments) of an open document's index entry made between two turns of the event loop. */
const ENTRY_SLICE = 1000;

export interface IndexProgress {
  done: number;
  total: number;
}

export class WorkspaceIndex {
  readonly corpus = new CorpusIndex();
  private building: Promise<void> | undefined;
  private generation = 0;
  private thread: IndexThread | undefined;
  /** What the worker was last configured with: a file that changes later goes to it only while the service analyses the same way. */
  private threadConfiguration: string | undefined;
  /** Whether files are analysed in a worker thread: the server decides (ServerContext: only the disk's files, since a worker cannot read a test's in-memory ones); off until a worker fails to start. */
  private useThread: boolean;
  private lastRoots: readonly string[] = [];
  /** Whether a build is under way in the worker thread. */
  private indexing = false;
  /** Told when the worker thread ends on an error (its unfinished files are then analysed here). */
  onThreadFailure: (error: Error) => void = () => undefined;
  /** Whether an open document's push is scheduled (set by the server): that push indexes it, after its first screen. */
  pushScheduled: (uri: string) => boolean = () => false;

  constructor(
    private readonly service: AnalysisService,
    private readonly openDocument: (uri: string) => TextDocument | undefined,
    private readonly onChange: () => void,
    private readonly files: FileAccess = diskFiles,
    indexInThread = false,
  ) {
    this.useThread = indexInThread;
  }


  /** Indexes every text under the roots; a second call while building waits for the first. */
  build(roots: readonly string[], progress?: (p: IndexProgress) => void, isCancelled?: () => boolean): Promise<void> {
    const generation = ++this.generation;
    this.lastRoots = [...roots];
    this.building = (async () => {
      const files = this.files.textFilesUnder(roots);
      progress?.({ done: 0, total: files.length });
      const thread = this.indexThread(roots);
      this.indexing = true;
      const done = thread ? await this.buildInThread(thread, files, generation, progress).finally(() => (this.indexing = generation !== this.generation)) : await this.buildHere(files, generation, progress, isCancelled);
      if (!done) return;
      const seen = new Set(files.map((file) => pathToFileURL(file).toString()));
      for (const uri of this.corpus.uris()) if (!seen.has(uri) && !this.openDocument(uri)) this.corpus.delete(uri);
      progress?.({ done: files.length, total: files.length });
      this.onChange();
    })();
    return this.building;
  }

  /** Indexes the files on this thread, one per turn of the event loop; false when a newer build or a cancellation ended it. */
  private async buildHere(files: string[], generation: number, progress?: (p: IndexProgress) => void, isCancelled?: () => boolean): Promise<boolean> {
    for (let k = 0; k < files.length; k++) {
      if (isCancelled?.() || generation !== this.generation) return false;
      this.indexFile(pathToFileURL(files[k]).toString(), files[k]);
      if (k % 25 === 24) progress?.({ done: k + 1, total: files.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return generation === this.generation;
  }

  /** Indexes the files in the worker thread, taking each entry in as it comes; false when a newer build ended it. */
  private async buildInThread(thread: IndexThread, files: string[], generation: number, progress?: (p: IndexProgress) => void): Promise<boolean> {
    const uris = files.map((file) => pathToFileURL(file).toString());
    const closed = files.map((file, k) => ({ uri: uris[k], file })).filter(({ uri }) => !this.openDocument(uri));
    const outcomes = thread.index(closed);
    let done = files.length - closed.length;
    for (let k = 0; k < files.length; k++) if (this.openDocument(uris[k])) this.indexFile(uris[k], files[k]);
    await Promise.all(
      outcomes.map((outcome, k) =>
        outcome.then((o) => {
          if (generation !== this.generation || o === 'stale') return;
          this.takeEntry(closed[k].uri, closed[k].file, o);
          if (++done % 25 === 0) progress?.({ done, total: files.length });
        }),
      ),
    );
    return generation === this.generation;
  }

  private configurationKey(roots: readonly string[]): string {
    return JSON.stringify([roots, this.service.lexiconVersion, this.service.settings, [...this.service.folderSettings]]);
  }

  /** A file's entry from the worker (or, when it failed, indexed here); an open document's editor text wins. */
  private takeEntry(uri: string, file: string, outcome: Exclude<IndexOutcome, 'stale'>): void {
    if (this.openDocument(uri)) return;
    if (outcome === 'failed') this.indexFile(uri, file);
    else if (outcome.entry) this.corpus.setEntry(outcome.entry);
    else this.corpus.delete(uri);
  }

  /** The worker thread, configured as the service analyses now; undefined when the files are not the disk's or it cannot run. */
  private indexThread(roots: readonly string[]): IndexThread | undefined {
    if (!this.useThread) return undefined;
    if (!this.thread?.alive) this.thread = IndexThread.start(undefined, (error) => this.onThreadFailure(error));
    if (!this.thread) {
      this.useThread = false;
      return undefined;
    }
    this.thread.configure([...roots], this.service.configuration());
    this.threadConfiguration = this.configurationKey(roots);
    return this.thread;
  }

  /**
   * An open document's analysis made in the worker thread, when there is one
   * configured as the service analyses now; undefined otherwise (the caller
   * analyses it itself).
   */
  analyseInThread(uri: string, text: string): Promise<Omit<Analysis, 'text'> | undefined> {
    // While it indexes, the worker may be busy with a large file for seconds: a short document is better analysed
    // here at once; a long one waits for the file under way (open documents go first in its queue) rather than
    // hold up every request here for its whole analysis (about 1 s per MB).
    const thread = this.indexing && text.length <= ANALYSED_HERE_WHILE_INDEXING ? undefined : this.threadInStep();
    return thread ? thread.analyse(uri, text) : Promise.resolve(undefined);
  }

  /** The worker thread, if it runs and analyses as the service does now. */
  private threadInStep(): IndexThread | undefined {
    return this.thread?.alive && this.threadConfiguration === this.configurationKey(this.lastRoots) ? this.thread : undefined;
  }

  /** Ends the worker thread, if there is one (at shutdown). */
  dispose(): void {
    this.thread?.stop();
    this.thread = undefined;
    this.useThread = false;
  }

  /** Resolves when the current build (if any) is over. */
  async ready(): Promise<void> {
    await this.building;
  }

  /** An open document changed (or opened): index the editor's text. */
  documentChanged(doc: TextDocument): void {
    // The corpus is its .txt files: an open CSV or untitled buffer with Arabic in it is annotated, not indexed.
    if (!isCorpusText(doc.uri)) return;
    if (!this.service.isAnnotatable(doc)) {
      if (this.corpus.delete(doc.uri)) this.onChange();
      return;
    }
    this.corpus.set(doc.uri, this.service.viewOf(doc));
    this.onChange();
  }

  /**
   * The same, made a slice at a time (yielding to the event loop between
   * slices, so that no request waits behind a large document's entry); dropped
   * if the document changes meanwhile.
   */
  async documentChangedInSlices(doc: TextDocument): Promise<void> {
    if (!isCorpusText(doc.uri) || !this.service.isAnnotatable(doc)) return this.documentChanged(doc);
    const version = doc.version;
    const steps = documentEntrySteps(doc.uri, this.service.viewOf(doc), ENTRY_SLICE);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        this.corpus.setEntry(step.value);
        this.onChange();
        return;
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (doc.version !== version || this.openDocument(doc.uri) !== doc) return;
    }
  }

  /** A document closed: its file on disk is what counts again. */
  documentClosed(uri: string): void {
    this.fileChanged(uri);
  }

  /** A .txt or .ann changed, appeared or went on disk. */
  fileChanged(uri: string): void {
    if (!uri.startsWith('file:')) return;
    let file = fileURLToPath(uri);
    if (isAnnotationName(file)) file = textNameOf(file);
    if (!isTextName(file)) return;
    const textUri = pathToFileURL(file).toString();
    const open = this.openDocument(textUri);
    const thread = open ? undefined : this.threadInStep();
    if (open) this.documentChanged(open);
    else if (thread) {
      const generation = this.generation;
      void thread.index([{ uri: textUri, file }])[0].then((o) => {
        if (o === 'stale' || generation !== this.generation) return;
        this.takeEntry(textUri, file, o);
        this.onChange();
      });
      return;
    } else this.indexFile(textUri, file);
    this.onChange();
  }

  /**
   * Something that is not a text went away: a folder's deletion comes as one
   * event for the folder, none for the files in it. Drops every closed
   * document under that path whose file is gone.
   */
  pathDeleted(uri: string): void {
    const prefix = uri.endsWith('/') ? uri : uri + '/';
    let dropped = false;
    for (const indexed of this.corpus.uris()) {
      if (!indexed.startsWith(prefix) || this.openDocument(indexed)) continue;
      if (this.files.exists(fileURLToPath(indexed))) continue;
      dropped = this.corpus.delete(indexed) || dropped;
    }
    if (dropped) this.onChange();
  }

  private indexFile(uri: string, file: string): void {
    const open = this.openDocument(uri);
    if (open && this.pushScheduled(uri)) return;
    if (open) {
      if (this.service.isAnnotatable(open)) this.corpus.set(uri, this.service.viewOf(open));
      return;
    }
    const view = viewOfFile(this.service, this.files, uri, file);
    if (view) this.corpus.set(uri, view);
    else this.corpus.delete(uri);
  }
}

/** The view of a text file that is not open, for the index; undefined when it cannot be read or is not one the server annotates. */
export function viewOfFile(service: AnalysisService, files: FileAccess, uri: string, file: string): AnnotatedView | undefined {
  let text: string;
  try {
    // The editor shows a text without its byte-order mark; offsets must match what it shows.
    text = files.readStrict(file).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const languageId = file.endsWith('.ar.txt') ? 'arabic-policy' : 'plaintext';
  if (!service.isAnnotatableText(text, languageId, uri)) return undefined;
  return service.viewOfClosedFile(uri, text);
}
