// "Add to Workspace Lexicon": an entity's text, with its label, written into
// the workspace lexicon file of its folder (the first of iltizam.lexicon.paths,
// .iltizam/lexicon.json unless set), which is then loaded like any edit of it.
import * as l10n from '@vscode/l10n';
import * as path from 'path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { NotALexiconError, withLexiconEntry } from '../analysis/lexicon';
import { isCommitment } from '../annotations/view';
import type { AddToLexiconResult, TargetArgs } from '../protocol/commands';
import { WORKSPACE_LEXICON } from '../node/workspaceFiles';
import { folderOf } from './analysisService';
import type { ServerContext } from './context';
import { findTarget } from './features/commands';

const fail = (message: string): never => {
  throw new ResponseError(ErrorCodes.InvalidParams, message);
};

/** Adds the targeted entity to its folder's workspace lexicon; the file's text is returned too, to load at once. */
export function addToWorkspaceLexicon(ctx: ServerContext, args: TargetArgs | undefined): AddToLexiconResult & { text: string } {
  if (typeof args?.uri !== 'string' || !args.target) return fail(l10n.t('The command needs the document\'s URI.'));
  const doc = ctx.annotatable(args.uri) ?? fail(l10n.t('{0} is not an open document that Iltizam annotates.', args.uri));
  const a = findTarget(doc, ctx.service.viewOf(doc), args.target);
  if (isCommitment(a)) return fail(l10n.t('Only an entity can go into the lexicon, not a commitment.'));
  const root = folderOf(doc.uri, ctx.workspaceRoots) ?? fail(l10n.t('{0} is outside every workspace folder: it has no workspace lexicon.', doc.uri));
  const file = path.resolve(root, ctx.service.settingsFor(doc.uri).lexiconPaths[0] ?? WORKSPACE_LEXICON);
  let edited: ReturnType<typeof withLexiconEntry>;
  try {
    edited = withLexiconEntry(ctx.files.read(file), a.label, a.text);
  } catch (err) {
    if (err instanceof NotALexiconError) return fail(l10n.t('{0} is not a lexicon (an object with an "entries" array): fix it first.', file));
    return fail(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (edited.added) ctx.files.write(file, edited.text, true);
  return { file, id: edited.id, label: a.label, ar: edited.ar, added: edited.added, text: edited.text };
}
