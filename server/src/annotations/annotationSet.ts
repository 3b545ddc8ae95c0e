// The stored annotations of one text: its .ann file as a brat document (every
// line kept, in order, lines it does not understand included), with where
// each text-bound annotation is in the text as the editor holds it now.
//
// What is stored (see server/data/annotation-store.json for the names):
//   T  a manual or decided span (a rejected suggestion too, so it stays rejected)
//   E  a commitment: Commitment:T Actor:T Actor2:T Principle:T …
//   A  Review (manual | accepted | corrected | rejected), Strength, Negated, Optional
//   N  Reference to the lexicon entry (Iltizam:id) and to Wikidata
//   #  AnnotatorNotes (the annotator's note) and Decision (who decided, when, from what)
// Attributes and notes of a commitment are attached to its event, as brat expects.
import {
  BratAnnotation,
  BratAttribute,
  BratDocument,
  BratEvent,
  BratItem,
  BratNormalization,
  BratNote,
  BratParseError,
  BratTextBound,
  createBratDocument,
  parseBrat,
  serializeBrat,
} from './brat';
import { commitmentLabel } from '../analysis/schema';
import { AnchorHow, LiveSpan, moveSpan, reanchor, TextEdit, TextSpan } from './anchoring';
import { conventions } from './conf';
import { baseRole, ConventionalFields, conventionalFields, conventionReader, firstTextBounds } from './conventions';
import { ItemIndex } from './itemIndex';
import { BratTextMap, legacyCrlfFragments, recordedText, splitAtLineBreaks } from './textMap';

export type ReviewStatus = 'manual' | 'accepted' | 'corrected' | 'rejected';
/** `stored`: in the file without a review attribute (made in brat, INCEpTION or by hand). */
export type StoredStatus = ReviewStatus | 'stored';

/** Who decided, and when (ISO 8601). */
export interface Decision {
  by: string;
  at: string;
}

export interface StoredCommitment {
  /** Its E line, when it has one. */
  eventId?: string;
  strength?: string;
  negated: boolean;
  /** T ids of its actors and principles. */
  actors: string[];
  principles: string[];
}

export interface StoredAnnotation {
  /** The T id. */
  id: string;
  label: string;
  /** Editor offsets; empty when lost. */
  fragments: TextSpan[];
  /** Where a lost annotation is shown. */
  lostAt?: number;
  /** The text it covers, or (lost) the text it recorded. */
  text: string;
  /** How it was found in the text when its file was read (`lost` also after its text was deleted). */
  anchored: AnchorHow;
  status: StoredStatus;
  decidedBy?: string;
  decidedAt?: string;
  /** What suggested it (`lexicon:<entry>`, `rule:<rule>`, `cue:<cue>`), for an accepted suggestion. */
  origin?: string;
  note?: string;
  kb?: string;
  wikidata?: string;
  optional: boolean;
  /** Its line in the file as read (1-based). */
  line?: number;
  commitment?: StoredCommitment;
}

export interface AddOptions {
  origin?: string;
  kb?: string;
  kbName?: string;
  wikidata?: string;
  commitment?: { strength?: string; negated?: boolean; actors?: string[]; principles?: string[] };
}

export interface AnchoringReport {
  id: string;
  line?: number;
  how: AnchorHow;
  /** Where the file said it was (editor offsets, clamped to the text). */
  recorded: TextSpan;
}

interface Live extends LiveSpan {
  how: AnchorHow;
}

const C = conventions;
const REVIEW_VALUES: readonly string[] = C.reviewValues;

function clean(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ').trim();
}

function parseDecision(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return fields;
}

function formatDecision(d: Decision, origin?: string): string {
  const safe = (v: string) => clean(v).replace(/;/g, ',');
  return [`by=${safe(d.by)}`, `at=${safe(d.at)}`, ...(origin ? [`origin=${safe(origin)}`] : [])].join('; ');
}

export class AnnotationSet {
  private mapCache?: BratTextMap;
  private indexCache?: ItemIndex;

  private constructor(
    readonly doc: BratDocument,
    private live: Map<string, Live>,
    private text: string,
    private bom: boolean,
  ) {}

  /** An empty set for a text that has no .ann yet. */
  static empty(text: string, fileHasBom = false): AnnotationSet {
    return new AnnotationSet(createBratDocument(), new Map(), text, fileHasBom);
  }

  /**
   * Reads a .ann for `text` (as the editor holds it; `fileHasBom` tells
   * whether the .txt on disk starts with a byte-order mark). Annotations whose
   * recorded text is not at their offsets are found again by their text; those
   * that cannot be are kept, lost.
   */
  static load(source: string, text: string, fileHasBom = false): { set: AnnotationSet; errors: BratParseError[]; anchoring: AnchoringReport[] } {
    const doc = parseBrat(source);
    const map = new BratTextMap(text, fileHasBom);
    const textBounds = firstTextBounds(doc);
    const requests = textBounds.map((t) => {
      const inside = t.fragments.every((f) => f.end <= map.annLength);
      const inPlace = inside && recordedText(t.fragments.map((f) => map.annSlice(f.start, f.end))) === t.text;
      // A line written when a CRLF counted as one character is in place once its offsets are counted as brat counts.
      const legacy = inPlace ? undefined : legacyCrlfFragments(map, t.fragments, t.text);
      const fragments = (legacy ?? t.fragments).map((f) => ({ start: map.toEditor(f.start), end: map.toEditor(f.end) }));
      return { id: t.id, fragments, text: t.text, inPlace: inPlace || !!legacy, legacy: !!legacy };
    });
    const results = reanchor(text, requests).map((r, i) => (requests[i].legacy ? { ...r, how: 'moved' as const } : r));
    const live = new Map<string, Live>();
    const anchoring: AnchoringReport[] = [];
    results.forEach((r, i) => {
      live.set(r.id, { ...r.span, how: r.how });
      const recorded = requests[i].fragments;
      anchoring.push({ id: r.id, line: textBounds[i].line, how: r.how, recorded: { start: recorded[0]?.start ?? 0, end: recorded[recorded.length - 1]?.end ?? 0 } });
    });
    const set = new AnnotationSet(doc, live, text, fileHasBom);
    set.mapCache = map;
    return { set, errors: doc.errors, anchoring };
  }

  clone(): AnnotationSet {
    const copy = new AnnotationSet(structuredClone(this.doc), new Map(this.live), this.text, this.bom);
    copy.mapCache = this.mapCache;
    return copy;
  }

  private get index(): ItemIndex {
    if (!this.indexCache || !this.indexCache.describes(this.doc)) this.indexCache = new ItemIndex(this.doc);
    return this.indexCache;
  }

  /** Appends `item`, or places it at `at`, keeping the index up to date. */
  private place(item: BratItem, at = this.doc.items.length): void {
    const index = this.index;
    if (at >= this.doc.items.length) this.doc.items.push(item);
    else this.doc.items.splice(at, 0, item);
    index.add(item);
  }

  /** Removes the items `drop` says of: the index is built again when next needed. */
  private dropItems(drop: (item: BratItem) => boolean): void {
    this.doc.items = this.doc.items.filter((i) => !drop(i));
    this.indexCache = undefined;
  }

  private get map(): BratTextMap {
    if (!this.mapCache || this.mapCache.text !== this.text) this.mapCache = new BratTextMap(this.text, this.bom);
    return this.mapCache;
  }

  /** Editor fragments → .ann fragments, split at line breaks as brat writes a selection over lines. */
  private annFragments(fragments: TextSpan[]): { start: number; end: number }[] {
    const map = this.map;
    return splitAtLineBreaks(
      fragments.map((f) => ({ start: map.toAnn(f.start), end: map.toAnn(f.end) })),
      (start, end) => map.annSlice(start, end),
    );
  }

  /** Moves the annotations with a sequence of edits (each on the text the previous one left); `newText` is the result. */
  applyEdits(edits: TextEdit[], newText: string): void {
    for (const edit of edits) {
      for (const [id, span] of this.live) {
        const moved = moveSpan(span, edit);
        this.live.set(id, { ...moved, how: moved.lostAt !== undefined ? 'lost' : span.how });
      }
    }
    this.text = newText;
    for (const [id, span] of this.live) {
      if (span.lostAt === undefined) this.live.set(id, { ...span, text: recordedText(span.fragments.map((f) => newText.slice(f.start, f.end))) });
    }
  }

  /** The text the set is positioned on. */
  get currentText(): string {
    return this.text;
  }

  /** Writes the set as a .ann for the current text: offsets and texts of moved annotations are brought up to date. */
  serialize(): string {
    const map = this.map;
    for (const t of firstTextBounds(this.doc)) {
      const span = this.live.get(t.id);
      if (!span || span.lostAt !== undefined || !span.fragments.length) continue;
      const fragments = this.annFragments(span.fragments);
      const text = recordedText(fragments.map((f) => map.annSlice(f.start, f.end)));
      const same = text === t.text && fragments.length === t.fragments.length && fragments.every((f, i) => f.start === t.fragments[i].start && f.end === t.fragments[i].end);
      if (!same) {
        t.fragments = fragments;
        t.text = text;
      }
    }
    return serializeBrat(this.doc);
  }

  // ------------------------------------------------------------- reading --

  /** Every text-bound annotation with what the file says of it. */
  annotations(): StoredAnnotation[] {
    const read = conventionReader(this.doc);
    return firstTextBounds(this.doc).map((t) => this.describe(read(t)));
  }

  get(id: string): StoredAnnotation | undefined {
    const t = this.textBound(id);
    const index = this.index;
    return t && this.describe(conventionalFields(t, index.events.get(t.id), index.byTarget));
  }

  private describe(fields: ConventionalFields): StoredAnnotation {
    const t = fields.textBound;
    const span = this.live.get(t.id) ?? { fragments: [], lostAt: 0, text: t.text, how: 'lost' as AnchorHow };
    const { event, review } = fields;
    const decision = fields.decisionNote !== undefined ? parseDecision(fields.decisionNote) : {};
    const annotation: StoredAnnotation = {
      id: t.id,
      label: t.label,
      fragments: span.fragments,
      text: span.lostAt !== undefined ? t.text : span.text,
      anchored: span.how,
      status: review && REVIEW_VALUES.includes(review) ? (review as ReviewStatus) : 'stored',
      optional: fields.optional,
      line: t.line,
    };
    if (span.lostAt !== undefined) annotation.lostAt = span.lostAt;
    if (decision.by) annotation.decidedBy = decision.by;
    if (decision.at) annotation.decidedAt = decision.at;
    if (decision.origin) annotation.origin = decision.origin;
    if (fields.annotatorNote !== undefined) annotation.note = fields.annotatorNote;
    if (fields.kb !== undefined) annotation.kb = fields.kb;
    if (fields.wikidata !== undefined) annotation.wikidata = fields.wikidata;
    if (event || t.label === commitmentLabel.name) {
      annotation.commitment = { strength: fields.strength, negated: fields.negated, actors: fields.actors, principles: fields.principles };
      if (event) annotation.commitment.eventId = event.id;
    }
    return annotation;
  }

  private textBound(id: string): BratTextBound | undefined {
    return this.index.textBounds.get(id);
  }

  private eventOf(id: string): BratEvent | undefined {
    return this.index.events.get(id);
  }

  /** The id attributes and notes of this annotation attach to: its event's for a commitment. */
  private mainId(id: string): string {
    return this.eventOf(id)?.id ?? id;
  }

  private require(id: string): BratTextBound {
    const t = this.textBound(id);
    if (!t) throw new StoreError('unknown-annotation', id);
    return t;
  }

  // ------------------------------------------------------------- writing --

  /** Inserts `item` after the last line about any of `ids` (keeping an annotation's lines together), or at the end. */
  private insert(item: BratItem, ids: string[]): void {
    const at = this.index.lastLineAbout(ids);
    this.place(item, at < 0 ? this.doc.items.length : at + 1);
  }

  /** The attributes, notes and references about any of `targets`, in file order. */
  private linesAbout(targets: string[]): BratAnnotation[] {
    const lists = [...new Set(targets)].map((t) => this.index.byTarget.get(t) ?? []).filter((l) => l.length);
    if (lists.length < 2) return [...(lists[0] ?? [])];
    // Lines on both a commitment's T and its event (an older file): their order is the file's.
    const all = new Set(lists.flat());
    return this.doc.items.filter((i): i is BratAnnotation => all.has(i as BratAnnotation));
  }

  /** Points `line` at `target`; the index is built again when it changed. */
  private retarget(line: BratAttribute | BratNote, target: string): void {
    if (line.target === target) return;
    line.target = target;
    this.indexCache = undefined;
  }

  private setAttribute(id: string, name: string, value: string | undefined | boolean): void {
    const target = this.mainId(id);
    const targets = [id, target];
    const existing = this.linesAbout(targets).filter((i): i is BratAttribute => i.kind === 'attribute' && i.name === name);
    if (value === undefined || value === false) {
      if (existing.length) this.dropItems((i) => existing.includes(i as BratAttribute));
      return;
    }
    const [first, ...rest] = existing;
    if (rest.length) this.dropItems((i) => rest.includes(i as BratAttribute));
    if (first) {
      this.retarget(first, target);
      if (value === true) delete first.value;
      else first.value = value;
    } else {
      const attribute: BratAttribute = { kind: 'attribute', id: this.index.nextId('A'), name, target };
      if (value !== true) attribute.value = value;
      this.insert(attribute, targets);
    }
  }

  private setNoteOf(id: string, type: string, text: string | undefined): void {
    const target = this.mainId(id);
    const targets = [id, target];
    const existing = this.linesAbout(targets).filter((i): i is BratNote => i.kind === 'note' && i.type === type);
    const [first, ...rest] = existing;
    const dropped = text === undefined ? existing : rest;
    if (dropped.length) this.dropItems((i) => dropped.includes(i as BratNote));
    if (text === undefined) return;
    if (first) {
      this.retarget(first, target);
      first.text = clean(text);
    } else {
      this.insert({ kind: 'note', id: this.index.nextId('#'), type, target, text: clean(text) }, targets);
    }
  }

  private setReference(id: string, resource: string, entryId: string | undefined, name?: string): void {
    const existing = this.linesAbout([id]).filter((i): i is BratNormalization => i.kind === 'normalization' && i.resource === resource);
    if (existing.length) this.dropItems((i) => existing.includes(i as BratNormalization));
    if (!entryId) return;
    const item: BratNormalization = { kind: 'normalization', id: this.index.nextId('N'), type: C.normalization.type, target: id, resource, entryId };
    if (name) item.text = clean(name);
    this.insert(item, [id]);
  }

  /** Records a decision: the review status, and who made it when. */
  private decide(id: string, status: ReviewStatus | undefined, decision: Decision, origin?: string): void {
    if (status) this.setAttribute(id, C.attributes.review, status);
    const previous = this.get(id)?.origin;
    this.setNoteOf(id, C.notes.decision, formatDecision(decision, origin ?? previous));
  }

  /** Adds a text-bound annotation over `fragments` (editor offsets of the current text); a commitment gets its event. */
  add(label: string, fragments: TextSpan[], status: ReviewStatus, decision: Decision, options: AddOptions = {}): string {
    if (!fragments.length || fragments.some((f) => f.start > f.end || f.start < 0 || f.end > this.text.length)) {
      throw new StoreError('bad-span', `${label} ${JSON.stringify(fragments)}`);
    }
    const map = this.map;
    const sorted = [...fragments].sort((a, b) => a.start - b.start);
    const annFragments = this.annFragments(sorted);
    const id = this.index.nextId('T');
    this.place({ kind: 'textBound', id, label, fragments: annFragments, text: recordedText(annFragments.map((f) => map.annSlice(f.start, f.end))) });
    this.live.set(id, { fragments: sorted, text: recordedText(sorted.map((f) => this.text.slice(f.start, f.end))), how: 'exact' });
    if (label === commitmentLabel.name || options.commitment) {
      this.place({ kind: 'event', id: this.index.nextId('E'), type: commitmentLabel.name, trigger: id, args: [] });
      const c = options.commitment ?? {};
      if (c.actors || c.principles) this.setArguments(id, c.actors ?? [], c.principles ?? []);
      if (c.strength) this.setAttribute(id, C.attributes.strength, c.strength);
      if (c.negated) this.setAttribute(id, C.attributes.negated, true);
    }
    if (options.kb) this.setReference(id, C.normalization.lexicon, options.kb, options.kbName);
    if (options.wikidata) this.setReference(id, C.normalization.wikidata, options.wikidata, options.kbName);
    this.decide(id, status, decision, options.origin);
    return id;
  }

  /** Changes the label of an entity annotation; an accepted suggestion becomes a corrected one. */
  setLabel(id: string, label: string, decision: Decision): void {
    const t = this.require(id);
    const isCommitment = (l: string) => l === commitmentLabel.name;
    if (isCommitment(label) !== isCommitment(t.label)) throw new StoreError('commitment-label', id);
    if (t.label === label) return;
    t.label = label;
    const status = this.get(id)!.status;
    this.decide(id, status === 'accepted' ? 'corrected' : undefined, decision);
  }

  /** Sets the review status (e.g. a rejected suggestion accepted after all). */
  setStatus(id: string, status: ReviewStatus, decision: Decision): void {
    this.require(id);
    this.decide(id, status, decision);
  }

  /** Sets, or with undefined removes, the annotator's note. */
  setNote(id: string, text: string | undefined, decision: Decision): void {
    this.require(id);
    this.setNoteOf(id, C.notes.annotator, text?.trim() ? text : undefined);
    this.decide(id, undefined, decision);
  }

  private ensureEvent(id: string): BratEvent {
    const t = this.require(id);
    if (t.label !== commitmentLabel.name) throw new StoreError('not-a-commitment', id);
    let event = this.eventOf(id);
    if (!event) {
      event = { kind: 'event', id: this.index.nextId('E'), type: commitmentLabel.name, trigger: id, args: [] };
      this.insert(event, [id]);
      // Attributes and notes already on the T line move to the event, where brat expects them.
      for (const item of this.linesAbout([id])) if (item.kind === 'attribute' || item.kind === 'note') this.retarget(item, event.id);
    }
    return event;
  }

  setStrength(id: string, strength: string | undefined, decision: Decision): void {
    this.ensureEvent(id);
    this.setAttribute(id, C.attributes.strength, strength);
    this.decide(id, this.correctedIfAccepted(id), decision);
  }

  setNegated(id: string, negated: boolean, decision: Decision): void {
    this.ensureEvent(id);
    this.setAttribute(id, C.attributes.negated, negated);
    this.decide(id, this.correctedIfAccepted(id), decision);
  }

  private correctedIfAccepted(id: string): ReviewStatus | undefined {
    return this.get(id)?.status === 'accepted' ? 'corrected' : undefined;
  }

  /** Replaces a commitment's actor and principle arguments (T ids); its other arguments stay. */
  setArguments(id: string, actors: string[], principles: string[], decision?: Decision): void {
    const event = this.ensureEvent(id);
    for (const target of [...actors, ...principles]) {
      const t = this.require(target);
      if (t.label === commitmentLabel.name) throw new StoreError('bad-argument', target);
    }
    const roles = [C.commitment.actorRole, C.commitment.principleRole];
    const others = event.args.filter((a) => !roles.includes(baseRole(a.role)));
    const numbered = (role: string, ids: string[]) => [...new Set(ids)].map((target, i) => ({ role: i ? `${role}${i + 1}` : role, target }));
    event.args = [...numbered(C.commitment.actorRole, actors), ...numbered(C.commitment.principleRole, principles), ...others];
    if (decision) this.decide(id, this.correctedIfAccepted(id), decision);
  }

  /** Attaches an annotation (lost or not) to new fragments of the current text. */
  reattach(id: string, fragments: TextSpan[], decision: Decision): void {
    this.require(id);
    const sorted = [...fragments].sort((a, b) => a.start - b.start);
    this.live.set(id, { fragments: sorted, text: recordedText(sorted.map((f) => this.text.slice(f.start, f.end))), how: 'exact' });
    this.decide(id, undefined, decision);
  }

  /**
   * Deletes an annotation and every line about it: its attributes, notes and
   * references, its event, and its place as an argument of other events,
   * relations and equivalences (as brat does).
   */
  remove(id: string): void {
    this.require(id);
    const gone = new Set<string>([id]);
    const event = this.eventOf(id);
    if (event) gone.add(event.id);
    this.live.delete(id);
    const kept: BratItem[] = [];
    for (const item of this.doc.items) {
      if (item.kind === 'verbatim') {
        kept.push(item);
        continue;
      }
      if (item.kind !== 'equivalence' && gone.has(item.id) && (item.kind === 'textBound' || item.kind === 'event')) continue;
      if ((item.kind === 'attribute' || item.kind === 'note' || item.kind === 'normalization') && gone.has(item.target)) continue;
      if (item.kind === 'event') {
        const args = item.args.filter((a) => !gone.has(a.target));
        if (args.length !== item.args.length) item.args = args;
      }
      if (item.kind === 'relation' && item.args.some((a) => gone.has(a.target))) continue;
      if (item.kind === 'equivalence') {
        const targets = item.targets.filter((t) => !gone.has(t));
        if (targets.length < 2) continue;
        if (targets.length !== item.targets.length) item.targets = targets;
      }
      kept.push(item);
    }
    this.doc.items = kept;
    this.indexCache = undefined;
  }
}

export type StoreErrorCode = 'unknown-annotation' | 'bad-span' | 'commitment-label' | 'not-a-commitment' | 'bad-argument';

/** A decision that cannot be carried out; `subject` names the annotation or span concerned. */
export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, readonly subject: string) {
    super(`${code}: ${subject}`);
  }
}
