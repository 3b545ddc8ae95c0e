// Code actions on the annotation under the cursor: accept, reject or relabel
// a suggestion, accept all suggestions (of its label), delete, annotate or
// note a stored annotation, set a commitment's strength and arguments,
// annotate the selection; and quick fixes for stored annotations that were
// lost from the text (re-attach or delete). Actions that need a picker run
// the client's command when it has one, else one action per choice.
import * as l10n from '@vscode/l10n';
import { CancellationToken, CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commitmentLabel } from '../../analysis/schema';
import { TextSearcher } from '../../annotations/anchoring';
import { schemaHasCommitments, StoreSchema, strengthsOf } from '../../annotations/conf';
import { annotationsAt, AnnotatedView, isCommitment, ViewCommitment, ViewEntity } from '../../annotations/view';
import { AnnotateArgs, clientCommands, lexiconCommands, ReattachArgs, SetLabelArgs, SetStrengthArgs, storeCommands, TargetArgs } from '../../protocol/commands';
import { labelName, strengthName, countOf } from './labels';
import { LostAnnotationData, lostAnnotationCode } from './storeDiagnostics';
import { rangeIn } from './ranges';

export const acceptAllSourceKind = `${CodeActionKind.Source}.iltizam.acceptAll`;

export interface CodeActionOptions {
  /** The client has the picker commands of `clientCommands`. */
  clientCommands: boolean;
  schema: StoreSchema;
}

/** Short form of an annotation's text for a title. */
function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `«${oneLine.length > 40 ? oneLine.slice(0, 39) + '…' : oneLine}»`;
}

function action(title: string, command: string, args: unknown, options: { preferred?: boolean; kind?: string; diagnostics?: Diagnostic[] } = {}): CodeAction {
  const a: CodeAction = { title, kind: options.kind ?? CodeActionKind.QuickFix, command: Command.create(title, command, args) };
  if (options.preferred) a.isPreferred = true;
  if (options.diagnostics) a.diagnostics = options.diagnostics;
  return a;
}

export function codeActionsFor(doc: TextDocument, view: AnnotatedView, params: CodeActionParams, options: CodeActionOptions, token: CancellationToken): CodeAction[] | null {
  const uri = doc.uri;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];
  const suggestions = [...view.entities, ...view.commitments].filter((a) => a.status === 'suggested');

  if (wants(acceptAllSourceKind) && only && suggestions.length) {
    actions.push(action(countOf('acceptAllOfDocument', suggestions.length), storeCommands.acceptAll, { uri }, { kind: acceptAllSourceKind }));
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;

  // Lost annotations: their diagnostics come with the request.
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.code !== lostAnnotationCode) continue;
    const { id } = diagnostic.data as LostAnnotationData;
    const lost = view.lost.find((a) => a.id === id);
    if (!lost) continue;
    const found = new TextSearcher(view.text).tolerant(lost.text, lost.lostAt ?? 0);
    if (found) {
      const range = rangeIn(doc, found);
      const args: ReattachArgs = { uri, id, range };
      const title = l10n.t('Re-attach {0} to {1} (line {2})', id, quote(view.text.slice(found.start, found.end)), range.start.line + 1);
      actions.push(action(title, storeCommands.reattach, args, { preferred: true, diagnostics: [diagnostic] }));
    }
    if (params.range.start.line !== params.range.end.line || params.range.start.character !== params.range.end.character) {
      const args: ReattachArgs = { uri, id, range: params.range };
      actions.push(action(l10n.t('Re-attach {0} to the selection', id), storeCommands.reattach, args, { diagnostics: [diagnostic] }));
    }
    const target: TargetArgs = { uri, target: { id } };
    actions.push(action(l10n.t('Delete the lost annotation {0}', id), storeCommands.delete, target, { diagnostics: [diagnostic] }));
  }
  if (token.isCancellationRequested) return null;

  const offset = doc.offsetAt(params.range.start);
  const here = annotationsAt(view, offset);
  const labels = options.schema.entityLabels;
  for (const a of here) {
    const target: TargetArgs = { uri, target: { id: a.id, version: doc.version } };
    const name = isCommitment(a) ? labelName(commitmentLabel.name) : labelName(a.label);
    const what = `${name} ${quote(a.text)}`;
    if (a.status === 'suggested') {
      actions.push(action(l10n.t('Accept {0}', what), storeCommands.accept, target, { preferred: actions.length === 0 }));
      actions.push(action(l10n.t('Reject {0}', what), storeCommands.reject, target));
      if (!isCommitment(a)) relabelActions(actions, a, target, labels, options, true);
      else commitmentActions(actions, a, target, options);
      const label = isCommitment(a) ? commitmentLabel.name : a.label;
      const same = suggestions.filter((s) => (isCommitment(s) ? commitmentLabel.name : s.label) === label).length;
      if (same > 1) actions.push(action(countOf('acceptAllOfLabel', same, [same, labelName(label)]), storeCommands.acceptAll, { uri, label }));
    } else {
      if (!isCommitment(a)) relabelActions(actions, a, target, labels, options, false);
      if (options.clientCommands) actions.push(action(a.note ? l10n.t('Edit the note of {0}…', what) : l10n.t('Add a note to {0}…', what), clientCommands.editNote, target));
      if (isCommitment(a)) commitmentActions(actions, a, target, options);
      actions.push(action(l10n.t('Delete the annotation {0}', what), storeCommands.delete, target));
    }
    if (!isCommitment(a)) actions.push(action(l10n.t('Add {0} to the workspace lexicon', what), lexiconCommands.add, target));
  }
  if (here.some((a) => a.status === 'suggested') && suggestions.length > 1) {
    actions.push(action(countOf('acceptAllOfDocument', suggestions.length), storeCommands.acceptAll, { uri }));
  }

  const selection = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
  if (selection.end > selection.start && view.text.slice(selection.start, selection.end).trim()) {
    if (options.clientCommands) {
      actions.push(action(l10n.t('Annotate the selection…'), clientCommands.annotateSelection, { uri }));
    } else {
      const all = [...labels, ...(schemaHasCommitments(options.schema) ? [commitmentLabel.name] : [])];
      for (const label of all) {
        const args: AnnotateArgs = { uri, label, ranges: [params.range] };
        actions.push(action(l10n.t('Annotate the selection as {0}', labelName(label)), storeCommands.annotate, args));
      }
    }
  }
  return actions;
}

function relabelActions(actions: CodeAction[], a: ViewEntity, target: TargetArgs, labels: string[], options: CodeActionOptions, suggestion: boolean): void {
  if (options.clientCommands) {
    actions.push(action(l10n.t('Change the label of {0}…', quote(a.text)), clientCommands.changeLabel, target));
    return;
  }
  for (const label of labels) {
    if (label === a.label) continue;
    const args: SetLabelArgs = { ...target, label };
    const title = suggestion ? l10n.t('Accept {0} as {1}', quote(a.text), labelName(label)) : l10n.t('Change the label of {0} to {1}', quote(a.text), labelName(label));
    actions.push(action(title, storeCommands.setLabel, args));
  }
}

function commitmentActions(actions: CodeAction[], c: ViewCommitment, target: TargetArgs, options: CodeActionOptions): void {
  if (options.clientCommands) {
    actions.push(action(l10n.t('Set the strength…'), clientCommands.setStrength, target));
    actions.push(action(l10n.t('Set who commits…'), clientCommands.setActors, target));
    actions.push(action(l10n.t('Set the principles…'), clientCommands.setPrinciples, target));
    return;
  }
  for (const strength of strengthsOf(options.schema)) {
    if (strength === c.strength) continue;
    const args: SetStrengthArgs = { ...target, strength };
    actions.push(action(l10n.t('Set the strength to {0}', strengthName(strength)), storeCommands.setStrength, args));
  }
}
