// Plain data produced by the analysis core. Offsets here are UTF-16 code-unit
// offsets into the original text (what JavaScript strings and the editor use);
// files and exports use code points, converted only in `offsets.ts`.

export type Strength = 'binding' | 'intent' | 'aspirational' | 'call';

export type EntitySource = 'lexicon' | 'rule' | 'tagger';

export interface Span {
  start: number;
  end: number;
}

export interface Entity extends Span {
  /** Stable within one analysis: "e1", "e2", … in document order. */
  id: string;
  label: string;
  text: string;
  /** Lexicon entry id, when the mention was found by (or linked to) the lexicon. */
  kb?: string;
  nameAr?: string;
  nameEn?: string;
  description?: string;
  wikidata?: string;
  source: EntitySource;
  /** For rule-found entities, which rule fired (e.g. "title-person"). */
  rule?: string;
  /** How sure the annotator is of this suggestion, 0..1 (see analysis/combineEntities.ts). */
  confidence?: number;
}

export interface Commitment extends Span {
  id: string;
  text: string;
  strength: Strength;
  /** Entity ids of the committing actors. */
  actors: string[];
  /** Entity ids of the Principle mentions inside the clause. */
  principles: string[];
  /** The cue word that triggered the commitment. */
  cue: Span & { text: string };
  negated: boolean;
}

export interface Sentence extends Span {}

export interface Analysis {
  text: string;
  entities: Entity[];
  commitments: Commitment[];
  sentences: Sentence[];
}
