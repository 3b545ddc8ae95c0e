// Semantic tokens: one token type per entity label, and the commitment cue
// (of a suggestion; a stored commitment records no cue). Stored annotations
// carry the `stored` modifier.
import { CancellationToken, Range, SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { entityLabels, commitmentLabel, tokenTypes } from '../../analysis/schema';
import type { ColouredView } from '../../annotations/view';
import { rangeIn } from './ranges';

export const tokenModifiers = ['lexicon', 'rule', 'negated', 'stored'] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

const typeIndex = new Map<string, number>(entityLabels.map((l, i) => [l.name, i]));
const commitmentType = tokenTypes.indexOf(commitmentLabel.tokenType);

export function semanticTokensOf(doc: TextDocument, analysis: ColouredView, range: Range | undefined, token: CancellationToken): SemanticTokens | null {
  const from = range ? doc.offsetAt(range.start) : 0;
  const to = range ? doc.offsetAt(range.end) : Infinity;
  const spans: { start: number; end: number; type: number; modifiers: number }[] = [];
  for (const e of analysis.entities) {
    if (e.end <= from || e.start >= to) continue;
    const type = typeIndex.get(e.label);
    const modifiers = e.status === 'suggested' ? (e.source === 'lexicon' ? 1 : 2) : 8;
    if (type !== undefined) spans.push({ start: e.start, end: e.end, type, modifiers });
  }
  for (const c of analysis.commitments) {
    if (!c.cue || c.cue.end <= from || c.cue.start >= to) continue;
    spans.push({ start: c.cue.start, end: c.cue.end, type: commitmentType, modifiers: c.negated ? 4 : 0 });
  }
  spans.sort((a, b) => a.start - b.start);
  const builder = new SemanticTokensBuilder();
  let lastEnd = -1;
  for (const s of spans) {
    if (token.isCancellationRequested) return null;
    if (s.start < lastEnd) continue; // semantic tokens may not overlap
    const { start: p, end: q } = rangeIn(doc, s);
    if (p.line !== q.line) continue;
    builder.push(p.line, p.character, q.character - p.character, s.type, s.modifiers);
    lastEnd = s.end;
  }
  return builder.build();
}
