// Iltizam's conventions in a .ann, read in one place: for each text-bound
// annotation (T), its event (E, a commitment's arguments), and what the A, N
// and # lines about it or its event say (server/data/annotation-store.json
// names them). The annotation set (annotationSet.ts) and the export
// (interchange/corpusDocument.ts) both read a .ann through this.
import type { BratAnnotation, BratAttribute, BratDocument, BratEvent, BratNormalization, BratNote, BratTextBound } from './brat';
import { conventions } from './conf';

const C = conventions;

/** `Actor2` → `Actor`: brat numbers repeated roles. */
export function baseRole(role: string): string {
  return role.replace(/\d+$/, '');
}

/** What the file says of one text-bound annotation. */
export interface ConventionalFields {
  textBound: BratTextBound;
  /** Its event, when it is the trigger of one (the first, if several). */
  event?: BratEvent;
  /** The Review attribute's value, as written. */
  review?: string;
  optional: boolean;
  strength?: string;
  negated: boolean;
  annotatorNote?: string;
  decisionNote?: string;
  kb?: string;
  /** The lexicon entry's name as written on the Reference line. */
  kbName?: string;
  wikidata?: string;
  /** The event's arguments by role (numbered roles folded), as written. */
  actors: string[];
  principles: string[];
}

/** The T lines, each id once (a duplicate id's later lines are kept in the file but not shown). */
export function firstTextBounds(doc: BratDocument): BratTextBound[] {
  const seen = new Set<string>();
  const list: BratTextBound[] = [];
  for (const item of doc.items) {
    if (item.kind !== 'textBound' || seen.has(item.id)) continue;
    seen.add(item.id);
    list.push(item);
  }
  return list;
}

/** Reads the conventions of a parsed .ann: one function per document, asked per text-bound annotation. */
export function conventionReader(doc: BratDocument): (t: BratTextBound) => ConventionalFields {
  const events = new Map<string, BratEvent>();
  const byTarget = new Map<string, BratAnnotation[]>();
  for (const item of doc.items) {
    if (item.kind === 'event' && !events.has(item.trigger)) events.set(item.trigger, item);
    if (item.kind === 'attribute' || item.kind === 'note' || item.kind === 'normalization') {
      const list = byTarget.get(item.target);
      if (list) list.push(item);
      else byTarget.set(item.target, [item]);
    }
  }
  return (t) => conventionalFields(t, events.get(t.id), byTarget);
}

/** What the file says of `t`, given its event and the attributes, notes and references by the id they are about. */
export function conventionalFields(t: BratTextBound, event: BratEvent | undefined, byTarget: ReadonlyMap<string, BratAnnotation[]>): ConventionalFields {
  // Attributes of a commitment sit on its event, as brat expects; older files put them on the T line.
  const related = [...(byTarget.get(t.id) ?? []), ...(event ? byTarget.get(event.id) ?? [] : [])];
  const attribute = (name: string) => related.find((a): a is BratAttribute => a.kind === 'attribute' && a.name === name);
  const note = (type: string) => related.find((a): a is BratNote => a.kind === 'note' && a.type === type);
  const reference = (resource: string) => related.find((a): a is BratNormalization => a.kind === 'normalization' && a.resource === resource);
  const targets = (role: string) => (event?.args ?? []).filter((a) => baseRole(a.role) === role).map((a) => a.target);
  const kb = reference(C.normalization.lexicon);
  return {
    textBound: t,
    event,
    review: attribute(C.attributes.review)?.value,
    optional: !!attribute(C.attributes.optional),
    strength: attribute(C.attributes.strength)?.value,
    negated: !!attribute(C.attributes.negated),
    annotatorNote: note(C.notes.annotator)?.text,
    decisionNote: note(C.notes.decision)?.text,
    kb: kb?.entryId,
    kbName: kb?.text || undefined,
    wikidata: reference(C.normalization.wikidata)?.entryId,
    actors: targets(C.commitment.actorRole),
    principles: targets(C.commitment.principleRole),
  };
}
