// doccano JSONL (sequence labelling), read and written: one JSON object a line,
// {"text": …, "label": [[start, end, label], …]}, plus the document's name.
// Offsets count code points by default (as Python, doccano's back end, counts
// them); `utf16` gives the UTF-16 units doccano's browser front end counts.
import { OffsetMap } from '../analysis/offsets';
import { AnnotatedDocument, SUGGESTED } from './corpusDocument';
import { BratTextMap } from '../annotations/textMap';
import { FormatError, safeDocumentName } from './formatError';
import { reason, Reason } from '../messages/reason';
import type { ImportedDocument, ImportedSpan } from './formats';

export interface DoccanoOptions {
  utf16?: boolean;
  /** No overlapping spans (doccano's default project drops them): entities first, then commitments that overlap none. */
  flat?: boolean;
}

/** Why a doccano export may lose spans in doccano, said where the export is made. */
export const DOCCANO_OVERLAP_WARNING = reason(
  'overlapping spans (a commitment and its entities always overlap): doccano\'s default project ("Allow overlapping spans" off) drops them on import; enable that option in the project, or export flat (--flat) with the overlapping spans left out',
);

type Spanned = { start: number; end: number; label: string };

/** Spans that overlap none kept before them, entities before commitments, each group in text order. */
function withoutOverlaps<T extends Spanned>(spans: T[], isCommitment: (s: T) => boolean): T[] {
  const ordered = [...spans.filter((s) => !isCommitment(s)), ...spans.filter(isCommitment)];
  const kept: T[] = [];
  for (const s of ordered) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether any two of these spans overlap. */
export function hasOverlaps(spans: readonly Spanned[]): boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let end = -1;
  for (const s of sorted) {
    if (s.start < end) return true;
    end = Math.max(end, s.end);
  }
  return false;
}

/** A span as doccano writes it: [start, end, label]. */
export type DoccanoSpan = [number, number, string];

export interface DoccanoRecord {
  /** The document's name in the corpus (doccano keeps unknown fields as metadata). */
  document: string;
  text: string;
  /** Stored annotations. */
  label: DoccanoSpan[];
  /** Automatic suggestions (with --suggestions): not annotations yet, so not under `label`. */
  suggestions?: DoccanoSpan[];
}

export function doccanoRecord(doc: AnnotatedDocument, options: DoccanoOptions = {}, withSuggestions = false): DoccanoRecord {
  const map = new OffsetMap(doc.text);
  const offset = (cp: number) => (options.utf16 ? map.toUtf16(cp) : cp);
  const all = [...doc.entities, ...doc.commitments].sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1));
  const span = (s: (typeof all)[number]): DoccanoSpan => [offset(s.start), offset(s.end), s.label];
  const commitments = new Set<object>(doc.commitments);
  const flat = (list: typeof all) => (options.flat ? withoutOverlaps(list, (s) => commitments.has(s)) : list);
  const record: DoccanoRecord = { document: doc.name, text: doc.text, label: flat(all.filter((s) => s.status !== SUGGESTED)).map(span) };
  if (withSuggestions) record.suggestions = flat(all.filter((s) => s.status === SUGGESTED)).map(span);
  return record;
}

/** One line of JSONL. JSON.stringify escapes line breaks inside strings, so a record never spans lines. */
export function doccanoLine(doc: AnnotatedDocument, options: DoccanoOptions = {}, withSuggestions = false): string {
  return JSON.stringify(doccanoRecord(doc, options, withSuggestions)) + '\n';
}

// ---- reading ----------------------------------------------------------------

function spansOfRecord(record: Record<string, unknown>, at: (why: Reason) => FormatError): [unknown, unknown, unknown][] {
  if (Array.isArray(record.label) || Array.isArray(record.labels)) {
    const list = (Array.isArray(record.label) ? record.label : record.labels) as unknown[];
    return list.map((s) => {
      if (!Array.isArray(s) || s.length !== 3) throw at(reason('a label is written [start, end, "Label"], not {0}', JSON.stringify(s)));
      return s as [unknown, unknown, unknown];
    });
  }
  if (Array.isArray(record.entities)) {
    // doccano's newer export: {"entities": [{"start_offset", "end_offset", "label"}]}.
    return (record.entities as Record<string, unknown>[]).map((e) => [e?.start_offset, e?.end_offset, e?.label]);
  }
  if (record.label === undefined && record.labels === undefined && record.entities === undefined) return [];
  throw at(reason('"label" must be a list of [start, end, "Label"]'));
}

/**
 * The documents of a doccano JSONL file (`file` names it in messages, and its
 * base name names documents without a "document" field). Everything is
 * checked: a line that is not a record, or a span that does not fit its
 * text, is an error naming the line.
 */
export function readDoccano(source: string, file: string, utf16: boolean): ImportedDocument[] {
  source = source.replace(/^\uFEFF/, '');
  const base = file.replace(/^.*[\\/]/, '').replace(/\.jsonl?$/i, '');
  const docs: ImportedDocument[] = [];
  const names = new Map<string, number>();
  source.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const at = (why: Reason) => new FormatError(file, line, why);
    if (!raw.trim()) return;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (err) {
      throw at(reason('not a JSON object ({0}); JSONL has one object a line', (err as Error).message));
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw at(reason('not a JSON object; JSONL has one object a line'));
    const r = record as Record<string, unknown>;
    if (typeof r.text !== 'string') throw at(reason('no "text" string'));
    const text = r.text;
    let name: string | undefined;
    if (typeof r.document === 'string') {
      name = safeDocumentName(r.document);
      if (!name) throw at(reason('"document" {0} is not a relative file name inside the corpus', JSON.stringify(r.document)));
    } else {
      name = safeDocumentName(`${base}-${typeof r.id === 'number' || typeof r.id === 'string' ? r.id : line}`);
      if (!name) throw at(reason('cannot name the document from "id" {0}', JSON.stringify(r.id)));
    }
    const previous = names.get(name);
    if (previous !== undefined) throw at(reason('document "{0}" already came on line {1}', name, previous));
    names.set(name, line);

    const units = new OffsetMap(text);
    const length = utf16 ? text.length : units.codePointLength;
    const map = new BratTextMap(text);
    const spans = spansOfRecord(r, at).map(([start, end, label]): ImportedSpan => {
      const shown = JSON.stringify([start, end, label]);
      if (!Number.isInteger(start) || !Number.isInteger(end)) throw at(reason('{0}: offsets must be whole numbers', shown));
      const s = start as number;
      const e = end as number;
      if (s < 0 || s >= e) throw at(reason('{0}: a span starts at 0 or later and ends after it starts', shown));
      if (e > length) throw at(utf16 ? reason('{0}: the span runs past the end of the text ({1} UTF-16 units)', shown, length) : reason('{0}: the span runs past the end of the text ({1} code points)', shown, length));
      if (typeof label !== 'string' || !/^[^\s:;]+$/.test(label)) throw at(reason('{0}: the label must be a name without spaces, ":" or ";"', shown));
      if (utf16 && [s, e].some((o) => units.toUtf16(units.toCodePoint(o)) !== o)) throw at(reason('{0}: an offset falls inside a character (between the two halves of a surrogate pair)', shown));
      const toAnn = (o: number) => map.toAnn(utf16 ? o : units.toUtf16(o));
      return { label, start: toAnn(s), end: toAnn(e) };
    });
    docs.push({ name, file, line, text, spans });
  });
  if (!docs.length) throw new FormatError(file, undefined, reason('no documents in the file'));
  return docs;
}
