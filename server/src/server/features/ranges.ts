// Offsets (UTF-16, of the document's text) to the editor's ranges, in one
// place for every feature.
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexedLocation } from '../../corpus/corpusIndex';

/** The range of [start, end) in an open document. */
export function rangeIn(doc: TextDocument, span: { start: number; end: number }): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

/** The range of a place in the workspace index (lines and characters computed when it was indexed). */
export function rangeOfLocation(l: IndexedLocation): Range {
  return { start: { line: l.startLine, character: l.startCharacter }, end: { line: l.endLine, character: l.endCharacter } };
}
