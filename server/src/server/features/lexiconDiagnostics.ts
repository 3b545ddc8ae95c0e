// Problems in a workspace lexicon file, as diagnostics at the line that is wrong.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LexiconProblem } from '../../analysis/lexicon';
import { rangeIn } from './ranges';
import * as l10n from '@vscode/l10n';
import { reasonText } from '../../render/reasonText';

export function lexiconDiagnostics(doc: TextDocument, problems: LexiconProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: rangeIn(doc, p),
    severity: DiagnosticSeverity.Error,
    source: 'iltizam',
    message: reasonText(p.message, l10n.t),
  }));
}
