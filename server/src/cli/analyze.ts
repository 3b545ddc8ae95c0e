// `iltizam analyze` as a stream: documents are read one at a time (files,
// folders walked by node/files.ts, JSON lines on standard input), analysed by
// a pool of workers, and each line is printed as soon as it and every
// document before it are done. At most a window of documents is held: twice
// the number of jobs, more while they are small (up to 4 M characters in all,
// so that a long document at the head does not leave the other workers idle),
// so memory is bounded by the largest documents, never by the corpus.
import * as l10n from '@vscode/l10n';
import { documentOfLine, InputDocument, linesOf } from '../interchange/documentLines';
import { FormatError } from '../interchange/formatError';
import { Analyzer, AnalyzerFailed } from '../node/analyzePool';
import { readUtf8File, textFilesOf } from '../node/files';
import { formatErrorText } from '../render/reasonText';

/** The name errors give standard input. */
export const STDIN_NAME = '<stdin>';

export interface AnalyzeIo {
  /** The JSON-lines input, read only when `-` is among the paths. */
  stdin: () => AsyncIterable<Uint8Array>;
  /** Writes one output line; false when the reader is behind (then `drained` is awaited). */
  write: (line: string) => boolean;
  drained: () => Promise<void>;
  /** A message for stderr (without the `iltizam: ` prefix). */
  report: (message: string) => void;
}

/** The documents of the paths in order; what cannot be read is reported and counted, the rest go on. */
async function* documentsOf(paths: readonly string[], io: AnalyzeIo, failed: () => void): AsyncGenerator<InputDocument> {
  const problem = (message: string) => {
    failed();
    io.report(message);
  };
  for (const p of paths) {
    if (p === '-') {
      for await (const line of linesOf(io.stdin())) {
        let doc: InputDocument | undefined;
        try {
          doc = documentOfLine(line, STDIN_NAME);
        } catch (err) {
          if (!(err instanceof FormatError)) throw err;
          problem(formatErrorText(err, l10n.t));
        }
        if (doc) yield doc;
      }
      continue;
    }
    const { files, missing } = textFilesOf([p], (warning) => io.report(warning));
    for (const m of missing) problem(l10n.t('{0}: no such file or folder', m));
    for (const file of files) {
      let text: string;
      try {
        text = readUtf8File(file);
      } catch (err) {
        problem((err as Error).message);
        continue;
      }
      yield { id: file, text };
    }
  }
}

/** Documents held beyond twice the number of jobs while their texts add up to less than this (UTF-16 units)… */
const SMALL_WINDOW_UNITS = 4 * 1024 * 1024;
/** …and they are fewer than this. */
const MAX_WINDOW = 256;

interface Slot {
  id: string;
  units: number;
  done: boolean;
  line?: string;
  error?: Error;
}

/**
 * Analyses the documents of `paths` with `analyzer`, printing each line in
 * input order as soon as it can be; returns the exit code (1 when a document
 * could not be read or analysed, or the analyser could not start).
 */
export async function analyzeStream(paths: readonly string[], analyzer: Analyzer, jobs: number, io: AnalyzeIo): Promise<number> {
  let failures = 0;
  let fatal: AnalyzerFailed | undefined;
  const pending: Slot[] = [];
  let pendingUnits = 0;
  const full = () => pending.length >= 2 * jobs && (pendingUnits >= SMALL_WINDOW_UNITS || pending.length >= MAX_WINDOW);
  let wake: (() => void) | undefined;
  const flush = () => {
    while (pending.length && pending[0].done) {
      const head = pending.shift()!;
      pendingUnits -= head.units;
      if (head.line !== undefined) io.write(head.line);
      else if (head.error instanceof AnalyzerFailed) fatal ??= head.error;
      else {
        failures++;
        io.report(`${head.id}: ${head.error?.message}`);
      }
    }
    wake?.();
  };
  const waitWhile = async (condition: () => boolean) => {
    while (condition()) await new Promise<void>((resolve) => (wake = resolve));
  };
  try {
    for await (const doc of documentsOf(paths, io, () => failures++)) {
      const slot: Slot = { id: doc.id, units: doc.text.length, done: false };
      pending.push(slot);
      pendingUnits += slot.units;
      analyzer
        .analyze(doc)
        .then((line) => (slot.line = line), (err: Error) => (slot.error = err))
        .finally(() => {
          slot.done = true;
          flush();
        });
      await waitWhile(() => full() && !fatal);
      if (fatal) break;
      await io.drained();
    }
    await waitWhile(() => pending.length > 0 && !fatal);
  } finally {
    await analyzer.close();
  }
  if (fatal) io.report(fatal.message);
  return failures || fatal ? 1 : 0;
}
