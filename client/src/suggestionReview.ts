// Active learning in the editor: Review Next / Previous Suggestion walk the
// suggestions no decision covers, least confident first (the server orders
// them: iltizam/suggestionOrder), in the current document or across the
// corpus (iltizam.review.scope), revealing and selecting each. After a
// decision the walk goes on from where it was. Also: Add the Entity at the
// Cursor to the Workspace Lexicon (the server writes it and says so).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { lexiconCommands } from '../../server/src/protocol/commands';
import { OrderedSuggestion, suggestionOrderRequest } from '../../server/src/protocol/messages';
import { labelName } from './names';

const toRange = (r: OrderedSuggestion['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** The order of the server: confidence (commitments, without one, last), document, position. */
function compare(a: OrderedSuggestion, b: OrderedSuggestion): number {
  const sure = (s: OrderedSuggestion) => s.confidence ?? Number.POSITIVE_INFINITY;
  return sure(a) - sure(b) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

const same = (a: OrderedSuggestion, b: OrderedSuggestion) => a.uri === b.uri && a.label === b.label && toRange(a.range).isEqual(toRange(b.range));

/** Where to go from `anchor` (the suggestion shown last, perhaps decided since) in `order`. */
function stepFrom(order: readonly OrderedSuggestion[], anchor: OrderedSuggestion | undefined, direction: 1 | -1): number {
  const n = order.length;
  if (!anchor) return direction === 1 ? 0 : n - 1;
  const at = order.findIndex((s) => same(s, anchor));
  if (at >= 0) return (at + direction + n) % n;
  // Decided since: the next is the first that comes after it, the previous the one before that.
  const after = order.findIndex((s) => compare(s, anchor) > 0);
  if (direction === 1) return after < 0 ? 0 : after;
  return ((after < 0 ? n : after) - 1 + n) % n;
}

class SuggestionWalk {
  private last: OrderedSuggestion | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async step(direction: 1 | -1): Promise<void> {
    const client = this.client();
    if (!client) return;
    const scope = vscode.workspace.getConfiguration('iltizam').get<string>('review.scope') === 'corpus' ? 'corpus' : 'document';
    const editor = vscode.window.activeTextEditor;
    if (scope === 'document' && !editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an Arabic text that Iltizam annotates first.'));
      return;
    }
    let order: OrderedSuggestion[] | null;
    try {
      order = await client.sendRequest(suggestionOrderRequest, scope === 'corpus' ? { scope } : { scope, uri: editor!.document.uri.toString() });
    } catch {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an Arabic text that Iltizam annotates first.'));
      return;
    }
    if (!order?.length) {
      void vscode.window.showInformationMessage(scope === 'corpus' ? vscode.l10n.t('No suggestion of the workspace is left to review.') : vscode.l10n.t('No suggestion of this document is left to review.'));
      return;
    }
    // The selection the walk made, unless the user has gone elsewhere since.
    const shown = this.last && editor?.document.uri.toString() === this.last.uri && editor.selection.isEqual(toRange(this.last.range)) ? this.last : undefined;
    const index = stepFrom(order, shown, direction);
    const s = (this.last = order[index]);
    await this.reveal(s);
    const where = vscode.l10n.t('Suggestion {0} of {1}', index + 1, order.length);
    const what = `${labelName(s.label)} «${s.text.length > 40 ? s.text.slice(0, 39) + '…' : s.text}»`;
    const sure = s.confidence === undefined ? '' : ' · ' + vscode.l10n.t('confidence {0}%', Math.round(s.confidence * 100));
    vscode.window.setStatusBarMessage(`${where}: ${what}${sure}`, 10_000);
  }

  private async reveal(s: OrderedSuggestion): Promise<void> {
    const range = toRange(s.range);
    const active = vscode.window.activeTextEditor;
    const editor = active?.document.uri.toString() === s.uri ? active : await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse(s.uri)), { preserveFocus: false });
    // Selected with the cursor at its start: the commands that act at the cursor (accept, reject, …) act on it.
    editor.selection = new vscode.Selection(range.end, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

export function registerSuggestionReview(client: () => LanguageClient | undefined): vscode.Disposable[] {
  const walk = new SuggestionWalk(client);
  return [
    vscode.commands.registerCommand('iltizam.reviewNextSuggestion', () => walk.step(1)),
    vscode.commands.registerCommand('iltizam.reviewPreviousSuggestion', () => walk.step(-1)),
    vscode.commands.registerCommand('iltizam.addToWorkspaceLexicon', async () => {
      const editor = vscode.window.activeTextEditor;
      const c = client();
      if (!editor || !c) return;
      const target = { position: editor.selection.active, layer: 'entity' };
      // The server says what it did, or why not, in a message of its own.
      await c.sendRequest(ExecuteCommandRequest.type, { command: lexiconCommands.add, arguments: [{ uri: editor.document.uri.toString(), target }] }).then(undefined, () => undefined);
    }),
  ];
}
