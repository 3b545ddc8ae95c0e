// What a document's stored annotations teach the tagger (see analysis/tagger/adapt.ts):
// accepted, corrected, hand-made and file-made spans are names of their label,
// rejected suggestions are not; optional ones (either way is right) teach
// neither. Lost annotations teach nothing.
import type { DecidedSpan } from '../analysis/tagger/adapt';
import type { AnnotationSet } from './annotationSet';

export function decisionsOf(set: AnnotationSet): { positives: DecidedSpan[]; negatives: DecidedSpan[]; uncertain: DecidedSpan[] } {
  const positives: DecidedSpan[] = [];
  const negatives: DecidedSpan[] = [];
  const uncertain: DecidedSpan[] = [];
  for (const a of set.annotations()) {
    if (a.lostAt !== undefined || !a.fragments.length) continue;
    const span = { start: a.fragments[0].start, end: a.fragments[a.fragments.length - 1].end, label: a.label };
    (a.optional ? uncertain : a.status === 'rejected' ? negatives : positives).push(span);
  }
  return { positives, negatives, uncertain };
}
