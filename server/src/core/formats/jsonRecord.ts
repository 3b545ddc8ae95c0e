// The project's own JSON: the shape `iltizam analyze` prints (record.ts),
// one document a line, with each annotation's review status. Stored
// annotations have `source` annotator (reviewed) or file (no review
// attribute); what the analyser does not know of them is null.
import type { AnalyzeRecord, CommitmentRecord, EntityRecord } from '../record';
import { AnnotatedDocument, SUGGESTED } from './corpus';

export interface ExportedEntityRecord extends Omit<EntityRecord, 'confidence'> {
  status: string;
}

export interface ExportedCommitmentRecord extends Omit<CommitmentRecord, 'strength' | 'cue'> {
  strength: string | null;
  cue: string | null;
  status: string;
}

export interface ExportedRecord extends Omit<AnalyzeRecord, 'entities' | 'commitments'> {
  entities: ExportedEntityRecord[];
  commitments: ExportedCommitmentRecord[];
}

export function exportedRecord(doc: AnnotatedDocument, withSuggestions = false): ExportedRecord {
  const keep = <T extends { status: string }>(list: T[]) => list.filter((a) => withSuggestions || a.status !== SUGGESTED);
  return {
    id: doc.name,
    text: doc.text,
    entities: keep(doc.entities).map((e) => ({
      id: e.id,
      start: e.start,
      end: e.end,
      label: e.label,
      text: e.text,
      kb: e.kb ?? null,
      name_en: e.kbName ?? null,
      source: e.source,
      status: e.status,
    })),
    commitments: keep(doc.commitments).map((c) => ({
      id: c.id,
      start: c.start,
      end: c.end,
      text: c.text,
      strength: c.strength ?? null,
      actors: c.actors,
      principles: c.principles,
      cue: c.cue ?? null,
      negated: c.negated,
      status: c.status,
    })),
  };
}

export function exportedRecordLine(doc: AnnotatedDocument, withSuggestions = false): string {
  return JSON.stringify(exportedRecord(doc, withSuggestions)) + '\n';
}
