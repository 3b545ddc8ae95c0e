// The annotator's commands: accept, reject, relabel, delete, note and annotate,
// with quick picks for labels, strengths and a commitment's entities. Each
// asks the server, which stores the decision in the text's .ann at once.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import type { AnnotationsParams } from '../../server/src/protocol/messages';
import {
  clientCommands,
  CommandResult,
  DescribedAnnotation,
  DescribeResult,
  storeCommands,
  Target,
} from '../../server/src/protocol/commands';
import { countOf, labelName, strengthName } from './names';

export interface AnnotatingHost {
  client(): LanguageClient | undefined;
  latest(uri: string): AnnotationsParams | undefined;
  /** A decision (or its undo or redo) was made in this document. */
  decided(uri: string, result: CommandResult, step?: 'undo' | 'redo'): void;
}

/** Arguments the commands accept: from a code action (TargetArgs), a keybinding ({ label } or { index }), or none. */
interface CommandArgs {
  uri?: string;
  target?: Target;
  label?: string;
  index?: number;
}

export function registerAnnotationCommands(host: AnnotatingHost): vscode.Disposable[] {
  const editorFor = (uri?: string): vscode.TextEditor | undefined => {
    const active = vscode.window.activeTextEditor;
    if (!uri) return active;
    if (active?.document.uri.toString() === uri) return active;
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  };

  /** The document a command acts on, if Iltizam can store its annotations; says why not otherwise. */
  const documentOf = (args?: CommandArgs): { editor: vscode.TextEditor; uri: string } | undefined => {
    const editor = editorFor(args?.uri);
    const uri = args?.uri ?? editor?.document.uri.toString();
    const params = uri ? host.latest(uri) : undefined;
    if (!editor || !uri || !params || (!params.entities.length && !params.commitments.length && !params.schema)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an Arabic text that Iltizam annotates first.'));
      return undefined;
    }
    if (params.storable === false) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Save the text as a file first: its annotations are stored in a .ann file beside it.'));
      return undefined;
    }
    return { editor, uri };
  };

  async function send<T>(command: string, args: object): Promise<T | undefined> {
    const client = host.client();
    if (!client) return undefined;
    try {
      return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) as T;
    } catch {
      // The server has shown why.
      return undefined;
    }
  }

  async function decide(uri: string, command: string, args: object, step?: 'undo' | 'redo'): Promise<CommandResult | undefined> {
    const result = await send<CommandResult>(command, { uri, ...args });
    if (result) host.decided(uri, result, step);
    return result;
  }

  const targetOf = (editor: vscode.TextEditor, args?: CommandArgs, layer?: 'entity' | 'commitment'): Target =>
    args?.target ?? { position: editor.selection.active, ...(layer ? { layer } : {}) };

  /** The annotation a target names, with the document's entities and schema, for the pickers. */
  async function describe(uri: string, editor: vscode.TextEditor, target: Target): Promise<{ info: DescribeResult; annotation?: DescribedAnnotation } | undefined> {
    const position = 'position' in target ? target.position : editor.selection.active;
    const info = await send<DescribeResult>(storeCommands.describe, { uri, position });
    if (!info) return undefined;
    const annotation =
      'id' in target
        ? [...info.at, ...info.entities].find((a) => a.id === target.id)
        : info.at.find((a) => !target.layer || a.layer === target.layer);
    if (!annotation) void vscode.window.showInformationMessage(vscode.l10n.t('There is no annotation at the cursor.'));
    return { info, annotation };
  }

  async function pickLabel(labels: string[], placeHolder: string, current?: string): Promise<string | undefined> {
    const items = labels.filter((l) => l !== current).map((label, i) => ({ label: labelName(label), description: i < 9 ? `${i + 1}` : undefined, name: label }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder });
    return picked?.name;
  }

  const reg = (id: string, fn: (args?: CommandArgs) => unknown) => vscode.commands.registerCommand(id, (args?: CommandArgs) => fn(args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : undefined));

  return [
    reg(clientCommands.accept, async (args) => {
      const d = documentOf(args);
      if (d) await decide(d.uri, storeCommands.accept, { target: targetOf(d.editor, args) });
    }),
    reg(clientCommands.reject, async (args) => {
      const d = documentOf(args);
      if (d) await decide(d.uri, storeCommands.reject, { target: targetOf(d.editor, args) });
    }),
    reg(clientCommands.delete, async (args) => {
      const d = documentOf(args);
      if (d) await decide(d.uri, storeCommands.delete, { target: targetOf(d.editor, args) });
    }),
    reg(clientCommands.changeLabel, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const target = targetOf(d.editor, args, 'entity');
      const found = await describe(d.uri, d.editor, target);
      if (!found?.annotation) return;
      const label = args?.label ?? (await pickLabel(found.info.labels, vscode.l10n.t('New label for «{0}»', found.annotation.text), found.annotation.label));
      if (label) await decide(d.uri, storeCommands.setLabel, { target: { id: found.annotation.id, version: found.info.version }, label });
    }),
    reg(clientCommands.acceptAll, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const result = await decide(d.uri, storeCommands.acceptAll, { label: args?.label });
      if (result) void vscode.window.setStatusBarMessage(countOf('acceptedSuggestions', result.count ?? 0), 4000);
    }),
    reg(clientCommands.acceptAllOfLabel, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const params = host.latest(d.uri);
      const labels = [...(params?.schema?.labels ?? []), ...(params?.schema?.commitment ? [params.schema.commitment] : [])];
      const label = args?.label ?? (await pickLabel(labels, vscode.l10n.t('Accept every suggestion of which label?')));
      if (!label) return;
      const result = await decide(d.uri, storeCommands.acceptAll, { label });
      if (result) void vscode.window.setStatusBarMessage(countOf('acceptedSuggestions', result.count ?? 0), 4000);
    }),
    reg(clientCommands.annotateSelection, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const ranges = d.editor.selections.filter((s) => !s.isEmpty).map((s) => ({ start: s.start, end: s.end }));
      if (!ranges.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to annotate first.'));
        return;
      }
      const params = host.latest(d.uri);
      const labels = [...(params?.schema?.labels ?? []), ...(params?.schema?.commitment ? [params.schema.commitment] : [])];
      let label = args?.label;
      if (!label && args?.index !== undefined) label = labels[args.index - 1];
      label ??= await pickLabel(labels, vscode.l10n.t('Annotate the selection as…'));
      if (label) await decide(d.uri, storeCommands.annotate, { label, ranges });
    }),
    reg(clientCommands.editNote, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const found = await describe(d.uri, d.editor, targetOf(d.editor, args));
      if (!found?.annotation) return;
      const note = await vscode.window.showInputBox({
        title: vscode.l10n.t('Note on «{0}»', found.annotation.text),
        value: found.annotation.note ?? '',
        prompt: vscode.l10n.t('Stored as an AnnotatorNotes line in the .ann file; leave empty to remove the note.'),
      });
      if (note !== undefined) await decide(d.uri, storeCommands.setNote, { target: { id: found.annotation.id, version: found.info.version }, note });
    }),
    reg(clientCommands.setStrength, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const found = await describe(d.uri, d.editor, targetOf(d.editor, args, 'commitment'));
      if (!found?.annotation) return;
      const items = found.info.strengths.map((s) => ({ label: strengthName(s), description: s === found.annotation!.strength ? vscode.l10n.t('current') : undefined, name: s }));
      const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Strength of the commitment «{0}»', found.annotation.text) });
      if (picked) await decide(d.uri, storeCommands.setStrength, { target: { id: found.annotation.id, version: found.info.version }, strength: picked.name });
    }),
    reg(clientCommands.setActors, (args) => pickArguments(args, 'actors')),
    reg(clientCommands.setPrinciples, (args) => pickArguments(args, 'principles')),
    reg(clientCommands.undo, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const result = await decide(d.uri, storeCommands.undo, {}, 'undo');
      if (result?.count === 0) void vscode.window.setStatusBarMessage(vscode.l10n.t('No annotation decision to undo'), 3000);
    }),
    reg(clientCommands.redo, async (args) => {
      const d = documentOf(args);
      if (!d) return;
      const result = await decide(d.uri, storeCommands.redo, {}, 'redo');
      if (result?.count === 0) void vscode.window.setStatusBarMessage(vscode.l10n.t('No annotation decision to redo'), 3000);
    }),
  ];

  /** Picks a commitment's actors or principles among the document's entities. */
  async function pickArguments(args: CommandArgs | undefined, role: 'actors' | 'principles'): Promise<void> {
    const d = documentOf(args);
    if (!d) return;
    const found = await describe(d.uri, d.editor, targetOf(d.editor, args, 'commitment'));
    const c = found?.annotation;
    if (!found || !c) return;
    const allowed = role === 'actors' ? found.info.actorLabels : found.info.principleLabels;
    const current = new Set(c[role] ?? []);
    const doc = d.editor.document;
    const offset = (p: { line: number; character: number }) => doc.offsetAt(new vscode.Position(p.line, p.character));
    const cStart = offset(c.range.start);
    const cEnd = offset(c.range.end);
    // One item per distinct entity (label and text): its mention inside the commitment, else the nearest one.
    const distance = (e: DescribedAnnotation) => {
      const s = offset(e.range.start);
      return s >= cStart && s < cEnd ? -1 : Math.min(Math.abs(s - cStart), Math.abs(s - cEnd));
    };
    const best = new Map<string, DescribedAnnotation>();
    for (const e of found.info.entities) {
      if (!allowed.includes(e.label)) continue;
      const key = `${e.label}\u0000${e.text.replace(/[\u064b-\u065f\u0670\u0640]/g, '')}`;
      const seen = best.get(key);
      if (current.has(e.id) || !seen || (!current.has(seen.id) && distance(e) < distance(seen))) best.set(key, e);
    }
    for (const e of found.info.entities) if (current.has(e.id) && ![...best.values()].includes(e)) best.set(e.id, e);
    const items = [...best.values()]
      .sort((a, b) => distance(a) - distance(b))
      .map((e) => ({
        label: e.text,
        description: `${labelName(e.label)} · ${vscode.l10n.t('line {0}', e.range.start.line + 1)}`,
        detail: e.status === 'suggested' ? vscode.l10n.t('a suggestion: accepted with the commitment') : undefined,
        picked: current.has(e.id),
        id: e.id,
      }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      placeHolder: role === 'actors' ? vscode.l10n.t('Who commits in «{0}»?', c.text) : vscode.l10n.t('Which principles does «{0}» invoke?', c.text),
    });
    if (picked) await decide(d.uri, storeCommands.setArguments, { target: { id: c.id, version: found.info.version }, [role]: picked.map((p) => p.id) });
  }
}
