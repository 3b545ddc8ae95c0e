// The annotator's decisions on a view: accepting, rejecting and correcting
// suggestions, annotating by hand. Each turns suggestions into stored
// annotations of an AnnotationSet; the caller writes the set afterwards.
import { commitmentLabel } from '../analysis/schema';
import type { TextSpan } from './anchoring';
import { AnnotationSet, Decision, StoreError } from './annotationSet';
import { AnnotatedView, isCommitment, ViewCommitment, ViewEntity } from './view';

function originOf(e: ViewEntity): string | undefined {
  if (e.source === 'lexicon') return e.kb ? `lexicon:${e.kb}` : 'lexicon';
  if (e.source === 'rule') return e.rule ? `rule:${e.rule}` : 'rule';
  if (e.source === 'tagger') return 'tagger';
  return undefined;
}

/**
 * The stored T id of a view entity, accepting it first when it is a
 * suggestion; `accepted` remembers suggestions accepted since the view was made.
 */
export function storedIdOf(set: AnnotationSet, view: AnnotatedView, viewId: string, decision: Decision, accepted = new Map<string, string>()): string {
  const known = accepted.get(viewId);
  if (known) return known;
  const entity = view.entities.find((e) => e.id === viewId);
  if (!entity) {
    if (set.get(viewId)) return viewId;
    throw new StoreError('unknown-annotation', viewId);
  }
  const id = entity.storedId ?? acceptEntity(set, entity, decision);
  accepted.set(viewId, id);
  return id;
}

function acceptEntity(set: AnnotationSet, e: ViewEntity, decision: Decision, label?: string): string {
  const corrected = label !== undefined && label !== e.label;
  return set.add(label ?? e.label, e.fragments, corrected ? 'corrected' : 'accepted', decision, {
    origin: originOf(e),
    kb: corrected ? undefined : e.kb,
    kbName: e.nameEn ?? e.nameAr,
    wikidata: corrected ? undefined : e.wikidata,
  });
}

function acceptCommitment(set: AnnotationSet, view: AnnotatedView, c: ViewCommitment, decision: Decision, accepted = new Map<string, string>()): string {
  // Its arguments must be stored annotations: suggested ones are accepted with it.
  const actors = c.actors.map((id) => storedIdOf(set, view, id, decision, accepted));
  const principles = c.principles.map((id) => storedIdOf(set, view, id, decision, accepted));
  return set.add(commitmentLabel.name, c.fragments, 'accepted', decision, {
    origin: c.cue ? `cue:${c.cue.text}` : undefined,
    commitment: { strength: c.strength, negated: c.negated, actors, principles },
  });
}

/**
 * Accepts a suggestion (with another label: corrects it). Returns the new
 * T id. A commitment's suggested actors and principles are accepted with it,
 * and recorded in `accepted` (suggestion id → T id) for later decisions on the same view.
 */
export function acceptSuggestion(
  set: AnnotationSet,
  view: AnnotatedView,
  suggestion: ViewEntity | ViewCommitment,
  decision: Decision,
  label?: string,
  accepted = new Map<string, string>(),
): string {
  if (suggestion.status !== 'suggested') throw new StoreError('unknown-annotation', suggestion.id);
  if (isCommitment(suggestion)) return acceptCommitment(set, view, suggestion, decision, accepted);
  const id = acceptEntity(set, suggestion, decision, label);
  accepted.set(suggestion.id, id);
  return id;
}

/** Rejects a suggestion: stored as rejected, so that it is not suggested again. */
export function rejectSuggestion(set: AnnotationSet, suggestion: ViewEntity | ViewCommitment, decision: Decision): string {
  if (suggestion.status !== 'suggested') throw new StoreError('unknown-annotation', suggestion.id);
  if (isCommitment(suggestion)) {
    return set.add(commitmentLabel.name, suggestion.fragments, 'rejected', decision, {
      origin: suggestion.cue ? `cue:${suggestion.cue.text}` : undefined,
      commitment: {},
    });
  }
  return set.add(suggestion.label, suggestion.fragments, 'rejected', decision, { origin: originOf(suggestion) });
}

/** Suggestions Accept All takes between two pauses (acceptAllSteps): a few milliseconds of work. */
export const ACCEPT_ALL_SLICE = 250;

/**
 * Accepts every suggestion of the view (only those of `label` when given;
 * `Commitment` names the commitments). Returns how many were accepted.
 */
export function acceptAll(set: AnnotationSet, view: AnnotatedView, decision: Decision, label?: string): number {
  const steps = acceptAllSteps(set, view, decision, label);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Accept All in slices: pauses (yields) after every `slice` suggestions, so
 * that the caller can let other requests through; returns how many were
 * accepted. The same decisions as acceptAll.
 */
export function* acceptAllSteps(set: AnnotationSet, view: AnnotatedView, decision: Decision, label?: string, slice = ACCEPT_ALL_SLICE): Generator<void, number> {
  let count = 0;
  const accepted = new Map<string, string>();
  const entities = view.entities.filter((e) => e.status === 'suggested' && (label === undefined || label === e.label));
  for (const e of entities) {
    accepted.set(e.id, acceptEntity(set, e, decision));
    if (++count % slice === 0) yield;
  }
  if (label === undefined || label === commitmentLabel.name) {
    for (const c of view.commitments.filter((x) => x.status === 'suggested')) {
      acceptCommitment(set, view, c, decision, accepted);
      if (++count % slice === 0) yield;
    }
  }
  return count;
}

/** Annotates spans by hand, one annotation each. A suggestion with the same span and label lends its lexicon link. */
export function annotateSpans(set: AnnotationSet, view: AnnotatedView, label: string, spans: TextSpan[], decision: Decision): string[] {
  return spans.map((span) => {
    const same = view.entities.find((e) => e.status === 'suggested' && e.label === label && e.start === span.start && e.end === span.end);
    return set.add(label, [span], 'manual', decision, {
      kb: same?.kb,
      kbName: same?.nameEn ?? same?.nameAr,
      wikidata: same?.wikidata,
      commitment: label === commitmentLabel.name ? {} : undefined,
    });
  });
}
