// The command line on the same core: `iltizam analyze <files or folders…>`
// prints one JSON line per document; `export`, `import` and `agreement` move
// a corpus to and from the formats NLP tools use and compare two annotators;
// `iltizam lsp --stdio` runs the server.
import { analyzeText } from '../analysis/analyze';
import { toAnalyzeRecord } from '../interchange/analyzeRecord';
import { formatAgreementReport } from '../corpus/agreement';
import { agreement } from '../node/agreement';
import { exportCorpus } from '../node/exportCorpus';
import { EXPORT_FORMATS, formatMarksSuggestions, IMPORT_FORMATS, isExportFormat, isImportFormat } from '../interchange/formats';
import { FormatError } from '../interchange/formatError';
import { Progress } from '../interchange/runControl';
import { readUtf8File, textFilesOf } from '../node/files';
import { importFile } from '../node/importFile';
import { getDefaultLexicon } from '../analysis/lexicon';
import { getDefaultRules } from '../analysis/rules';
import { adaptedTagger, adaptTagger, getDefaultTagger, SequenceTagger } from '../analysis/tagger';
import { readAdaptation, readDecidedDocuments, writeAdaptation } from '../node/learning';

const USAGE = `usage: iltizam analyze [--model <model file>] <files or folders…>   one JSON line per document (code-point offsets)
       iltizam train <corpus folders…> --out <model file> [--reviewed]
                      adapts the shipped tagger to the decisions in the folders' .ann files
       iltizam export <files or folders…> --format <${EXPORT_FORMATS.join('|')}> --out <folder>
                      [--suggestions [--lexicon <file>]] [--utf16 (doccano)] [--split-proclitics (conll)]
       iltizam import <file> --format <${IMPORT_FORMATS.join('|')}> --into <corpus folder>
                      [--replace] [--utf16 (doccano)]
       iltizam agreement <corpus A> <corpus B> [--json]
       iltizam lsp --stdio                  the language server on standard input and output`;


/** The shipped tagger, adapted by the model file when one is given. */
function taggerOf(modelFile: string | undefined): SequenceTagger | undefined {
  if (modelFile === undefined) return undefined;
  const shipped = getDefaultTagger(getDefaultLexicon(), getDefaultRules());
  return adaptedTagger(shipped, readAdaptation(modelFile, shipped.model));
}

function analyzeCommand(argv: string[]): number {
  let paths: string[];
  let tagger: SequenceTagger | undefined;
  try {
    const args = parseArgs(argv, ['model'], []);
    paths = args.positional;
    tagger = taggerOf(args.values.get('model'));
  } catch (err) {
    process.stderr.write(`iltizam: ${(err as Error).message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
  if (!paths.length) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const { files, missing } = textFilesOf(paths, (warning) => process.stderr.write(`iltizam: ${warning}\n`));
  let failures = missing.length;
  for (const p of missing) process.stderr.write(`iltizam: ${p}: no such file or folder\n`);
  for (const file of files) {
    let text: string;
    try {
      text = readUtf8File(file);
    } catch (err) {
      failures++;
      process.stderr.write(`iltizam: ${(err as Error).message}\n`);
      continue;
    }
    process.stdout.write(JSON.stringify(toAnalyzeRecord(file, analyzeText(text, { tagger }))) + '\n');
  }
  return failures ? 1 : 0;
}

class UsageError extends Error {}

interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

/** `--name value` or `--name=value` for the options in `valued`, bare `--name` for those in `flags`. */
function parseArgs(args: string[], valued: string[], flags: string[]): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (valued.includes(name)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      parsed.values.set(name, value);
    } else if (flags.includes(name) && eq < 0) parsed.flags.add(name);
    else throw new UsageError(`unknown option ${arg}`);
  }
  return parsed;
}

function required(args: ParsedArgs, name: string): string {
  const value = args.values.get(name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
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
    if (err instanceof UsageError) {
      process.stderr.write(`iltizam: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`iltizam: ${err instanceof FormatError ? err.message : (err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

function exportCommand(argv: string[]): Promise<number> {
  return run('exporting', async (onProgress) => {
    const args = parseArgs(argv, ['format', 'out', 'lexicon'], ['suggestions', 'utf16', 'split-proclitics']);
    const format = required(args, 'format');
    if (!isExportFormat(format)) throw new UsageError(`unknown format "${format}" (one of ${EXPORT_FORMATS.join(', ')})`);
    if (!args.positional.length) throw new UsageError('name the texts or folders to export');
    if (args.flags.has('utf16') && format !== 'doccano') throw new UsageError('--utf16 applies to the doccano format only');
    if (args.flags.has('split-proclitics') && format !== 'conll') throw new UsageError('--split-proclitics applies to the conll format only');
    if (args.flags.has('suggestions') && !formatMarksSuggestions(format)) throw new UsageError(`the ${format} format cannot mark suggestions as such; export them in another format`);
    // The lexicon finds the suggestions: without --lexicon, the corpus's .iltizam/lexicon.json (see ExportOptions.lexiconFiles).
    const lexicon = args.values.get('lexicon');
    if (lexicon !== undefined && !args.flags.has('suggestions')) throw new UsageError('--lexicon applies with --suggestions only');
    const result = await exportCorpus({
      paths: args.positional,
      format,
      outDir: required(args, 'out'),
      suggestions: args.flags.has('suggestions'),
      utf16: args.flags.has('utf16'),
      splitProclitics: args.flags.has('split-proclitics'),
      lexiconFiles: lexicon !== undefined ? [lexicon] : undefined,
      onProgress,
    });
    return [
      ...result.lexiconFiles.map((f) => `suggestions found with the workspace lexicon ${f}`),
      ...(result.annotationConf ? [`annotation.conf: the corpus's own, ${result.annotationConf}`] : []),
      ...result.warnings.map((w) => `warning: ${w.document}: ${w.message}`),
      `exported ${result.documents} document(s) to ${result.files.length} file(s) in ${args.values.get('out')}`,
    ];
  });
}

function importCommand(argv: string[]): Promise<number> {
  return run('importing', async (onProgress) => {
    const args = parseArgs(argv, ['format', 'into'], ['replace', 'utf16']);
    const format = required(args, 'format');
    if (!isImportFormat(format)) throw new UsageError(`unknown format "${format}" (one of ${IMPORT_FORMATS.join(', ')})`);
    if (args.positional.length !== 1) throw new UsageError('name one file to import');
    if (args.flags.has('utf16') && format !== 'doccano') throw new UsageError('--utf16 applies to the doccano format only');
    const result = await importFile({
      file: args.positional[0],
      format,
      into: required(args, 'into'),
      replace: args.flags.has('replace'),
      utf16: args.flags.has('utf16'),
      onProgress,
    });
    return [`imported ${result.documents.length} document(s) into ${args.values.get('into')}: ${result.documents.join(', ')}`];
  });
}

function agreementCommand(argv: string[]): Promise<number> {
  return run('comparing', async (onProgress) => {
    const args = parseArgs(argv, [], ['json']);
    if (args.positional.length !== 2) throw new UsageError('name two corpus folders');
    const [corpusA, corpusB] = args.positional;
    const report = await agreement({ corpusA, corpusB, onProgress });
    process.stdout.write(args.flags.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatAgreementReport(report));
    return [];
  });
}

function trainCommand(argv: string[]): Promise<number> {
  return run('training', async () => {
    const args = parseArgs(argv, ['out'], ['reviewed']);
    const out = required(args, 'out');
    if (!args.positional.length) throw new UsageError('name the corpus folders to learn from');
    const rules = getDefaultRules();
    const docs = readDecidedDocuments(args.positional, rules, args.flags.has('reviewed'));
    const adaptation = adaptTagger(getDefaultTagger(getDefaultLexicon(), rules), docs);
    writeAdaptation(out, adaptation);
    return [`adapted to ${adaptation.decisions} decision(s) in ${adaptation.documents} document(s); wrote ${out}`];
  });
}

export function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === 'analyze') {
    process.exitCode = analyzeCommand(rest);
  } else if (command === 'export' || command === 'import' || command === 'agreement' || command === 'train') {
    const body = command === 'export' ? exportCommand : command === 'import' ? importCommand : command === 'train' ? trainCommand : agreementCommand;
    body(rest).then((code) => {
      process.exitCode = code;
    });
  } else if (command === 'lsp') {
    if (!rest.includes('--stdio')) process.argv.push('--stdio');
    // Loaded here so that `analyze` does not pay for the protocol libraries.
    const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
    const { startServer } = require('../server/main') as typeof import('../server/main');
    startServer(createConnection(ProposedFeatures.all));
  } else {
    process.stderr.write(USAGE + '\n');
    process.exitCode = command === '--help' || command === '-h' ? 0 : 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2));
}
