// For a client that cannot register workspace/didChangeWatchedFiles (Neovim
// before 0.10, Helix, Vim's ALE): the server follows what it needs on disk
// itself, through FileAccess.watchFolder, and hands the changes to the same
// handler as the client's events (watchedFiles.ts). What it needs: the folder
// of each open document and those above it up to its workspace folder (its
// .ann, the annotation.conf that applies), each workspace folder and its
// .iltizam (review statuses, the lexicon), and the lexicon files' folders.
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { FileChangeType, FileEvent } from 'vscode-languageserver';
import { annotationNameOf } from '../annotations/pairing';
import type { ServerContext } from './context';
import { REVIEW_FILE } from './reviewStatuses';

/** A write is often several events (create, change, rename): they are handed on as one batch after this pause. */
const BATCH_MS = 100;

export class FallbackWatching {
  private readonly watched = new Map<string, () => void>();
  private readonly pending = new Set<string>();
  private active = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly filesChanged: (changes: FileEvent[]) => void,
  ) {
    ctx.documents.onDidOpen(() => this.update());
    ctx.documents.onDidClose(() => this.update());
  }

  /** Starts watching (initialized, when the client said it cannot). */
  start(): void {
    this.active = true;
    this.update();
  }

  /**
   * Watches the folders needed now (documents opened or closed, other settings, a folder created), and no others.
   * `announce`: a folder that has just appeared may hold files written before its watcher began (a lexicon
   * written just after its .iltizam was made): those the server reads are taken as changed.
   */
  update(announce = false): void {
    if (!this.active || !this.ctx.files.watchFolder) return;
    const wanted = this.folders();
    for (const [folder, stop] of this.watched) {
      if (wanted.has(folder)) continue;
      stop();
      this.watched.delete(folder);
    }
    for (const folder of wanted) {
      if (this.watched.has(folder)) continue;
      const stop = this.ctx.files.watchFolder(folder, (file) => this.changed(file));
      if (!stop) continue;
      this.watched.set(folder, stop);
      if (announce) for (const file of this.filesReadIn(folder)) if (this.ctx.files.exists(file)) this.changed(file);
    }
  }

  /** The files of a folder the server reads: lexicon files, annotation.conf, review statuses, open documents' .ann. */
  private filesReadIn(folder: string): string[] {
    const { ctx } = this;
    const open = ctx.documents.all().filter((d) => d.uri.startsWith('file:')).map((d) => fileURLToPath(annotationNameOf(d.uri)));
    return [...ctx.lexiconFiles(), ...open, path.join(folder, 'annotation.conf'), path.join(path.dirname(folder), REVIEW_FILE)].filter((f) => path.dirname(f) === folder);
  }

  stop(): void {
    this.active = false;
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
  }

  private changed(file: string): void {
    this.pending.add(file);
    this.ctx.timers.schedule('fallback-watching', BATCH_MS, () => {
      const changes = [...this.pending].map((f): FileEvent => ({ uri: pathToFileURL(f).toString(), type: this.ctx.files.exists(f) ? FileChangeType.Changed : FileChangeType.Deleted }));
      this.pending.clear();
      this.filesChanged(changes);
      this.update(true); // a folder it needs may have appeared (a new .iltizam)
    });
  }

  private folders(): Set<string> {
    const { ctx } = this;
    const roots = ctx.workspaceRoots;
    const folders = new Set<string>(roots.flatMap((root) => [root, path.join(root, '.iltizam')]));
    for (const doc of ctx.documents.all()) {
      if (!doc.uri.startsWith('file:')) continue;
      let folder = path.dirname(fileURLToPath(doc.uri));
      const root = roots.find((r) => folder === r || folder.startsWith(r + path.sep));
      folders.add(folder);
      while (root && folder !== root && path.dirname(folder) !== folder) folders.add((folder = path.dirname(folder)));
    }
    for (const file of ctx.lexiconFiles()) folders.add(path.dirname(file));
    return folders;
  }
}
