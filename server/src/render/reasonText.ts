// Reasons (messages/reason.ts) in the language of whoever shows them: the
// server's and the command line's translate function (@vscode/l10n's).
import { FormatError } from '../interchange/formatError';
import { isReason, Reason } from '../messages/reason';
import type { Translate } from './plurals';

/** The reason in the language `t` translates into; its nested reasons too. */
export function reasonText(r: Reason, t: Translate): string {
  const args = r.args.map((a) => (isReason(a) ? reasonText(a, t) : a));
  return t({ message: r.text, args, comment: [] });
}

/** A FormatError as the user reads it: `file:line: reason`, the reason translated. */
export function formatErrorText(err: FormatError, t: Translate): string {
  return `${err.file}${err.line !== undefined ? `:${err.line}` : ''}: ${reasonText(err.reason, t)}`;
}
