// The Outline: the commitments in document order, then the entities grouped
// by label, each distinct entity once with its mentions beneath it. Capped at
// a number of symbols so that a huge document's outline stays responsive.
import * as l10n from '@vscode/l10n';
import { CancellationToken, DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commitmentLabel, entityLabels } from '../../analysis/schema';
import type { Span } from '../../analysis/types';
import type { AnnotatedView, ViewEntity } from '../../annotations/view';
import { entityKey } from '../../corpus/corpusIndex';
import { entitiesById } from './viewCaches';
import { labelName, statusMark, statusName, strengthName } from './labels';
import { rangeIn } from './ranges';

/** The symbol kind (and so the icon and the group in other editors) of each label, from schema.json's symbolKind. */
export const kindOf: Record<string, SymbolKind> = Object.fromEntries(
  [...entityLabels, commitmentLabel].map((l) => [l.name, SymbolKind[l.symbolKind as keyof typeof SymbolKind] ?? SymbolKind.Field]),
);

export function documentSymbolsOf(doc: TextDocument, analysis: AnnotatedView, maxSymbols: number, token: CancellationToken): DocumentSymbol[] | null {
  const range = (s: Span) => rangeIn(doc, s);
  const cover = (spans: Span[]) => range({ start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) });
  let budget = maxSymbols;
  let omitted = 0;
  /** Takes one symbol from the budget; when none is left, counts it and the `below` symbols it would have held as omitted. */
  const take = (below = 0) => (budget > 0 ? (budget--, true) : ((omitted += 1 + below), false));
  const byId = entitiesById(analysis);
  const nameOf = (id: string) => {
    const e = byId.get(id);
    return e ? e.text : id;
  };

  const symbols: DocumentSymbol[] = [];
  if (analysis.commitments.length && take(analysis.commitments.length)) {
    const children: DocumentSymbol[] = [];
    for (const c of analysis.commitments) {
      if (!take()) continue;
      const actors = c.actors.map(nameOf).join('، ') || l10n.t('unknown actor');
      const principles = c.principles.map(nameOf).join('، ');
      const strength = c.strength ? strengthName(c.strength) : l10n.t('strength not set');
      const detail = [c.cue ? `«${c.cue.text}»` : '', c.negated ? l10n.t('negated') : '', `${statusMark(c.status)} ${statusName(c.status)}`];
      children.push({
        name: [actors, strength, principles].filter(Boolean).join(' · '),
        detail: detail.filter(Boolean).join(' · '),
        kind: kindOf[commitmentLabel.name],
        range: range(c),
        selectionRange: range(c.cue ?? c),
      });
    }
    symbols.push({ name: l10n.t('Commitments'), detail: String(analysis.commitments.length), kind: SymbolKind.Namespace, range: cover(analysis.commitments), selectionRange: range(analysis.commitments[0]), children });
  }
  // The schema's labels in its order, then those of a corpus's own annotation.conf.
  const labels = [...new Set([...entityLabels.map((l) => l.name), ...analysis.entities.map((e) => e.label)])].map((name) => ({ name }));
  for (const label of labels) {
    if (token.isCancellationRequested) return null;
    const mentions = analysis.entities.filter((e) => e.label === label.name);
    if (!mentions.length) continue;
    const groups = new Map<string, ViewEntity[]>();
    for (const e of mentions) {
      const key = entityKey(e);
      const list = groups.get(key);
      if (list) list.push(e);
      else groups.set(key, [e]);
    }
    if (!take(mentions.length + groups.size)) continue;
    const children: DocumentSymbol[] = [];
    for (const list of groups.values()) {
      if (!take(list.length)) continue;
      const first = list[0];
      const mentionSymbols: DocumentSymbol[] = [];
      for (const m of list) {
        if (!take()) continue;
        mentionSymbols.push({ name: m.text, detail: `${statusMark(m.status)} ${statusName(m.status)}`, kind: kindOf[label.name] ?? SymbolKind.Field, range: range(m), selectionRange: range(m) });
      }
      children.push({
        name: first.nameAr ?? first.text,
        detail: [first.nameEn, `×${list.length}`].filter(Boolean).join(' · '),
        kind: kindOf[label.name] ?? SymbolKind.Field,
        range: cover(list),
        selectionRange: range(first),
        children: mentionSymbols,
      });
    }
    symbols.push({ name: labelName(label.name), detail: String(mentions.length), kind: SymbolKind.Package, range: cover(mentions), selectionRange: range(mentions[0]), children });
  }
  if (omitted) {
    const end = doc.positionAt(doc.getText().length);
    symbols.push({ name: l10n.t('Outline limited to {0} symbols ({1} more not shown)', maxSymbols, omitted), kind: SymbolKind.Null, range: { start: end, end }, selectionRange: { start: end, end } });
  }
  return symbols;
}
