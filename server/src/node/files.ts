// File handling shared by export, import and agreement: strict UTF-8 reading,
// finding the documents of a corpus, and output that appears all at once or
// not at all.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeUtf8, FormatError } from '../interchange/formatError';
import { reason } from '../messages/reason';
import { annotationNameOf, documentNameOf, isAnnotationName, isTextName } from '../annotations/pairing';
import { checkName, FileRefused, isInside, readGuarded } from './fileGuard';

export function fileExists(file: string): boolean {
  return fs.existsSync(file);
}

/** Deletes a file; nothing when it is not there. */
export function removeFile(file: string): void {
  fs.rmSync(file, { force: true });
}

/** The file's text (UTF-8, leniently); throws as fs does (ENOENT when it does not exist). */
export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** The file's text, or `fallback` when it cannot be read. */
export function readTextOr<T>(file: string, fallback: T): string | T {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

export function ensureFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
}

/** Who is logged in, for the decisions' `by` when no annotator is set. */
export function loginName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * The file's bytes through the guard (node/fileGuard.ts): a regular file
 * within the size limit, and with `roots` not a link leading out of them;
 * a FormatError naming the file otherwise.
 */
export function readBytes(file: string, roots?: readonly string[]): Buffer {
  let bytes: Buffer | undefined;
  try {
    bytes = readGuarded(file, roots);
  } catch (err) {
    throw new FormatError(file, undefined, err instanceof FileRefused ? err.detail : reason('{0}', (err as Error).message));
  }
  if (!bytes) throw new FormatError(file, undefined, reason('no such file'));
  return bytes;
}

export function readUtf8File(file: string, roots?: readonly string[]): string {
  return decodeUtf8(readBytes(file, roots), file);
}

/** A text of the corpus: its file and the name it is known by in exports (relative path without `.txt`, `/`-separated). */
export interface CorpusEntry {
  name: string;
  textFile: string;
  /** The sidecar `.ann` (X.txt → X.ann), whether or not it exists. */
  annFile: string;
}

/**
 * The folders no walk of a corpus enters, whoever walks it (the index, the
 * CLI, export, import, agreement): hidden ones (.git, .iltizam, .vscode) and
 * those of tools. A folder given explicitly is always searched.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'out', 'dist', 'test-results']);

const skipped = (name: string) => name.startsWith('.') || SKIPPED_FOLDERS.has(name);
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The files under `dir` whose name `wanted` accepts, in a stable order, the
 * one corpus walker: skipped folders are not entered, nor those `exclude`
 * names (below `dir`); a folder that cannot be read is passed over.
 */
export function filesUnder(dir: string, wanted: (name: string) => boolean, exclude: readonly string[] = [], warn: (message: string) => void = () => undefined): string[] {
  const excluded = new Set(exclude.flatMap((p) => [path.resolve(p), realOr(p)]));
  const out: string[] = [];
  const visited = new Set<string>();
  const walk = (d: string) => {
    if (d !== dir && (excluded.has(path.resolve(d)) || excluded.has(realOr(d)))) return;
    // A folder reached twice through links (a loop) is walked once.
    const real = realOr(d);
    if (visited.has(real)) return;
    visited.add(real);
    let children: fs.Dirent[];
    try {
      children = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const child of children.sort(byName)) {
      if (skipped(child.name)) continue;
      const full = path.join(d, child.name);
      const kind = child.isSymbolicLink() ? linkKind(full, dir, warn) : child.isDirectory() ? 'folder' : child.isFile() ? 'file' : undefined;
      if (kind === 'folder') walk(full);
      else if (kind === 'file' && wanted(child.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** What a symlink met in a walk of `root` leads to: followed only inside the root; a loop, a dangling link or one leading out is skipped with a warning. */
function linkKind(link: string, root: string, warn: (message: string) => void): 'file' | 'folder' | undefined {
  let target: string;
  try {
    target = fs.realpathSync(link);
  } catch (err) {
    warn(`${link}: skipped, ${(err as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symlink loop' : 'a dangling symlink'}`);
    return undefined;
  }
  if (!isInside(target, [root])) {
    warn(`${link}: skipped, a symlink to ${target}, outside the corpus`);
    return undefined;
  }
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  return stat?.isDirectory() ? 'folder' : stat?.isFile() ? 'file' : undefined;
}

/** The .txt files of the given paths (a file as it is, a folder walked), and the paths that do not exist. */
export function textFilesOf(paths: readonly string[], warn?: (message: string) => void): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(p, { throwIfNoEntry: false });
    } catch (err) {
      warn?.(`${p}: skipped, ${(err as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symlink loop' : (err as Error).message}`);
      continue;
    }
    if (!stat) missing.push(p);
    else if (stat.isDirectory()) files.push(...filesUnder(p, isTextName, [], warn));
    else files.push(p);
  }
  return { files, missing };
}

/** `file` relative to `dir`, `/`-separated, without its .txt or .ann: how a corpus names a document. */
const documentNameIn = (dir: string, file: string) => documentNameOf(path.relative(dir, file).split(path.sep).join('/'));

/**
 * The texts under `paths` (files, or folders searched recursively, skipping
 * SKIPPED_FOLDERS and `exclude`), in a stable order. A folder's
 * texts are named relative to it, a file by its base name.
 */
export function findCorpusTexts(paths: string[], exclude: string[] = []): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  const byName = new Map<string, string>();
  const add = (textFile: string, name: string) => {
    const previous = byName.get(name);
    if (previous !== undefined && path.resolve(previous) !== path.resolve(textFile)) {
      throw new FormatError(textFile, undefined, reason('has the same document name "{0}" as {1}; export them separately', name, previous));
    }
    if (previous !== undefined) return;
    byName.set(name, textFile);
    entries.push({ name, textFile, annFile: annotationNameOf(textFile) });
  };
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new FormatError(p, undefined, reason('no such file or folder'));
    if (!stat.isDirectory()) {
      add(p, documentNameOf(path.basename(p)));
      continue;
    }
    // An earlier export inside the corpus is not part of it (the folder given itself always is).
    for (const file of filesUnder(p, isTextName, exclude)) add(file, documentNameIn(p, file));
  }
  return entries;
}

/** The `.ann` files under a folder, named as `findCorpusTexts` names texts. */
export function findAnnFiles(dir: string): { name: string; annFile: string }[] {
  return filesUnder(dir, isAnnotationName).map((annFile) => ({ name: documentNameIn(dir, annFile), annFile }));
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

  /** Refuses a file that would land outside the target folder (through a symlinked folder in it, or `..`). */
  private checkInside(relativePath: string): void {
    const final = path.resolve(this.targetDir, ...relativePath.split('/'));
    checkName(final);
    let existing = path.dirname(final);
    while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
    // The nearest folder that exists: if it is the target or inside it, it must really be there (no link out).
    const linkedOut = isInside(existing, [this.targetDir]) && !isInside(realOr(existing), [this.targetDir]);
    if (!isInside(final, [this.targetDir]) || linkedOut) {
      throw new FormatError(final, undefined, reason('would be written outside {0} (through a symlink); nothing was written', this.targetDir));
    }
  }

  /** Stages `content` for `relativePath` (`/`-separated) under the target folder. */
  write(relativePath: string, content: string | Uint8Array): void {
    if (this.done) throw new Error('output already committed or rolled back');
    this.checkInside(relativePath);
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
