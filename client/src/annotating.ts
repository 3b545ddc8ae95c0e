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

/** The commands, with the helpers they share; one method per command. */
class AnnotatingCommands {
  constructor(private readonly host: AnnotatingHost) {}

  private editorFor(uri?: string): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (!uri) return active;
    if (active?.document.uri.toString() === uri) return active;
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  }

  /** The document a command acts on, if Iltizam can store its annotations; says why not otherwise. */
  documentOf(args?: CommandArgs): { editor: vscode.TextEditor; uri: string } | undefined {
    const editor = this.editorFor(args?.uri);
    const uri = args?.uri ?? editor?.document.uri.toString();
    const params = uri ? this.host.latest(uri) : undefined;
    if (!editor || !uri || !params || (!params.entities.length && !params.commitments.length && !params.schema)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an Arabic text that Iltizam annotates first.'));
      return undefined;
    }
    if (params.storable === false) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Save the text as a file first: its annotations are stored in a .ann file beside it.'));
      return undefined;
    }
    return { editor, uri };
  }

  private async send<T>(command: string, args: object): Promise<T | undefined> {
    const client = this.host.client();
    if (!client) return undefined;
    try {
      return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) as T;
    } catch {
      // The server has shown why.
      return undefined;
    }
  }

  async decide(uri: string, command: string, args: object, step?: 'undo' | 'redo'): Promise<CommandResult | undefined> {
    const result = await this.send<CommandResult>(command, { uri, ...args });
    if (result) this.host.decided(uri, result, step);
    return result;
  }

  targetOf(editor: vscode.TextEditor, args?: CommandArgs, layer?: 'entity' | 'commitment'): Target {
    return args?.target ?? { position: editor.selection.active, ...(layer ? { layer } : {}) };
  }

  /** The annotation a target names, with the document's entities and schema, for the pickers. */
  private async describe(uri: string, editor: vscode.TextEditor, target: Target): Promise<{ info: DescribeResult; annotation?: DescribedAnnotation } | undefined> {
    const position = 'position' in target ? target.position : editor.selection.active;
    const info = await this.send<DescribeResult>(storeCommands.describe, { uri, position });
    if (!info) return undefined;
    const annotation =
      'id' in target
        ? [...info.at, ...info.entities].find((a) => a.id === target.id)
        : info.at.find((a) => !target.layer || a.layer === target.layer);
    if (!annotation) void vscode.window.showInformationMessage(vscode.l10n.t('There is no annotation at the cursor.'));
    return { info, annotation };
  }

  private async pickLabel(labels: string[], placeHolder: string, current?: string): Promise<string | undefined> {
    const items = labels.filter((l) => l !== current).map((label, i) => ({ label: labelName(label), description: i < 9 ? `${i + 1}` : undefined, name: label }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder });
    return picked?.name;
  }

  /** The labels of the document's schema, the commitment last. */
  private labelsOf(uri: string): string[] {
    const params = this.host.latest(uri);
    return [...(params?.schema?.labels ?? []), ...(params?.schema?.commitment ? [params.schema.commitment] : [])];
  }

  /** Accept, reject or delete the annotation at the cursor (or the one named). */
  async simple(command: string, args?: CommandArgs): Promise<void> {
    const d = this.documentOf(args);
    if (d) await this.decide(d.uri, command, { target: this.targetOf(d.editor, args) });
  }

  async changeLabel(args?: CommandArgs): Promise<void> {
    const d = this.documentOf(args);
    if (!d) return;
    const found = await this.describe(d.uri, d.editor, this.targetOf(d.editor, args, 'entity'));
    if (!found?.annotation) return;
    const label = args?.label ?? (await this.pickLabel(found.info.labels, vscode.l10n.t('New label for «{0}»', found.annotation.text), found.annotation.label));
    if (label) await this.decide(d.uri, storeCommands.setLabel, { target: { id: found.annotation.id, version: found.info.version }, label });
  }

  /** Accepts every suggestion of the document, or of one label (asked for when `pick` and none is given). */
  async acceptAll(args: CommandArgs | undefined, pick: boolean): Promise<void> {
    const d = this.documentOf(args);
    if (!d) return;
    const label = args?.label ?? (pick ? await this.pickLabel(this.labelsOf(d.uri), vscode.l10n.t('Accept every suggestion of which label?')) : undefined);
    if (pick && !label) return;
    const result = await this.decide(d.uri, storeCommands.acceptAll, { label });
    if (result) void vscode.window.setStatusBarMessage(countOf('acceptedSuggestions', result.count ?? 0), 4000);
  }

  async annotateSelection(args?: CommandArgs): Promise<void> {
    const d = this.documentOf(args);
    if (!d) return;
    const ranges = d.editor.selections.filter((s) => !s.isEmpty).map((s) => ({ start: s.start, end: s.end }));
    if (!ranges.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to annotate first.'));
      return;
    }
    const labels = this.labelsOf(d.uri);
    let label = args?.label;
    if (!label && args?.index !== undefined) label = labels[args.index - 1];
    label ??= await this.pickLabel(labels, vscode.l10n.t('Annotate the selection as…'));
    if (label) await this.decide(d.uri, storeCommands.annotate, { label, ranges });
  }

  async editNote(args?: CommandArgs): Promise<void> {
    const d = this.documentOf(args);
    if (!d) return;
    const found = await this.describe(d.uri, d.editor, this.targetOf(d.editor, args));
    if (!found?.annotation) return;
    const note = await vscode.window.showInputBox({
      title: vscode.l10n.t('Note on «{0}»', found.annotation.text),
      value: found.annotation.note ?? '',
      prompt: vscode.l10n.t('Stored as an AnnotatorNotes line in the .ann file; leave empty to remove the note.'),
    });
    if (note !== undefined) await this.decide(d.uri, storeCommands.setNote, { target: { id: found.annotation.id, version: found.info.version }, note });
  }

  async setStrength(args?: CommandArgs): Promise<void> {
    const d = this.documentOf(args);
    if (!d) return;
    const found = await this.describe(d.uri, d.editor, this.targetOf(d.editor, args, 'commitment'));
    if (!found?.annotation) return;
    const items = found.info.strengths.map((s) => ({ label: strengthName(s), description: s === found.annotation!.strength ? vscode.l10n.t('current') : undefined, name: s }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Strength of the commitment «{0}»', found.annotation.text) });
    if (picked) await this.decide(d.uri, storeCommands.setStrength, { target: { id: found.annotation.id, version: found.info.version }, strength: picked.name });
  }

  async step(args: CommandArgs | undefined, step: 'undo' | 'redo'): Promise<void> {
    const d = this.documentOf(args);
    if (!d) return;
    const result = await this.decide(d.uri, step === 'undo' ? storeCommands.undo : storeCommands.redo, {}, step);
    if (result?.count !== 0) return;
    void vscode.window.setStatusBarMessage(step === 'undo' ? vscode.l10n.t('No annotation decision to undo') : vscode.l10n.t('No annotation decision to redo'), 3000);
  }

  /** Picks a commitment's actors or principles among the document's entities. */
  async pickArguments(args: CommandArgs | undefined, role: 'actors' | 'principles'): Promise<void> {
    const d = this.documentOf(args);
    if (!d) return;
    const found = await this.describe(d.uri, d.editor, this.targetOf(d.editor, args, 'commitment'));
    const c = found?.annotation;
    if (!found || !c) return;
    const items = argumentItems(d.editor.document, c, found.info, role);
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      placeHolder: role === 'actors' ? vscode.l10n.t('Who commits in «{0}»?', c.text) : vscode.l10n.t('Which principles does «{0}» invoke?', c.text),
    });
    if (picked) await this.decide(d.uri, storeCommands.setArguments, { target: { id: c.id, version: found.info.version }, [role]: picked.map((p) => p.id) });
  }
}

/** The entities a commitment's actors or principles can be: one item per distinct entity, its mention inside the commitment or else the nearest one. */
function argumentItems(doc: vscode.TextDocument, c: DescribedAnnotation, info: DescribeResult, role: 'actors' | 'principles') {
  const allowed = role === 'actors' ? info.actorLabels : info.principleLabels;
  const current = new Set(c[role] ?? []);
  const offset = (p: { line: number; character: number }) => doc.offsetAt(new vscode.Position(p.line, p.character));
  const cStart = offset(c.range.start);
  const cEnd = offset(c.range.end);
  const distance = (e: DescribedAnnotation) => {
    const s = offset(e.range.start);
    return s >= cStart && s < cEnd ? -1 : Math.min(Math.abs(s - cStart), Math.abs(s - cEnd));
  };
  const best = new Map<string, DescribedAnnotation>();
  for (const e of info.entities) {
    if (!allowed.includes(e.label)) continue;
    const key = `${e.label}\u0000${e.text.replace(/[\u064b-\u065f\u0670\u0640]/g, '')}`;
    const seen = best.get(key);
    if (current.has(e.id) || !seen || (!current.has(seen.id) && distance(e) < distance(seen))) best.set(key, e);
  }
  for (const e of info.entities) if (current.has(e.id) && ![...best.values()].includes(e)) best.set(e.id, e);
  return [...best.values()]
    .sort((a, b) => distance(a) - distance(b))
    .map((e) => ({
      label: e.text,
      description: `${labelName(e.label)} · ${vscode.l10n.t('line {0}', e.range.start.line + 1)}`,
      detail: e.status === 'suggested' ? vscode.l10n.t('a suggestion: accepted with the commitment') : undefined,
      picked: current.has(e.id),
      id: e.id,
    }));
}

export function registerAnnotationCommands(host: AnnotatingHost): vscode.Disposable[] {
  const commands = new AnnotatingCommands(host);
  const reg = (id: string, fn: (args?: CommandArgs) => unknown) =>
    vscode.commands.registerCommand(id, (args?: CommandArgs) => fn(args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : undefined));
  return [
    reg(clientCommands.accept, (args) => commands.simple(storeCommands.accept, args)),
    reg(clientCommands.reject, (args) => commands.simple(storeCommands.reject, args)),
    reg(clientCommands.delete, (args) => commands.simple(storeCommands.delete, args)),
    reg(clientCommands.changeLabel, (args) => commands.changeLabel(args)),
    reg(clientCommands.acceptAll, (args) => commands.acceptAll(args, false)),
    reg(clientCommands.acceptAllOfLabel, (args) => commands.acceptAll(args, true)),
    reg(clientCommands.annotateSelection, (args) => commands.annotateSelection(args)),
    reg(clientCommands.editNote, (args) => commands.editNote(args)),
    reg(clientCommands.setStrength, (args) => commands.setStrength(args)),
    reg(clientCommands.setActors, (args) => commands.pickArguments(args, 'actors')),
    reg(clientCommands.setPrinciples, (args) => commands.pickArguments(args, 'principles')),
    reg(clientCommands.undo, (args) => commands.step(args, 'undo')),
    reg(clientCommands.redo, (args) => commands.step(args, 'redo')),
  ];
}
