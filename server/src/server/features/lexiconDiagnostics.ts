// Problems in a workspace lexicon file, as diagnostics at the line that is wrong.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LexiconProblem } from '../../analysis/lexicon';
import { rangeIn } from './ranges';

export function lexiconDiagnostics(doc: TextDocument, problems: LexiconProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: rangeIn(doc, p),
    severity: DiagnosticSeverity.Error,
    source: 'iltizam',
    message: p.message,
  }));
}
