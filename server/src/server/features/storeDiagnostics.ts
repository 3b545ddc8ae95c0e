// Diagnostics of the stored annotations: in the text, the annotations that
// could not be found in it (with quick fixes to re-attach or delete them);
// in the .ann, every line that could not be read (kept as it is), the
// annotations found elsewhere than their offsets said, and labels the schema
// does not have; a .ann with no text beside it.
import * as l10n from '@vscode/l10n';
import { CancellationToken, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { bratItemsOfKind, parseBrat } from '../../annotations/brat';
import { commitmentLabel } from '../../analysis/schema';
import type { AnnotatedView } from '../../annotations/view';
import type { DocumentStore } from '../annotationStores';
import { labelName } from './labels';
import { rangeIn } from './ranges';
import { reasonText } from '../../render/reasonText';

export const lostAnnotationCode = 'iltizam.lostAnnotation';

export interface LostAnnotationData {
  id: string;
}

export function lostAnnotationDiagnostics(doc: TextDocument, view: AnnotatedView, token: CancellationToken): Diagnostic[] | null {
  const diagnostics: Diagnostic[] = [];
  for (const a of view.lost) {
    if (token.isCancellationRequested) return null;
    const data: LostAnnotationData = { id: a.id };
    diagnostics.push({
      range: rangeIn(doc, { start: a.lostAt ?? 0, end: a.lostAt ?? 0 }),
      severity: DiagnosticSeverity.Warning,
      source: 'iltizam',
      code: lostAnnotationCode,
      message: l10n.t('Stored annotation {0} ({1} «{2}») is no longer found in the text. It is kept: re-attach it or delete it.', a.id, labelName(a.label), a.text),
      data,
    });
  }
  return diagnostics;
}

/** On the first line of a .ann that has no text beside it. */
export function missingTextDiagnostic(textFileName: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: 'iltizam',
    message: l10n.t('There is no {0} beside this file: its annotations cannot be checked against their text.', textFileName),
  };
}

export function annotationFileDiagnostics(store: DocumentStore, token: CancellationToken): Diagnostic[] | null {
  const content = store.base ?? '';
  const doc = parseBrat(content);
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  const lineRange = (line: number) => {
    const n = Math.max(1, Math.min(line, lines.length)) - 1;
    return { start: { line: n, character: 0 }, end: { line: n, character: (lines[n] ?? '').replace(/\r$/, '').length } };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
    range: lineRange(e.line),
    severity: DiagnosticSeverity.Error,
    source: 'iltizam',
    message: l10n.t('This line could not be read; it is kept as it is. {0}', reasonText(e.message, l10n.t)),
  }));
  const lineOf = new Map<string, number>();
  for (const t of bratItemsOfKind(doc, 'textBound')) if (!lineOf.has(t.id)) lineOf.set(t.id, t.line ?? 0);
  const annotations = new Map(store.set.annotations().map((a) => [a.id, a]));
  for (const report of store.anchoring) {
    if (token.isCancellationRequested) return null;
    const line = lineOf.get(report.id);
    const a = annotations.get(report.id);
    if (!line || !a) continue;
    if (report.how === 'moved' || report.how === 'tolerant') {
      diagnostics.push({
        range: lineRange(line),
        severity: DiagnosticSeverity.Information,
        source: 'iltizam',
        message:
          report.how === 'moved'
            ? l10n.t('{0}: the text was edited elsewhere; its text was found at another place. The offsets are corrected at the next change.', a.id)
            : l10n.t('{0}: the text was edited elsewhere; it was re-attached to «{1}» by a tolerant match. The offsets are corrected at the next change.', a.id, a.text),
      });
    }
  }
  for (const a of annotations.values()) {
    const line = lineOf.get(a.id);
    if (!line) continue;
    if (a.lostAt !== undefined) {
      diagnostics.push({
        range: lineRange(line),
        severity: DiagnosticSeverity.Warning,
        source: 'iltizam',
        message: l10n.t('{0}: «{1}» is no longer found in the text. The line is kept; re-attach or delete the annotation from the text.', a.id, a.text),
      });
    }
    if (a.label !== commitmentLabel.name && !store.schema.entityLabels.includes(a.label)) {
      diagnostics.push({
        range: lineRange(line),
        severity: DiagnosticSeverity.Warning,
        source: 'iltizam',
        message: l10n.t('{0}: the label {1} is not in the schema ({2}).', a.id, a.label, store.schema.file ?? l10n.t('the default schema')),
      });
    }
  }
  return diagnostics.sort((x, y) => x.range.start.line - y.range.start.line);
}
