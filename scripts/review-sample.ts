// Writes the annotations shipped with the samples: samples/annotation.conf
// (the default schema, so that the folder opens in brat as it is) and
// samples/iom-onsa-agreement.ann, a review of the first part of that text made
// through the same decisions as the editor's (accept, correct, reject,
// annotate by hand), each decided as the reference annotations in
// ../shared/gold say. The rest of the text is left to review, so that a new
// user sees stored annotations and suggestions side by side.
//
//   npm run build && node out/scripts/review-sample.js [gold.ann]
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../server/src/analysis/analyze';
import { bratSpansToUtf16, parseBrat } from '../server/src/annotations/brat';
import { commitmentLabel } from '../server/src/analysis/schema';
import { AnnotationSet, Decision } from '../server/src/annotations/annotationSet';
import { defaultStoreSchema, formatAnnotationConf } from '../server/src/annotations/conf';
import { acceptSuggestion, rejectSuggestion } from '../server/src/annotations/decisions';
import { isCommitment, mergeView } from '../server/src/annotations/view';

const root = path.resolve(__dirname, '..', '..');
const samples = path.join(root, 'samples');
const SAMPLE = 'iom-onsa-agreement';
/** The review covers the first paragraphs, up to this many lines. */
const REVIEWED_LINES = 5;
const decision: Decision = { by: 'sample reviewer', at: '2025-01-15T10:00:00Z' };

/** The sample's .ann: its first paragraphs reviewed as the reference annotations `goldAnn` decide. */
export function reviewSample(text: string, goldAnn: string): string {
  const schema = defaultStoreSchema();
  const reviewedEnd = text.split('\n').slice(0, REVIEWED_LINES).join('\n').length;
  const gold = bratSpansToUtf16(parseBrat(goldAnn), text).filter((g) => g.end <= reviewedEnd);
  const set = AnnotationSet.empty(text);
  const analysis = analyzeText(text);
  const view = () => mergeView(analysis, set.annotations(), schema);
  const matched = new Set<string>();
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

  // Commitments first: accepting one accepts its actors and principles with it.
  for (const c of view().commitments.filter((x) => x.status === 'suggested' && x.end <= reviewedEnd)) {
    const g = gold.find((x) => x.label === commitmentLabel.name && !matched.has(x.id) && overlaps(x, c));
    if (g) {
      matched.add(g.id);
      acceptSuggestion(set, view(), c, decision);
    } else rejectSuggestion(set, c, decision);
  }
  for (const e of view().entities.filter((x) => x.end <= reviewedEnd)) {
    if (isCommitment(e)) continue;
    const exact = gold.find((g) => !matched.has(g.id) && g.start === e.start && g.end === e.end);
    if (e.status !== 'suggested') {
      // Accepted with a commitment: it counts as the reference item it matches.
      if (exact) matched.add(exact.id);
      continue;
    }
    if (exact) {
      matched.add(exact.id);
      acceptSuggestion(set, view(), e, decision, exact.label === e.label ? undefined : exact.label);
    } else {
      rejectSuggestion(set, e, decision);
    }
  }
  // What the automatic annotator missed is annotated by hand.
  for (const g of gold) {
    if (matched.has(g.id)) continue;
    set.add(g.label, g.fragments, 'manual', decision, g.label === commitmentLabel.name ? { commitment: {} } : {});
  }
  return set.serialize();
}

function main(goldFile = path.resolve(root, '..', 'shared', 'gold', `${SAMPLE}.ann`)): void {
  fs.writeFileSync(path.join(samples, 'annotation.conf'), formatAnnotationConf(defaultStoreSchema()));
  const text = fs.readFileSync(path.join(samples, `${SAMPLE}.txt`), 'utf8');
  const ann = reviewSample(text, fs.readFileSync(goldFile, 'utf8'));
  const target = path.join(samples, `${SAMPLE}.ann`);
  fs.writeFileSync(target, ann);
  const { set } = AnnotationSet.load(ann, text);
  const stored = set.annotations();
  const count = (status: string) => stored.filter((a) => a.status === status).length;
  process.stdout.write(
    `${path.relative(root, target)}: ${count('accepted')} accepted, ${count('corrected')} corrected, ${count('rejected')} rejected, ${count('manual')} by hand\n`,
  );
}

if (require.main === module) main(process.argv[2]);
