// Go to Definition on an entity: the lexicon entry it comes from, in the
// workspace lexicon file that defines it or in the default lexicon shipped
// with the server.
import type { CancellationToken, Location } from 'vscode-languageserver';
import { pathToFileURL } from 'url';

/** The line and character range of `"id": "<id>"` in a lexicon file's text. */
export function entryRangeIn(text: string, id: string) {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`"id"\\s*:\\s*"${escaped}"`).exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const line = (before.match(/\n/g) ?? []).length;
  const character = match.index - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + match[0].length } };
}

export function definitionOf(kb: string | undefined, source: { file: string; text: string } | undefined, token: CancellationToken): Location | null {
  if (!kb || !source || token.isCancellationRequested) return null;
  const range = entryRangeIn(source.text, kb);
  return range ? { uri: pathToFileURL(source.file).toString(), range } : null;
}
