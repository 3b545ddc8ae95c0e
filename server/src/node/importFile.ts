// Importing annotations made elsewhere (brat, doccano JSONL, CoNLL IOB2 or
// IOBES) into a corpus folder as X.txt + X.ann. Everything is checked before
// anything is written: an annotation that does not fit its text is refused
// with the file and line it came from, and the run imports nothing (a
// partial import of a document would look complete). Existing .ann files
// are not overwritten unless `replace` is set.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BratDocument, parseBrat, serializeBrat } from '../annotations/brat';
import { OffsetMap } from '../analysis/offsets';
import { findAnnotationConf } from './workspaceFiles';
import { bratAnnotationConf } from '../interchange/brat';
import { bratProblems, bratViewOf, textBoundAt } from '../interchange/corpusDocument';
import { findAnnFiles, readBytes, readUtf8File, StagedOutput } from './files';
import { annotationNameOf, documentNameOf, textNameOf } from '../annotations/pairing';
import { checkCancelled, RunControl, yieldToEventLoop } from '../interchange/runControl';
import { FormatError } from '../interchange/formatError';
import { reason, Reason } from '../messages/reason';
import { ImportedDocument, ImportedSpan, ImportFormat, ImportResult } from '../interchange/formats';
import { readDoccano } from '../interchange/doccano';
import { conllSpans, conllTokensOf } from '../interchange/conll';

export interface ImportOptions extends RunControl {
  /** A .ann (or a folder of them) for brat, a .jsonl for doccano, a CoNLL file. */
  file: string;
  format: ImportFormat;
  /** The corpus folder the .txt and .ann files go into. */
  into: string;
  /** Overwrite .ann files that already exist in the corpus. */
  replace?: boolean;
  /** doccano: the offsets count UTF-16 units rather than code points. */
  utf16?: boolean;
}

// ---- brat -------------------------------------------------------------------

function readBrat(file: string): ImportedDocument[] {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new FormatError(file, undefined, reason('no such file or folder'));
  const anns = stat.isDirectory()
    ? findAnnFiles(file)
    : [{ name: documentNameOf(path.basename(file)), annFile: annotationNameOf(textNameOf(file)) }];
  if (!anns.length) throw new FormatError(file, undefined, reason('no .ann files to import'));
  return anns.map(({ name, annFile }) => {
    const textFile = textNameOf(annFile);
    if (!fs.existsSync(textFile)) throw new FormatError(annFile, undefined, reason('its text {0} does not exist (brat keeps X.txt beside X.ann)', textFile));
    // Nothing is read through a link that leads out of the folder imported.
    const within = [stat.isDirectory() ? file : path.dirname(file)];
    const textBytes = readBytes(textFile, within);
    const text = readUtf8File(textFile, within);
    const ann = readUtf8File(annFile, within);
    const problems = bratProblems(parseBrat(ann), bratViewOf(text));
    if (problems.length) throw new FormatError(annFile, problems[0].line || undefined, problems[0].message);
    return { name, file: annFile, text, textBytes, ann };
  });
}

// ---- doccano ----------------------------------------------------------------

// ---- CoNLL ------------------------------------------------------------------

function readConllFile(file: string, into: string): ImportedDocument {
  const { tokens, name } = conllTokensOf(readUtf8File(file), file);
  // The text: the corpus's, or one beside the CoNLL file, or else the tokens joined.
  const candidates = [path.join(into, `${name}.txt`), path.join(path.dirname(file), `${name}.txt`)];
  const textFile = candidates.find((f) => fs.existsSync(f));
  const { text, spans } = conllSpans(tokens, file, textFile ? { file: textFile, text: readUtf8File(textFile) } : undefined);
  return { name, file, text, textBytes: textFile ? fs.readFileSync(textFile) : undefined, spans };
}

// ---- writing ----------------------------------------------------------------

function annOf(view: string, spans: ImportedSpan[]): string {
  const map = new OffsetMap(view);
  const doc: BratDocument = { items: [], errors: [], finalNewline: true, eol: '\n', bom: false };
  spans
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .forEach((s, i) => {
      doc.items.push(textBoundAt(map, `T${i + 1}`, s.label, [{ start: s.start, end: s.end }]));
    });
  return serializeBrat(doc);
}

/** Imports one file into the corpus; throws FormatError (file and line) or CancelledError, having written nothing. */
export async function importFile(options: ImportOptions): Promise<ImportResult> {
  const into = path.resolve(options.into);
  const docs =
    options.format === 'brat'
      ? readBrat(options.file)
      : options.format === 'doccano'
        ? readDoccano(readUtf8File(options.file), options.file, !!options.utf16)
        : [readConllFile(options.file, into)];
  const output = new StagedOutput(into);
  const imported: { brat: BratDocument; rejected: Set<string> }[] = [];
  try {
    for (const [index, doc] of docs.entries()) {
      checkCancelled(options);
      options.onProgress?.({ done: index, total: docs.length, document: doc.name });
      const where = (why: Reason, refusedToOverwrite?: string) => new FormatError(doc.file, doc.line, reason('{0}: {1}', doc.name, why), refusedToOverwrite);
      const textFile = path.join(into, ...`${doc.name}.txt`.split('/'));
      const annFile = annotationNameOf(textFile);
      if (fs.existsSync(textFile)) {
        if (bratViewOf(readUtf8File(textFile)) !== bratViewOf(doc.text)) {
          throw where(reason('its text differs from {0}; the annotations would not fit it', textFile));
        }
      } else {
        output.write(`${doc.name}.txt`, doc.textBytes ?? doc.text);
      }
      if (!options.replace && fs.existsSync(annFile) && readUtf8File(annFile).trim()) {
        throw where(reason('{0} already has annotations; import with --replace to overwrite them', annFile), annFile);
      }
      const ann = doc.ann ?? annOf(bratViewOf(doc.text), doc.spans ?? []);
      output.write(`${doc.name}.ann`, ann);
      imported.push({ brat: parseBrat(ann), rejected: new Set() });
      await yieldToEventLoop();
    }
    // A corpus with no annotation.conf (in its folder or above) gets one declaring what was
    // imported: brat reads its labels from it, and so does Iltizam's editor.
    if (!findAnnotationConf(path.join(into, `${docs[0]?.name ?? 'corpus'}.txt`))) output.write('annotation.conf', bratAnnotationConf(imported, false));
    checkCancelled(options);
    const files = output.commit();
    options.onProgress?.({ done: docs.length, total: docs.length });
    return { documents: docs.map((d) => d.name), files };
  } catch (err) {
    output.rollback();
    throw err;
  }
}
