// Where a corpus keeps its own files, found the same way by the editor (the
// server's stores and lexicon), the command line and the export: the
// annotation.conf that applies to a text, and the workspace lexicon files.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a workspace lexicon is, relative to its workspace folder, unless the setting `iltizam.lexicon.paths` says otherwise. */
export const WORKSPACE_LEXICON = '.iltizam/lexicon.json';

/**
 * The folders from `dir` upwards: up to the root that holds it, the deepest
 * one when several do (only `dir` itself when none does); every folder up
 * to the file system's root when `roots` is undefined.
 */
function foldersUpFrom(dir: string, roots: string[] | undefined): string[] {
  let current = path.resolve(dir);
  const root = roots
    ? roots.map((r) => path.resolve(r)).filter((r) => current === r || current.startsWith(r.endsWith(path.sep) ? r : r + path.sep)).sort((a, b) => b.length - a.length)[0]
    : path.parse(current).root;
  const folders = [current];
  while (root && current !== root) {
    const parent = path.dirname(current);
    if (parent === current) break;
    folders.push((current = parent));
  }
  return folders;
}

/**
 * The annotation.conf that applies to a text: in its folder or the nearest
 * folder above it, as brat looks for it, without leaving the workspace folder
 * (of `roots`) that holds the text (only the text's own folder when none
 * does). Without `roots` (the command line), up to the file system's root.
 */
export function findAnnotationConf(textFile: string, roots?: string[]): string | undefined {
  for (const dir of foldersUpFrom(path.dirname(path.resolve(textFile)), roots)) {
    const candidate = path.join(dir, 'annotation.conf');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The workspace lexicon files the editor loads: each of `lexiconPaths` in each workspace folder, those that exist, in that order. */
export function workspaceLexiconFiles(roots: string[], lexiconPaths: string[] = [WORKSPACE_LEXICON]): string[] {
  return allLexiconFiles(roots, lexiconPaths).filter((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
}

/** Each of `lexiconPaths` resolved in each workspace folder, whether or not it exists (the files the server watches). */
export function allLexiconFiles(roots: string[], lexiconPaths: string[] = [WORKSPACE_LEXICON]): string[] {
  return [...new Set(roots.flatMap((root) => lexiconPaths.map((p) => path.resolve(root, p))))];
}

/**
 * The workspace lexicon of a corpus outside an editor: the nearest
 * `.iltizam/lexicon.json` in the folder of each path (a folder, or a text's
 * folder) or a folder above it (bounded by `roots` as annotation.conf is),
 * each file once, in the order of `paths`.
 */
export function findWorkspaceLexicons(paths: string[], roots?: string[]): string[] {
  const found = new Set<string>();
  for (const p of paths) {
    const start = fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ? p : path.dirname(path.resolve(p));
    for (const dir of foldersUpFrom(start, roots)) {
      const candidate = path.join(dir, ...WORKSPACE_LEXICON.split('/'));
      if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
        found.add(candidate);
        break;
      }
    }
  }
  return [...found];
}

/** The default lexicon as shipped beside the bundled server (dist/ → server/data/), or the repository's, for Go to Definition. */
export function defaultLexiconFile(): string | undefined {
  const candidates = [path.join(__dirname, '..', 'server', 'data', 'lexicon.json'), path.join(__dirname, '..', '..', '..', '..', 'server', 'data', 'lexicon.json')];
  return candidates.find((f) => fs.existsSync(f));
}
