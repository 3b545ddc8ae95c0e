// Go to Symbol in Workspace: entities and commitments across the corpus,
// found without regard to diacritics or hamza, by Arabic form or English name
// (a commitment by its actors' names too).
import type { CancellationToken, SymbolInformation } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import { CorpusIndex, foldForSearch } from '../../corpus/corpusIndex';
import { kindOf } from './documentSymbols';
import { commitmentLabel } from '../../analysis/schema';
import { labelName } from './labels';
import { rangeOfLocation } from './ranges';

/** Whether VS Code's fuzzy filter would keep `name` for `query`: the query's letters in order. */
function fuzzyKeeps(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let at = 0;
  for (const ch of query.toLowerCase().replace(/\s+/g, '')) {
    at = n.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

export function workspaceSymbolsOf(index: CorpusIndex, query: string, limit: number, token: CancellationToken): SymbolInformation[] | null {
  if (token.isCancellationRequested) return null;
  return index.symbols(query, limit).map((s) => {
    // The English name (of an entity, or of a commitment's actors) is part of
    // the name: the editor keeps only symbols whose name matches the query.
    let name = s.nameEn ? `${s.name} — ${s.nameEn}` : s.name;
    // The editor filters the results again with the query as typed; when only
    // the folded form matches (no hamza, no diacritics), show that form too.
    if (query && !fuzzyKeeps(name, query)) name = `${name} · ${foldForSearch(s.name)}`;
    return {
      name,
      kind: s.kind === 'commitment' ? kindOf[commitmentLabel.name] : kindOf[s.label] ?? SymbolKind.Field,
      location: { uri: s.location.uri, range: rangeOfLocation(s.location) },
      containerName: labelName(s.label),
    };
  });
}
