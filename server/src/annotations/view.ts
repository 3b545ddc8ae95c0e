// What the annotator sees: the stored annotations, and the automatic
// annotator's suggestions that no decision covers yet. A suggestion is
// covered by a stored annotation (rejected ones included) over the same span,
// or over an overlapping span with the same label (a corrected boundary); a
// suggested commitment by a stored commitment over most of its clause.
import { commitmentLabel } from '../analysis/schema';
import type { Analysis, Commitment, Entity, Sentence, Span, Strength } from '../analysis/types';
import type { StoredAnnotation, StoredStatus } from './annotationSet';
import type { TextSpan } from './anchoring';
import { schemaHasCommitments, StoreSchema } from './conf';

export type AnnotationStatus = 'suggested' | StoredStatus;

interface Provenance {
  status: AnnotationStatus;
  decidedBy?: string;
  decidedAt?: string;
  origin?: string;
  note?: string;
  /** The T id of a stored annotation. */
  storedId?: string;
  fragments: TextSpan[];
}

/** An entity as shown: a suggestion (source lexicon or rule) or a stored annotation (source `annotator` or `file`). */
export interface ViewEntity extends Omit<Entity, 'source'>, Provenance {
  source: Entity['source'] | 'annotator' | 'file';
  optional?: boolean;
}

export interface ViewCommitment extends Omit<Commitment, 'strength' | 'cue'>, Provenance {
  /** Absent for a stored commitment whose strength is not set. */
  strength?: Strength | string;
  cue?: Span & { text: string };
}

export interface AnnotatedView {
  text: string;
  entities: ViewEntity[];
  commitments: ViewCommitment[];
  sentences: Sentence[];
  /** Stored annotations that could not be found in the text. */
  lost: StoredAnnotation[];
  rejected: number;
}

/** What colouring a document needs of its view: where each annotation is, its label and status, and the commitment cues. */
export interface ColouredView {
  entities: readonly Pick<ViewEntity, 'start' | 'end' | 'label' | 'status' | 'source'>[];
  commitments: readonly Pick<ViewCommitment, 'start' | 'end' | 'negated' | 'cue'>[];
}

export interface LexiconLookup {
  (kb: string): Partial<Pick<Entity, 'nameAr' | 'nameEn' | 'description' | 'wikidata'>> | undefined;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

function cover(fragments: TextSpan[]): Span {
  return { start: Math.min(...fragments.map((f) => f.start)), end: Math.max(...fragments.map((f) => f.end)) };
}

/** Who decided a stored annotation, when, from what, and where it lies. */
function provenanceOf(s: StoredAnnotation): Provenance {
  return { status: s.status, decidedBy: s.decidedBy, decidedAt: s.decidedAt, origin: s.origin, note: s.note, storedId: s.id, fragments: s.fragments };
}

export function isCommitmentAnnotation(a: StoredAnnotation): boolean {
  return !!a.commitment || a.label === commitmentLabel.name;
}

/** A stored annotation as the rule for suggestions sees it: where it lies (its cover), its label, and whether it rejects. */
export interface DecidedSpan extends Span {
  id: string;
  label: string;
  rejected: boolean;
}

export interface UndecidedSuggestions<E, C> {
  /** The entity suggestions shown: no decision covers them and the schema has their label. */
  entities: E[];
  /** The commitment suggestions shown: no stored commitment covers most of them, and the schema has commitments. */
  commitments: C[];
  /** A covered entity suggestion's id → the stored annotation (not a rejected one) that covers it, for commitment arguments. */
  toStored: Map<string, string>;
}

/**
 * Which suggestions the annotator is shown, by the rule at the top of this
 * file, and the schema's: a suggestion whose label the schema does not have
 * is not shown, nor are commitments when the schema has none. The editor's
 * view and the export (formats/corpus.ts) both decide by it. Suggestions and
 * decided spans count offsets in the same units, whichever they are.
 */
export function undecidedSuggestions<E extends Span & { id: string; label: string }, C extends Span>(
  suggested: { entities: readonly E[]; commitments: readonly C[] },
  decided: { entities: readonly DecidedSpan[]; commitments: readonly DecidedSpan[] },
  schema: StoreSchema,
): UndecidedSuggestions<E, C> {
  const toStored = new Map<string, string>();
  const entities: E[] = [];
  const labels = new Set(schema.entityLabels);
  for (const e of suggested.entities) {
    const same = decided.entities.find((s) => (s.start === e.start && s.end === e.end) || (s.label === e.label && overlaps(s, e)));
    if (same) {
      if (!same.rejected) toStored.set(e.id, same.id);
      continue;
    }
    if (labels.has(e.label)) entities.push(e);
  }
  const commitments = schemaHasCommitments(schema)
    ? suggested.commitments.filter((c) => !decided.commitments.some((s) => overlap(s, c) * 2 > Math.min(c.end - c.start, s.end - s.start)))
    : [];
  return { entities, commitments, toStored };
}

function decidedSpanOf(s: StoredAnnotation): DecidedSpan {
  const span = cover(s.fragments);
  return { id: s.id, label: s.label, rejected: s.status === 'rejected', start: span.start, end: span.end };
}

export function mergeView(analysis: Analysis, stored: StoredAnnotation[], schema: StoreSchema, lookup: LexiconLookup = () => undefined): AnnotatedView {
  const placed = stored.filter((a) => a.lostAt === undefined && a.fragments.length);
  const storedEntities = placed.filter((a) => !isCommitmentAnnotation(a));
  const storedCommitments = placed.filter(isCommitmentAnnotation);

  // Suggestions an annotation covers: the analysis id maps to the stored one, to resolve commitment arguments.
  const shownSuggestions = undecidedSuggestions(analysis, { entities: storedEntities.map(decidedSpanOf), commitments: storedCommitments.map(decidedSpanOf) }, schema);
  const suggestionToStored = shownSuggestions.toStored;
  const entities: ViewEntity[] = [];
  for (const e of shownSuggestions.entities) {
    // Object.assign rather than a spread: the same fields in the same order, but a spread of
    // entities of several shapes makes slow objects (about 4 µs each, and slow to read after).
    entities.push(Object.assign({}, e, { status: 'suggested' as const, fragments: [{ start: e.start, end: e.end }] }));
  }
  for (const s of storedEntities) {
    if (s.status === 'rejected') continue;
    const span = cover(s.fragments);
    const entry = s.kb ? lookup(s.kb) : undefined;
    entities.push({
      id: s.id,
      label: s.label,
      start: span.start,
      end: span.end,
      text: s.text,
      kb: s.kb,
      ...entry,
      wikidata: s.wikidata ?? entry?.wikidata,
      source: s.status === 'stored' ? 'file' : 'annotator',
      ...provenanceOf(s),
      optional: s.optional,
    });
  }
  entities.sort((a, b) => a.start - b.start || b.end - a.end);

  const commitments: ViewCommitment[] = [];
  const shown = new Set(entities.map((e) => e.id));
  const resolve = (ids: string[]) => ids.map((id) => suggestionToStored.get(id) ?? id).filter((id) => shown.has(id));
  for (const c of shownSuggestions.commitments) {
    commitments.push({ ...c, actors: resolve(c.actors), principles: resolve(c.principles), status: 'suggested', fragments: [{ start: c.start, end: c.end }] });
  }
  for (const s of storedCommitments) {
    if (s.status === 'rejected') continue;
    const span = cover(s.fragments);
    commitments.push({
      id: s.id,
      start: span.start,
      end: span.end,
      text: s.text,
      strength: s.commitment?.strength,
      negated: s.commitment?.negated ?? false,
      actors: (s.commitment?.actors ?? []).filter((id) => shown.has(id)),
      principles: (s.commitment?.principles ?? []).filter((id) => shown.has(id)),
      ...provenanceOf(s),
    });
  }
  commitments.sort((a, b) => a.start - b.start);

  return {
    text: analysis.text,
    entities,
    commitments,
    sentences: analysis.sentences,
    lost: stored.filter((a) => a.lostAt !== undefined || !a.fragments.length),
    rejected: stored.filter((a) => a.status === 'rejected').length,
  };
}

/** The annotations (entities first, innermost first, then commitments) at an offset. */
export function annotationsAt(view: AnnotatedView, offset: number): (ViewEntity | ViewCommitment)[] {
  const inside = (a: { fragments: TextSpan[] }) => a.fragments.some((f) => f.start <= offset && offset < f.end);
  const byLength = (a: Span, b: Span) => a.end - a.start - (b.end - b.start);
  return [...view.entities.filter(inside).sort(byLength), ...view.commitments.filter(inside).sort(byLength)];
}

export function isCommitment(a: ViewEntity | ViewCommitment): a is ViewCommitment {
  return !('label' in a);
}
