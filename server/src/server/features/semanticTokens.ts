// Semantic tokens: one token type per entity label, and the commitment cue
// (of a suggestion; a stored commitment records no cue). Stored annotations
// carry the `stored` modifier.
import { CancellationToken, Range, SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { entityLabels, commitmentLabel, tokenTypes } from '../../analysis/schema';
import type { ColouredView } from '../../annotations/view';
import { rangeIn } from './ranges';

/**
 * Where spans of a document are, taken in the order of their starts: the line
 * is found once per line, not twice per span (a 1 MB document has 15,000).
 */
class LineWalk {
  /** Where the last span placed is (placed): its line, the character it starts at, its length. */
  line = -1;
  character = 0;
  length = 0;
  private lineStart = 0;
  private nextLineStart = 0;

  constructor(private readonly doc: TextDocument) {}

  /** Places a span (line, character, length); false when it runs over a line break. */
  placed(start: number, end: number): boolean {
    if (start >= this.nextLineStart || start < this.lineStart) {
      this.line = this.doc.positionAt(start).line;
      this.lineStart = this.doc.offsetAt({ line: this.line, character: 0 });
      this.nextLineStart = this.line + 1 < this.doc.lineCount ? this.doc.offsetAt({ line: this.line + 1, character: 0 }) : Infinity;
    }
    // Well inside its line: no line-break character before its start or its end to step back over.
    if (end < this.nextLineStart - 2) {
      this.character = start - this.lineStart;
      this.length = end - start;
      return true;
    }
    const { start: p, end: q } = rangeIn(this.doc, { start, end });
    this.character = p.character;
    this.length = q.character - p.character;
    return p.line === q.line && p.line === this.line;
  }
}

export const tokenModifiers = ['lexicon', 'rule', 'negated', 'stored'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

const typeIndex = new Map<string, number>(entityLabels.map((l, i) => [l.name, i]));
const commitmentType = tokenTypes.indexOf(commitmentLabel.tokenType);

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

function sortedByStart<T extends { start: number }>(items: readonly T[]): readonly T[] {
  for (let k = 1; k < items.length; k++) if (items[k].start < items[k - 1].start) return [...items].sort(byStart);
  return items;
}

export function semanticTokensOf(doc: TextDocument, analysis: ColouredView, range: Range | undefined, token: CancellationToken): SemanticTokens | null {
  const from = range ? doc.offsetAt(range.start) : 0;
  const to = range ? doc.offsetAt(range.end) : Infinity;
  const cues: { start: number; end: number; modifiers: number }[] = [];
  for (const c of analysis.commitments) {
    if (!c.cue || c.cue.end <= from || c.cue.start >= to) continue;
    cues.push({ start: c.cue.start, end: c.cue.end, modifiers: c.negated ? 4 : 0 });
  }
  cues.sort(byStart);
  // The entities (sorted by start in a view) and the cues merged in the order of their starts, an entity first at the same
  // start; no list of all spans is made (the tokens of a 1 MB document are asked for after every edit).
  const entities = sortedByStart(analysis.entities);
  const builder = new SemanticTokensBuilder();
  const lines = new LineWalk(doc);
  let lastEnd = -1;
  for (let i = 0, j = 0; i < entities.length || j < cues.length; ) {
    if (token.isCancellationRequested) return null;
    let start: number, end: number, type: number, modifiers: number;
    if (i < entities.length && (j === cues.length || entities[i].start <= cues[j].start)) {
      const e = entities[i++];
      const entityType = typeIndex.get(e.label);
      if (e.end <= from || e.start >= to || entityType === undefined) continue;
      ({ start, end } = e);
      type = entityType;
      modifiers = e.status === 'suggested' ? (e.source === 'lexicon' ? 1 : 2) : 8;
    } else {
      const c = cues[j++];
      ({ start, end, modifiers } = c);
      type = commitmentType;
    }
    if (start < lastEnd) continue; // semantic tokens may not overlap
    if (!lines.placed(start, end)) continue;
    builder.push(lines.line, lines.character, lines.length, type, modifiers);
    lastEnd = end;
  }
  return builder.build();
}
