// Each document's review status (not started, in progress, reviewed), kept in
// `.iltizam/review.json` in its workspace folder: a file brat ignores (it
// hides dot-folders), so a corpus stays a valid brat corpus. Paths in the
// file are relative to the folder, so the corpus can move.
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { diskFiles, FileAccess } from '../node/fileAccess';
import { ReviewEntry, ReviewState, reviewStates } from '../protocol/messages';

interface ReviewFile {
  version: 1;
  documents: Record<string, ReviewEntry>;
}

export const REVIEW_FILE = path.join('.iltizam', 'review.json');

export class ReviewFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export class ReviewStatuses {
  /** Parsed files by path; a file that could not be parsed is kept as its error, and never overwritten. */
  private readonly files = new Map<string, ReviewFile | ReviewFileError>();

  constructor(
    private readonly roots: () => string[],
    private readonly disk: FileAccess = diskFiles,
  ) {}

  /** The workspace folder a document belongs to (the deepest that contains it). */
  private rootOf(file: string): string | undefined {
    return this.roots()
      .filter((r) => file === r || file.startsWith(r.endsWith(path.sep) ? r : r + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  private load(root: string): ReviewFile | ReviewFileError {
    const file = path.join(root, REVIEW_FILE);
    const cached = this.files.get(file);
    if (cached) return cached;
    let parsed: ReviewFile | ReviewFileError;
    try {
      const source = this.disk.read(file);
      if (source === undefined) {
        parsed = { version: 1, documents: {} };
        this.files.set(file, parsed);
        return parsed;
      }
      const json = JSON.parse(source) as Partial<ReviewFile>;
      if (!json || typeof json !== 'object' || typeof json.documents !== 'object' || json.documents === null) throw new Error('expected {"version": 1, "documents": {…}}');
      // Keyed by paths from the file: no prototype, so a document named "__proto__" is a document.
      const documents: Record<string, ReviewEntry> = Object.create(null);
      for (const [doc, entry] of Object.entries(json.documents)) {
        if (entry && reviewStates.includes(entry.status as ReviewState)) documents[doc] = entry;
      }
      parsed = { version: 1, documents };
    } catch (err) {
      parsed = new ReviewFileError(file, (err as Error).message);
    }
    this.files.set(file, parsed);
    return parsed;
  }

  private keyOf(uri: string): { root: string; key: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const file = fileURLToPath(uri);
    const root = this.rootOf(file);
    return root ? { root, key: path.relative(root, file).split(path.sep).join('/') } : undefined;
  }

  get(uri: string): ReviewEntry {
    const where = this.keyOf(uri);
    const loaded = where && this.load(where.root);
    if (!where || !loaded || loaded instanceof ReviewFileError) return { status: 'not-started' };
    return loaded.documents[where.key] ?? { status: 'not-started' };
  }

  /** Every document with a status other than not started, by URI. */
  all(): Record<string, ReviewEntry> {
    const out: Record<string, ReviewEntry> = {};
    for (const root of this.roots()) {
      const loaded = this.load(root);
      if (loaded instanceof ReviewFileError) continue;
      for (const [key, entry] of Object.entries(loaded.documents)) out[pathToFileURL(path.join(root, ...key.split('/'))).toString()] = entry;
    }
    return out;
  }

  /** Files that could not be read, to report. */
  errors(): ReviewFileError[] {
    return this.roots().map((r) => this.load(r)).filter((f): f is ReviewFileError => f instanceof ReviewFileError);
  }

  /**
   * Records a status, written at once (atomically, compare-and-swap on the
   * file as read: a change by someone else meanwhile is read and the status
   * set on it). Only this document's entry changes: unknown fields and
   * entries are kept. Refuses to overwrite a file it could not parse.
   */
  set(uri: string, status: ReviewState, decision: { by: string; at: string }): void {
    const where = this.keyOf(uri);
    if (!where) throw new Error(`${uri} is not in a workspace folder`);
    const file = path.join(where.root, REVIEW_FILE);
    for (let attempt = 0; attempt < 20; attempt++) {
      this.files.delete(file); // read what is on disk now: someone else may have changed it
      const loaded = this.load(where.root);
      if (loaded instanceof ReviewFileError) throw loaded;
      const source = this.disk.read(file);
      const raw = (source === undefined ? { version: 1, documents: {} } : JSON.parse(source)) as { documents: Record<string, unknown> };
      const documents = { ...raw.documents };
      if (status === 'not-started') delete documents[where.key];
      else documents[where.key] = { ...(documents[where.key] as object), status, by: decision.by, at: decision.at };
      const next = { ...raw, documents: Object.fromEntries(Object.entries(documents).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
      if (this.disk.replace(file, source, JSON.stringify(next, null, 2) + '\n', this.roots())) {
        this.files.delete(file);
        return;
      }
    }
    throw new ReviewFileError(file, 'it keeps being changed by another program; try again');
  }

  /** The review file changed on disk: read it again when next asked. */
  fileChanged(file: string): boolean {
    return this.files.delete(file);
  }
}
