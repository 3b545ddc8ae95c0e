// The command line's language: English (the source text) or a bundle shipped
// in l10n/ (Arabic), chosen by `--lang <language>` before the command, else by
// the environment as POSIX orders it (LC_ALL, then LC_MESSAGES, then LANG).
// Option names, formats and the usage synopsis stay as they are typed.
import * as l10n from '@vscode/l10n';
import arabic from '../../../l10n/bundle.l10n.ar.json';
import { Counted, countPhrase } from '../render/plurals';

const BUNDLES: Record<string, Record<string, string>> = { ar: arabic };

let cliLanguage = 'en';

/** The language a locale name means (`ar_EG.UTF-8` → `ar`); `C`, `POSIX` and unknown ones are English. */
export function languageOf(locale: string | undefined): string {
  const language = (locale ?? '').toLowerCase().split(/[-_.@]/)[0];
  return BUNDLES[language] ? language : 'en';
}

/** The first locale variable that is set, as POSIX reads them. */
export function environmentLocale(env: NodeJS.ProcessEnv): string | undefined {
  return [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
}

/**
 * Takes `--lang <language>` (or `--lang=<language>`) off the front of the
 * arguments, sets the messages' language from it or from the environment, and
 * returns the remaining arguments.
 */
export function localiseCli(argv: string[], env: NodeJS.ProcessEnv): string[] {
  let rest = argv;
  let chosen = environmentLocale(env);
  if (argv[0] === '--lang' && argv.length > 1) [chosen, rest] = [argv[1], argv.slice(2)];
  else if (argv[0]?.startsWith('--lang=')) [chosen, rest] = [argv[0].slice('--lang='.length), argv.slice(1)];
  cliLanguage = languageOf(chosen);
  l10n.config({ contents: BUNDLES[cliLanguage] ?? {} });
  return rest;
}

/** A count in the command line's language (render/plurals.ts). */
export function cliCount(what: Counted, count: number): string {
  return countPhrase((o) => l10n.t(o), cliLanguage, what, count);
}
