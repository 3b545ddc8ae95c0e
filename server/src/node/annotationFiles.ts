// Reading and writing the files beside a text: its .ann, the corpus's
// annotation.conf. Writes are atomic: the content goes to a temporary file in
// the same folder, is flushed to disk, and replaces the old file by a rename,
// so that a crash or a kill leaves the old file or the new one, never a torn one.
import * as fs from 'fs';
import * as path from 'path';
import { decodeLossless, encodeLossless } from '../annotations/lossless';
import { readGuarded, writeTarget } from './fileGuard';

/**
 * The file's text (a byte-order mark kept as U+FEFF), or undefined when it
 * does not exist; bytes that are not UTF-8 kept (annotations/lossless.ts), so
 * that writing the text back writes them back. Read through the guard.
 */
export function readIfExists(file: string, roots?: readonly string[]): string | undefined {
  const bytes = readGuarded(file, roots);
  return bytes && decodeLossless(bytes);
}

/** Whether the file starts with a UTF-8 byte-order mark (false when it cannot be read). */
export function startsWithBom(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(3);
    const n = fs.readSync(fd, head, 0, 3, 0);
    return n === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

let tempCounter = 0;
const TEMP_SUFFIX = '.iltizam-tmp';

function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tempCounter++}${TEMP_SUFFIX}`);
}

/** Replaces `file` with `content` atomically (see the file comment); keeps the old file's permissions. */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  const temp = tempNameFor(file);
  let mode = 0o666;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    /* a new file */
  }
  try {
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.writeFileSync(fd, encodeLossless(content));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  // Make the rename itself durable; folders cannot be opened for this on Windows.
  try {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    /* best effort */
  }
}

const LOCK_SUFFIX = '.iltizam-lock';
/** How long a lock may be held before it is taken as left by a writer that hung. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the lock beside `file` (an exclusive create), waiting for another holder; returns its release. */
function lock(file: string): () => void {
  const lockFile = path.join(path.dirname(file), `.${path.basename(file)}${LOCK_SUFFIX}`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = NaN;
    let age = 0;
    try {
      holder = Number(fs.readFileSync(lockFile, 'utf8') || NaN);
      age = Date.now() - fs.statSync(lockFile).mtimeMs;
    } catch {
      continue; // released meanwhile: try again at once
    }
    // A lock whose writer died, or hung far longer than a write takes, is broken.
    if ((Number.isInteger(holder) && holder !== process.pid && !isRunning(holder)) || age > STALE_LOCK_MS) fs.rmSync(lockFile, { force: true });
    else if (Date.now() > deadline) throw Object.assign(new Error(`${file} is locked by process ${holder}`), { code: 'EBUSY' });
    else sleep(2);
  }
}

/**
 * Compare-and-swap of a whole file: writes `content` only if the file still
 * holds `expected` (undefined: it does not exist), and says whether it did.
 * Iltizam's writers take a lock beside the file for the compare and the swap,
 * so two servers (or a server and the CLI) never lose each other's work; a
 * program that takes no lock (a script appending) loses nothing either unless
 * it writes in the instant between the compare and the rename. A symlink is
 * written through to its target inside `roots`; a read-only file, a link
 * out of them or a file that is not a regular one is refused (FileRefused).
 */
export function replaceIfUnchanged(file: string, expected: string | undefined, content: string, roots?: readonly string[]): boolean {
  if (expected === undefined) fs.mkdirSync(path.dirname(file), { recursive: true });
  const target = writeTarget(file, roots);
  const release = lock(target);
  try {
    if (readIfExists(target) !== expected) return false;
    writeFileAtomic(target, content);
    return true;
  } finally {
    release();
  }
}

/** Removes temporary files a killed writer left beside `file` (those of processes still running are left alone). */
/**
 * Folders this process has cleaned, with their modification time then: a
 * folder of 2,000 texts is listed once, not once per text, and again only
 * after something in it was created, renamed or removed.
 */
const cleanedFolders = new Map<string, number>();

export function removeStaleTemporaries(file: string): void {
  const dir = path.dirname(file);
  let names: string[];
  try {
    const modified = fs.statSync(dir).mtimeMs;
    if (cleanedFolders.get(dir) === modified) return;
    names = fs.readdirSync(dir);
    cleanedFolders.set(dir, modified);
  } catch {
    return;
  }
  for (const name of names) {
    // .<name>.<pid>.<n><suffix>, left by a writer that died before its rename.
    if (!name.startsWith('.') || !name.endsWith(TEMP_SUFFIX)) continue;
    const parts = name.slice(0, -TEMP_SUFFIX.length).split('.');
    const pid = Number(parts[parts.length - 2]);
    if (pid === process.pid || !Number.isInteger(pid) || isRunning(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Found as the command line and the export find it: see core/workspaceFiles.ts. */
