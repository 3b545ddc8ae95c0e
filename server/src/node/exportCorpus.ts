// Exporting a corpus (one text, a folder, the workspace) to one format. The
// output appears all at once: files are staged and moved into place only
// when every document has been converted; on failure or cancellation nothing
// this run wrote is left behind.
import * as path from 'node:path';
import { parseBrat } from '../annotations/brat';
import { defaultStoreSchema, emptyConfUsage, extendAnnotationConf, parseAnnotationConf, StoreSchema } from '../annotations/conf';
import { findAnnotationConf, findWorkspaceLexicons } from './workspaceFiles';
import { addConfUsage, bratAnnFor, bratAnnotationConf } from '../interchange/brat';
import { conllFor } from '../interchange/conll';
import { AnnotatedDocument, SUGGESTED } from '../interchange/corpusDocument';
import { loadAnnotatedDocument, loadLexiconFiles } from './corpusDocuments';
import { csvHeader, csvRows } from '../interchange/csv';
import { DOCCANO_OVERLAP_WARNING, doccanoLine, hasOverlaps } from '../interchange/doccano';
import { CancelledError, checkCancelled, RunControl, yieldToEventLoop } from '../interchange/runControl';
import { CorpusEntry, findCorpusTexts, readBytes, readUtf8File, StagedOutput } from './files';
import { realTarget } from './fileGuard';
import { decodeUtf8, FormatError } from '../interchange/formatError';
import { reason } from '../messages/reason';
import { exportedRecordLine } from '../interchange/analyzeRecord';
import { COLLECTION_FILES, ExportFormat, ExportResult, ExportWarning, formatMarksSuggestions } from '../interchange/formats';
import { sourceUnder, webAnnotationJson } from '../interchange/webAnnotation';
import { pathToFileURL } from 'url';

export interface ExportOptions extends RunControl {
  /** Texts (.txt) and folders of texts; each text's annotations are in the .ann beside it. */
  paths: string[];
  format: ExportFormat;
  outDir: string;
  /** Include the automatic annotator's suggestions that no decision covers, marked as suggestions. */
  suggestions?: boolean;
  /** doccano: UTF-16 offsets instead of code points. */
  utf16?: boolean;
  /** webanno: the base IRI the texts are published under; without it, each text's file URI is the annotations' target source. */
  baseIri?: string;
  /** csv: leave cells that start with = + - @ as they are (no leading apostrophe). */
  noFormulaGuard?: boolean;
  /** doccano: no overlapping spans (entities kept, commitments overlapping them left out), for doccano's default project. */
  flat?: boolean;
  /** conll: a tab between token and tag (doccano's CoNLL import) instead of a space. */
  conllTab?: boolean;
  /** conll: proclitics as tokens of their own. */
  splitProclitics?: boolean;
  /**
   * The workspace folders, when the export runs in the editor: a text's
   * annotation.conf (and, without `lexiconFiles`, the workspace lexicon) is
   * looked for from its folder up to the workspace folder that holds it, as
   * the editor does. Without them (the command line), up to the file
   * system's root, as brat does.
   */
  roots?: string[];
  /**
   * The workspace lexicon files the suggestions are found with, laid over the
   * default lexicon in this order; each must exist. Without them, the nearest
   * `.iltizam/lexicon.json` in the folder of each of `paths` or above it.
   */
  lexiconFiles?: string[];
}

/** The schema of each document: its annotation.conf (found as the editor finds it), or the default one. */
function schemasOf(entries: CorpusEntry[], roots: string[] | undefined): { conf?: string; schema: StoreSchema }[] {
  const byConf = new Map<string, StoreSchema>();
  const fallback = defaultStoreSchema();
  return entries.map((entry) => {
    const conf = findAnnotationConf(entry.textFile, roots);
    if (!conf) return { schema: fallback };
    let schema = byConf.get(conf);
    if (!schema) byConf.set(conf, (schema = parseAnnotationConf(readUtf8File(conf), conf)));
    return { conf, schema };
  });
}

/**
 * The one annotation.conf a brat collection has: the documents' own, when
 * they all have the same; undefined when none has one (the default schema).
 * Documents of different schemas (two annotation.conf files, or one and the
 * default) cannot be one brat collection: an error names both.
 */
function sharedConf(entries: CorpusEntry[], schemas: { conf?: string }[]): string | undefined {
  const first = schemas[0];
  const other = schemas.findIndex((s) => s.conf !== first.conf);
  if (other < 0) return first.conf;
  const [withConf, without] = first.conf ? [0, other] : [other, 0];
  const otherConf = schemas[without].conf;
  throw new FormatError(
    schemas[withConf].conf as string,
    undefined,
    otherConf
      ? reason('is the annotation.conf of {0}, but {1} has another one, {2}; a brat collection has one annotation.conf: export the documents of each schema separately', entries[withConf].textFile, entries[without].textFile, otherConf)
      : reason('is the annotation.conf of {0}, but {1} has none (the default schema); a brat collection has one annotation.conf: export the documents of each schema separately', entries[withConf].textFile, entries[without].textFile),
  );
}

/** Exports the corpus; throws FormatError (naming the file and line) or CancelledError, leaving no output behind. */
export async function exportCorpus(options: ExportOptions): Promise<ExportResult> {
  if (options.suggestions && !formatMarksSuggestions(options.format)) {
    throw new Error(`the ${options.format} format cannot mark suggestions as such; export them in another format`);
  }
  const outDir = path.resolve(options.outDir);
  const entries = findCorpusTexts(options.paths, [outDir]);
  if (!entries.length) throw new FormatError(options.paths.join(', '), undefined, reason('no .txt documents found'));
  // Compared where they really are: an --out that is a link to the corpus is the corpus.
  const inputs = new Set(entries.flatMap((e) => [realTarget(e.textFile) ?? path.resolve(e.textFile), realTarget(e.annFile) ?? path.resolve(e.annFile)]));
  const withSuggestions = !!options.suggestions;
  // The schemas matter to brat's annotation.conf and to which suggestions are shown.
  const schemas = options.format === 'brat' || withSuggestions ? schemasOf(entries, options.roots) : undefined;
  const conf = schemas && options.format === 'brat' ? sharedConf(entries, schemas) : undefined;
  if (conf) inputs.add(realTarget(conf) ?? path.resolve(conf));
  // Suggestions are found with the workspace lexicon, as the editor finds them.
  const lexiconFiles = withSuggestions ? options.lexiconFiles ?? findWorkspaceLexicons(options.paths, options.roots) : [];
  const lexicon = withSuggestions ? loadLexiconFiles(lexiconFiles) : undefined;
  const output = new StagedOutput(outDir);
  const warnings: ExportWarning[] = [];
  const collection: string[] = [];
  const forConf: AnnotatedDocument[] = [];
  const used = emptyConfUsage();
  const write = (relative: string, content: string | Uint8Array) => {
    const final = path.resolve(outDir, ...relative.split('/'));
    if (inputs.has(final) || inputs.has(realTarget(final) ?? final)) throw new FormatError(final, undefined, reason('the export would overwrite its own input: choose another --out folder'));
    output.write(relative, content);
  };
  const convert = (doc: AnnotatedDocument) => {
    switch (options.format) {
      case 'brat': {
        write(`${doc.name}.txt`, readBytes(doc.textFile));
        const ann = bratAnnFor(doc);
        write(`${doc.name}.ann`, ann);
        // Only what the annotation.conf needs is kept of each document.
        if (conf) addConfUsage(used, parseBrat(ann));
        else forConf.push({ ...doc, rawText: '', text: '', entities: [], commitments: [] });
        break;
      }
      case 'conll': {
        const result = conllFor(doc, { splitProclitics: options.splitProclitics, tab: options.conllTab });
        write(`${doc.name}.conll`, result.content);
        warnings.push(...result.warnings.map((message) => ({ document: doc.name, message })));
        break;
      }
      case 'webanno':
        write(`${doc.name}.jsonld`, webAnnotationJson(doc, { source: options.baseIri ? sourceUnder(options.baseIri, doc.name) : pathToFileURL(doc.textFile).href, withSuggestions }));
        break;
      case 'doccano':
        collection.push(doccanoLine(doc, { utf16: options.utf16, flat: options.flat }, withSuggestions));
        if (!options.flat && hasOverlaps([...doc.entities, ...doc.commitments].filter((s) => withSuggestions || s.status !== SUGGESTED))) {
          warnings.push({ document: doc.name, message: DOCCANO_OVERLAP_WARNING });
        }
        break;
      case 'csv':
        collection.push(csvRows(doc, withSuggestions, !options.noFormulaGuard));
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
        convert(loadAnnotatedDocument(entry, { suggestions: withSuggestions, lexicon, schema: schemas?.[index].schema }));
      } catch (err) {
        if (err instanceof FormatError || err instanceof CancelledError) throw err;
        throw new FormatError(entry.textFile, undefined, reason('cannot be exported: {0}', (err as Error).message));
      }
      await yieldToEventLoop();
    }
    checkCancelled(options);
    if (options.format === 'brat') write('annotation.conf', conf ? corpusConf(conf, used) : bratAnnotationConf(forConf, withSuggestions));
    const single = COLLECTION_FILES[options.format];
    if (single) write(single, (options.format === 'csv' ? csvHeader(!options.noFormulaGuard) : '') + collection.join(''));
    const files = output.commit();
    options.onProgress?.({ done: entries.length, total: entries.length });
    return { documents: entries.length, files, warnings, ...(conf ? { annotationConf: conf } : {}), lexiconFiles };
  } catch (err) {
    output.rollback();
    throw err;
  }
}

/** The corpus's annotation.conf as it is (byte for byte), or with what the exported files use and it does not declare. */
function corpusConf(file: string, used: ReturnType<typeof emptyConfUsage>): string | Uint8Array {
  const bytes = readBytes(file);
  const source = decodeUtf8(bytes, file);
  const extended = extendAnnotationConf(source, used);
  return extended === source ? bytes : extended;
}
