// The command line on the same core: `iltizam analyze <files, folders or ->`
// prints one JSON line per document as a stream (./analyze.ts); `export`, `import` and `agreement` move
// a corpus to and from the formats NLP tools use and compare two annotators;
// `iltizam lsp --stdio` runs the server.
import { formatAgreementReport } from '../corpus/agreement';
import { agreement } from '../node/agreement';
import { exportCorpus } from '../node/exportCorpus';
import { EXPORT_FORMATS, formatMarksSuggestions, IMPORT_FORMATS, isExportFormat, isImportFormat } from '../interchange/formats';
import { FormatError } from '../interchange/formatError';
import { Progress } from '../interchange/runControl';
import { importFile } from '../node/importFile';
import { getDefaultLexicon } from '../analysis/lexicon';
import { getDefaultRules } from '../analysis/rules';
import { adaptTagger, getDefaultTagger } from '../analysis/tagger';
import { readDecidedDocuments, writeAdaptation } from '../node/learning';
import { defaultJobs, inThreadAnalyzer, WorkerPool } from '../node/analyzePool';
import { tierForBatch } from '../node/batchTiering';
import { analyzeStream } from './analyze';
import { parseArgs as nodeParseArgs } from 'node:util';
import * as l10n from '@vscode/l10n';
import { cliCount, localiseCli } from './messages';
import { formatErrorText, reasonText } from '../render/reasonText';

/** Each command's usage line(s): `iltizam <command> --help` prints its own, a usage error the whole list. */
const COMMAND_USAGE = {
  analyze: `iltizam analyze [--jobs <N>] [--compact] [--model <model file>] <files, folders or - …>
                      one JSON line per document (code-point offsets), printed as soon as it and the
                      documents before it are done, in input order
                      -           read JSON lines {"id": "…", "text": "…"} from standard input
                      --jobs N    analyse on N worker threads (default: the number of cores)
                      --compact   short keys, no texts: {"id", "e": [[start, end, label, source,
                                  confidence, kb]…], "c": [[start, end, strength, actors, principles,
                                  negated]…]} (actors and principles: indexes into e)`,
  train: `iltizam train <corpus folders…> --out <model file> [--reviewed]
                      adapts the shipped tagger to the decisions in the folders' .ann files`,
  export: `iltizam export <files or folders…> --format <${EXPORT_FORMATS.join('|')}> --out <folder>
                      [--suggestions [--lexicon <file>]] [--utf16 (doccano)] [--split-proclitics (conll)]
                      [--flat (doccano)] [--tab (conll)] [--base <IRI> (webanno)] [--no-formula-guard (csv)]`,
  import: `iltizam import <file> --format <${IMPORT_FORMATS.join('|')}> --into <corpus folder>
                      [--replace] [--utf16 (doccano)]`,
  agreement: `iltizam agreement <corpus A> <corpus B> [--json]`,
  lsp: `iltizam lsp --stdio                  the language server on standard input and output`,
};
type Command = keyof typeof COMMAND_USAGE;

const USAGE =
  Object.values(COMMAND_USAGE)
    .map((u, i) => (i ? '       ' : 'usage: ') + u)
    .join('\n') + '\n       iltizam --version | iltizam <command> --help';


/** `--jobs N`: a whole number of at least 1. */
function jobsOf(value: string | undefined): number {
  if (value === undefined) return defaultJobs();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(l10n.t('--jobs needs a whole number of at least 1, got "{0}"', value));
  return jobs;
}

async function analyzeCommand(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  let jobs: number;
  try {
    args = parseArgs('analyze', argv, ['model', 'jobs'], ['compact']);
    jobs = jobsOf(args.values.get('jobs'));
  } catch (err) {
    if (err instanceof HelpRequest) {
      process.stdout.write(`usage: ${err.message}\n`);
      return 0;
    }
    process.stderr.write(`iltizam: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!args.positional.length) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const settings = { modelFile: args.values.get('model'), compact: args.flags.has('compact') };
  tierForBatch();
  const analyzer = jobs > 1 ? new WorkerPool(jobs, settings) : inThreadAnalyzer(settings);
  const stdout = process.stdout;
  // The reader went away (`| head`, a killed consumer): stop, with a word instead of a stack trace.
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    process.stderr.write(`iltizam: ${l10n.t('{0}; stopped', err.code === 'EPIPE' ? l10n.t('standard output was closed') : err.message)}\n`);
    process.exit(1);
  });
  return analyzeStream(args.positional, analyzer, jobs, {
    stdin: () => process.stdin,
    write: (line) => stdout.write(line),
    drained: () => (stdout.writableNeedDrain ? new Promise((resolve) => stdout.once('drain', resolve)) : Promise.resolve()),
    report: (message) => process.stderr.write(`iltizam: ${message}\n`),
  });
}

class UsageError extends Error {}

/** Asked for a command's help: its usage goes to stdout and the exit code is 0. */
class HelpRequest extends Error {}

interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

/**
 * Node's util.parseArgs, strict: `--name value` or `--name=value` for the
 * options in `valued`, bare `--name` for those in `flags`; `--help` (`-h`)
 * for every command.
 */
function parseArgs(command: Command, args: string[], valued: string[], flags: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const name of valued) options[name] = { type: 'string' };
  for (const name of flags) options[name] = { type: 'boolean' };
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(usageMessageOf(err as Error));
  }
  if (parsed.values.help) throw new HelpRequest(COMMAND_USAGE[command]);
  const result: ParsedArgs = { positional: parsed.positionals, values: new Map(), flags: new Set() };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') {
      if (value === '') throw new UsageError(l10n.t('{0} needs a value', `--${name}`));
      result.values.set(name, value);
    } else if (value === true) result.flags.add(name);
  }
  return result;
}

/** parseArgs's messages, shortened to what the user typed wrong. */
function usageMessageOf(err: Error): string {
  const code = (err as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(err.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return l10n.t('unknown option {0}', option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.split(/[ ,]/)[0];
    return /argument missing/.test(err.message) ? l10n.t('{0} needs a value', name) : l10n.t('{0} takes no value', name);
  }
  return err.message;
}

/** The usage error of an option given with a format it does not apply to. */
function onlyFor(option: string, format: string): string {
  return l10n.t('{0} applies to the {1} format only', option, format);
}

function required(args: ParsedArgs, name: string): string {
  const value = args.values.get(name);
  if (value === undefined) throw new UsageError(l10n.t('{0} is required', `--${name}`));
  return value;
}

/** A progress line on the terminal; nothing when stderr is a file or a pipe (logs stay clean). */
function terminalProgress(verb: string): { onProgress?: (p: Progress) => void; clear: () => void } {
  if (!process.stderr.isTTY) return { clear: () => undefined };
  let shown = false;
  return {
    onProgress: (p) => {
      process.stderr.write(`\r\x1b[K${verb} ${p.done}/${p.total}${p.document ? ` ${p.document}` : ''}`);
      shown = true;
    },
    clear: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Runs a command body, which returns the messages to show when it is done
 * (after the progress line is cleared); a FormatError (or any failure)
 * becomes a message and exit code 1.
 */
async function run(verb: string, body: (onProgress?: (p: Progress) => void) => Promise<string[]>): Promise<number> {
  const progress = terminalProgress(verb);
  try {
    const messages = await body(progress.onProgress);
    progress.clear();
    for (const m of messages) process.stderr.write(`iltizam: ${m}\n`);
    return 0;
  } catch (err) {
    progress.clear();
    if (err instanceof HelpRequest) {
      process.stdout.write(`usage: ${err.message}\n`);
      return 0;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`iltizam: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`iltizam: ${err instanceof FormatError ? formatErrorText(err, l10n.t) : (err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

function exportCommand(argv: string[]): Promise<number> {
  return run(l10n.t('exporting'), async (onProgress) => {
    const args = parseArgs('export', argv, ['format', 'out', 'lexicon', 'base'], ['suggestions', 'utf16', 'split-proclitics', 'no-formula-guard', 'flat', 'tab']);
    const format = required(args, 'format');
    if (!isExportFormat(format)) throw new UsageError(l10n.t('unknown format "{0}" (one of {1})', format, EXPORT_FORMATS.join(', ')));
    if (!args.positional.length) throw new UsageError(l10n.t('name the texts or folders to export'));
    if (args.flags.has('utf16') && format !== 'doccano') throw new UsageError(onlyFor('--utf16', 'doccano'));
    if (args.flags.has('split-proclitics') && format !== 'conll') throw new UsageError(onlyFor('--split-proclitics', 'conll'));
    if (args.flags.has('flat') && format !== 'doccano') throw new UsageError(onlyFor('--flat', 'doccano'));
    if (args.flags.has('tab') && format !== 'conll') throw new UsageError(onlyFor('--tab', 'conll'));
    if (args.flags.has('no-formula-guard') && format !== 'csv') throw new UsageError(onlyFor('--no-formula-guard', 'csv'));
    const base = args.values.get('base');
    if (base !== undefined && format !== 'webanno') throw new UsageError(onlyFor('--base', 'webanno'));
    if (base !== undefined && !URL.canParse(base)) throw new UsageError(l10n.t('--base needs an absolute IRI, got "{0}"', base));
    if (args.flags.has('suggestions') && !formatMarksSuggestions(format)) throw new UsageError(l10n.t('the {0} format cannot mark suggestions as such; export them in another format', format));
    // The lexicon finds the suggestions: without --lexicon, the corpus's .iltizam/lexicon.json (see ExportOptions.lexiconFiles).
    const lexicon = args.values.get('lexicon');
    if (lexicon !== undefined && !args.flags.has('suggestions')) throw new UsageError(l10n.t('--lexicon applies with --suggestions only'));
    const result = await exportCorpus({
      paths: args.positional,
      format,
      outDir: required(args, 'out'),
      suggestions: args.flags.has('suggestions'),
      utf16: args.flags.has('utf16'),
      splitProclitics: args.flags.has('split-proclitics'),
      noFormulaGuard: args.flags.has('no-formula-guard'),
      flat: args.flags.has('flat'),
      conllTab: args.flags.has('tab'),
      baseIri: base,
      lexiconFiles: lexicon !== undefined ? [lexicon] : undefined,
      onProgress,
    });
    return [
      ...result.lexiconFiles.map((f) => l10n.t('suggestions found with the workspace lexicon {0}', f)),
      ...(result.annotationConf ? [l10n.t("annotation.conf: the corpus's own, {0}", result.annotationConf)] : []),
      ...result.warnings.map((w) => l10n.t('warning: {0}: {1}', w.document, reasonText(w.message, l10n.t))),
      l10n.t('exported {0} to {1} in {2}', cliCount('documents', result.documents), cliCount('files', result.files.length), args.values.get('out') ?? ''),
    ];
  });
}

function importCommand(argv: string[]): Promise<number> {
  return run(l10n.t('importing'), async (onProgress) => {
    const args = parseArgs('import', argv, ['format', 'into'], ['replace', 'utf16']);
    const format = required(args, 'format');
    if (!isImportFormat(format)) throw new UsageError(l10n.t('unknown format "{0}" (one of {1})', format, IMPORT_FORMATS.join(', ')));
    if (args.positional.length !== 1) throw new UsageError(l10n.t('name one file to import'));
    if (args.flags.has('utf16') && format !== 'doccano') throw new UsageError(onlyFor('--utf16', 'doccano'));
    const result = await importFile({
      file: args.positional[0],
      format,
      into: required(args, 'into'),
      replace: args.flags.has('replace'),
      utf16: args.flags.has('utf16'),
      onProgress,
    });
    return [l10n.t('imported {0} into {1}: {2}', cliCount('documents', result.documents.length), args.values.get('into') ?? '', result.documents.join(', '))];
  });
}

function agreementCommand(argv: string[]): Promise<number> {
  return run(l10n.t('comparing'), async (onProgress) => {
    const args = parseArgs('agreement', argv, [], ['json']);
    if (args.positional.length !== 2) throw new UsageError(l10n.t('name two corpus folders'));
    const [corpusA, corpusB] = args.positional;
    const report = await agreement({ corpusA, corpusB, onProgress });
    process.stdout.write(args.flags.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatAgreementReport(report));
    return [];
  });
}

function trainCommand(argv: string[]): Promise<number> {
  return run(l10n.t('training'), async () => {
    const args = parseArgs('train', argv, ['out'], ['reviewed']);
    const out = required(args, 'out');
    if (!args.positional.length) throw new UsageError(l10n.t('name the corpus folders to learn from'));
    const rules = getDefaultRules();
    const docs = readDecidedDocuments(args.positional, rules, args.flags.has('reviewed'));
    const adaptation = adaptTagger(getDefaultTagger(getDefaultLexicon(), rules), docs);
    writeAdaptation(out, adaptation);
    return [l10n.t('adapted to {0} in {1}; wrote {2}', cliCount('decisions', adaptation.decisions), cliCount('documents', adaptation.documents), out)];
  });
}

export function main(argv: string[]): void {
  const [command, ...rest] = localiseCli(argv, process.env);
  if (command === 'analyze' || command === 'export' || command === 'import' || command === 'agreement' || command === 'train') {
    const body = command === 'analyze' ? analyzeCommand : command === 'export' ? exportCommand : command === 'import' ? importCommand : command === 'train' ? trainCommand : agreementCommand;
    body(rest).then((code) => {
      process.exitCode = code;
    });
  } else if (command === 'lsp' && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`usage: ${COMMAND_USAGE.lsp}\n`);
  } else if (command === 'lsp') {
    if (!rest.includes('--stdio')) process.argv.push('--stdio');
    // Loaded here so that `analyze` does not pay for the protocol libraries.
    const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
    const { startServer } = require('../server/main') as typeof import('../server/main');
    startServer(createConnection(ProposedFeatures.all));
  } else if (command === '--version' || command === '-v') {
    // Loaded here: the version is written into the bundle once, where the server names it too.
    const { serverVersion } = require('../server/main') as typeof import('../server/main');
    process.stdout.write(`iltizam ${serverVersion}\n`);
  } else if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
  } else {
    process.stderr.write((command ? `iltizam: ${l10n.t('unknown command {0}', command)}\n` : '') + USAGE + '\n');
    process.exitCode = 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2));
}
