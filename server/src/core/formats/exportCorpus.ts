// Exporting a corpus (one text, a folder, the workspace) to one format. The
// output appears all at once: files are staged and moved into place only
// when every document has been converted; on failure or cancellation nothing
// this run wrote is left behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bratAnnFor, bratAnnotationConf } from './bratFormat';
import { conllFor } from './conllFormat';
import { AnnotatedDocument, loadAnnotatedDocument } from './corpus';
import { csvHeader, csvRows } from './csv';
import { doccanoLine } from './doccano';
import { CancelledError, checkCancelled, findCorpusTexts, FormatError, RunControl, StagedOutput, yieldToEventLoop } from './files';
import { exportedRecordLine } from './jsonRecord';
import { webAnnotationJson } from './webAnnotation';

export const EXPORT_FORMATS = ['brat', 'doccano', 'conll', 'csv', 'webanno', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The single file a collection format writes into the output folder. */
export const COLLECTION_FILES: Partial<Record<ExportFormat, string>> = {
  doccano: 'doccano.jsonl',
  csv: 'commitments.csv',
  json: 'iltizam.jsonl',
};

export interface ExportOptions extends RunControl {
  /** Texts (.txt) and folders of texts; each text's annotations are in the .ann beside it. */
  paths: string[];
  format: ExportFormat;
  outDir: string;
  /** Include the automatic annotator's suggestions that no decision covers, marked as suggestions. */
  suggestions?: boolean;
  /** doccano: UTF-16 offsets instead of code points. */
  utf16?: boolean;
  /** conll: proclitics as tokens of their own. */
  splitProclitics?: boolean;
}

export interface ExportWarning {
  document: string;
  message: string;
}

export interface ExportResult {
  documents: number;
  /** The files written. */
  files: string[];
  /** What a format could not carry (CoNLL: nested spans), per document. */
  warnings: ExportWarning[];
}

/** CoNLL's two columns have no room to mark a tag as a suggestion, and unmarked suggestions would pass for annotations. */
export function formatMarksSuggestions(format: ExportFormat): boolean {
  return format !== 'conll';
}

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

/** Exports the corpus; throws FormatError (naming the file and line) or CancelledError, leaving no output behind. */
export async function exportCorpus(options: ExportOptions): Promise<ExportResult> {
  if (options.suggestions && !formatMarksSuggestions(options.format)) {
    throw new Error(`the ${options.format} format cannot mark suggestions as such; export them in another format`);
  }
  const outDir = path.resolve(options.outDir);
  const entries = findCorpusTexts(options.paths, [outDir]);
  if (!entries.length) throw new FormatError(options.paths.join(', '), undefined, 'no .txt documents found');
  const inputs = new Set(entries.flatMap((e) => [path.resolve(e.textFile), path.resolve(e.annFile)]));
  const output = new StagedOutput(outDir);
  const warnings: ExportWarning[] = [];
  const withSuggestions = !!options.suggestions;
  const collection: string[] = [];
  const forConf: AnnotatedDocument[] = [];
  const write = (relative: string, content: string | Uint8Array) => {
    const final = path.resolve(outDir, ...relative.split('/'));
    if (inputs.has(final)) throw new FormatError(final, undefined, 'the export would overwrite its own input: choose another --out folder');
    output.write(relative, content);
  };
  const convert = (doc: AnnotatedDocument) => {
    switch (options.format) {
      case 'brat':
        write(`${doc.name}.txt`, fs.readFileSync(doc.textFile));
        write(`${doc.name}.ann`, bratAnnFor(doc));
        // Only what the annotation.conf needs is kept of each document.
        forConf.push({ ...doc, rawText: '', text: '', entities: [], commitments: [] });
        break;
      case 'conll': {
        const result = conllFor(doc, { splitProclitics: options.splitProclitics });
        write(`${doc.name}.conll`, result.content);
        warnings.push(...result.warnings.map((message) => ({ document: doc.name, message })));
        break;
      }
      case 'webanno':
        write(`${doc.name}.jsonld`, webAnnotationJson(doc, withSuggestions));
        break;
      case 'doccano':
        collection.push(doccanoLine(doc, { utf16: options.utf16 }, withSuggestions));
        break;
      case 'csv':
        collection.push(csvRows(doc, withSuggestions));
        break;
      case 'json':
        collection.push(exportedRecordLine(doc, withSuggestions));
        break;
    }
  };
  try {
    for (const [index, entry] of entries.entries()) {
      checkCancelled(options);
      options.onProgress?.({ done: index, total: entries.length, document: entry.name });
      try {
        convert(loadAnnotatedDocument(entry, { suggestions: withSuggestions }));
      } catch (err) {
        if (err instanceof FormatError || err instanceof CancelledError) throw err;
        throw new FormatError(entry.textFile, undefined, `cannot be exported: ${(err as Error).message}`);
      }
      await yieldToEventLoop();
    }
    checkCancelled(options);
    if (options.format === 'brat') write('annotation.conf', bratAnnotationConf(forConf, withSuggestions));
    const single = COLLECTION_FILES[options.format];
    if (single) write(single, (options.format === 'csv' ? csvHeader() : '') + collection.join(''));
    const files = output.commit();
    options.onProgress?.({ done: entries.length, total: entries.length });
    return { documents: entries.length, files, warnings };
  } catch (err) {
    output.rollback();
    throw err;
  }
}
