// doccano JSONL (sequence labelling): one JSON object a line,
// {"text": …, "label": [[start, end, label], …]}, plus the document's name.
// Offsets count code points by default (as Python, doccano's back end, counts
// them); `utf16` gives the UTF-16 units doccano's browser front end counts.
import { OffsetMap } from '../analysis/offsets';
import { AnnotatedDocument, SUGGESTED } from './corpusDocument';

export interface DoccanoOptions {
  utf16?: boolean;
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
  const record: DoccanoRecord = { document: doc.name, text: doc.text, label: all.filter((s) => s.status !== SUGGESTED).map(span) };
  if (withSuggestions) record.suggestions = all.filter((s) => s.status === SUGGESTED).map(span);
  return record;
}

/** One line of JSONL. JSON.stringify escapes line breaks inside strings, so a record never spans lines. */
export function doccanoLine(doc: AnnotatedDocument, options: DoccanoOptions = {}, withSuggestions = false): string {
  return JSON.stringify(doccanoRecord(doc, options, withSuggestions)) + '\n';
}
