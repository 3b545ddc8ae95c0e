// Reader and writer for brat standoff annotation files (.ann).
//
// Offsets in .ann files count Unicode code points, and so do the parsed
// structures here; `bratSpansToUtf16` converts them for JavaScript strings and
// the editor, through offsets.ts.
//
// The document keeps every line in its original order. A line that is not
// understood is kept verbatim (and reported), so writing a document back never
// deletes anything; an item that was read and not changed is written back as
// the line it came from, byte for byte.

import { OffsetMap } from '../analysis/offsets';
import { isReason, reason, Reason } from '../messages/reason';

/** One contiguous piece of a text-bound annotation, in code points, end exclusive. */
export interface BratFragment {
  start: number;
  end: number;
}

interface BratItemBase {
  id: string;
  /** 1-based line number in the source it was read from; absent for items created in code. */
  line?: number;
  /** The line as read (without its line break); absent for items created in code. */
  raw?: string;
}

/** `T1\tOrganization 0 5;7 12\ttext`: a labelled span, possibly discontinuous. */
export interface BratTextBound extends BratItemBase {
  kind: 'textBound';
  label: string;
  /** At least one; several for a discontinuous span. */
  fragments: BratFragment[];
  /** The text the file records (fragments joined by one space, by brat's convention). */
  text: string;
}

/** A `Role:Id` argument of an event or relation. */
export interface BratArgument {
  role: string;
  target: string;
}

/** `E1\tCommitment:T5 Actor:T1 Actor2:T2`: an event, its trigger and arguments. */
export interface BratEvent extends BratItemBase {
  kind: 'event';
  type: string;
  /** Id of the trigger's text-bound annotation. */
  trigger: string;
  args: BratArgument[];
}

/** `R1\tPart-of Arg1:T1 Arg2:T2`: a binary relation. */
export interface BratRelation extends BratItemBase {
  kind: 'relation';
  type: string;
  args: BratArgument[];
}

/**
 * `A1\tOptional T14` (binary) or `A2\tStrength E1 binding` (valued). Lines
 * with the older `M` prefix are attributes too; the id keeps the prefix.
 */
export interface BratAttribute extends BratItemBase {
  kind: 'attribute';
  name: string;
  target: string;
  /** Absent for a binary attribute. */
  value?: string;
}

/** `N1\tReference T1 Wikidata:Q42\tname`: a link to an external resource. */
export interface BratNormalization extends BratItemBase {
  kind: 'normalization';
  type: string;
  target: string;
  /** The resource, e.g. `Wikidata`. */
  resource: string;
  /** The entry in the resource, e.g. `Q42`. */
  entryId: string;
  /** The entry's name, when the line records one. */
  text?: string;
}

/** `#1\tAnnotatorNotes T1\ttext`: a note attached to an annotation. */
export interface BratNote extends BratItemBase {
  kind: 'note';
  type: string;
  target: string;
  text: string;
}

/** `*\tEquiv T1 T2 T3`: an equivalence group. Its id is always `*`. */
export interface BratEquivalence extends BratItemBase {
  kind: 'equivalence';
  type: string;
  targets: string[];
}

/** A blank line, or a line that could not be parsed; written back as it was. */
export interface BratVerbatimLine {
  kind: 'verbatim';
  line?: number;
  raw: string;
}

export type BratAnnotation =
  | BratTextBound
  | BratEvent
  | BratRelation
  | BratAttribute
  | BratNormalization
  | BratNote
  | BratEquivalence;

export type BratItem = BratAnnotation | BratVerbatimLine;

export interface BratParseError {
  /** 1-based line number; 0 for an item that was not read from a file. */
  line: number;
  message: Reason;
}

export interface BratDocument {
  /** Every line, in order. Add, change or remove items here, then serialize. */
  items: BratItem[];
  /** Problems found while reading (malformed lines, duplicate ids, dangling references). */
  errors: BratParseError[];
  /** Whether the source ended with a line break (new documents do). */
  finalNewline: boolean;
  /** Line break used for items created or changed in code: the first one the source used. */
  eol: '\n' | '\r\n';
  /** Whether the source started with a byte-order mark. */
  bom: boolean;
}

export interface ParseBratOptions {
  /** The annotated text: when given, T-line texts are checked against it (see `validateBratText`). */
  text?: string;
}

const ID_PATTERN: Record<string, RegExp> = {
  T: /^T\w+$/,
  E: /^E\w+$/,
  R: /^R\w+$/,
  A: /^A\w+$/,
  M: /^M\w+$/,
  N: /^N\w+$/,
  '#': /^#\w+$/,
};
const NAME = /^[^\s:]+$/;
const ARGUMENT = /^([^\s:]+):(\S+)$/;
const OFFSETS = /^(\d+)\s+(\d+)$/;

type LineResult = { item: BratAnnotation } | { error: Reason } | { blank: true };

/** Parses one line's content (no line break) on its own, without checking references. */
function parseLine(content: string): LineResult {
  if (content.trim() === '') return { blank: true };
  const fields = content.split('\t');
  const id = fields[0];
  const prefix = id.charAt(0);
  if (prefix === '*') {
    if (id !== '*') return { error: reason('an equivalence line starts with "*" alone, not "{0}"', id) };
    return parseEquivalence(fields);
  }
  const pattern = ID_PATTERN[prefix];
  if (!pattern) {
    return { error: reason('unknown line type "{0}": an annotation id starts with T, E, R, A, M, N, # or *', id) };
  }
  if (!pattern.test(id)) return { error: reason('malformed id "{0}"', id) };
  if (fields.length < 2 || fields[1].trim() === '') return { error: reason('{0}: missing the tab-separated annotation field', id) };
  switch (prefix) {
    case 'T':
      return parseTextBound(id, fields);
    case 'E':
      return parseEvent(id, fields);
    case 'R':
      return parseRelation(id, fields);
    case 'A':
    case 'M':
      return parseAttribute(id, fields);
    case 'N':
      return parseNormalization(id, fields);
    default:
      return parseNote(id, fields);
  }
}

function parseTextBound(id: string, fields: string[]): LineResult {
  if (fields.length < 3) return { error: reason('{0}: missing the tab-separated text field', id) };
  const annotation = fields[1];
  const space = annotation.indexOf(' ');
  if (space <= 0) return { error: reason('{0}: expected "Label start end", got "{1}"', id, annotation) };
  const label = annotation.slice(0, space);
  const fragments: BratFragment[] = [];
  for (const piece of annotation.slice(space + 1).split(';')) {
    const m = OFFSETS.exec(piece.trim());
    if (!m) return { error: reason('{0}: malformed offsets "{1}", expected "start end"', id, piece.trim()) };
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (start > end) return { error: reason('{0}: span {1} {2} ends before it starts', id, start, end) };
    fragments.push({ start, end });
  }
  return { item: { kind: 'textBound', id, label, fragments, text: fields.slice(2).join('\t') } };
}

function parseArguments(id: string, tokens: string[]): BratArgument[] | Reason {
  const args: BratArgument[] = [];
  for (const token of tokens) {
    const m = ARGUMENT.exec(token);
    if (!m) return reason('{0}: malformed argument "{1}", expected "Role:Id"', id, token);
    args.push({ role: m[1], target: m[2] });
  }
  return args;
}

/** More than two fields with something in them: brat itself writes an empty tail after a tab (`R1\tPart-of Arg1:T1 Arg2:T2\t`). */
function hasExtraFields(fields: string[]): boolean {
  return fields.slice(2).some((f) => f.trim() !== '');
}

function tokensOf(field: string): string[] {
  return field.trim().split(/\s+/);
}

function parseEvent(id: string, fields: string[]): LineResult {
  if (hasExtraFields(fields)) return { error: reason('{0}: an event line has two tab-separated fields', id) };
  const tokens = tokensOf(fields[1]);
  const trigger = ARGUMENT.exec(tokens[0]);
  if (!trigger) return { error: reason('{0}: expected "Type:TriggerId" first, got "{1}"', id, tokens[0]) };
  const args = parseArguments(id, tokens.slice(1));
  if (isReason(args)) return { error: args };
  return { item: { kind: 'event', id, type: trigger[1], trigger: trigger[2], args } };
}

function parseRelation(id: string, fields: string[]): LineResult {
  if (hasExtraFields(fields)) return { error: reason('{0}: a relation line has two tab-separated fields', id) };
  const tokens = tokensOf(fields[1]);
  if (!NAME.test(tokens[0])) return { error: reason('{0}: expected a relation type first, got "{1}"', id, tokens[0]) };
  if (tokens.length !== 3) return { error: reason('{0}: a relation has exactly two arguments ("Type Arg1:Id Arg2:Id")', id) };
  const args = parseArguments(id, tokens.slice(1));
  if (isReason(args)) return { error: args };
  return { item: { kind: 'relation', id, type: tokens[0], args } };
}

function parseAttribute(id: string, fields: string[]): LineResult {
  if (hasExtraFields(fields)) return { error: reason('{0}: an attribute line has two tab-separated fields', id) };
  const tokens = tokensOf(fields[1]);
  if (tokens.length < 2 || tokens.length > 3) {
    return { error: reason('{0}: expected "Name Target" or "Name Target Value", got "{1}"', id, fields[1].trim()) };
  }
  const [name, target, value] = tokens;
  const item: BratAttribute = { kind: 'attribute', id, name, target };
  if (value !== undefined) item.value = value;
  return { item };
}

function parseNormalization(id: string, fields: string[]): LineResult {
  const tokens = tokensOf(fields[1]);
  if (tokens.length !== 3) return { error: reason('{0}: expected "Type Target Resource:Entry", got "{1}"', id, fields[1].trim()) };
  const ref = ARGUMENT.exec(tokens[2]);
  if (!ref) return { error: reason('{0}: malformed reference "{1}", expected "Resource:Entry"', id, tokens[2]) };
  const item: BratNormalization = {
    kind: 'normalization',
    id,
    type: tokens[0],
    target: tokens[1],
    resource: ref[1],
    entryId: ref[2],
  };
  if (fields.length > 2) item.text = fields.slice(2).join('\t');
  return { item };
}

function parseNote(id: string, fields: string[]): LineResult {
  const tokens = tokensOf(fields[1]);
  if (tokens.length !== 2) return { error: reason('{0}: expected "NoteType Target", got "{1}"', id, fields[1].trim()) };
  return { item: { kind: 'note', id, type: tokens[0], target: tokens[1], text: fields.slice(2).join('\t') } };
}

function parseEquivalence(fields: string[]): LineResult {
  if (fields.length !== 2) return { error: reason('*: an equivalence line has two tab-separated fields') };
  const tokens = tokensOf(fields[1]);
  if (tokens.length < 3 || !NAME.test(tokens[0])) {
    return { error: reason('*: expected "Type Id Id …" with at least two ids, got "{0}"', fields[1].trim()) };
  }
  return { item: { kind: 'equivalence', id: '*', type: tokens[0], targets: tokens.slice(1) } };
}

/** The ids an annotation refers to. */
function referencesOf(item: BratAnnotation): string[] {
  switch (item.kind) {
    case 'textBound':
      return [];
    case 'event':
      return [item.trigger, ...item.args.map((a) => a.target)];
    case 'relation':
      return item.args.map((a) => a.target);
    case 'equivalence':
      return item.targets;
    default:
      return [item.target];
  }
}

function lineContent(raw: string): string {
  return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
}

/** Reads a .ann file. Never throws: problems are listed in `errors`. */
export function parseBrat(source: string, options: ParseBratOptions = {}): BratDocument {
  const bom = source.startsWith('\uFEFF');
  const body = bom ? source.slice(1) : source;
  const doc: BratDocument = {
    items: [],
    errors: [],
    finalNewline: body === '' || body.endsWith('\n'),
    eol: /^[^\n]*\r\n/.test(body) ? '\r\n' : '\n',
    bom,
  };
  if (body === '') return doc;
  const lines = body.split('\n');
  if (body.endsWith('\n')) lines.pop();

  const defined = new Map<string, number>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    const result = parseLine(lineContent(raw));
    if ('item' in result) {
      const item = Object.assign(result.item, { line, raw });
      if (item.kind !== 'equivalence') {
        const previous = defined.get(item.id);
        if (previous !== undefined) {
          doc.errors.push({ line, message: reason('duplicate id {0} (first defined on line {1})', item.id, previous) });
        } else {
          defined.set(item.id, line);
        }
      }
      doc.items.push(item);
    } else {
      if ('error' in result) doc.errors.push({ line, message: result.error });
      doc.items.push({ kind: 'verbatim', line, raw });
    }
  });

  for (const item of doc.items) {
    if (item.kind === 'verbatim') continue;
    for (const target of referencesOf(item)) {
      if (!defined.has(target)) {
        doc.errors.push({ line: item.line ?? 0, message: reason('{0}: refers to {1}, which is not defined', item.id, target) });
      }
    }
  }
  if (options.text !== undefined) doc.errors.push(...validateBratText(doc, options.text));
  doc.errors.sort((a, b) => a.line - b.line);
  return doc;
}

/** Anything that would end a line or a field: a value written with one would write extra lines or fields. */
const LINE_OR_FIELD_BREAK = /[\t\n\r\v\f\u0085\u2028\u2029]/g;
/** Free text (a note, a reference's name): breaks become spaces. */
const field = (value: string) => value.replace(LINE_OR_FIELD_BREAK, ' ');
/** A span's text, the last field, may hold the tabs of the text it covers (brat writes them); never a line break. */
const spanText = (value: string) => value.replace(/[\n\r\v\f\u0085\u2028\u2029]/g, ' ');
/** One token of the middle field (an id, a label, a value, a lexicon id): no white space at all, each run becomes "_". */
const token = (value: string) => value.replace(/[\s\u0085]+/g, '_');

/** The canonical line for an annotation (without line break); values escaped so that it stays one line brat reads back. */
export function formatBratItem(item: BratItem): string {
  if (item.kind === 'verbatim') return lineContent(item.raw);
  const args = (list: BratArgument[]) => list.map((a) => `${token(a.role)}:${token(a.target)}`);
  const id = token(item.id);
  switch (item.kind) {
    case 'textBound':
      return `${id}\t${token(item.label)} ${item.fragments.map((f) => `${f.start} ${f.end}`).join(';')}\t${spanText(item.text)}`;
    case 'event':
      return `${id}\t${[`${token(item.type)}:${token(item.trigger)}`, ...args(item.args)].join(' ')}`;
    case 'relation':
      return `${id}\t${[token(item.type), ...args(item.args)].join(' ')}`;
    case 'attribute':
      return `${id}\t${token(item.name)} ${token(item.target)}${item.value !== undefined ? ` ${token(item.value)}` : ''}`;
    case 'normalization':
      return `${id}\t${token(item.type)} ${token(item.target)} ${token(item.resource)}:${token(item.entryId)}${item.text !== undefined ? `\t${field(item.text)}` : ''}`;
    case 'note':
      return `${id}\t${token(item.type)} ${token(item.target)}\t${field(item.text)}`;
    case 'equivalence':
      return `*\t${token(item.type)} ${item.targets.map(token).join(' ')}`;
  }
}

/**
 * Whether `item` still says what its original line said, so the line can be
 * written back untouched (keeping its exact spacing).
 */
function unchangedSinceRead(item: BratAnnotation): boolean {
  if (item.raw === undefined) return false;
  const original = parseLine(lineContent(item.raw));
  return 'item' in original && formatBratItem(original.item) === formatBratItem(item);
}

/**
 * Writes a document back. Lines of items that were read and not changed are
 * written as they were read, so an unmodified document reproduces its source
 * byte for byte; new or changed items are written in brat's canonical form.
 */
export function serializeBrat(doc: BratDocument): string {
  const lines = doc.items.map((item) => {
    if (item.kind === 'verbatim') return item.raw;
    if (unchangedSinceRead(item)) return item.raw as string;
    return formatBratItem(item) + (doc.eol === '\r\n' ? '\r' : '');
  });
  const body = lines.join('\n') + (doc.finalNewline && lines.length > 0 ? '\n' : '');
  return (doc.bom ? '\uFEFF' : '') + body;
}

/** An empty document, for annotations created from scratch. */
export function createBratDocument(): BratDocument {
  return parseBrat('');
}

/** The items of one kind, in file order. */
export function bratItemsOfKind<K extends BratItem['kind']>(
  doc: BratDocument,
  kind: K,
): Extract<BratItem, { kind: K }>[] {
  return doc.items.filter((item): item is Extract<BratItem, { kind: K }> => item.kind === kind);
}

export type BratIdPrefix = 'T' | 'E' | 'R' | 'A' | 'M' | 'N' | '#';

/** The highest number of the ids with this prefix in use (0 when none). */
function highestBratNumber(doc: BratDocument, prefix: BratIdPrefix): number {
  let highest = 0;
  for (const item of doc.items) {
    if (item.kind === 'verbatim' || !item.id.startsWith(prefix)) continue;
    const n = Number(item.id.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return highest;
}

/** The first unused id with this prefix (`T`, `E`, `R`, `A`, `N`, `#`): one above the highest number in use. */
export function nextBratId(doc: BratDocument, prefix: BratIdPrefix): string {
  return `${prefix}${highestBratNumber(doc, prefix) + 1}`;
}

/**
 * The ids of lines added to `doc` one after another, each what nextBratId
 * would give once the ones before are in: the document is read once per
 * prefix, not once per line added (an export of thousands of suggestions).
 * Every line added must take its id from here.
 */
export function bratIdAllocator(doc: BratDocument): (prefix: BratIdPrefix) => string {
  const highest = new Map<BratIdPrefix, number>();
  return (prefix) => {
    const n = (highest.get(prefix) ?? highestBratNumber(doc, prefix)) + 1;
    highest.set(prefix, n);
    return `${prefix}${n}`;
  };
}

/** The text a brat T line should record for these fragments of `text`. */
function expectedText(fragments: BratFragment[], map: OffsetMap): string {
  return fragments.map((f) => map.text.slice(map.toUtf16(f.start), map.toUtf16(f.end))).join(' ');
}

/**
 * Checks every T line against the annotated text: its offsets lie inside the
 * text and the text at them equals the text the line records.
 */
export function validateBratText(doc: BratDocument, text: string): BratParseError[] {
  const map = new OffsetMap(text);
  const length = map.codePointLength;
  const errors: BratParseError[] = [];
  for (const item of bratItemsOfKind(doc, 'textBound')) {
    const line = item.line ?? 0;
    const outside = item.fragments.find((f) => f.end > length);
    if (outside) {
      errors.push({
        line,
        message: reason('{0}: span {1} {2} lies beyond the end of the text ({3} code points)', item.id, outside.start, outside.end, length),
      });
      continue;
    }
    const actual = expectedText(item.fragments, map);
    if (actual !== item.text) {
      const spans = item.fragments.map((f) => `${f.start} ${f.end}`).join(';');
      errors.push({
        line,
        message: reason('{0}: the text at {1} is "{2}" but the line records "{3}"', item.id, spans, actual, item.text),
      });
    }
  }
  return errors;
}

/** A text-bound annotation with UTF-16 offsets, for JavaScript strings and the editor. */
export interface BratUtf16Span {
  id: string;
  label: string;
  /** Start of the first fragment. */
  start: number;
  /** End of the last fragment. */
  end: number;
  fragments: BratFragment[];
}

/** Converts the code-point offsets of every T line to UTF-16 offsets into `text`. */
export function bratSpansToUtf16(doc: BratDocument, text: string): BratUtf16Span[] {
  const map = new OffsetMap(text);
  return bratItemsOfKind(doc, 'textBound').map((item) => {
    const fragments = item.fragments.map((f) => ({ start: map.toUtf16(f.start), end: map.toUtf16(f.end) }));
    return {
      id: item.id,
      label: item.label,
      start: Math.min(...fragments.map((f) => f.start)),
      end: Math.max(...fragments.map((f) => f.end)),
      fragments,
    };
  });
}
