// File handling shared by export, import and agreement: strict UTF-8 reading
// that says where a file stops being UTF-8, finding the documents of a corpus,
// and output that appears all at once or not at all.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A problem with one input: the file, the 1-based line when known, and what is wrong. */
export class FormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
  }
}

/** Thrown when the caller's cancellation check says stop; nothing is left written. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Progress of a long operation, for a terminal line or an editor's progress bar. */
export interface Progress {
  done: number;
  total: number;
  /** The document being worked on, when there is one. */
  document?: string;
}

/** What every long operation accepts from its caller (the CLI or a VS Code command). */
export interface RunControl {
  onProgress?: (progress: Progress) => void;
  /** Polled between documents; returning true stops the run and removes what it wrote. */
  isCancelled?: () => boolean;
}

/** Lets the event loop run (an editor's progress UI, a cancel click) between documents. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function checkCancelled(control: RunControl): void {
  if (control.isCancelled?.()) throw new CancelledError();
}

/**
 * Decodes UTF-8 strictly. A byte-order mark is kept as the character U+FEFF,
 * because brat counts it as one (offsets after it depend on that). On invalid
 * bytes, the error names the line they are on.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // The longest prefix that is valid so far (a streaming decoder accepts a
    // cut sequence at the end) ends where the first bad sequence starts.
    let good = 0;
    let bad = bytes.length;
    while (good < bad - 1) {
      const mid = (good + bad) >>> 1;
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), { stream: true });
        good = mid;
      } catch {
        bad = mid;
      }
    }
    // A lead byte whose sequence is cut short at `good` was held back by the
    // streaming decoder: the bad sequence starts at that lead byte.
    for (let k = 1; k <= 3 && good - k >= 0; k++) {
      const b = bytes[good - k];
      if ((b & 0xc0) !== 0xc0) {
        if ((b & 0xc0) !== 0x80) break;
        continue;
      }
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (length > k) good -= k;
      break;
    }
    let line = 1;
    for (let i = 0; i < good; i++) if (bytes[i] === 0x0a) line++;
    const hex = Array.from(bytes.subarray(good, Math.min(good + 4, bytes.length)), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new FormatError(file, line, `not valid UTF-8 (bytes ${hex} at byte offset ${good}); save the file as UTF-8`);
  }
}

export function readUtf8File(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new FormatError(file, undefined, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  return decodeUtf8(bytes, file);
}

/** A text of the corpus: its file and the name it is known by in exports (relative path without `.txt`, `/`-separated). */
export interface CorpusEntry {
  name: string;
  textFile: string;
  /** The sidecar `.ann` (X.txt → X.ann), whether or not it exists. */
  annFile: string;
}

export function annFileOf(textFile: string): string {
  return textFile.replace(/\.txt$/i, '') + '.ann';
}

/**
 * The texts under `paths` (files, or folders searched recursively, skipping
 * hidden folders, node_modules and `exclude`), in a stable order. A folder's
 * texts are named relative to it, a file by its base name.
 */
export function findCorpusTexts(paths: string[], exclude: string[] = []): CorpusEntry[] {
  const excluded = new Set(exclude.map((p) => path.resolve(p)));
  const entries: CorpusEntry[] = [];
  const byName = new Map<string, string>();
  const add = (textFile: string, name: string) => {
    const previous = byName.get(name);
    if (previous !== undefined && path.resolve(previous) !== path.resolve(textFile)) {
      throw new FormatError(textFile, undefined, `has the same document name "${name}" as ${previous}; export them separately`);
    }
    if (previous !== undefined) return;
    byName.set(name, textFile);
    entries.push({ name, textFile, annFile: annFileOf(textFile) });
  };
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new FormatError(p, undefined, 'no such file or folder');
    if (!stat.isDirectory()) {
      add(p, path.basename(p).replace(/\.txt$/i, ''));
      continue;
    }
    const walk = (dir: string) => {
      // An earlier export inside the corpus is not part of it (the folder given itself always is).
      if (dir !== p && excluded.has(path.resolve(dir))) return;
      for (const child of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (child.name.startsWith('.') || child.name === 'node_modules') continue;
        const full = path.join(dir, child.name);
        if (child.isDirectory()) walk(full);
        else if (/\.txt$/i.test(child.name)) add(full, path.relative(p, full).split(path.sep).join('/').replace(/\.txt$/i, ''));
      }
    };
    walk(p);
  }
  return entries;
}

/** The `.ann` files under a folder, named as `findCorpusTexts` names texts. */
export function findAnnFiles(dir: string): { name: string; annFile: string }[] {
  const found: { name: string; annFile: string }[] = [];
  const walk = (d: string) => {
    for (const child of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (child.name.startsWith('.') || child.name === 'node_modules') continue;
      const full = path.join(d, child.name);
      if (child.isDirectory()) walk(full);
      else if (/\.ann$/i.test(child.name)) found.push({ name: path.relative(dir, full).split(path.sep).join('/').replace(/\.ann$/i, ''), annFile: full });
    }
  };
  walk(dir);
  return found;
}

/**
 * A document name that stays inside the folder it is written to: relative,
 * `/`-separated, no `..`, no empty or hidden parts. Undefined when `name` is not one.
 */
export function safeDocumentName(name: string): string | undefined {
  const parts = name.replace(/\\/g, '/').replace(/\.txt$/i, '').split('/');
  if (!parts.length || parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.') || /[\x00-\x1f:*?"<>|]/.test(p))) return undefined;
  return parts.join('/');
}

/**
 * Files written into a folder all at once. Each file is first written to a
 * hidden staging folder inside the target (so that moving it is a rename on
 * the same file system); `commit` moves them all into place. If anything
 * fails before or during the commit, `rollback` removes every file and folder
 * this run created, leaving the target as it was (a file that existed before
 * and was already replaced stays replaced: its old content is gone).
 */
export class StagedOutput {
  private staging?: string;
  private readonly staged = new Map<string, string>();
  private readonly created: string[] = [];
  private readonly createdDirs: string[] = [];
  private done = false;

  constructor(readonly targetDir: string) {}

  /** Final paths of the files staged so far. */
  get files(): string[] {
    return [...this.staged.keys()].map((rel) => path.join(this.targetDir, rel));
  }

  private ensureDir(dir: string): void {
    const missing: string[] = [];
    for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
    for (const d of missing) {
      fs.mkdirSync(d);
      this.createdDirs.push(d);
    }
  }

  /** Stages `content` for `relativePath` (`/`-separated) under the target folder. */
  write(relativePath: string, content: string | Uint8Array): void {
    if (this.done) throw new Error('output already committed or rolled back');
    if (this.staged.has(relativePath)) throw new Error(`${relativePath} is written twice`);
    if (!this.staging) {
      this.ensureDir(this.targetDir);
      this.staging = fs.mkdtempSync(path.join(this.targetDir, '.iltizam-staging-'));
    }
    const file = path.join(this.staging, String(this.staged.size));
    fs.writeFileSync(file, content);
    this.staged.set(relativePath, file);
  }

  commit(): string[] {
    try {
      for (const [rel, file] of this.staged) {
        const final = path.join(this.targetDir, ...rel.split('/'));
        this.ensureDir(path.dirname(final));
        const existed = fs.existsSync(final);
        fs.renameSync(file, final);
        if (!existed) this.created.push(final);
      }
    } catch (err) {
      this.rollback();
      throw err;
    }
    this.removeStaging();
    this.done = true;
    return this.files;
  }

  rollback(): void {
    this.removeStaging();
    for (const file of this.created.reverse()) fs.rmSync(file, { force: true });
    for (const dir of this.createdDirs.reverse()) {
      try {
        fs.rmdirSync(dir);
      } catch {
        // Not empty: something else was put there meanwhile; leave it.
      }
    }
    this.done = true;
  }

  private removeStaging(): void {
    if (this.staging) fs.rmSync(this.staging, { recursive: true, force: true });
    this.staging = undefined;
  }
}
