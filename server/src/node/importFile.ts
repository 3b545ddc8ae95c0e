// Importing annotations made elsewhere (brat, doccano JSONL, CoNLL IOB2 or
// IOBES) into a corpus folder as X.txt + X.ann. Everything is checked before
// anything is written: an annotation that does not fit its text is refused
// with the file and line it came from, and the run imports nothing (a
// partial import of a document would look complete). Existing .ann files
// are not overwritten unless `replace` is set.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BratDocument, BratTextBound, parseBrat, serializeBrat } from '../annotations/brat';
import { readConll } from '../interchange/conll';
import { OffsetMap } from '../analysis/offsets';
import { BratTextMap } from '../annotations/textMap';
import { findAnnotationConf } from './workspaceFiles';
import { bratAnnotationConf } from '../interchange/brat';
import { bratProblems, bratViewOf, recordedTextAt } from '../interchange/corpusDocument';
import { findAnnFiles, readUtf8File, StagedOutput } from './files';
import { annotationNameOf, documentNameOf, textNameOf } from '../annotations/pairing';
import { checkCancelled, RunControl, yieldToEventLoop } from '../interchange/runControl';
import { FormatError, safeDocumentName } from '../interchange/formatError';
import { WHITESPACE } from '../interchange/tokens';
import { ImportFormat, ImportResult } from '../interchange/formats';

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

/** A labelled span in code points of the text as brat reads it. */
interface ImportedSpan {
  label: string;
  start: number;
  end: number;
}

interface ImportedDocument {
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

// ---- brat -------------------------------------------------------------------

function readBrat(file: string): ImportedDocument[] {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new FormatError(file, undefined, 'no such file or folder');
  const anns = stat.isDirectory()
    ? findAnnFiles(file)
    : [{ name: documentNameOf(path.basename(file)), annFile: annotationNameOf(textNameOf(file)) }];
  if (!anns.length) throw new FormatError(file, undefined, 'no .ann files to import');
  return anns.map(({ name, annFile }) => {
    const textFile = textNameOf(annFile);
    if (!fs.existsSync(textFile)) throw new FormatError(annFile, undefined, `its text ${textFile} does not exist (brat keeps X.txt beside X.ann)`);
    const text = readUtf8File(textFile);
    const ann = readUtf8File(annFile);
    const problems = bratProblems(parseBrat(ann), bratViewOf(text));
    if (problems.length) throw new FormatError(annFile, problems[0].line || undefined, problems[0].message);
    return { name, file: annFile, text, textBytes: fs.readFileSync(textFile), ann };
  });
}

// ---- doccano ----------------------------------------------------------------

function spansOfRecord(record: Record<string, unknown>, at: (reason: string) => FormatError): [unknown, unknown, unknown][] {
  if (Array.isArray(record.label) || Array.isArray(record.labels)) {
    const list = (Array.isArray(record.label) ? record.label : record.labels) as unknown[];
    return list.map((s) => {
      if (!Array.isArray(s) || s.length !== 3) throw at(`a label is written [start, end, "Label"], not ${JSON.stringify(s)}`);
      return s as [unknown, unknown, unknown];
    });
  }
  if (Array.isArray(record.entities)) {
    // doccano's newer export: {"entities": [{"start_offset", "end_offset", "label"}]}.
    return (record.entities as Record<string, unknown>[]).map((e) => [e?.start_offset, e?.end_offset, e?.label]);
  }
  if (record.label === undefined && record.labels === undefined && record.entities === undefined) return [];
  throw at('"label" must be a list of [start, end, "Label"]');
}

function readDoccano(file: string, utf16: boolean): ImportedDocument[] {
  const source = readUtf8File(file).replace(/^\uFEFF/, '');
  const base = path.basename(file).replace(/\.jsonl?$/i, '');
  const docs: ImportedDocument[] = [];
  const names = new Map<string, number>();
  source.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const at = (reason: string) => new FormatError(file, line, reason);
    if (!raw.trim()) return;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (err) {
      throw at(`not a JSON object (${(err as Error).message}); JSONL has one object a line`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw at('not a JSON object; JSONL has one object a line');
    const r = record as Record<string, unknown>;
    if (typeof r.text !== 'string') throw at('no "text" string');
    const text = r.text;
    let name: string | undefined;
    if (typeof r.document === 'string') {
      name = safeDocumentName(r.document);
      if (!name) throw at(`"document" ${JSON.stringify(r.document)} is not a relative file name inside the corpus`);
    } else {
      name = safeDocumentName(`${base}-${typeof r.id === 'number' || typeof r.id === 'string' ? r.id : line}`);
      if (!name) throw at(`cannot name the document from "id" ${JSON.stringify(r.id)}`);
    }
    const previous = names.get(name);
    if (previous !== undefined) throw at(`document "${name}" already came on line ${previous}`);
    names.set(name, line);

    const units = new OffsetMap(text);
    const length = utf16 ? text.length : units.codePointLength;
    const unit = utf16 ? 'UTF-16 units' : 'code points';
    const map = new BratTextMap(text);
    const spans = spansOfRecord(r, at).map(([start, end, label]): ImportedSpan => {
      const shown = JSON.stringify([start, end, label]);
      if (!Number.isInteger(start) || !Number.isInteger(end)) throw at(`${shown}: offsets must be whole numbers`);
      const s = start as number;
      const e = end as number;
      if (s < 0 || s >= e) throw at(`${shown}: a span starts at 0 or later and ends after it starts`);
      if (e > length) throw at(`${shown}: the span runs past the end of the text (${length} ${unit})`);
      if (typeof label !== 'string' || !/^[^\s:;]+$/.test(label)) throw at(`${shown}: the label must be a name without spaces, ":" or ";"`);
      if (utf16 && [s, e].some((o) => units.toUtf16(units.toCodePoint(o)) !== o)) throw at(`${shown}: an offset falls inside a character (between the two halves of a surrogate pair)`);
      const toAnn = (o: number) => map.toAnn(utf16 ? o : units.toUtf16(o));
      return { label, start: toAnn(s), end: toAnn(e) };
    });
    docs.push({ name, file, line, text, spans });
  });
  if (!docs.length) throw new FormatError(file, undefined, 'no documents in the file');
  return docs;
}

// ---- CoNLL ------------------------------------------------------------------

function readConllFile(file: string, into: string): ImportedDocument {
  const source = readUtf8File(file).replace(/^\uFEFF/, '');
  const { tokens, problems } = readConll(source);
  if (problems.length) throw new FormatError(file, problems[0].line, problems[0].message + (problems.length > 1 ? ` (and ${problems.length - 1} more malformed line(s))` : ''));
  if (!tokens.length) throw new FormatError(file, undefined, 'no tokens in the file');
  const name = safeDocumentName(path.basename(file).replace(/\.[^.]*$/, ''));
  if (!name) throw new FormatError(file, undefined, 'cannot name a document after this file');
  const sentenceBreakBefore = (i: number) => i > 0 && tokens[i].line - tokens[i - 1].line > 1;

  // The text: the corpus's, or one beside the CoNLL file, or else the tokens joined.
  const candidates = [path.join(into, `${name}.txt`), path.join(path.dirname(file), `${name}.txt`)];
  const textFile = candidates.find((f) => fs.existsSync(f));
  const text = textFile ? readUtf8File(textFile) : tokens.map((t, i) => (i === 0 ? '' : sentenceBreakBefore(i) ? '\n' : ' ') + t.token).join('') + '\n';
  const view = bratViewOf(text);
  const map = new OffsetMap(view);

  // Align: each token is the next non-white-space stretch of the text.
  const offsets: { start: number; end: number }[] = [];
  let p = 0;
  for (const t of tokens) {
    while (p < view.length && WHITESPACE.test(view[p])) p++;
    if (!view.startsWith(t.token, p)) {
      const found = view.slice(p, p + t.token.length + 10).replace(/\s+/g, ' ');
      throw new FormatError(
        file,
        t.line,
        `token "${t.token}" does not match the text of ${textFile ?? 'the document'} at code point ${map.toCodePoint(p)}, which reads "${found}"`,
      );
    }
    offsets.push({ start: map.toCodePoint(p), end: map.toCodePoint(p + t.token.length) });
    p += t.token.length;
  }
  const rest = view.slice(p);
  if (rest.trim()) {
    throw new FormatError(file, tokens[tokens.length - 1].line, `the tokens end at code point ${map.toCodePoint(p)} but the text of ${textFile} goes on: "${rest.trim().slice(0, 30)}"`);
  }

  // IOB2 and IOBES; an I- or E- tag that does not continue a span starts one, as conlleval reads it.
  const spans: ImportedSpan[] = [];
  let open: ImportedSpan | undefined;
  const close = () => {
    if (open) spans.push(open);
    open = undefined;
  };
  tokens.forEach((t, i) => {
    if (sentenceBreakBefore(i)) close();
    if (t.tag === 'O') return close();
    const prefix = t.tag[0];
    const label = t.tag.slice(2);
    const continues = open !== undefined && open.label === label && (prefix === 'I' || prefix === 'E');
    if (continues) (open as ImportedSpan).end = offsets[i].end;
    else {
      close();
      open = { label, ...offsets[i] };
    }
    if (prefix === 'E' || prefix === 'S') close();
  });
  close();
  return { name, file, text, textBytes: textFile ? fs.readFileSync(textFile) : undefined, spans };
}

// ---- writing ----------------------------------------------------------------

function annOf(view: string, spans: ImportedSpan[]): string {
  const map = new OffsetMap(view);
  const doc: BratDocument = { items: [], errors: [], finalNewline: true, eol: '\n', bom: false };
  spans
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .forEach((s, i) => {
      const t: BratTextBound = { kind: 'textBound', id: `T${i + 1}`, label: s.label, fragments: [{ start: s.start, end: s.end }], text: recordedTextAt(map, [s]) };
      doc.items.push(t);
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
        ? readDoccano(options.file, !!options.utf16)
        : [readConllFile(options.file, into)];
  const output = new StagedOutput(into);
  const imported: { brat: BratDocument; rejected: Set<string> }[] = [];
  try {
    for (const [index, doc] of docs.entries()) {
      checkCancelled(options);
      options.onProgress?.({ done: index, total: docs.length, document: doc.name });
      const where = (reason: string) => new FormatError(doc.file, doc.line, `${doc.name}: ${reason}`);
      const textFile = path.join(into, ...`${doc.name}.txt`.split('/'));
      const annFile = annotationNameOf(textFile);
      if (fs.existsSync(textFile)) {
        if (bratViewOf(readUtf8File(textFile)) !== bratViewOf(doc.text)) {
          throw where(`its text differs from ${textFile}; the annotations would not fit it`);
        }
      } else {
        output.write(`${doc.name}.txt`, doc.textBytes ?? doc.text);
      }
      if (!options.replace && fs.existsSync(annFile) && readUtf8File(annFile).trim()) {
        throw where(`${annFile} already has annotations; import with --replace to overwrite them`);
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
