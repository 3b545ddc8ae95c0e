// One annotated document of a corpus, as every export format sees it: the
// text, its stored annotations (from the sidecar .ann, rejected suggestions
// left out) and, when asked, the suggestions the editor would show that no
// stored annotation covers yet (found with the workspace lexicon, of the
// labels of the document's schema), marked as suggestions.
//
// Offsets are Unicode code points, end exclusive, into `text`: the text as
// brat reads the file (a byte-order mark is a character, a CRLF two), which
// is what the .ann files of this project count (see ../annotations/textMap.ts). `rawText` is the file as it is, for formats that copy it.
import conventionsData from '../../data/annotation-store.json';
import { analyzeText } from '../analysis/analyze';
import { BratDocument, BratFragment, BratTextBound, bratItemsOfKind, BratParseError, parseBrat, validateBratText } from '../annotations/brat';
import { normalizeWord } from '../analysis/normalize';
import { OffsetMap } from '../analysis/offsets';
import { getDefaultLexicon, Lexicon, LexiconEntry, parseLexiconFile } from '../analysis/lexicon';
import { commitmentLabel } from '../analysis/schema';
import { parseNoteFields } from '../corpus/scoring';
import { defaultStoreSchema, StoreSchema } from '../annotations/conf';
import { ConventionalFields, conventionReader } from '../annotations/conventions';
import { BratTextMap, legacyCrlfFragments, recordedText, splitAtLineBreaks } from '../annotations/textMap';
import { DecidedSpan, undecidedSuggestions } from '../annotations/view';
import { FormatError } from './formatError';
import { reason, withMore } from '../messages/reason';

/** Names of the attributes, roles, notes and references the annotation store writes. */
export const conventions = conventionsData;

/** The review status of an exported suggestion (stored annotations carry the store's own values). */
export const SUGGESTED = 'suggested';
/** The review status of a stored annotation without a review attribute (made in brat or by hand). */
export const UNREVIEWED = 'stored';

export interface ExportSpan {
  /** The T id of a stored annotation; the analysis id (e1, c1) of a suggestion. */
  id: string;
  label: string;
  /** Start of the first fragment and end of the last. */
  start: number;
  end: number;
  fragments: BratFragment[];
  /** The text covered, fragments joined by a space. */
  text: string;
  /** `suggested` for a suggestion; the Review attribute's value, or `stored`, for a stored annotation. */
  status: string;
  /** Where it comes from: `annotator` (reviewed) or `file` (no review attribute) when stored, `lexicon` or `rule` when suggested. */
  source: string;
  optional: boolean;
}

export interface ExportEntity extends ExportSpan {
  /** Lexicon entry id (an N line to the project's lexicon, or the suggestion's entry). */
  kb?: string;
  /** The entry's name, as the N line or the lexicon gives it. */
  kbName?: string;
  wikidata?: string;
}

export interface ExportCommitment extends ExportSpan {
  strength?: string;
  negated: boolean;
  /** Ids of the actor and principle entities (E-line arguments, or the suggestion's). */
  actors: string[];
  principles: string[];
  /** Actor and principle names: the entities' texts, or an annotator note's `actors=…; principles=…` when there are no arguments. */
  actorNames: string[];
  principleNames: string[];
  /** Whether actors and principles were annotated at all (an E line or note fields), as opposed to left empty. */
  argumentsAnnotated: boolean;
  /** The cue word, for a suggestion. */
  cue?: string;
}

export interface AnnotatedDocument {
  name: string;
  textFile: string;
  /** The .ann it was read from, when there is one. */
  annFile?: string;
  /** The text file's content, decoded (a byte-order mark kept as U+FEFF). */
  rawText: string;
  /** The text the offsets count: `rawText` as brat reads it. */
  text: string;
  entities: ExportEntity[];
  commitments: ExportCommitment[];
  /** The .ann as read (rejected annotations included), for the brat export; absent without a .ann. */
  brat?: BratDocument;
  /** T and E ids of the rejected annotations of `brat`. */
  rejected: Set<string>;
}

export interface LoadOptions {
  /** Add the automatic annotator's suggestions that no stored annotation covers. */
  suggestions?: boolean;
  /** The lexicon the suggestions are found with (the workspace's, see lexiconOfFiles); the default one when absent. */
  lexicon?: Lexicon;
  /** The document's schema (its annotation.conf): suggestions of labels it does not have are left out, as in the editor. The default schema when absent. */
  schema?: StoreSchema;
}


/** The text offsets count, for a file's decoded content. */
export function bratViewOf(rawText: string): string {
  return new BratTextMap(rawText).bratText;
}

/** The text a T line records for these fragments (code points into `map.text`). */
export function recordedTextAt(map: OffsetMap, fragments: { start: number; end: number }[]): string {
  return recordedText(fragments.map((f) => map.text.slice(map.toUtf16(f.start), map.toUtf16(f.end))));
}

/** A T line for these fragments (code points into `map.text`), split at line breaks as brat writes a selection over lines. */
export function textBoundAt(map: OffsetMap, id: string, label: string, fragments: BratFragment[]): BratTextBound {
  const split = splitAtLineBreaks(fragments, (start, end) => map.text.slice(map.toUtf16(start), map.toUtf16(end)));
  return { kind: 'textBound', id, label, fragments: split, text: recordedTextAt(map, split) };
}

/**
 * Problems of a parsed .ann with its text: brat.ts's checks, except that a T
 * line may record a line break inside its span as a space (a line break
 * would end the line; the annotation store writes them so).
 */
export function bratProblems(brat: BratDocument, text: string): BratParseError[] {
  const map = new OffsetMap(text);
  const byLine = new Map(bratItemsOfKind(brat, 'textBound').map((t) => [t.line, t]));
  const fits = (line: number) => {
    const t = byLine.get(line);
    return !!t && t.fragments.every((f) => f.end <= map.codePointLength) && recordedTextAt(map, t.fragments) === t.text;
  };
  return [...brat.errors, ...validateBratText(brat, text).filter((e) => !fits(e.line))].sort((a, b) => a.line - b.line);
}

/** Moves the T lines of a .ann written when a CRLF counted as one character onto the offsets brat counts. */
export function upgradeLegacyCrlf(brat: BratDocument, text: string): void {
  const map = new BratTextMap(text);
  if (!map.hasCrlf) return;
  const offsets = new OffsetMap(text);
  for (const t of bratItemsOfKind(brat, 'textBound')) {
    const fits = t.fragments.every((f) => f.end <= offsets.codePointLength) && recordedTextAt(offsets, t.fragments) === t.text;
    const legacy = fits ? undefined : legacyCrlfFragments(map, t.fragments, t.text);
    if (legacy) t.fragments = legacy;
  }
}

const coverOf = (fragments: BratFragment[]) => ({
  start: Math.min(...fragments.map((f) => f.start)),
  end: Math.max(...fragments.map((f) => f.end)),
});

/**
 * The stored annotations of a parsed .ann (already checked against `text`).
 * Rejected annotations are left out, and so are arguments pointing at them.
 */
function storedAnnotations(doc: BratDocument): { entities: ExportEntity[]; commitments: ExportCommitment[]; rejected: Set<string> } {
  const read = conventionReader(doc);
  const textBounds = bratItemsOfKind(doc, 'textBound');
  const fieldsOf = new Map<string, ConventionalFields>();
  for (const t of textBounds) if (!fieldsOf.has(t.id)) fieldsOf.set(t.id, read(t));
  const rejected = new Set<string>();
  for (const f of fieldsOf.values()) {
    if (f.review !== 'rejected') continue;
    rejected.add(f.textBound.id);
    if (f.event) rejected.add(f.event.id);
  }

  const base = (f: ConventionalFields): ExportSpan => {
    const t = f.textBound;
    return {
      id: t.id,
      label: t.label,
      ...coverOf(t.fragments),
      fragments: t.fragments,
      text: t.text,
      status: f.review ?? UNREVIEWED,
      source: f.review ? 'annotator' : 'file',
      optional: f.optional,
    };
  };
  const entities: ExportEntity[] = [];
  const commitmentFields: ConventionalFields[] = [];
  for (const f of fieldsOf.values()) {
    const t = f.textBound;
    if (rejected.has(t.id)) continue;
    if (t.label === commitmentLabel.name || f.event?.type === commitmentLabel.name) {
      commitmentFields.push(f);
      continue;
    }
    const entity: ExportEntity = base(f);
    if (f.kb !== undefined) entity.kb = f.kb;
    if (f.kbName !== undefined) entity.kbName = f.kbName;
    if (f.wikidata !== undefined) entity.wikidata = f.wikidata;
    entities.push(entity);
  }
  const entityById = new Map(entities.map((e) => [e.id, e]));
  const commitments = commitmentFields.map((f): ExportCommitment => {
    // Arguments pointing at rejected annotations are left out.
    const actors = f.actors.filter((id) => entityById.has(id));
    const principles = f.principles.filter((id) => entityById.has(id));
    const fields = f.annotatorNote !== undefined ? parseNoteFields(f.annotatorNote) : {};
    const hasArgs = (f.event?.args.length ?? 0) > 0;
    const commitment: ExportCommitment = {
      ...base(f),
      label: commitmentLabel.name,
      negated: f.negated,
      actors,
      principles,
      actorNames: hasArgs ? actors.map((id) => (entityById.get(id) as ExportEntity).text) : fields.actors ?? [],
      principleNames: hasArgs ? principles.map((id) => (entityById.get(id) as ExportEntity).text) : fields.principles ?? [],
      argumentsAnnotated: hasArgs || fields.actors !== undefined || fields.principles !== undefined,
    };
    if (f.strength !== undefined) commitment.strength = f.strength;
    return commitment;
  });
  return { entities, commitments, rejected };
}

/**
 * Adds the suggestions the annotator would be shown in the editor: those of
 * the analysis with the workspace lexicon that no decision covers and that
 * the document's schema has labels for, by the editor's own rule
 * (store/view.ts, undecidedSuggestions).
 */
function addSuggestions(doc: AnnotatedDocument, decided: { entities: DecidedSpan[]; commitments: DecidedSpan[] }, options: LoadOptions): void {
  const analysis = analyzeText(doc.text, options.lexicon ? { lexicon: options.lexicon } : {});
  const map = new OffsetMap(doc.text);
  // In code points, as the stored annotations count.
  const cp = <T extends { start: number; end: number }>(span: T): T => ({ ...span, start: map.toCodePoint(span.start), end: map.toCodePoint(span.end) });
  const shown = undecidedSuggestions({ entities: analysis.entities.map(cp), commitments: analysis.commitments.map(cp) }, decided, options.schema ?? defaultStoreSchema());
  const suggested: ExportEntity[] = [];
  for (const e of shown.entities) {
    const span = { start: e.start, end: e.end };
    const entity: ExportEntity = {
      id: e.id,
      label: e.label,
      ...span,
      fragments: [span],
      text: e.text,
      status: SUGGESTED,
      source: e.source,
      optional: false,
    };
    if (e.kb) entity.kb = e.kb;
    const name = e.nameEn ?? e.nameAr;
    if (name) entity.kbName = name;
    if (e.wikidata) entity.wikidata = e.wikidata;
    suggested.push(entity);
  }
  for (const e of suggested) doc.entities.push(e); // not spread: a very long document has more than the stack takes
  doc.entities.sort((a, b) => a.start - b.start || b.end - a.end);
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const resolve = (ids: string[]) => ids.map((id) => shown.toStored.get(id) ?? id).filter((id) => byId.has(id));
  for (const c of shown.commitments) {
    const span = { start: c.start, end: c.end };
    const actors = resolve(c.actors);
    const principles = resolve(c.principles);
    doc.commitments.push({
      id: c.id,
      label: commitmentLabel.name,
      ...span,
      fragments: [span],
      text: c.text,
      status: SUGGESTED,
      source: 'rule',
      optional: false,
      strength: c.strength,
      negated: c.negated,
      actors,
      principles,
      actorNames: actors.map((id) => (byId.get(id) as ExportEntity).text),
      principleNames: principles.map((id) => (byId.get(id) as ExportEntity).text),
      argumentsAnnotated: true,
      cue: c.cue.text,
    });
  }
  doc.commitments.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A text and its sidecar .ann as read from disk (node/corpusDocuments.ts reads them). */
export interface DocumentSources {
  name: string;
  textFile: string;
  rawText: string;
  /** The .ann, when there is one. */
  ann?: { file: string; source: string };
}

/**
 * A text with its sidecar .ann. A .ann that does not fit its text (offsets
 * past the end, recorded text different from the text at the offsets) is an
 * error naming the file and line.
 */
export function annotatedDocumentOf(sources: DocumentSources, options: LoadOptions = {}): AnnotatedDocument {
  const { rawText, ann } = sources;
  const text = bratViewOf(rawText);
  const doc: AnnotatedDocument = { name: sources.name, textFile: sources.textFile, rawText, text, entities: [], commitments: [], rejected: new Set() };
  const decided: { entities: DecidedSpan[]; commitments: DecidedSpan[] } = { entities: [], commitments: [] };
  if (ann) {
    const brat = parseBrat(ann.source);
    upgradeLegacyCrlf(brat, text);
    const problems = bratProblems(brat, text);
    if (problems.length) {
      const [first] = problems;
      throw new FormatError(ann.file, first.line || undefined, withMore(first.message, problems.length - 1));
    }
    const stored = storedAnnotations(brat);
    Object.assign(doc, { annFile: ann.file, brat, entities: stored.entities, commitments: stored.commitments, rejected: stored.rejected });
    // Coverage of suggestions counts rejected annotations too: a rejected suggestion stays rejected.
    // A commitment is a Commitment span or the trigger of a Commitment event, as the store reads it (store/view.ts, isCommitmentAnnotation).
    const triggers = new Set(bratItemsOfKind(brat, 'event').filter((e) => e.type === commitmentLabel.name).map((e) => e.trigger));
    for (const t of bratItemsOfKind(brat, 'textBound')) {
      const span: DecidedSpan = { id: t.id, label: t.label, ...coverOf(t.fragments), rejected: stored.rejected.has(t.id) };
      (t.label === commitmentLabel.name || triggers.has(t.id) ? decided.commitments : decided.entities).push(span);
    }
  }
  if (options.suggestions) addSuggestions(doc, decided, options);
  return doc;
}

/** A key under which two annotators' actor or principle mentions compare equal: the name, normalised. */
export function argumentKey(name: string): string {
  return normalizeWord(name).toLowerCase();
}

/**
 * The lexicon the editor annotates with: the default one with these
 * workspace lexicon files laid over it, in order (a later file wins an id
 * both define, as when the editor loads several). A file that cannot be read
 * or has a problem (what the editor marks in it) is an error naming the file
 * and the line of its first problem.
 */
export function lexiconOfFiles(files: readonly { file: string; source: string }[]): Lexicon {
  const overrides: LexiconEntry[] = [];
  for (const { file, source } of files) {
    const { entries, problems } = parseLexiconFile(source);
    if (problems.length) {
      const first = problems.reduce((a, b) => (b.start < a.start ? b : a));
      const line = source.slice(0, first.start).split('\n').length;
      throw new FormatError(file, line, reason('workspace lexicon: {0}', withMore(first.message, problems.length - 1)));
    }
    overrides.push(...entries);
  }
  // As the editor's service builds it (service.ts, rebuildLexicon).
  return getDefaultLexicon().withOverrides(overrides);
}
