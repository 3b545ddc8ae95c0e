// The right-to-left annotation editor (issue 15): a custom editor over the
// same text document as the text editor (CustomTextEditorProvider: one source
// of truth, VS Code's save and undo), drawn by render/annotationEditor.ts and
// media/annotationEditor.js. It never edits the text: each decision is one of
// the server's store commands, written to the text's .ann, and comes back as
// the annotations push, which redraws this view and the text editor alike.
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { storeCommands } from '../../server/src/protocol/commands';
import type { CommandResult, WireRange } from '../../server/src/protocol/commands';
import { AnnotationsParams, ReadingViewResult, readingViewRequest } from '../../server/src/protocol/messages';
import { EDITOR_KEYS, EditorAction, EditorLayout, EditorMark, EditorStrings, layoutEditor, renderEditorPage, resizeSpan, spanOfSelection } from '../../server/src/render/annotationEditor';
import { entityLabels } from '../../server/src/analysis/schema';
import { READING_FONT_FILE } from '../../server/src/render/readingView';
import { labelColours } from './labelColours';
import { countOf, labelName, strengthName } from './names';

export const ANNOTATION_EDITOR = 'iltizam.annotationEditor';

export interface AnnotationEditorHost {
  client(): LanguageClient | undefined;
  latest(uri: string): AnnotationsParams | undefined;
  decided(uri: string, result: CommandResult): void;
}

/** What the webview sends. */
type ViewMessage =
  | { type: 'ready' }
  | { type: 'annotate'; anchor: number; focus: number; label: string }
  | { type: 'decide'; action: 'accept' | 'reject' | 'delete'; id: string }
  | { type: 'relabel'; id: string; label: string }
  | { type: 'note'; id: string; note: string }
  | { type: 'strength'; id: string; strength: string }
  | { type: 'arguments'; id: string; role: 'actors' | 'principles'; ids: string[] }
  | { type: 'resize'; id: string; edge: 'start' | 'end'; grow: boolean }
  | { type: 'step'; step: 'undo' | 'redo' }
  | { type: 'want'; generation: number; index: number };

interface Editor {
  document: vscode.TextDocument;
  panel: vscode.WebviewPanel;
  /** The text and marks the view shows, and the document version they belong to. */
  text?: string;
  version?: number;
  marks?: EditorMark[];
  /** Counts the updates asked for, so that a slow answer cannot overwrite a newer one. */
  updates: number;
  /** Counts the layouts sent, so that the view takes a chunk's HTML for the layout it shows only. */
  posts: number;
  /** When the editor was opened (Date.now()), until the view has drawn its first page. */
  openedAt?: number;
  /** The layout the view was last sent, and the chunks it has asked for (in view). */
  layout?: { generation: number; layout: EditorLayout };
  wanted: Set<number>;
  /** A span the view should focus once the next model arrives (after a resize). */
  focus?: { start: number; end: number };
  timer?: ReturnType<typeof setTimeout>;
}

export class AnnotationEditorProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly editors = new Set<Editor>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly media: vscode.Uri;

  constructor(
    private readonly host: AnnotationEditorHost,
    extensionUri: vscode.Uri,
  ) {
    this.media = vscode.Uri.joinPath(extensionUri, 'media');
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        for (const editor of this.editors) if (editor.document === e.document) this.schedule(editor);
      }),
    );
  }

  async resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): Promise<void> {
    const editor: Editor = { document, panel, updates: 0, posts: 0, openedAt: Date.now(), wanted: new Set() };
    this.editors.add(editor);
    panel.onDidDispose(() => {
      clearTimeout(editor.timer);
      this.editors.delete(editor);
    });
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.media] };
    panel.webview.onDidReceiveMessage((m: ViewMessage) => this.received(editor, m));
    panel.webview.html = this.pageOf(panel.webview, document);
  }

  /** The server pushed new annotations for a document: redraw its editors. */
  refresh(uri: string): void {
    for (const editor of this.editors) if (editor.document.uri.toString() === uri) void this.update(editor);
  }

  /** Runs one of the view's actions (EDITOR_KEYS) in the active annotation editor, as its key would. */
  act(action: string | undefined, digit?: number): void {
    const editor = this.active();
    if (!editor || !EDITOR_KEYS.some((k) => k.action === action)) return;
    void editor.panel.webview.postMessage({ type: 'act', action, digit });
  }

  /** The editor of the active tab, for undo and redo. */
  active(): Editor | undefined {
    return [...this.editors].find((e) => e.panel.active);
  }

  private schedule(editor: Editor): void {
    clearTimeout(editor.timer);
    editor.timer = setTimeout(() => void this.update(editor), 200);
  }

  private pageOf(webview: vscode.Webview, document: vscode.TextDocument): string {
    const labels = new Set([...(this.host.latest(document.uri.toString())?.schema?.labels ?? []), 'Commitment']);
    const overrides = vscode.workspace.getConfiguration('iltizam').get<Record<string, string>>('colors', {});
    const actionNames = Object.fromEntries(EDITOR_KEYS.map(({ action }) => [action, actionName(action)])) as Record<EditorAction, string>;
    return renderEditorPage({
      title: document.uri.path.split('/').pop() ?? '',
      actionNames: { ...actionNames, undo: vscode.l10n.t('Undo the last decision'), redo: vscode.l10n.t('Redo the decision') },
      keysHeading: vscode.l10n.t('Keys'),
      documentLabel: vscode.l10n.t('The document, right to left, with its annotations'),
      loading: vscode.l10n.t('Loading the annotations…'),
      uiDir: /^(ar|fa|he|ur)\b/.test(vscode.env.language) ? 'rtl' : 'ltr',
      colours: labelColours([...labels, ...entityLabels.map((l) => l.name)], overrides),
      nonce: crypto.randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, ''),
      cspSource: webview.cspSource,
      scriptUrl: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'annotationEditor.js')).toString(),
      fontUrl: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'fonts', READING_FONT_FILE)).toString(),
    });
  }

  /** Asks the server for the document's annotations and sends the view its model. */
  private async update(editor: Editor): Promise<void> {
    const update = ++editor.updates;
    const client = this.host.client();
    const uri = editor.document.uri.toString();
    if (editor.text === undefined) {
      // The text at once, right to left, while the server analyses it; then the marks of the first chunk, from its
      // lines alone (provisional: no decision on them), when the document has not been analysed yet.
      const textOnly = layoutEditor({ text: editor.document.getText(), entities: [], commitments: [], strings: textOnlyStrings() });
      this.post(editor, textOnly, true);
      const first = textOnly.chunks[0];
      const early = client && first ? await client.sendRequest(readingViewRequest, { uri, range: { start: first.start, end: first.end } }).catch(() => null) : null;
      if (update !== editor.updates || !this.editors.has(editor)) return;
      if (early && !early.provisional) return this.show(editor, early);
      if (early) this.post(editor, layoutOf(early), true);
    }
    const result = client ? await client.sendRequest(readingViewRequest, { uri }).catch(() => null) : null;
    if (update !== editor.updates || !this.editors.has(editor)) return;
    if (!result) {
      void editor.panel.webview.postMessage({ type: 'notice', text: notAnnotatedYet(editor.document) });
      return;
    }
    this.show(editor, result);
  }

  /** Shows the exact view of the document: from now on, decisions target its marks. */
  private show(editor: Editor, result: ReadingViewResult): void {
    const layout = layoutOf(result);
    Object.assign(editor, { text: result.text, version: result.version, marks: layout.marks });
    this.post(editor, layout, false);
    editor.openedAt = undefined;
  }

  /** Sends a layout: the chunks the view shows first with their HTML, the others one by one after, while no newer layout replaces it. */
  private post(editor: Editor, layout: EditorLayout, loading: boolean): void {
    const generation = ++editor.posts;
    editor.layout = { generation, layout };
    const params = this.host.latest(editor.document.uri.toString());
    const labels = [...(params?.schema?.labels ?? []), ...(params?.schema?.commitment ? [params.schema.commitment] : [])];
    const first = new Set([0, 1, ...editor.wanted]);
    const remaining = layout.order.document.length;
    // The span to focus (after a resize), once a layout has it: the push after the first of its two decisions does not.
    const focus = editor.focus && layout.marks.some((m) => m.start === editor.focus!.start && m.end === editor.focus!.end) ? editor.focus : undefined;
    if (focus) editor.focus = undefined;
    void editor.panel.webview.postMessage({
      type: 'model',
      generation,
      loading,
      chunks: layout.chunks.map((c, i) => ({ ...c, html: first.has(i) && i < layout.chunks.length ? layout.html(i) : undefined })),
      marks: layout.marks,
      order: layout.order,
      openedAt: editor.openedAt,
      focus: focus,
      labels: labels.map((l) => ({ label: l, name: labelName(l), commitment: l === params?.schema?.commitment })),
      strengths: (params?.schema?.strengths ?? []).map((s) => ({ strength: s, name: strengthName(s) })),
      keys: EDITOR_KEYS,
      remaining: loading ? vscode.l10n.t('Loading the annotations…') : remaining ? countOf('toReview', remaining) : vscode.l10n.t('No undecided suggestion left.'),
      ui: uiStrings(),
    });
    const rest = layout.chunks.map((_, i) => i).filter((i) => !first.has(i));
    const next = () => {
      if (editor.layout?.generation !== generation || !this.editors.has(editor)) return;
      for (const index of rest.splice(0, 4)) void editor.panel.webview.postMessage({ type: 'html', generation, index, html: layout.html(index) });
      if (rest.length) setImmediate(next);
    };
    setImmediate(next);
  }

  private async received(editor: Editor, m: ViewMessage): Promise<void> {
    if (m.type === 'ready') return this.update(editor);
    if (m.type === 'want') return this.want(editor, m.generation, m.index);
    if (m.type === 'step') {
      await this.step(editor, m.step);
      return;
    }
    if (editor.text === undefined) {
      // Only the text, or the first chunk's provisional marks: the exact view is on its way.
      this.notice(editor, vscode.l10n.t('Loading the annotations…'));
      return;
    }
    if (editor.version !== editor.document.version) {
      this.notice(editor, vscode.l10n.t('The text changed since the view was drawn: try again.'));
      return this.update(editor);
    }
    const target = (id: string) => ({ target: { id, version: editor.version } });
    switch (m.type) {
      case 'annotate': {
        const span = spanOfSelection(editor.text, m.anchor, m.focus);
        if (span) await this.send(editor, storeCommands.annotate, { label: m.label, ranges: [this.rangeOf(editor, span)] });
        return;
      }
      case 'decide':
        await this.send(editor, m.action === 'accept' ? storeCommands.accept : m.action === 'reject' ? storeCommands.reject : storeCommands.delete, target(m.id));
        return;
      case 'relabel':
        await this.send(editor, storeCommands.setLabel, { ...target(m.id), label: m.label });
        return;
      case 'note':
        await this.send(editor, storeCommands.setNote, { ...target(m.id), note: m.note });
        return;
      case 'strength':
        await this.send(editor, storeCommands.setStrength, { ...target(m.id), strength: m.strength });
        return;
      case 'arguments':
        await this.send(editor, storeCommands.setArguments, { ...target(m.id), [m.role]: m.ids });
        return;
      case 'resize':
        await this.resize(editor, m.id, m.edge, m.grow);
        return;
    }
  }

  /** The view scrolled to a chunk whose HTML it has not received yet: send it now. */
  private want(editor: Editor, generation: number, index: number): void {
    editor.wanted.add(index);
    const sent = editor.layout;
    if (sent?.generation === generation && index >= 0 && index < sent.layout.chunks.length) {
      void editor.panel.webview.postMessage({ type: 'html', generation, index, html: sent.layout.html(index) });
    }
  }

  /** A word more or less at one edge: a suggestion is accepted first, then the stored annotation moved (two decisions). */
  private async resize(editor: Editor, id: string, edge: 'start' | 'end', grow: boolean): Promise<void> {
    const mark = editor.marks?.find((x) => x.id === id);
    if (!mark || editor.text === undefined) return;
    const span = resizeSpan(editor.text, mark, edge, grow);
    if (span.start === mark.start && span.end === mark.end) return;
    let stored = id;
    if (mark.status === 'suggested') {
      const accepted = await this.send(editor, storeCommands.accept, { target: { id, version: editor.version } });
      if (!accepted?.ids[0]) return;
      stored = accepted.ids[0];
    }
    editor.focus = span;
    await this.send(editor, storeCommands.reattach, { id: stored, range: this.rangeOf(editor, span) });
  }

  async step(editor: Editor, step: 'undo' | 'redo'): Promise<void> {
    const result = await this.send(editor, step === 'undo' ? storeCommands.undo : storeCommands.redo, {});
    if (result?.count === 0) this.notice(editor, step === 'undo' ? vscode.l10n.t('No annotation decision to undo') : vscode.l10n.t('No annotation decision to redo'));
  }

  private rangeOf(editor: Editor, span: { start: number; end: number }): WireRange {
    return { start: editor.document.positionAt(span.start), end: editor.document.positionAt(span.end) };
  }

  private notice(editor: Editor, text: string): void {
    void editor.panel.webview.postMessage({ type: 'notice', text });
  }

  private async send(editor: Editor, command: string, args: object): Promise<CommandResult | undefined> {
    const client = this.host.client();
    if (!client) return undefined;
    const uri = editor.document.uri.toString();
    try {
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [{ uri, ...args }] })) as CommandResult;
      if (result) this.host.decided(uri, result);
      return result;
    } catch (err) {
      this.notice(editor, err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The layout of the server's view, with its words (labels, strengths, statuses) in the interface language. */
function layoutOf(result: ReadingViewResult): EditorLayout {
  return layoutEditor({ text: result.text, entities: result.entities, commitments: result.commitments, strings: result.strings });
}

/** The words of a layout of the text alone, before the server's view (it has no marks to name). */
function textOnlyStrings(): EditorStrings {
  return { labels: {}, strengths: {}, actors: '', principles: '', none: '', statuses: {}, confidence: '' };
}

function actionName(action: EditorAction): string {
  const names: Record<EditorAction, string> = {
    next: vscode.l10n.t('Next undecided suggestion'),
    previous: vscode.l10n.t('Previous undecided suggestion'),
    toggleOrder: vscode.l10n.t('Order: document or least confident first'),
    accept: vscode.l10n.t('Accept'),
    reject: vscode.l10n.t('Reject'),
    label: vscode.l10n.t('Change the label, or label the selection'),
    growEnd: vscode.l10n.t('Extend the end by a word'),
    shrinkEnd: vscode.l10n.t('Shrink the end by a word'),
    growStart: vscode.l10n.t('Extend the start by a word'),
    shrinkStart: vscode.l10n.t('Shrink the start by a word'),
    note: vscode.l10n.t('Note'),
    delete: vscode.l10n.t('Delete'),
    menu: vscode.l10n.t('All actions on the annotation'),
    close: vscode.l10n.t('Close the menu'),
  };
  return names[action];
}

/** The words of the menus and the status line. */
function uiStrings(): Record<string, string> {
  return {
    accept: vscode.l10n.t('Accept'),
    reject: vscode.l10n.t('Reject'),
    delete: vscode.l10n.t('Delete'),
    note: vscode.l10n.t('Note'),
    saveNote: vscode.l10n.t('Save the note'),
    changeLabel: vscode.l10n.t('Change the label to'),
    labelSelection: vscode.l10n.t('Label the selection as'),
    strength: vscode.l10n.t('Strength'),
    chooseActors: vscode.l10n.t('Choose who commits'),
    choosePrinciples: vscode.l10n.t('Choose the principles'),
    picking: vscode.l10n.t('Click the entities to choose them, then press Enter (Esc cancels).'),
    orderDocument: vscode.l10n.t('Order: document'),
    orderConfidence: vscode.l10n.t('Order: least confident first'),
    none: vscode.l10n.t('No undecided suggestion left.'),
    actions: vscode.l10n.t('Actions'),
  };
}

function notAnnotatedYet(document: vscode.TextDocument): string {
  return vscode.l10n.t('{0} is not annotated yet. Iltizam annotates texts that are mostly Arabic; this view fills in as soon as the document is annotated.', document.uri.path.split('/').pop() ?? '');
}

/** The open command, and the setting that makes the editor the default for arabic-policy files (through workbench.editorAssociations). */
export function registerAnnotationEditor(provider: AnnotationEditorProvider): vscode.Disposable[] {
  const applyDefault = () => void setDefault(vscode.workspace.getConfiguration('iltizam').get<boolean>('annotationEditor.default', false));
  applyDefault();
  return [
    provider,
    vscode.window.registerCustomEditorProvider(ANNOTATION_EDITOR, provider, { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: false }),
    vscode.commands.registerCommand('iltizam.openAnnotationEditor', (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      if (!target) return vscode.window.showInformationMessage(vscode.l10n.t('Open an Arabic text that Iltizam annotates first.'));
      return vscode.commands.executeCommand('vscode.openWith', target, ANNOTATION_EDITOR);
    }),
    // Any of the view's actions, for keybindings of the user's own: { "command": "iltizam.annotationEditor.act", "args": { "action": "accept" } }.
    vscode.commands.registerCommand('iltizam.annotationEditor.act', (args?: { action?: string; digit?: number }) => provider.act(args?.action, args?.digit)),
    vscode.commands.registerCommand('iltizam.annotationEditor.undo', () => stepActive(provider, 'undo')),
    vscode.commands.registerCommand('iltizam.annotationEditor.redo', () => stepActive(provider, 'redo')),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('iltizam.annotationEditor.default')) applyDefault();
    }),
  ];
}

function stepActive(provider: AnnotationEditorProvider, step: 'undo' | 'redo'): Promise<void> | undefined {
  const editor = provider.active();
  return editor && provider.step(editor, step);
}

const POLICY_FILES = '*.ar.txt';

/** Adds or removes the association of arabic-policy files with the annotation editor in the user's settings; another association is left alone. */
async function setDefault(on: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration('workbench');
  const current = config.get<Record<string, string>>('editorAssociations', {});
  const ours = current[POLICY_FILES] === ANNOTATION_EDITOR;
  if (on === ours || (on && current[POLICY_FILES] !== undefined)) return;
  const next = { ...current };
  if (on) next[POLICY_FILES] = ANNOTATION_EDITOR;
  else delete next[POLICY_FILES];
  await config.update('editorAssociations', next, vscode.ConfigurationTarget.Global);
}
