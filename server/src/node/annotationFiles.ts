// Reading and writing the files beside a text: its .ann, the corpus's
// annotation.conf. Writes are atomic: the content goes to a temporary file in
// the same folder, is flushed to disk, and replaces the old file by a rename,
// so that a crash or a kill leaves the old file or the new one, never a torn one.
import * as fs from 'fs';
import * as path from 'path';

/** The file's text (a byte-order mark kept as U+FEFF), or undefined when it does not exist. */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
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
      fs.writeFileSync(fd, content, 'utf8');
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
