// What the server's services read and write of a workspace, as one interface
// (the pattern of vscode-markdown-languageservice's IWorkspace): the disk here,
// an in-memory workspace in the in-process tests (test/server/memoryFiles.ts).
import { readIfExists, removeStaleTemporaries, replaceIfUnchanged, startsWithBom, writeFileAtomic } from './annotationFiles';
import { ensureFolder, fileExists, filesUnder, readUtf8File, removeFile } from './files';
import { findAnnotationConf } from './workspaceFiles';
import { watchFolder } from './folderWatch';
import { isTextName } from '../annotations/pairing';
import * as path from 'node:path';

export interface FileAccess {
  /** The file's text (a byte-order mark kept as U+FEFF); undefined when it does not exist; throws when it cannot be read. */
  read(file: string): string | undefined;
  /** The file's text, strictly UTF-8 (a FormatError naming the line otherwise, or when it does not exist). */
  readStrict(file: string): string;
  /** Writes the whole file at once: the old content or the new one, never a torn one. Its folder must exist unless `createFolder`. */
  write(file: string, content: string, createFolder?: boolean): void;
  /**
   * Compare-and-swap: writes the whole file only if it still holds `expected`
   * (undefined: it does not exist); false when someone else changed it. A
   * symlink is written through to its target inside `roots`; a read-only file
   * or a link leading out of them is refused (node/fileGuard.ts FileRefused).
   */
  replace(file: string, expected: string | undefined, content: string, roots?: readonly string[]): boolean;
  exists(file: string): boolean;
  /** Deletes the file; nothing when it does not exist. */
  remove(file: string): void;
  /** Whether the file starts with a UTF-8 byte-order mark (false when it cannot be read). */
  startsWithBom(file: string): boolean;
  /** The texts (.txt) under the folders, in a stable order (the corpus walker's skip list). */
  textFilesUnder(roots: readonly string[]): string[];
  /** The annotation.conf that applies to a text (see node/workspaceFiles.ts). */
  findAnnotationConf(textFile: string, roots: string[]): string | undefined;
  /** Removes what an interrupted atomic write of this file left behind. */
  removeStaleTemporaries(file: string): void;
  /** Follows a folder's entries (node/folderWatch.ts): a stop function, or undefined when it cannot be watched. */
  watchFolder?(folder: string, changed: (file: string) => void): (() => void) | undefined;
}

export const diskFiles: FileAccess = {
  read: readIfExists,
  readStrict: readUtf8File,
  write(file, content, createFolder) {
    if (createFolder) ensureFolder(path.dirname(file));
    writeFileAtomic(file, content);
  },
  replace: replaceIfUnchanged,
  exists: fileExists,
  remove: removeFile,
  startsWithBom,
  textFilesUnder: (roots) => roots.flatMap((root) => filesUnder(root, isTextName)).sort(),
  findAnnotationConf,
  removeStaleTemporaries,
  watchFolder,
};
