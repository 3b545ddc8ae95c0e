// The stable JSON shape of `iltizam analyze` (documented in the README):
// offsets in Unicode code points, end exclusive, as brat and the W3C model count.
import { OffsetMap } from '../analysis/offsets';
import type { Analysis } from '../analysis/types';

export interface EntityRecord {
  id: string;
  start: number;
  end: number;
  label: string;
  text: string;
  kb: string | null;
  name_en: string | null;
  source: string;
  /** How sure the annotator is of the suggestion, 0..1. */
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

export function toAnalyzeRecord(id: string, analysis: Analysis): AnalyzeRecord {
  const offsets = new OffsetMap(analysis.text);
  const cp = (n: number) => offsets.toCodePoint(n);
  return {
    id,
    text: analysis.text,
    entities: analysis.entities.map((e) => ({
      id: e.id,
      start: cp(e.start),
      end: cp(e.end),
      label: e.label,
      text: e.text,
      kb: e.kb ?? null,
      name_en: e.nameEn ?? null,
      source: e.source,
      confidence: e.confidence ?? null,
    })),
    commitments: analysis.commitments.map((c) => ({
      id: c.id,
      start: cp(c.start),
      end: cp(c.end),
      text: c.text,
      strength: c.strength,
      actors: c.actors,
      principles: c.principles,
      cue: c.cue.text,
      negated: c.negated,
    })),
  };
}
