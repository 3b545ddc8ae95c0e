// Accept All on one large document (issue 17): the decisions turned into
// lines of the annotation set, then the .ann written as text, in this
// process; the view is made beforehand and not counted.
import { analyzeText } from '../server/src/analysis/analyze';
import { AnnotationSet } from '../server/src/annotations/annotationSet';
import { defaultStoreSchema } from '../server/src/annotations/conf';
import { acceptAll } from '../server/src/annotations/decisions';
import { mergeView } from '../server/src/annotations/view';
import { round } from './benchStats';

export interface BulkAcceptFigures {
  bytes: number;
  suggestions: number;
  acceptMs: number;
  serializeMs: number;
  annBytes: number;
}

export function measureBulkAccept(text: string): BulkAcceptFigures {
  const set = AnnotationSet.empty(text);
  const view = mergeView(analyzeText(text), set.annotations(), defaultStoreSchema());
  const started = performance.now();
  const suggestions = acceptAll(set, view, { by: 'bench', at: '2026-01-01T00:00:00Z' });
  const accepted = performance.now();
  const ann = set.serialize();
  const written = performance.now();
  return { bytes: Buffer.byteLength(text, 'utf8'), suggestions, acceptMs: round(accepted - started), serializeMs: round(written - accepted), annBytes: Buffer.byteLength(ann, 'utf8') };
}
