// Active learning: the suggestions no decision covers, least confident first,
// so that an annotator's next decision is where the analysis is least sure
// (and teaches the tagger most). Commitments carry no confidence: they come
// after the entities. Ties go by document, then position.
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commitmentLabel } from '../../analysis/schema';
import type { CorpusIndex } from '../../corpus/corpusIndex';
import type { AnnotatedView } from '../../annotations/view';
import type { OrderedSuggestion } from '../../protocol/messages';
import { rangeIn, rangeOfLocation } from './ranges';

type Ordered = OrderedSuggestion & { start: number };

function leastSureFirst(items: Ordered[]): OrderedSuggestion[] {
  const sureness = (s: Ordered) => s.confidence ?? Number.POSITIVE_INFINITY;
  items.sort((a, b) => sureness(a) - sureness(b) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.start - b.start);
  return items.map(({ start: _start, ...s }) => s);
}

export function documentSuggestionOrder(doc: TextDocument, view: AnnotatedView, token: CancellationToken): OrderedSuggestion[] | null {
  const items: Ordered[] = [];
  for (const e of view.entities) {
    if (e.status === 'suggested') items.push({ uri: doc.uri, range: rangeIn(doc, e), label: e.label, text: e.text, start: e.start, ...(e.confidence !== undefined ? { confidence: e.confidence } : {}) });
  }
  for (const c of view.commitments) if (c.status === 'suggested') items.push({ uri: doc.uri, range: rangeIn(doc, c), label: commitmentLabel.name, text: c.text, start: c.start });
  return token.isCancellationRequested ? null : leastSureFirst(items);
}

export function corpusSuggestionOrder(index: CorpusIndex, token: CancellationToken): OrderedSuggestion[] | null {
  const items: Ordered[] = [];
  for (const g of index.entityGroups({ statuses: ['suggested'] })) {
    for (const m of g.mentions) items.push({ uri: m.uri, range: rangeOfLocation(m), label: g.label, text: m.text, start: m.start, ...(m.confidence !== undefined ? { confidence: m.confidence } : {}) });
  }
  if (token.isCancellationRequested) return null;
  // A commitment with several actors is in several groups: once here.
  const seen = new Set<string>();
  for (const g of index.commitmentsByActor({ statuses: ['suggested'] })) {
    for (const c of g.commitments) {
      const key = `${c.uri}#${c.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ uri: c.uri, range: rangeOfLocation(c), label: commitmentLabel.name, text: c.text, start: c.start });
    }
  }
  return token.isCancellationRequested ? null : leastSureFirst(items);
}
