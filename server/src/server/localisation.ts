// The server's language: the translations the VS Code client sends (its own
// bundle), else the client's locale (initialize `locale`, as any LSP client
// sends it, e.g. `iltizam lsp --stdio` under Neovim) picks one of the bundles
// shipped with the extension; English is the source text.
import * as l10n from '@vscode/l10n';
import arabic from '../../../l10n/bundle.l10n.ar.json';

const BUNDLES: Record<string, Record<string, string>> = { ar: arabic };

/** The language whose messages the server sends now (`en` when not translated). */
export let serverLanguage = 'en';

export function localiseServer(locale: string | undefined, clientBundle?: Record<string, string>): void {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  if (clientBundle) {
    l10n.config({ contents: clientBundle });
    serverLanguage = language || 'en';
    return;
  }
  const bundle = BUNDLES[language];
  // No bundle: English, whatever was configured before (`iltizam lsp` under an Arabic LANG).
  l10n.config({ contents: bundle ?? {} });
  serverLanguage = bundle ? language : 'en';
}
