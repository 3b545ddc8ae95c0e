// The reading view: a webview beside the editor that shows the document
// right-to-left with its annotations (rendered by core/readingView.ts). It
// follows the editor's cursor, reveals a clicked span in the editor, updates
// when the annotations change (a document not annotated yet shows a message
// until it is), and can be saved as a self-contained HTML file. The text is
// set in the bundled Noto Naskh Arabic (media/fonts/), embedded in saved files.
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { READING_FONT_FILE, renderReadingBody, renderReadingPage, renderReadingPlaceholder, ReadingInput } from '../../server/src/render/readingView';
import { readingViewRequest } from '../../server/src/protocol/messages';
import { labelColours } from './labelColours';

// Runs inside the webview: clicks go to the extension, cursor moves and new content come from it.
const WEBVIEW_SCRIPT = `
const vscode = acquireVsCodeApi();
const article = document.getElementById('document');
let cursor = -1;
article.addEventListener('click', (event) => {
  const el = event.target.closest('[data-start]');
  if (el) vscode.postMessage({ type: 'reveal', start: Number(el.dataset.start), end: Number(el.dataset.end) });
});
function highlight(scroll) {
  for (const el of article.querySelectorAll('.current')) el.classList.remove('current');
  const inside = (el) => Number(el.dataset.start) <= cursor && cursor < Number(el.dataset.end);
  const hit = [...article.querySelectorAll('mark[data-start]')].find(inside) || [...article.querySelectorAll('.commitment[data-start]')].find(inside);
  if (!hit) return;
  const pieces = article.querySelectorAll('[data-id="' + CSS.escape(hit.dataset.id) + '"]');
  for (const el of pieces) el.classList.add('current');
  if (scroll) hit.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
window.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'body') { article.innerHTML = message.html; highlight(false); }
  if (message.type === 'cursor') { cursor = message.offset; highlight(true); }
});
vscode.postMessage({ type: 'ready' });
`;

interface Panel {
  panel: vscode.WebviewPanel;
  document: vscode.TextDocument;
  /** Whether the panel has its page (with the script) yet. */
  shown: boolean;
  /** What the panel shows; undefined while it shows the "not annotated yet" message. */
  last?: ReadingInput;
  /** Counts the updates asked for, so that a slow answer cannot overwrite a newer one. */
  updates: number;
}

export class ReadingViews implements vscode.Disposable {
  private readonly panels = new Map<string, Panel>();
  private readonly disposables: vscode.Disposable[] = [];
  /** media/fonts/ of the extension: the bundled Arabic font and its licence. */
  private readonly fonts: vscode.Uri | undefined;

  constructor(
    private readonly clientOf: () => LanguageClient | undefined,
    extensionUri?: vscode.Uri,
  ) {
    this.fonts = extensionUri && vscode.Uri.joinPath(extensionUri, 'media', 'fonts');
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.followCursor(e)),
    );
  }

  /**
   * Opens (or shows) the reading view of a document. A document the server
   * does not annotate (yet) gets a message that the view replaces as soon as
   * annotations arrive; opening an open view again asks for them again.
   */
  async open(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.document = document;
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      await this.update(existing);
      return;
    }
    const name = path.basename(document.uri.path);
    const panel = vscode.window.createWebviewPanel('iltizam.readingView', vscode.l10n.t('Reading view: {0}', name), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: this.fonts ? [this.fonts] : [],
    });
    const entry: Panel = { panel, document, shown: false, updates: 0 };
    this.panels.set(key, entry);
    panel.onDidDispose(() => this.panels.delete(key));
    panel.webview.onDidReceiveMessage(async (message: { type: string; start?: number; end?: number }) => {
      if (message.type === 'reveal' && message.start !== undefined && message.end !== undefined) await this.reveal(document.uri, message.start, message.end);
      if (message.type === 'ready') {
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
        if (editor) this.followCursor(editor);
      }
    });
    await this.update(entry);
  }

  /** The server pushed new annotations for a document: refresh its view, if open. */
  async refresh(uri: string): Promise<void> {
    const entry = this.panels.get(uri);
    if (!entry) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (document) entry.document = document;
    await this.update(entry);
  }

  /** Asks the server for the document's data and shows it, or the "not annotated yet" message. */
  private async update(entry: Panel): Promise<void> {
    const update = ++entry.updates;
    // A server that cannot answer (starting, stopping) is one that has nothing to show yet.
    const input = await this.inputOf(entry.document).catch(() => undefined);
    if (update !== entry.updates || this.panels.get(entry.document.uri.toString()) !== entry) return;
    const before = entry.last;
    entry.last = input;
    // Every page carries the script, the "not annotated yet" one too, so that the view hears every later update.
    // The style has a colour per label present: the first annotations, or new labels, need a new page.
    if (!entry.shown || (input && (!before || !sameKeys(before.colours, input.colours)))) {
      entry.panel.webview.html = this.pageOf(entry, input);
      entry.shown = true;
    } else if (input) void entry.panel.webview.postMessage({ type: 'body', html: renderReadingBody(input) });
    else if (before) void entry.panel.webview.postMessage({ type: 'body', html: renderReadingPlaceholder(notAnnotatedYet(entry.document)) });
  }

  /** The webview's page: the document, or the "not annotated yet" message, always with the script. */
  private pageOf(entry: Panel, input: ReadingInput | undefined): string {
    const webview = entry.panel.webview;
    const options = { script: WEBVIEW_SCRIPT, nonce: nonce(), cspSource: webview.cspSource, fontUrl: this.fonts && webview.asWebviewUri(vscode.Uri.joinPath(this.fonts, READING_FONT_FILE)).toString() };
    if (input) return renderReadingPage(input, options);
    const title = path.basename(entry.document.uri.path);
    return renderReadingPage({ text: '', entities: [], commitments: [], colours: {}, strings: emptyStrings(title) }, { ...options, placeholder: notAnnotatedYet(entry.document) });
  }

  /** The bundled font as a data: URL, for a saved page that must look the same on any machine. */
  private async fontDataUrl(): Promise<string | undefined> {
    if (!this.fonts) return undefined;
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.fonts, READING_FONT_FILE));
      return `data:font/woff2;base64,${Buffer.from(bytes).toString('base64')}`;
    } catch {
      return undefined;
    }
  }

  /** Saves a document's reading view as a self-contained HTML file. */
  async save(document: vscode.TextDocument): Promise<vscode.Uri | undefined> {
    const input = await this.inputOf(document);
    if (!input) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Iltizam has no annotations for {0}.', path.basename(document.uri.path)));
      return undefined;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: document.uri.with({ path: document.uri.path.replace(/(\.[^./]*)?$/, '.html') }),
      filters: { HTML: ['html'] },
      title: vscode.l10n.t('Save the reading view as HTML'),
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(renderReadingPage(input, { fontUrl: await this.fontDataUrl() }), 'utf8'));
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved the reading view to {0}.', target.fsPath), open).then((choice) => {
      if (choice === open) void vscode.env.openExternal(target);
    });
    return target;
  }

  private async inputOf(document: vscode.TextDocument): Promise<ReadingInput | undefined> {
    const client = this.clientOf();
    if (!client) return undefined;
    const result = await client.sendRequest(readingViewRequest, { uri: document.uri.toString() });
    if (!result) return undefined;
    const overrides = vscode.workspace.getConfiguration('iltizam').get<Record<string, string>>('colors', {});
    const labels = new Set([...result.entities.map((e) => e.label), 'Commitment']);
    return {
      text: result.text,
      entities: result.entities,
      commitments: result.commitments,
      colours: labelColours(labels, overrides),
      strings: { ...result.strings, title: path.basename(document.uri.path) },
    };
  }

  private followCursor(editor: vscode.TextEditor): void {
    const entry = this.panels.get(editor.document.uri.toString());
    if (!entry) return;
    void entry.panel.webview.postMessage({ type: 'cursor', offset: editor.document.offsetAt(editor.selection.active) });
  }

  private async reveal(uri: vscode.Uri, start: number, end: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const show = () => vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const editor = await show();
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    focusBackIfTaken(show);
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** How long after a reveal the view's own focus may still arrive. */
const FOCUS_RACE_MS = 1000;

/**
 * The click that asked for a reveal also focuses the view; when the workbench
 * handles that focus after the reveal (a busy window), the editor loses it
 * again and the cursor is out of sight of the keyboard: take it back once.
 */
function focusBackIfTaken(show: () => Thenable<vscode.TextEditor>): void {
  const watch = vscode.window.onDidChangeActiveTextEditor((active) => {
    if (active) return;
    stop();
    void show();
  });
  const timer = setTimeout(() => stop(), FOCUS_RACE_MS);
  const stop = () => {
    clearTimeout(timer);
    watch.dispose();
  };
}

function nonce(): string {
  return crypto.randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function notAnnotatedYet(document: vscode.TextDocument): string {
  return vscode.l10n.t('{0} is not annotated yet. Iltizam annotates texts that are mostly Arabic; this view fills in as soon as the document is annotated.', path.basename(document.uri.path));
}

function sameKeys(a: object, b: object): boolean {
  const x = Object.keys(a).sort();
  const y = Object.keys(b).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

function emptyStrings(title: string): ReadingInput['strings'] {
  return { labels: {}, strengths: {}, actors: '', principles: '', none: '', suggested: '', title };
}
