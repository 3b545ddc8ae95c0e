// brat standoff export: each text with its .ann (rejected suggestions and
// everything about them left out; suggestions added, when asked, with the
// review status `suggested`) and one annotation.conf for the collection: the
// corpus's own (see store/conf.ts, extendAnnotationConf), or the default
// schema's when the corpus has none.
import { bratIdAllocator, BratDocument, BratItem, bratItemsOfKind, serializeBrat } from '../annotations/brat';
import { OffsetMap } from '../analysis/offsets';
import { commitmentLabel, entityLabelNames, strengths } from '../analysis/schema';
import { ConfUsage } from '../annotations/conf';
import { baseRole } from '../annotations/conventions';
import { AnnotatedDocument, conventions, ExportCommitment, ExportEntity, SUGGESTED, textBoundAt } from './corpusDocument';

/** The .ann items without the rejected annotations and every line about them (as deleting them in brat would). */
function withoutRejected(brat: BratDocument, rejected: Set<string>): BratItem[] {
  const kept: BratItem[] = [];
  for (const original of brat.items) {
    if (original.kind === 'verbatim') {
      kept.push(original);
      continue;
    }
    const item = { ...original } as typeof original;
    if ((item.kind === 'textBound' || item.kind === 'event') && rejected.has(item.id)) continue;
    if ((item.kind === 'attribute' || item.kind === 'note' || item.kind === 'normalization') && rejected.has(item.target)) continue;
    if (item.kind === 'event') {
      if (rejected.has(item.trigger)) continue;
      if (item.args.some((a) => rejected.has(a.target))) item.args = item.args.filter((a) => !rejected.has(a.target));
    }
    if (item.kind === 'relation' && item.args.some((a) => rejected.has(a.target))) continue;
    if (item.kind === 'equivalence' && item.targets.some((t) => rejected.has(t))) {
      item.targets = item.targets.filter((t) => !rejected.has(t));
      if (item.targets.length < 2) continue;
    }
    kept.push(item);
  }
  return kept;
}

/** The .ann to export for a document. */
export function bratAnnFor(doc: AnnotatedDocument): string {
  const C = conventions;
  const out: BratDocument = doc.brat
    ? { ...doc.brat, items: withoutRejected(doc.brat, doc.rejected), errors: [] }
    : { items: [], errors: [], finalNewline: true, eol: '\n', bom: false };
  const map = new OffsetMap(doc.text);
  // Stored lines that record a line break as a space (written before spans were split at line breaks) are split as brat writes them.
  out.items = out.items.map((item) => (item.kind === 'textBound' ? { ...textBoundAt(map, item.id, item.label, item.fragments), line: item.line } : item));
  const newIds = new Map<string, string>();
  const newId = bratIdAllocator(out);
  const addTextBound = (span: ExportEntity | ExportCommitment, label: string) => {
    const t = textBoundAt(map, newId('T'), label, span.fragments);
    out.items.push(t);
    newIds.set(span.id, t.id);
    return t.id;
  };
  const addAttribute = (target: string, name: string, value?: string) => {
    out.items.push({ kind: 'attribute', id: newId('A'), name, target, ...(value !== undefined ? { value } : {}) });
  };
  for (const e of doc.entities) {
    if (e.status !== SUGGESTED) continue;
    const id = addTextBound(e, e.label);
    addAttribute(id, C.attributes.review, SUGGESTED);
    if (e.kb) {
      out.items.push({
        kind: 'normalization',
        id: newId('N'),
        type: C.normalization.type,
        target: id,
        resource: C.normalization.lexicon,
        entryId: e.kb,
        ...(e.kbName ? { text: e.kbName.replace(/[\t\r\n]+/g, ' ') } : {}),
      });
    }
  }
  const idOf = (id: string) => newIds.get(id) ?? id;
  for (const c of doc.commitments) {
    if (c.status !== SUGGESTED) continue;
    const trigger = addTextBound(c, commitmentLabel.name);
    const numbered = (role: string, ids: string[]) => ids.map((target, i) => ({ role: i ? `${role}${i + 1}` : role, target: idOf(target) }));
    const eventId = newId('E');
    out.items.push({
      kind: 'event',
      id: eventId,
      type: commitmentLabel.name,
      trigger,
      args: [...numbered(C.commitment.actorRole, c.actors), ...numbered(C.commitment.principleRole, c.principles)],
    });
    if (c.strength) addAttribute(eventId, C.attributes.strength, c.strength);
    if (c.negated) addAttribute(eventId, C.attributes.negated);
    addAttribute(eventId, C.attributes.review, SUGGESTED);
  }
  if (out.items.length && !out.finalNewline) out.finalNewline = true;
  return serializeBrat(out);
}

/**
 * The annotation.conf of the default schema (schema.json and the store's
 * conventions), with whatever else the files (exported or imported) use
 * declared too, so that brat opens them without complaint.
 */
export function bratAnnotationConf(docs: Pick<AnnotatedDocument, 'brat' | 'rejected'>[], withSuggestions: boolean): string {
  const C = conventions;
  const commitment = commitmentLabel.name;
  const labels = [...entityLabelNames];
  const events = new Set<string>([commitment]);
  const relations = new Set<string>();
  const attributeValues = new Map<string, Set<string> | null>();
  const reviewValues = new Set<string>([...C.reviewValues, ...(withSuggestions ? [SUGGESTED] : [])]);
  for (const doc of docs) {
    const items = doc.brat ? withoutRejected(doc.brat, doc.rejected) : [];
    const asDoc = { items } as BratDocument;
    const eventTriggers = new Set(bratItemsOfKind(asDoc, 'event').map((e) => e.trigger));
    for (const t of bratItemsOfKind(asDoc, 'textBound')) if (!eventTriggers.has(t.id) && t.label !== commitment && !labels.includes(t.label)) labels.push(t.label);
    for (const e of bratItemsOfKind(asDoc, 'event')) events.add(e.type);
    for (const r of bratItemsOfKind(asDoc, 'relation')) relations.add(r.type);
    for (const a of bratItemsOfKind(asDoc, 'attribute')) {
      if (a.name === C.attributes.review) {
        if (a.value) reviewValues.add(a.value);
        continue;
      }
      if ([C.attributes.strength, C.attributes.negated, C.attributes.optional].includes(a.name)) continue;
      const values = attributeValues.get(a.name);
      if (a.value === undefined) {
        if (!attributeValues.has(a.name)) attributeValues.set(a.name, null);
      } else if (values) values.add(a.value);
      else attributeValues.set(a.name, new Set([a.value]));
    }
  }
  const lines = [
    '# brat annotation schema written by Iltizam: the default schema (server/data/schema.json),',
    '# and any other type the files use.',
    '',
    '[entities]',
    '',
    ...labels,
    '',
    '[relations]',
    '',
    '# Nested and overlapping spans are allowed (a Threat inside an Instrument, entities inside a Commitment).',
    '<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>',
    ...[...relations].map((r) => `${r}\tArg1:<ANY>, Arg2:<ANY>`),
    '',
    '[events]',
    '',
    `${commitment}\t${C.commitment.actorRole}*:${C.commitment.actorLabels.join('|')}, ${C.commitment.principleRole}*:${C.commitment.principleLabels.join('|')}`,
    ...[...events].filter((e) => e !== commitment),
    '',
    '[attributes]',
    '',
    `${C.attributes.strength}\tArg:${commitment}, Value:${strengths.join('|')}`,
    `${C.attributes.negated}\tArg:${commitment}`,
    `${C.attributes.review}\tArg:<ENTITY>|<EVENT>, Value:${[...reviewValues].join('|')}`,
    `${C.attributes.optional}\tArg:<ENTITY>|<EVENT>`,
    ...[...attributeValues].map(([name, values]) => `${name}\tArg:<ENTITY>|<EVENT>${values ? `, Value:${[...values].join('|')}` : ''}`),
  ];
  return lines.join('\n') + '\n';
}

/** Adds what an exported .ann uses (its types, roles, attributes and values) to `usage`, to declare it in a corpus's own annotation.conf. */
export function addConfUsage(usage: ConfUsage, ann: BratDocument): void {
  const events = bratItemsOfKind(ann, 'event');
  const triggers = new Set(events.map((e) => e.trigger));
  const typeOf = new Map<string, { type: string; kind: 'entity' | 'event' }>();
  for (const t of bratItemsOfKind(ann, 'textBound')) {
    typeOf.set(t.id, { type: t.label, kind: 'entity' });
    if (!triggers.has(t.id)) usage.entities.add(t.label);
  }
  for (const e of events) typeOf.set(e.id, { type: e.type, kind: 'event' });
  for (const e of events) {
    const roles = usage.events.get(e.type) ?? new Map<string, Map<string, 'entity' | 'event'>>();
    usage.events.set(e.type, roles);
    for (const a of e.args) {
      const target = typeOf.get(a.target);
      const role = baseRole(a.role);
      const types = roles.get(role) ?? new Map<string, 'entity' | 'event'>();
      roles.set(role, types);
      if (target) types.set(target.type, target.kind);
    }
  }
  for (const r of bratItemsOfKind(ann, 'relation')) {
    const roles = usage.relations.get(r.type) ?? new Map<string, Set<string>>();
    usage.relations.set(r.type, roles);
    for (const a of r.args) {
      const types = roles.get(a.role) ?? new Set<string>();
      roles.set(a.role, types);
      const target = typeOf.get(a.target);
      if (target) types.add(target.type);
    }
  }
  for (const q of bratItemsOfKind(ann, 'equivalence')) {
    const types = usage.equivalences.get(q.type) ?? new Set<string>();
    usage.equivalences.set(q.type, types);
    for (const id of q.targets) {
      const target = typeOf.get(id);
      if (target) types.add(target.type);
    }
  }
  for (const a of bratItemsOfKind(ann, 'attribute')) {
    const use = usage.attributes.get(a.name) ?? { targets: new Map<string, 'entity' | 'event'>(), values: new Set<string>() };
    usage.attributes.set(a.name, use);
    const target = typeOf.get(a.target);
    if (target) use.targets.set(target.type, target.kind);
    if (a.value !== undefined) use.values.add(a.value);
  }
}
