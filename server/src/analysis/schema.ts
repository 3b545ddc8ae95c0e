// The label schema: one source of truth, read from server/data/schema.json.
import schemaData from '../../data/schema.json';
import type { Strength } from './types';

export interface LabelInfo {
  name: string;
  tokenType: string;
  /** The name of the LSP SymbolKind of its symbols in outlines. */
  symbolKind: string;
  scope: string;
  light: string;
  dark: string;
  key?: string;
}

export const entityLabels: readonly LabelInfo[] = schemaData.entityLabels;
export const commitmentLabel: LabelInfo = schemaData.commitment;
export const strengths = schemaData.strengths as readonly Strength[];
export const entityLabelNames: readonly string[] = entityLabels.map((l) => l.name);

/** Semantic token types in legend order: the entity labels, then Commitment. */
export const tokenTypes: readonly string[] = [...entityLabels.map((l) => l.tokenType), commitmentLabel.tokenType];

export function isEntityLabel(name: string): boolean {
  return entityLabelNames.includes(name);
}

/** The policy terms: labels the sequence tagger does not learn, learnt from decisions as workspace lexicon entries (learntNames.ts). */
export const policyTermLabels: readonly string[] = ['Principle', 'Threat', 'Instrument'];

/** Actors are those who can commit: organisations and people (and, failing them, places standing for their states). */
export const actorLabels: readonly string[] = ['Organization', 'Person'];
/**
 * Labels that commit only as the grammatical subject of a cue, or as the named
 * parties of a signing: a country acting as a polity (وقعت جمهورية العراق …،
 * إن العراق سيواصل …), never as the nearest name before a cue.
 */
export const subjectActorLabels: readonly string[] = ['Location'];
