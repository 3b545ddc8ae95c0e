// The workspace index: every Arabic text of the workspace folders with its
// stored annotations and suggestions, in a CorpusIndex. Built once at
// start-up (yielding to the event loop between documents, so requests are
// answered meanwhile), then kept current: open documents from the editor's
// text, the others from disk as the file watcher reports changes.
import { fileURLToPath, pathToFileURL } from 'url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CorpusIndex } from '../corpus/corpusIndex';
import { diskFiles, FileAccess } from '../node/fileAccess';
import { isAnnotationName, isTextName, textNameOf } from '../annotations/pairing';
import type { AnalysisService } from './analysisService';

function isCorpusText(uri: string): boolean {
  return uri.startsWith('file:') && isTextName(uri);
}

export interface IndexProgress {
  done: number;
  total: number;
}

export class WorkspaceIndex {
  readonly corpus = new CorpusIndex();
  private building: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly service: AnalysisService,
    private readonly openDocument: (uri: string) => TextDocument | undefined,
    private readonly onChange: () => void,
    private readonly files: FileAccess = diskFiles,
  ) {}


  /** Indexes every text under the roots; a second call while building waits for the first. */
  build(roots: readonly string[], progress?: (p: IndexProgress) => void, isCancelled?: () => boolean): Promise<void> {
    const generation = ++this.generation;
    this.building = (async () => {
      const files = this.files.textFilesUnder(roots);
      const seen = new Set<string>();
      for (let k = 0; k < files.length; k++) {
        if (isCancelled?.() || generation !== this.generation) return;
        const uri = pathToFileURL(files[k]).toString();
        seen.add(uri);
        this.indexFile(uri, files[k]);
        if (k % 25 === 24) {
          progress?.({ done: k + 1, total: files.length });
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      for (const uri of this.corpus.uris()) if (!seen.has(uri) && !this.openDocument(uri)) this.corpus.delete(uri);
      progress?.({ done: files.length, total: files.length });
      this.onChange();
    })();
    return this.building;
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
    if (open) this.documentChanged(open);
    else this.indexFile(textUri, file);
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
    if (open) {
      if (this.service.isAnnotatable(open)) this.corpus.set(uri, this.service.viewOf(open));
      return;
    }
    let text: string;
    try {
      // The editor shows a text without its byte-order mark; offsets must match what it shows.
      text = this.files.readStrict(file).replace(/^\uFEFF/, '');
    } catch {
      this.corpus.delete(uri);
      return;
    }
    const languageId = file.endsWith('.ar.txt') ? 'arabic-policy' : 'plaintext';
    if (!this.service.isAnnotatableText(text, languageId, uri)) {
      this.corpus.delete(uri);
      return;
    }
    this.corpus.set(uri, this.service.viewOfClosedFile(uri, text));
  }
}
