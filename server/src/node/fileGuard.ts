// The file-system guard every reader and writer of node/ goes through: only
// regular files are read (a FIFO, /dev/zero or a folder named X.ann would hang
// or crash), never more than a size limit, symlinks are followed only to
// where they stay inside the corpus (or the output), and names over the file
// system's limit are refused with a message instead of a raw ENAMETOOLONG.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inEnglish, reason, Reason } from '../messages/reason';

/** The largest file Iltizam reads (texts, .ann, annotation.conf, lexicons, imports). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** The longest name of one file or folder most file systems accept, in bytes. */
export const MAX_NAME_BYTES = 255;

export type RefusalReason = 'not-a-file' | 'too-large' | 'outside' | 'read-only' | 'name-too-long' | 'unreadable-link';

/** A file the guard will not read or write; the message says why. */
export class FileRefused extends Error {
  readonly code = 'EREFUSED';
  constructor(
    readonly file: string,
    readonly reason: RefusalReason,
    /** What is wrong with the file, translated where it is shown. */
    readonly detail: Reason,
  ) {
    super(`${file}: ${inEnglish(detail)}`);
  }
}

/** Refuses a path with a part longer than the file system allows. */
export function checkName(file: string): void {
  for (const part of path.resolve(file).split(path.sep)) {
    if (Buffer.byteLength(part) > MAX_NAME_BYTES) {
      throw new FileRefused(file, 'name-too-long', reason('the name "{0}…" is longer than {1} bytes, more than a file system accepts', part.slice(0, 40), MAX_NAME_BYTES));
    }
  }
}

const inside = (root: string, file: string) => {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Whether `file` (already resolved) is inside one of `roots` (their real paths too). */
export function isInside(file: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const resolved = path.resolve(root);
    let real = resolved;
    try {
      real = fs.realpathSync(resolved);
    } catch {
      /* a root that does not exist yet */
    }
    return inside(resolved, file) || inside(real, file);
  });
}

/**
 * The file's bytes, or undefined when it does not exist. Refuses what is not
 * a regular file, what is over the limit and, with `roots`, a link that
 * leads out of them. Opened without blocking, so that a FIFO cannot hang it.
 */
export function readGuarded(file: string, roots?: readonly string[], limit = MAX_FILE_BYTES): Buffer | undefined {
  checkName(file);
  if (roots?.length) {
    const real = realTarget(file);
    if (real === undefined) return undefined;
    if (!isInside(real, roots)) throw new FileRefused(file, 'outside', reason('is a link to {0}, outside the corpus; it is not read', real));
  }
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new FileRefused(file, 'unreadable-link', reason('is a symlink loop'));
    throw err;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FileRefused(file, 'not-a-file', reason('is not a regular file (a folder, a device or a pipe); it is not read'));
    if (stat.size > limit) throw new FileRefused(file, 'too-large', reason('is {0} bytes, over the limit of {1}; it is not read', stat.size, limit));
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** Where a path really is (links followed), or undefined when it (or its link's target) does not exist. */
export function realTarget(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A file not yet created: where its folder really is.
      if (fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) throw new FileRefused(file, 'unreadable-link', reason('is a dangling symlink'));
      try {
        return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
      } catch {
        return path.resolve(file);
      }
    }
    if (code === 'ELOOP') throw new FileRefused(file, 'unreadable-link', reason('is a symlink loop'));
    throw err;
  }
}

/**
 * The file a write of `file` must replace: the file itself, or the target of
 * a symlink when it stays inside `roots` (the link is kept, its target gets
 * the content). Refuses a target outside them, a read-only file and a
 * path that is not a regular file.
 */
export function writeTarget(file: string, roots?: readonly string[]): string {
  checkName(file);
  const target = realTarget(file) ?? path.resolve(file);
  if (roots?.length && !isInside(target, roots)) throw new FileRefused(file, 'outside', reason('leads to {0}, outside the corpus; it is not written', target));
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) throw new FileRefused(file, 'not-a-file', reason('is not a regular file; it is not written'));
  if (stat) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      throw new FileRefused(file, 'read-only', reason('is read-only; it is not written'));
    }
  }
  return target;
}
