// Names of labels and strengths as the user reads them: the names of
// schema.json, each a key of the translation bundle (as in the server's
// features/labels.ts); a label of a corpus's own annotation.conf that has none
// is shown as it is written.
import * as vscode from 'vscode';
import { countPhrase, Counted } from '../../server/src/render/plurals';

export const labelName = (label: string): string => vscode.l10n.t(label);
export const strengthName = (strength: string): string => vscode.l10n.t(strength);

/** A count in VS Code's language, in the plural category of `count` (server/src/render/plurals.ts). */
export const countOf = (what: Counted, count: number, args?: (string | number)[]): string => countPhrase((o) => vscode.l10n.t(o), vscode.env.language, what, count, args);
