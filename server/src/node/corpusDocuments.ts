// The documents of a corpus read from disk: a text, its sidecar .ann, and the
// workspace lexicon files; interchange/corpusDocument.ts makes the model.
import * as fs from 'node:fs';
import { AnnotatedDocument, annotatedDocumentOf, lexiconOfFiles, LoadOptions } from '../interchange/corpusDocument';
import type { Lexicon } from '../analysis/lexicon';
import { CorpusEntry, readUtf8File } from './files';

/** Reads a text and its sidecar .ann (when it exists); a file that cannot be read is an error naming it. */
export function loadAnnotatedDocument(entry: CorpusEntry, options: LoadOptions = {}): AnnotatedDocument {
  const ann = fs.existsSync(entry.annFile) ? { file: entry.annFile, source: readUtf8File(entry.annFile) } : undefined;
  return annotatedDocumentOf({ name: entry.name, textFile: entry.textFile, rawText: readUtf8File(entry.textFile), ann }, options);
}

/** The default lexicon with these workspace lexicon files laid over it, in order (see lexiconOfFiles). */
export function loadLexiconFiles(files: readonly string[]): Lexicon {
  return lexiconOfFiles(files.map((file) => ({ file, source: readUtf8File(file) })));
}
