// Find All References on an entity: its mentions in every document of the
// corpus (the same lexicon entry, or the same label and normalised form).
import type { CancellationToken, Location, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CorpusIndex } from '../../corpus/corpusIndex';
import { rangeOfLocation } from './ranges';

export function referencesAt(index: CorpusIndex, doc: TextDocument, position: Position, token: CancellationToken): Location[] | null {
  if (token.isCancellationRequested) return null;
  const entity = index.entityAt(doc.uri, doc.offsetAt(position));
  if (!entity) return null;
  return index.mentionsOf(entity.key).map((m) => ({ uri: m.uri, range: rangeOfLocation(m) }));
}
