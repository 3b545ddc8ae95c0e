// The project's own JSON, documented in the README: the record `iltizam
// analyze` prints for an analysis, and the one the json export writes for a
// corpus document (the same shape, each annotation with its review status).
// Offsets in Unicode code points, end exclusive, as brat and the W3C model
// count. One writer of each field, used by both.
import { OffsetMap } from '../analysis/offsets';
import type { Analysis } from '../analysis/types';
import { bratItemsOfKind } from '../annotations/brat';
import { commitmentLabel } from '../analysis/schema';
import { AnnotatedDocument, SUGGESTED } from './corpusDocument';

export interface EntityRecord {
  id: string;
  start: number;
  end: number;
  label: string;
  text: string;
  kb: string | null;
  name_en: string | null;
  source: string;
  /** How sure the analyser is of the suggestion, 0..1 (null where it cannot say). */
  confidence: number | null;
}

export interface CommitmentRecord {
  id: string;
  start: number;
  end: number;
  text: string;
  strength: string;
  actors: string[];
  principles: string[];
  cue: string;
  negated: boolean;
}

export interface AnalyzeRecord {
  id: string;
  text: string;
  entities: EntityRecord[];
  commitments: CommitmentRecord[];
}

/** What the json export adds: each annotation's review status; a stored commitment may lack a strength or a cue. */
export interface ExportedEntityRecord extends Omit<EntityRecord, 'confidence'> {
  status: string;
}

export interface ExportedCommitmentRecord extends Omit<CommitmentRecord, 'strength' | 'cue'> {
  strength: string | null;
  cue: string | null;
  status: string;
}

/** A brat event other than a commitment's (its trigger and arguments are ids of `entities`), or a relation. */
export interface LinkRecord {
  id: string;
  type: string;
  /** The trigger's id, for an event. */
  trigger?: string;
  args: { role: string; target: string }[];
}

export interface ExportedRecord extends Omit<AnalyzeRecord, 'entities' | 'commitments'> {
  entities: ExportedEntityRecord[];
  commitments: ExportedCommitmentRecord[];
  /** The .ann's other events and its relations, so that nothing it links is dropped. */
  events: LinkRecord[];
  relations: LinkRecord[];
}

interface EntityFields {
  id: string;
  start: number;
  end: number;
  label: string;
  text: string;
  kb?: string;
  nameEn?: string;
  source: string;
}

interface CommitmentFields<S, C> {
  id: string;
  start: number;
  end: number;
  text: string;
  strength: S;
  actors: string[];
  principles: string[];
  cue: C;
  negated: boolean;
}

function entityRecord(e: EntityFields): Omit<EntityRecord, 'confidence'> {
  return { id: e.id, start: e.start, end: e.end, label: e.label, text: e.text, kb: e.kb ?? null, name_en: e.nameEn ?? null, source: e.source };
}

function commitmentRecord<S, C>(c: CommitmentFields<S, C>) {
  return { id: c.id, start: c.start, end: c.end, text: c.text, strength: c.strength, actors: c.actors, principles: c.principles, cue: c.cue, negated: c.negated };
}

export function toAnalyzeRecord(id: string, analysis: Analysis): AnalyzeRecord {
  const offsets = new OffsetMap(analysis.text);
  const cp = <T extends { start: number; end: number }>(s: T) => ({ ...s, start: offsets.toCodePoint(s.start), end: offsets.toCodePoint(s.end) });
  return {
    id,
    text: analysis.text,
    entities: analysis.entities.map((e) => ({ ...entityRecord(cp(e)), confidence: e.confidence ?? null })),
    commitments: analysis.commitments.map((c) => commitmentRecord(cp({ ...c, cue: c.cue.text }))),
  };
}

/** Stored annotations have `source` annotator (reviewed) or file (no review attribute); what the analyser does not know of them is null. */
export function exportedRecord(doc: AnnotatedDocument, withSuggestions = false): ExportedRecord {
  const keep = <T extends { status: string }>(list: T[]) => list.filter((a) => withSuggestions || a.status !== SUGGESTED);
  return {
    id: doc.name,
    text: doc.text,
    entities: keep(doc.entities).map((e) => ({ ...entityRecord({ ...e, nameEn: e.kbName }), status: e.status })),
    commitments: keep(doc.commitments).map((c) => ({ ...commitmentRecord({ ...c, strength: c.strength ?? null, cue: c.cue ?? null }), status: c.status })),
    ...linksOf(doc),
  };
}

/** Events other than commitments and relations of the stored .ann, those touching a rejected annotation left out. */
function linksOf(doc: AnnotatedDocument): { events: LinkRecord[]; relations: LinkRecord[] } {
  if (!doc.brat) return { events: [], relations: [] };
  const kept = (ids: string[]) => ids.every((id) => !doc.rejected.has(id));
  const args = (list: { role: string; target: string }[]) => list.map((a) => ({ role: a.role, target: a.target }));
  const events = bratItemsOfKind(doc.brat, 'event')
    .filter((e) => e.type !== commitmentLabel.name && kept([e.id, e.trigger, ...e.args.map((a) => a.target)]))
    .map((e) => ({ id: e.id, type: e.type, trigger: e.trigger, args: args(e.args) }));
  const relations = bratItemsOfKind(doc.brat, 'relation')
    .filter((r) => kept([r.id, ...r.args.map((a) => a.target)]))
    .map((r) => ({ id: r.id, type: r.type, args: args(r.args) }));
  return { events, relations };
}

export function exportedRecordLine(doc: AnnotatedDocument, withSuggestions = false): string {
  return JSON.stringify(exportedRecord(doc, withSuggestions)) + '\n';
}

/**
 * `iltizam analyze --compact`: the same analysis in short keys and arrays,
 * without the texts (the reader has them; offsets say where), for corpora
 * where the full record's size matters. Made from the full record, so both
 * say the same. The README documents it.
 *
 * e: [start, end, label, source, confidence (2 decimals) or null, kb or null]
 * c: [start, end, strength, actors, principles, negated (0 or 1)], actors
 *    and principles as indexes into e.
 */
export interface CompactRecord {
  id: string;
  e: [number, number, string, string, number | null, string | null][];
  c: [number, number, string, number[], number[], 0 | 1][];
}

export function compactRecordOf(record: AnalyzeRecord): CompactRecord {
  const index = new Map(record.entities.map((e, i) => [e.id, i]));
  const indexes = (ids: string[]) => ids.map((id) => index.get(id) ?? -1);
  return {
    id: record.id,
    e: record.entities.map((e) => [e.start, e.end, e.label, e.source, e.confidence === null ? null : Math.round(e.confidence * 100) / 100, e.kb]),
    c: record.commitments.map((c) => [c.start, c.end, c.strength, indexes(c.actors), indexes(c.principles), c.negated ? 1 : 0]),
  };
}

/** The line `iltizam analyze` prints for one document, full or compact. */
export function analyzeRecordLine(id: string, analysis: Analysis, compact: boolean): string {
  const record = toAnalyzeRecord(id, analysis);
  return JSON.stringify(compact ? compactRecordOf(record) : record) + '\n';
}
