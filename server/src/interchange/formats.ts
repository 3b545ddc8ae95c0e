// The formats a corpus is exported to and imported from, and what a run
// reports: shared by the CLI, the server's requests and the VS Code client
// (which only names them; the runs are in node/).
import type { Reason } from '../messages/reason';

export const EXPORT_FORMATS = ['brat', 'doccano', 'conll', 'csv', 'webanno', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The single file a collection format writes into the output folder. */
export const COLLECTION_FILES: Partial<Record<ExportFormat, string>> = {
  doccano: 'doccano.jsonl',
  csv: 'commitments.csv',
  json: 'iltizam.jsonl',
};

/** CoNLL's two columns have no room to mark a tag as a suggestion, and unmarked suggestions would pass for annotations. */
export function formatMarksSuggestions(format: ExportFormat): boolean {
  return format !== 'conll';
}

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

export interface ExportWarning {
  document: string;
  message: Reason;
}

export interface ExportResult {
  documents: number;
  /** The files written. */
  files: string[];
  /** What a format could not carry (CoNLL: nested spans), per document. */
  warnings: ExportWarning[];
  /** brat: the corpus's annotation.conf the written one comes from; absent for the default schema's. */
  annotationConf?: string;
  /** The workspace lexicon files the suggestions were found with (none: the default lexicon only). */
  lexiconFiles: string[];
}

export const IMPORT_FORMATS = ['brat', 'doccano', 'conll'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(name: string): name is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(name);
}

export interface ImportResult {
  /** Names of the documents imported. */
  documents: string[];
  files: string[];
}

/** A labelled span in code points of the text as brat reads it. */
export interface ImportedSpan {
  label: string;
  start: number;
  end: number;
}

export interface ImportedDocument {
  name: string;
  /** Where it was read from, for messages. */
  file: string;
  line?: number;
  /** The text file's content: bytes to copy, or text to write, when the corpus has no such text yet. */
  text: string;
  textBytes?: Uint8Array;
  /** Either a .ann to copy as it is (brat), or spans to write as one. */
  ann?: string;
  spans?: ImportedSpan[];
}
