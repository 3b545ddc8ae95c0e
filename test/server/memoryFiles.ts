// An in-memory workspace for the in-process tests of the server's services
// (the pattern of vscode-markdown-languageservice's InMemoryWorkspace): files
// are paths in a map, written whole, walked as the disk is walked.
import * as path from 'path';
import type { FileAccess } from '../../server/src/node/fileAccess';
import { SKIPPED_FOLDERS } from '../../server/src/node/files';
import { isTextName } from '../../server/src/annotations/pairing';
import { FormatError } from '../../server/src/interchange/formatError';
import { reason } from '../../server/src/messages/reason';

export class MemoryFiles implements FileAccess {
  readonly files = new Map<string, string>();
  /** Every write, in order: [file, content]. */
  readonly writes: [string, string][] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [file, content] of Object.entries(files)) this.files.set(file, content);
  }

  read(file: string): string | undefined {
    return this.files.get(file);
  }

  readStrict(file: string): string {
    const content = this.files.get(file);
    if (content === undefined) throw new FormatError(file, undefined, reason('no such file'));
    return content;
  }

  write(file: string, content: string): void {
    this.files.set(file, content);
    this.writes.push([file, content]);
  }

  replace(file: string, expected: string | undefined, content: string): boolean {
    this.beforeReplace?.(file);
    if (this.files.get(file) !== expected) return false;
    this.write(file, content);
    return true;
  }

  /** Runs just before each compare-and-swap: another writer, in the tests of concurrent writers. */
  beforeReplace?: (file: string) => void;

  remove(file: string): void {
    this.files.delete(file);
  }

  exists(file: string): boolean {
    return this.files.has(file);
  }

  startsWithBom(file: string): boolean {
    return this.files.get(file)?.startsWith('\uFEFF') ?? false;
  }

  textFilesUnder(roots: readonly string[]): string[] {
    const skipped = (part: string) => part.startsWith('.') || SKIPPED_FOLDERS.has(part);
    return [...this.files.keys()]
      .filter((file) => isTextName(file) && roots.some((root) => file.startsWith(root + '/') && !path.relative(root, path.dirname(file)).split('/').some((p) => p && skipped(p))))
      .sort();
  }

  findAnnotationConf(textFile: string, roots: string[]): string | undefined {
    const root = roots.filter((r) => textFile.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
    for (let dir = path.dirname(textFile); ; dir = path.dirname(dir)) {
      const conf = path.join(dir, 'annotation.conf');
      if (this.files.has(conf)) return conf;
      if (!root || dir === root || dir === path.dirname(dir)) return undefined;
    }
  }

  removeStaleTemporaries(): void {
    // An in-memory write is never interrupted.
  }
}
