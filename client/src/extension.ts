// The VS Code client: starts the language server over IPC and draws what it
// finds (entity colours, commitment marks, the status bar), with the commands
// to toggle the highlighting, restart the server and annotate by hand.
import * as path from 'path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { AnnotationEditorProvider, registerAnnotationEditor } from './annotationEditor';
import { registerAnnotationCommands } from './annotating';
import { Decorations } from './decorations';
import { countOf } from './names';
import { ReviewerFeatures } from './reviewing';
import { registerCorpusCommands } from './exporting';
import { annotationsNotification, AnnotationsParams } from '../../server/src/protocol/messages';
import { learningCommands } from '../../server/src/protocol/commands';
import { registerSuggestionReview } from './suggestionReview';
import type { CommandResult } from '../../server/src/protocol/commands';

/** The extension's state while it is active: the language client, what it last pushed per document, and the views of it. */
class IltizamExtension {
  client: LanguageClient | undefined;
  private readonly decorations = new Decorations();
  private readonly status = vscode.window.createStatusBarItem('iltizam.status', vscode.StatusBarAlignment.Right, 100);
  private readonly latest = new Map<string, AnnotationsParams>();
  /** Per document: whether the last thing done was an annotation decision, so that Ctrl+Z undoes it rather than typing. */
  private readonly decisions = new Map<string, { last: boolean; canUndo: boolean; canRedo: boolean }>();
  private readonly reviewer: ReviewerFeatures;
  private readonly annotationEditor: AnnotationEditorProvider;
  private crashReported = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.name = vscode.l10n.t('Iltizam annotations');
    this.status.command = 'iltizam.toggleHighlighting';
    this.reviewer = new ReviewerFeatures(() => this.client, context.extensionUri);
    this.annotationEditor = new AnnotationEditorProvider({ client: () => this.client, latest: (uri) => this.latest.get(uri), decided: (uri, result) => this.decided(uri, result) }, context.extensionUri);
    context.subscriptions.push(this.decorations, this.status, this.reviewer);
  }

  private updateContext(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const params = uri ? this.latest.get(uri) : undefined;
    const state = uri ? this.decisions.get(uri) : undefined;
    void vscode.commands.executeCommand('setContext', 'iltizam.storable', !!params?.schema && params.storable !== false);
    void vscode.commands.executeCommand('setContext', 'iltizam.canUndoDecision', !!state?.last && state.canUndo);
    void vscode.commands.executeCommand('setContext', 'iltizam.canRedoDecision', !!state?.last && state.canRedo);
  }

  private updateStatus(): void {
    this.updateContext();
    const { status } = this;
    const editor = vscode.window.activeTextEditor;
    const params = editor && this.latest.get(editor.document.uri.toString());
    if (!params || (!params.entities.length && !params.commitments.length)) {
      status.hide();
      return;
    }
    const on = this.decorations.enabled;
    const toReview = params.counts?.suggested ?? 0;
    status.text =
      `$(${on ? 'tag' : 'eye-closed'}) ` +
      (toReview && params.storable
        ? vscode.l10n.t('Iltizam: {0} · {1} · {2}', countOf('entities', params.entities.length), countOf('commitments', params.commitments.length), countOf('toReview', toReview))
        : vscode.l10n.t('Iltizam: {0} · {1}', countOf('entities', params.entities.length), countOf('commitments', params.commitments.length)));
    const counts = params.counts;
    const detail = counts ? vscode.l10n.t('{0} stored (solid), {1} suggested (dashed), {2} rejected.', counts.stored, counts.suggested, counts.rejected) : '';
    status.tooltip = [detail, on ? vscode.l10n.t('Click to hide the annotations') : vscode.l10n.t('Click to show the annotations')].filter(Boolean).join('\n');
    status.show();
  }

  private redraw(editor: vscode.TextEditor): void {
    const params = this.latest.get(editor.document.uri.toString());
    if (params && params.version === editor.document.version) this.decorations.draw(editor, params);
    else if (!params) this.decorations.clear(editor);
  }

  private clientOptions(): LanguageClientOptions {
    const decorations = this.decorations;
    return {
      documentSelector: [
        { scheme: 'file', language: 'plaintext' },
        { scheme: 'untitled', language: 'plaintext' },
        { language: 'arabic-policy' },
        { scheme: 'file', pattern: '**/.iltizam/lexicon.json' },
        // For the diagnostics of a .ann opened on its own.
        { scheme: 'file', language: 'brat-standoff' },
      ],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.iltizam/*.json') },
      initializationOptions: { l10nBundle: vscode.l10n.bundle, clientCommands: true },
      middleware: {
        // Turning highlighting off also turns the semantic colours off.
        provideDocumentSemanticTokens: (doc, token, next) => (decorations.enabled ? next(doc, token) : undefined),
        provideDocumentRangeSemanticTokens: (doc, range, token, next) => (decorations.enabled ? next(doc, range, token) : undefined),
      },
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          if (!this.crashReported) {
            this.crashReported = true;
            const restart = vscode.l10n.t('Restart the server');
            void vscode.window.showErrorMessage(vscode.l10n.t('The Iltizam language server stopped unexpectedly. Annotations are not updated until it runs again.'), restart).then((choice) => {
              if (choice === restart) void vscode.commands.executeCommand('iltizam.restartServer');
            });
          }
          return { action: CloseAction.DoNotRestart };
        },
      },
    };
  }

  private annotationsArrived(params: AnnotationsParams): void {
    this.latest.set(params.uri, params);
    const state = this.decisions.get(params.uri);
    if (state && params.history) Object.assign(state, params.history);
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === params.uri) this.redraw(editor);
    this.updateStatus();
    this.reviewer.annotationsChanged(params.uri);
    this.annotationEditor.refresh(params.uri);
  }

  private decided(uri: string, result: CommandResult): void {
    this.decisions.set(uri, { last: true, canUndo: result.canUndo, canRedo: result.canRedo });
    this.updateContext();
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const client = (this.client = new LanguageClient('iltizam', vscode.l10n.t('Iltizam language server'), serverOptions, this.clientOptions()));
    client.onNotification(annotationsNotification, (params: AnnotationsParams) => this.annotationsArrived(params));
    await client.start();
    this.reviewer.attach(client);
  }

  private async restart(): Promise<void> {
    this.crashReported = false;
    if (this.client) {
      await this.client.stop().catch(() => undefined);
      this.client = undefined;
    }
    this.latest.clear();
    for (const editor of vscode.window.visibleTextEditors) this.decorations.clear(editor);
    await this.start();
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Iltizam language server restarted'), 3000);
  }

  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration('iltizam.highlighting.enabled') && !e.affectsConfiguration('iltizam.colors')) return;
    this.decorations.reconfigure();
    for (const editor of vscode.window.visibleTextEditors) {
      if (this.decorations.enabled) this.redraw(editor);
      else this.decorations.clear(editor);
    }
    this.updateStatus();
  }

  register(): void {
    this.context.subscriptions.push(
      vscode.commands.registerCommand('iltizam.toggleHighlighting', async () => {
        await vscode.workspace.getConfiguration('iltizam').update('highlighting.enabled', !this.decorations.enabled, vscode.ConfigurationTarget.Global);
      }),
      vscode.commands.registerCommand('iltizam.restartServer', () => this.restart()),
      vscode.commands.registerCommand('iltizam.showOutput', () => this.client?.outputChannel.show()),
      // The server deletes what the tagger learnt and says so in the output channel.
      vscode.commands.registerCommand('iltizam.resetLearning', () => this.client?.sendRequest(ExecuteCommandRequest.type, { command: learningCommands.reset, arguments: [] })),
      ...registerCorpusCommands(() => this.client),
      ...registerSuggestionReview(() => this.client),
      ...registerAnnotationCommands({
        client: () => this.client,
        latest: (uri) => this.latest.get(uri),
        decided: (uri: string, result: CommandResult) => this.decided(uri, result),
      }),
      ...registerAnnotationEditor(this.annotationEditor),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const state = this.decisions.get(e.document.uri.toString());
        if (state?.last && e.contentChanges.length) {
          state.last = false;
          this.updateContext();
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.redraw(editor))),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.latest.delete(doc.uri.toString());
        this.decisions.delete(doc.uri.toString());
      }),
    );
  }
}

let extension: IltizamExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new IltizamExtension(context);
  extension.register();
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.client?.stop();
}
