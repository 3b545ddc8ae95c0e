// The VS Code client: starts the language server over IPC and draws what it
// finds (entity colours, commitment marks, the status bar), with the commands
// to toggle the highlighting, restart the server and annotate by hand.
import * as path from 'path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerAnnotationCommands } from './annotating';
import { Decorations } from './decorations';
import { countOf } from './names';
import { ReviewerFeatures } from './reviewing';
import { registerCorpusCommands } from './exporting';
import { annotationsNotification, AnnotationsParams } from '../../server/src/protocol/messages';
import type { CommandResult } from '../../server/src/protocol/commands';


let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const decorations = new Decorations();
  const status = vscode.window.createStatusBarItem('iltizam.status', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('Iltizam annotations');
  status.command = 'iltizam.toggleHighlighting';
  context.subscriptions.push(decorations, status);
  const latest = new Map<string, AnnotationsParams>();
  let crashReported = false;
  /** Per document: whether the last thing done was an annotation decision, so that Ctrl+Z undoes it rather than typing. */
  const decisions = new Map<string, { last: boolean; canUndo: boolean; canRedo: boolean }>();

  const updateContext = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const params = uri ? latest.get(uri) : undefined;
    const state = uri ? decisions.get(uri) : undefined;
    void vscode.commands.executeCommand('setContext', 'iltizam.storable', !!params?.schema && params.storable !== false);
    void vscode.commands.executeCommand('setContext', 'iltizam.canUndoDecision', !!state?.last && state.canUndo);
    void vscode.commands.executeCommand('setContext', 'iltizam.canRedoDecision', !!state?.last && state.canRedo);
  };

  const updateStatus = () => {
    updateContext();
    const editor = vscode.window.activeTextEditor;
    const params = editor && latest.get(editor.document.uri.toString());
    if (!params || (!params.entities.length && !params.commitments.length)) {
      status.hide();
      return;
    }
    const on = decorations.enabled;
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
  };

  const redraw = (editor: vscode.TextEditor) => {
    const params = latest.get(editor.document.uri.toString());
    if (params && params.version === editor.document.version) decorations.draw(editor, params);
    else if (!params) decorations.clear(editor);
  };

  const reviewer = new ReviewerFeatures(() => client, context.extensionUri);
  context.subscriptions.push(reviewer);

  const startClient = async () => {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
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
          if (!crashReported) {
            crashReported = true;
            const restart = vscode.l10n.t('Restart the server');
            void vscode.window.showErrorMessage(vscode.l10n.t('The Iltizam language server stopped unexpectedly. Annotations are not updated until it runs again.'), restart).then((choice) => {
              if (choice === restart) void vscode.commands.executeCommand('iltizam.restartServer');
            });
          }
          return { action: CloseAction.DoNotRestart };
        },
      },
    };
    client = new LanguageClient('iltizam', vscode.l10n.t('Iltizam language server'), serverOptions, clientOptions);
    client.onNotification(annotationsNotification, (params: AnnotationsParams) => {
      latest.set(params.uri, params);
      const state = decisions.get(params.uri);
      if (state && params.history) Object.assign(state, params.history);
      for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === params.uri) redraw(editor);
      updateStatus();
      reviewer.annotationsChanged(params.uri);
    });
    await client.start();
    reviewer.attach(client);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('iltizam.toggleHighlighting', async () => {
      const enabled = !decorations.enabled;
      await vscode.workspace.getConfiguration('iltizam').update('highlighting.enabled', enabled, vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand('iltizam.restartServer', async () => {
      crashReported = false;
      if (client) {
        await client.stop().catch(() => undefined);
        client = undefined;
      }
      latest.clear();
      for (const editor of vscode.window.visibleTextEditors) decorations.clear(editor);
      await startClient();
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Iltizam language server restarted'), 3000);
    }),
    vscode.commands.registerCommand('iltizam.showOutput', () => client?.outputChannel.show()),
    ...registerCorpusCommands(),
    ...registerAnnotationCommands({
      client: () => client,
      latest: (uri) => latest.get(uri),
      decided(uri: string, result: CommandResult) {
        decisions.set(uri, { last: true, canUndo: result.canUndo, canRedo: result.canRedo });
        updateContext();
      },
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const state = decisions.get(e.document.uri.toString());
      if (state?.last && e.contentChanges.length) {
        state.last = false;
        updateContext();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('iltizam.highlighting.enabled') || e.affectsConfiguration('iltizam.colors')) {
        decorations.reconfigure();
        for (const editor of vscode.window.visibleTextEditors) {
          if (decorations.enabled) redraw(editor);
          else decorations.clear(editor);
        }
        updateStatus();
      }
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach(redraw)),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      latest.delete(doc.uri.toString());
      decisions.delete(doc.uri.toString());
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
