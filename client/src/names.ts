// Names of labels and strengths as the user reads them: the names of
// schema.json, each a key of the translation bundle (as in the server's
// features/labels.ts); a label of a corpus's own annotation.conf that has none
// is shown as it is written.
import * as vscode from 'vscode';

export const labelName = (label: string): string => vscode.l10n.t(label);
export const strengthName = (strength: string): string => vscode.l10n.t(strength);
