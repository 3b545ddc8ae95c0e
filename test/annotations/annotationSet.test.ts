import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze';
import { BratItem, parseBrat, bratItemsOfKind } from '../../server/src/annotations/brat';
import { AnnotationSet, StoreError } from '../../server/src/annotations/annotationSet';
import { defaultStoreSchema, parseAnnotationConf } from '../../server/src/annotations/conf';
import { acceptAll, acceptSuggestion, annotateSpans, rejectSuggestion, storedIdOf } from '../../server/src/annotations/decisions';
import { DecisionHistory } from '../../server/src/annotations/history';
import { annotationsAt, mergeView } from '../../server/src/annotations/view';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const sample = fs.readFileSync(path.join(repoRoot, 'samples', 'iom-onsa-agreement.txt'), 'utf8');
const alice = { by: 'alice', at: '2025-01-02T03:04:05Z' };
const schema = defaultStoreSchema();

function viewOf(set: AnnotationSet, text = set.currentText) {
  return mergeView(analyzeText(text), set.annotations(), schema);
}

test('accepting a suggestion stores its span, label, review, provenance and lexicon link', () => {
  const set = AnnotationSet.empty(sample);
  const view = viewOf(set);
  const iom = view.entities[0];
  assert.equal(iom.status, 'suggested');
  const id = acceptSuggestion(set, view, iom, alice);
  const ann = set.serialize();
  assert.match(ann, new RegExp(`^${id}\\tOrganization 0 22\\tالمنظمة الدولية للهجرة$`, 'm'));
  assert.match(ann, new RegExp(`^A\\d+\\tReview ${id} accepted$`, 'm'));
  assert.match(ann, new RegExp(`^N\\d+\\tReference ${id} Iltizam:${iom.kb}\\tInternational Organization for Migration$`, 'm'));
  assert.match(ann, new RegExp(`^#\\d+\\tDecision ${id}\\tby=alice; at=2025-01-02T03:04:05Z; origin=lexicon:${iom.kb}$`, 'm'));
  const stored = set.get(id)!;
  assert.deepEqual([stored.status, stored.decidedBy, stored.origin, stored.kb], ['accepted', 'alice', `lexicon:${iom.kb}`, iom.kb]);
  // The view now shows it stored, and no longer as a suggestion.
  const after = viewOf(set);
  const at0 = annotationsAt(after, 0);
  assert.equal(at0[0].status, 'accepted');
  assert.equal(after.entities.filter((e) => e.start === 0).length, 1);
});

test('a rejected suggestion is stored and no longer suggested; changing a label corrects it', () => {
  const set = AnnotationSet.empty(sample);
  let view = viewOf(set);
  const date = view.entities.find((e) => e.label === 'Date')!;
  const place = view.entities.find((e) => e.label === 'Location')!;
  rejectSuggestion(set, date, alice);
  const corrected = acceptSuggestion(set, view, place, alice, 'Organization');
  view = viewOf(set);
  assert.ok(!view.entities.some((e) => e.start === date.start && e.end === date.end), 'the rejected date is not shown');
  assert.equal(view.rejected, 1);
  const shown = view.entities.filter((e) => e.start === place.start && e.end === place.end);
  assert.deepEqual(shown.map((e) => [e.label, e.status]), [['Organization', 'corrected']]);
  assert.equal(set.get(corrected)!.kb, undefined, 'a corrected label drops the lexicon link of the old one');
  assert.match(set.serialize(), /\tReview T1 rejected/);
});

test('accepting a commitment stores an event with its actors, principles and strength', () => {
  const set = AnnotationSet.empty(sample);
  const view = viewOf(set);
  const c = view.commitments.find((x) => x.text.includes('التزامهما'))!;
  assert.ok(c.actors.length >= 1 && c.principles.length >= 1);
  const id = acceptSuggestion(set, view, c, alice);
  const doc = parseBrat(set.serialize(), { text: sample });
  assert.deepEqual(doc.errors, []);
  const [event] = bratItemsOfKind(doc, 'event');
  assert.equal(event.trigger, id);
  assert.deepEqual(
    event.args.map((a) => a.role),
    [...c.actors.map((_, i) => (i ? `Actor${i + 1}` : 'Actor')), ...c.principles.map((_, i) => (i ? `Principle${i + 1}` : 'Principle'))],
  );
  const attributes = bratItemsOfKind(doc, 'attribute').filter((a) => a.target === event.id);
  assert.deepEqual(attributes.map((a) => [a.name, a.value]).sort(), [['Review', 'accepted'], ['Strength', c.strength]].sort());
  const stored = set.get(id)!;
  assert.equal(stored.commitment!.actors.length, c.actors.length);
  // The arguments were accepted with it, and the view resolves them to stored entities.
  const view2 = viewOf(set);
  const shown = view2.commitments.find((x) => x.id === id)!;
  assert.equal(shown.actors.length, c.actors.length);
  assert.ok(shown.actors.every((a) => view2.entities.find((e) => e.id === a)?.status === 'accepted'));
});

test('accept all, then strength, arguments, note, label and delete keep the file consistent', () => {
  const set = AnnotationSet.empty(sample);
  const count = acceptAll(set, viewOf(set), alice);
  const view = viewOf(set);
  assert.ok(count > 40);
  assert.equal(view.entities.filter((e) => e.status === 'suggested').length + view.commitments.filter((e) => e.status === 'suggested').length, 0);
  const doc = parseBrat(set.serialize(), { text: sample });
  assert.deepEqual(doc.errors, [], 'no duplicate ids, no dangling references, every text matches');
  const commitment = view.commitments[0];
  const org = view.entities.find((e) => e.label === 'Organization')!;
  const principle = view.entities.find((e) => e.label === 'Principle')!;
  set.setStrength(commitment.id, 'call', alice);
  set.setArguments(commitment.id, [org.id], [principle.id], alice);
  set.setNote(commitment.id, 'checked\twith the gold', alice);
  let c = set.get(commitment.id)!;
  assert.deepEqual([c.commitment!.strength, c.commitment!.actors, c.commitment!.principles, c.note, c.status], ['call', [org.id], [principle.id], 'checked with the gold', 'corrected']);
  set.setLabel(org.id, 'Person', alice);
  assert.equal(set.get(org.id)!.label, 'Person');
  assert.throws(() => set.setLabel(commitment.id, 'Person', alice), (e: unknown) => e instanceof StoreError && e.code === 'commitment-label');
  set.remove(org.id);
  c = set.get(commitment.id)!;
  assert.deepEqual(c.commitment!.actors, [], 'deleting an entity removes it from the events that name it');
  const after = parseBrat(set.serialize(), { text: sample });
  assert.deepEqual(after.errors, []);
  set.remove(commitment.id);
  const final = parseBrat(set.serialize(), { text: sample });
  assert.deepEqual(final.errors, []);
  assert.ok(!bratItemsOfKind(final, 'event').some((e) => e.trigger === commitment.id));
  assert.ok(!bratItemsOfKind(final, 'attribute').some((a) => a.target === c.commitment!.eventId));
});

/** Counts every read of a line of `set`'s document, whatever array the lines are in next: what a decision costs, without a clock. */
function countLineReads(set: AnnotationSet): () => number {
  let reads = 0;
  const counted = (items: BratItem[]) =>
    new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
  let items = counted(set.doc.items);
  Object.defineProperty(set.doc, 'items', { get: () => items, set: (next: BratItem[]) => (items = counted(next)), enumerable: true, configurable: true });
  return () => reads;
}

test('accepting all suggestions reads each line of the file a bounded number of times, however long the text', () => {
  // Quadratic look-ups (each decision going through every line) make the reads per line grow with the text.
  const visitsPerLine = (copies: number) => {
    const text = Array.from({ length: copies }, () => sample).join('\n');
    const set = AnnotationSet.empty(text);
    const view = viewOf(set);
    const reads = countLineReads(set);
    const count = acceptAll(set, view, alice);
    assert.ok(count > 40 * copies);
    return reads() / parseBrat(set.serialize()).items.length;
  };
  const small = visitsPerLine(1);
  const large = visitsPerLine(16);
  assert.ok(large < 3, `${large} visits per line`);
  assert.ok(large <= small * 1.5, `${small} → ${large} visits per line`);
});

test("an older file with a commitment's lines on both its T and its event: a decision keeps the first line in file order and drops the rest", () => {
  const text = 'تلتزم الدولة بالحماية';
  const ann = [
    'T1\tCommitment 0 5\tتلتزم',
    'A1\tStrength T1 intent',
    'E1\tCommitment:T1',
    'A2\tStrength E1 binding',
    '#1\tDecision E1\tby=bob; at=2024-01-01T00:00:00Z; origin=cue:x',
    '#2\tDecision T1\tby=carol; at=2024-01-02T00:00:00Z',
    '',
  ].join('\n');
  const { set } = AnnotationSet.load(ann, text);
  assert.equal(set.get('T1')!.commitment!.strength, 'intent');
  set.setStrength('T1', 'call', alice);
  assert.equal(
    set.serialize(),
    [
      'T1\tCommitment 0 5\tتلتزم',
      'A1\tStrength E1 call',
      'E1\tCommitment:T1',
      '#1\tDecision E1\tby=alice; at=2025-01-02T03:04:05Z',
      '',
    ].join('\n'),
  );
  assert.deepEqual([set.get('T1')!.commitment!.strength, set.get('T1')!.status, set.get('T1')!.origin], ['call', 'stored', undefined]);
});

test('lines it does not understand, other event types and relations survive every decision', () => {
  const text = 'وقعت المنظمة الدولية للهجرة اتفاقية في بغداد';
  const source = [
    'T1\tOrganization 5 27\tالمنظمة الدولية للهجرة',
    'T2\tLocation 39 44\tبغداد',
    'R1\tLocated Arg1:T1 Arg2:T2',
    'this line is not brat',
    'T3\tMeeting 0 4\tوقعت',
    'E1\tMeeting:T3 Host:T1',
    '*\tEquiv T1 T2',
    'A1\tCustom T2 yes',
    '',
  ].join('\n');
  const { set, errors } = AnnotationSet.load(source, text);
  assert.deepEqual(errors.map((e) => e.line), [4]);
  set.setNote('T2', 'capital', alice);
  set.add('Instrument', [{ start: 28, end: 35 }], 'manual', alice);
  const out = set.serialize();
  for (const line of source.split('\n').filter(Boolean)) assert.ok(out.includes(line + '\n'), `kept: ${line}`);
  set.remove('T1');
  const after = set.serialize();
  assert.ok(after.includes('this line is not brat\n'));
  assert.ok(!/^R1/m.test(after), 'a relation to a deleted annotation goes with it');
  assert.ok(!/^\*/m.test(after), 'so does an equivalence left with one member');
  assert.match(after, /^E1\tMeeting:T3$/m);
});

test('a brat file without review attributes opens as stored annotations', () => {
  const gold = fs.readFileSync(path.resolve(repoRoot, '..', 'shared', 'gold', 'iom-onsa-agreement.ann'), 'utf8');
  const { set, errors, anchoring } = AnnotationSet.load(gold, sample);
  assert.deepEqual(errors, []);
  assert.ok(anchoring.every((a) => a.how === 'exact'));
  const annotations = set.annotations();
  assert.equal(annotations.length, 83);
  assert.ok(annotations.every((a) => a.status === 'stored'));
  assert.ok(annotations.find((a) => a.id === 'T14')!.optional);
  assert.equal(set.serialize(), gold, 'unchanged, it is written back byte for byte');
  const view = mergeView(analyzeText(sample), annotations, schema);
  assert.equal(view.entities.filter((e) => e.status === 'stored').length, 75);
  assert.equal(view.commitments.filter((c) => c.status === 'stored').length, 8);
});

test('a schema without a label hides its suggestions', () => {
  const set = AnnotationSet.empty(sample);
  const narrow = parseAnnotationConf('[entities]\nOrganization\n[relations]\n[events]\n[attributes]\n');
  const view = mergeView(analyzeText(sample), set.annotations(), narrow);
  assert.ok(view.entities.length > 0);
  assert.ok(view.entities.every((e) => e.label === 'Organization'));
  assert.equal(view.commitments.length, 0);
});

test('annotating a selection by hand, undo and redo', () => {
  const set0 = AnnotationSet.empty(sample);
  const history = new DecisionHistory();
  let set = set0;
  const before = set.serialize();
  history.record(set.clone());
  const start = sample.indexOf('الأمانة العامة لمجلس الوزراء');
  const [id] = annotateSpans(set, viewOf(set), 'Organization', [{ start, end: start + 'الأمانة العامة لمجلس الوزراء'.length }], alice);
  assert.equal(set.get(id)!.status, 'manual');
  const after = set.serialize();
  set = history.undo(set)!;
  assert.equal(set.serialize(), before);
  assert.ok(!history.canUndo && history.canRedo);
  set = history.redo(set)!;
  assert.equal(set.serialize(), after);
});

test('an undo after typing keeps the annotations where the text moved them', () => {
  const text = 'مقدمة بغداد';
  const history = new DecisionHistory();
  let set = AnnotationSet.empty(text);
  set.add('Location', [{ start: 6, end: 11 }], 'manual', alice);
  history.record(set.clone());
  set.add('Organization', [{ start: 0, end: 5 }], 'manual', alice);
  const edit = { start: 0, end: 0, text: 'نص ' };
  const newText = 'نص ' + text;
  set.applyEdits([edit], newText);
  history.applyEdits([edit], newText);
  set = history.undo(set)!;
  const [baghdad] = set.annotations();
  assert.equal(baghdad.fragments[0].start, 9);
  assert.match(set.serialize(), /^T1\tLocation 9 14\tبغداد$/m);
});

test('an entity accepted with a commitment is not accepted twice when it is then picked as an argument', () => {
  const set = AnnotationSet.empty(sample);
  const view = viewOf(set);
  const c = view.commitments.find((x) => x.text.includes('التزامهما'))!;
  const accepted = new Map<string, string>();
  const id = acceptSuggestion(set, view, c, alice, undefined, accepted);
  const actor = storedIdOf(set, view, c.actors[0], alice, accepted);
  assert.equal(actor, set.get(id)!.commitment!.actors[0]);
  const spans = set.annotations().map((a) => `${a.label} ${a.fragments[0].start}`);
  assert.equal(new Set(spans).size, spans.length, 'no span stored twice');
});
