// The schema a corpus is annotated with: brat's annotation.conf (its four
// sections) when the corpus has one, otherwise the default schema of the
// guidelines (schema.json, with the conventions of annotation-store.json).
import conventionsData from '../../data/annotation-store.json';
import { commitmentLabel, entityLabelNames, strengths } from '../analysis/schema';
import { inEnglish, reason, Reason } from '../messages/reason';

export const conventions = conventionsData;

export interface EventArgumentType {
  role: string;
  /** Entity or event types the argument may point to. */
  types: string[];
  /** Whether several arguments of this role are allowed (brat's `*`, `+` or `{n-m}`, written Role, Role2, Role3…). */
  multiple: boolean;
}

export interface EventType {
  type: string;
  args: EventArgumentType[];
}

export interface AttributeType {
  name: string;
  /** Types it applies to; brat's `<ENTITY>` and `<EVENT>` are kept as written. */
  targets: string[];
  /** Absent for a binary attribute. */
  values?: string[];
}

export interface StoreSchema {
  /** Entity types that can be annotated (abstract `!types` left out). */
  entityLabels: string[];
  events: EventType[];
  relations: string[];
  attributes: AttributeType[];
  /** The annotation.conf it was read from; absent for the default schema. */
  file?: string;
  /** Lines that could not be read (1-based). */
  problems: { line: number; message: Reason }[];
}

const SECTIONS = ['entities', 'relations', 'events', 'attributes'] as const;

/** How deep macros may refer to macros, and how many types one may stand for: a recursive or exponential conf is an error, not a hang. */
export const MAX_MACRO_DEPTH = 16;
export const MAX_MACRO_TYPES = 1000;

/**
 * The types a macro (or a type) stands for, each once, within the limits;
 * what goes beyond them is reported through `problem` and left out.
 */
function macroExpander(macros: Map<string, string>, problem: (message: Reason) => void): (type: string) => string[] {
  const memo = new Map<string, string[]>();
  const expandAt = (type: string, stack: string[]): string[] => {
    const body = macros.get(type);
    if (body === undefined) return [type];
    const known = memo.get(type);
    if (known) return known;
    if (stack.includes(type)) {
      problem(reason('macro {0} refers to itself ({1})', type, [...stack.slice(stack.indexOf(type)), type].join(' → ')));
      return [];
    }
    if (stack.length >= MAX_MACRO_DEPTH) {
      problem(reason('macro {0} is nested more than {1} deep', type, MAX_MACRO_DEPTH));
      return [];
    }
    const types = new Set<string>();
    for (const part of body.split('|')) {
      for (const t of expandAt(part.trim(), [...stack, type])) {
        if (types.size >= MAX_MACRO_TYPES) {
          problem(reason('macro {0} stands for more than {1} types', type, MAX_MACRO_TYPES));
          memo.set(type, [...types]);
          return [...types];
        }
        types.add(t);
      }
    }
    memo.set(type, [...types]);
    return [...types];
  };
  let definedWhenMemoised = macros.size;
  return (type) => {
    // A macro defined since: what was expanded before may stand for more now.
    if (macros.size !== definedWhenMemoised) memo.clear();
    definedWhenMemoised = macros.size;
    return expandAt(type, []);
  };
}

/** Reads an annotation.conf. Never throws: what cannot be read is listed in `problems`. */
export function parseAnnotationConf(source: string, file?: string): StoreSchema {
  const schema: StoreSchema = { entityLabels: [], events: [], relations: [], attributes: [], file, problems: [] };
  let section: string | undefined;
  const macros = new Map<string, string>();
  let line = 0;
  const reported = new Set<string>();
  const expand = macroExpander(macros, (message) => {
    const key = inEnglish(message);
    if (!reported.has(key)) schema.problems.push({ line, message });
    reported.add(key);
  });
  source.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    line = index + 1;
    const content = raw.replace(/\s+$/, '');
    if (!content.trim() || content.trim().startsWith('#')) return;
    const header = /^\s*\[(\w+)\]\s*$/.exec(content);
    if (header) {
      section = header[1].toLowerCase();
      if (!(SECTIONS as readonly string[]).includes(section)) schema.problems.push({ line, message: reason('unknown section [{0}]', header[1]) });
      return;
    }
    const macro = /^\s*(<[^>]+>)\s*=\s*(.+)$/.exec(content);
    if (macro) {
      macros.set(macro[1], macro[2].trim());
      return;
    }
    const body = content.trim();
    const name = body.split(/\s+/)[0];
    // `-` separates groups in brat's menus; `!` marks an abstract type.
    if (name === '-' || name.startsWith('!')) return;
    switch (section) {
      case 'entities':
        schema.entityLabels.push(name);
        break;
      case 'relations':
        if (!name.startsWith('<')) schema.relations.push(name);
        break;
      case 'events': {
        const args: EventArgumentType[] = [];
        const rest = body.slice(name.length).trim();
        for (const piece of rest ? rest.split(',') : []) {
          const m = /^\s*([^\s:?*+{]+)([?*+]|\{\d*-?\d*\})?\s*:\s*(.+)$/.exec(piece);
          if (!m) {
            schema.problems.push({ line, message: reason('{0}: malformed argument "{1}", expected "Role:Type|Type"', name, piece.trim()) });
            continue;
          }
          const quantifier = m[2] ?? '';
          args.push({
            role: m[1],
            types: m[3].split('|').flatMap((t) => expand(t.trim())),
            multiple: quantifier === '*' || quantifier === '+' || (quantifier.startsWith('{') && !/^\{[01]?-?1?\}$/.test(quantifier)),
          });
        }
        schema.events.push({ type: name, args });
        break;
      }
      case 'attributes': {
        const attribute: AttributeType = { name, targets: [] };
        const rest = body.slice(name.length).trim();
        for (const piece of rest ? rest.split(',') : []) {
          const m = /^\s*(Arg|Value)\s*:\s*(.+)$/.exec(piece);
          if (!m) {
            schema.problems.push({ line, message: reason('{0}: expected "Arg:Type" and optionally "Value:A|B", got "{1}"', name, piece.trim()) });
            continue;
          }
          const list = m[2].split('|').map((t) => t.trim()).filter(Boolean);
          if (m[1] === 'Arg') attribute.targets = list.flatMap(expand);
          else attribute.values = list;
        }
        schema.attributes.push(attribute);
        break;
      }
      default:
        schema.problems.push({ line, message: reason('a type outside any section: start with [entities], [relations], [events] or [attributes]') });
    }
  });
  return schema;
}

/** The default schema of the guidelines, as an annotation.conf would declare it. */
export function defaultStoreSchema(): StoreSchema {
  const c = conventions;
  const commitment = commitmentLabel.name;
  const entities = '<ENTITY>';
  return {
    entityLabels: [...entityLabelNames],
    events: [
      {
        type: commitment,
        args: [
          { role: c.commitment.actorRole, types: [...c.commitment.actorLabels], multiple: true },
          { role: c.commitment.principleRole, types: [...c.commitment.principleLabels], multiple: true },
        ],
      },
    ],
    relations: [],
    attributes: [
      { name: c.attributes.strength, targets: [commitment], values: [...strengths] },
      { name: c.attributes.negated, targets: [commitment] },
      { name: c.attributes.review, targets: [entities, commitment], values: [...c.reviewValues] },
      { name: c.attributes.optional, targets: [entities, commitment] },
    ],
    problems: [],
  };
}

/** Writes a schema as an annotation.conf that brat reads. */
export function formatAnnotationConf(schema: StoreSchema): string {
  const lines = ['# brat annotation schema (written by Iltizam from its default schema)', '', '[entities]', ''];
  lines.push(...schema.entityLabels, '', '[relations]', '');
  lines.push('# Nested and overlapping spans are allowed (a Threat inside an Instrument, entities inside a Commitment).');
  lines.push('<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>');
  lines.push(...schema.relations, '', '[events]', '');
  for (const e of schema.events) {
    const args = e.args.map((a) => `${a.role}${a.multiple ? '*' : '?'}:${a.types.join('|')}`).join(', ');
    lines.push(args ? `${e.type}\t${args}` : e.type);
  }
  lines.push('', '[attributes]', '');
  for (const a of schema.attributes) {
    lines.push(`${a.name}\tArg:${a.targets.join('|')}${a.values ? `, Value:${a.values.join('|')}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** The event type commitments are stored as, when the schema has one. */
export function commitmentEventOf(schema: StoreSchema): EventType | undefined {
  return schema.events.find((e) => e.type === commitmentLabel.name);
}

/** Whether the schema lets a Commitment be annotated (as an event, or as a plain span). */
export function schemaHasCommitments(schema: StoreSchema): boolean {
  return !!commitmentEventOf(schema) || schema.entityLabels.includes(commitmentLabel.name);
}

/** The strengths a commitment may have: the values of the Strength attribute, or the defaults. */
export function strengthsOf(schema: StoreSchema): string[] {
  return schema.attributes.find((a) => a.name === conventions.attributes.strength)?.values ?? [...strengths];
}

/** The labels an argument of this role may have, from the commitment event's declaration. */
export function argumentLabels(schema: StoreSchema, role: string): string[] | undefined {
  const arg = commitmentEventOf(schema)?.args.find((a) => a.role === role);
  if (!arg) return undefined;
  return arg.types.includes('<ENTITY>') ? schema.entityLabels : arg.types;
}

/** What the .ann files of a collection use, to be declared in its annotation.conf (see extendAnnotationConf). */
export interface ConfUsage {
  /** Types of the text-bound annotations that trigger no event. */
  entities: Set<string>;
  /** Event type → role (brat's numbering removed: Actor2 is an Actor) → the types its arguments point to, each an entity or an event type. */
  events: Map<string, Map<string, Map<string, 'entity' | 'event'>>>;
  /** Relation type → role → the types its arguments point to. */
  relations: Map<string, Map<string, Set<string>>>;
  /** Equivalence type (`*\tEquiv T1 T2`) → the types it groups. */
  equivalences: Map<string, Set<string>>;
  /** Attribute name → the types it is on (an entity or an event type) and the values it has (none: binary). */
  attributes: Map<string, { targets: Map<string, 'entity' | 'event'>; values: Set<string> }>;
}

export function emptyConfUsage(): ConfUsage {
  return { entities: new Set(), events: new Map(), relations: new Map(), equivalences: new Map(), attributes: new Map() };
}

/** Types as brat lists them (`A|B`), or `fallback` when there are none. */
function listOr(types: Iterable<string>, fallback: string): string {
  return [...types].join('|') || fallback;
}

/** Whether an argument or attribute declared for `declared` types may point to `type`. */
function allows(declared: string[], type: string, kind: 'entity' | 'event'): boolean {
  return declared.includes(type) || declared.includes('<ANY>') || declared.includes(kind === 'entity' ? '<ENTITY>' : '<EVENT>');
}

/**
 * A corpus's annotation.conf with whatever `used` needs that it does not
 * declare: entity, event, relation and equivalence types and attributes are
 * added at the end of their sections (after a comment saying why), an event's
 * missing roles and argument types and an attribute's missing types and values
 * are added to its line. Nothing else changes (a type the files do not use is
 * not added); without anything to add, `source` is returned as it is.
 */
export function extendAnnotationConf(source: string, used: ConfUsage): string {
  const schema = parseAnnotationConf(source);
  const lines = source.split(/\r?\n/);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  // The last line of each section's last occurrence, and the line of each event and attribute.
  const sectionEnd = new Map<string, number>();
  const lineOf = new Map<string, number>();
  let section: string | undefined;
  lines.forEach((raw, index) => {
    const content = raw.replace(/^\uFEFF/, '').trim();
    const header = /^\[(\w+)\]$/.exec(content);
    if (header) {
      section = header[1].toLowerCase();
      sectionEnd.set(section, index);
      return;
    }
    if (!content || !section) return;
    sectionEnd.set(section, index);
    if (content.startsWith('#') || /^<[^>]+>\s*=/.test(content)) return;
    const key = `${section}:${content.split(/\s+/)[0]}`;
    if (!lineOf.has(key)) lineOf.set(key, index);
  });

  const added = new Map<string, string[]>();
  const add = (name: (typeof SECTIONS)[number], line: string) => added.set(name, [...(added.get(name) ?? []), line]);
  let edited = false;
  /** Adds `piece` to a declaration line's comma-separated list, or extends the piece `which` picks with `|types`. */
  const editLine = (index: number, which: (piece: string) => boolean, extend: string[], piece: string) => {
    const m = /^(\s*\S+)(\s*)(.*?)(\s*)$/.exec(lines[index]) as RegExpExecArray;
    const pieces = m[3] ? m[3].split(',') : [];
    const at = pieces.findIndex(which);
    if (at >= 0) pieces[at] = pieces[at].replace(/\s*$/, `|${extend.join('|')}`);
    else pieces.push(pieces.length ? ` ${piece}` : piece);
    lines[index] = `${m[1]}${m[2] || '\t'}${pieces.join(',')}${m[4]}`;
    edited = true;
  };
  const eventTypes = new Set([...schema.events.map((e) => e.type), ...used.events.keys()]);

  for (const label of used.entities) {
    if (!schema.entityLabels.includes(label) && !eventTypes.has(label)) add('entities', label);
  }
  for (const [type, roles] of used.events) {
    const declared = schema.events.find((e) => e.type === type);
    const argument = (role: string, types: Iterable<string>) => `${role}*:${listOr(types, '<ENTITY>')}`;
    if (!declared) {
      add('events', roles.size ? `${type}\t${[...roles].map(([role, types]) => argument(role, types.keys())).join(', ')}` : type);
      continue;
    }
    const index = lineOf.get(`events:${type}`);
    if (index === undefined) continue;
    for (const [role, types] of roles) {
      const arg = declared.args.find((a) => a.role === role);
      const missing = [...types].filter(([t, kind]) => !arg || !allows(arg.types, t, kind)).map(([t]) => t);
      if (missing.length) editLine(index, (piece) => new RegExp(`^\\s*${role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([?*+]|\\{[\\d-]*\\})?\\s*:`).test(piece), missing, argument(role, missing));
    }
  }
  for (const [type, roles] of used.relations) {
    if (!schema.relations.includes(type)) add('relations', `${type}\t${[...roles].map(([role, types]) => `${role}:${listOr(types, '<ANY>')}`).join(', ')}`);
  }
  for (const [type, types] of used.equivalences) {
    const all = listOr(types, '<ENTITY>');
    if (!schema.relations.includes(type)) add('relations', `${type}\tArg1:${all}, Arg2:${all}, <REL-TYPE>:symmetric-transitive`);
  }
  for (const [name, use] of used.attributes) {
    const declared = schema.attributes.find((a) => a.name === name);
    const values = [...use.values];
    if (!declared) {
      add('attributes', `${name}\tArg:${listOr(use.targets.keys(), '<ENTITY>|<EVENT>')}${values.length ? `, Value:${values.join('|')}` : ''}`);
      continue;
    }
    const index = lineOf.get(`attributes:${name}`);
    if (index === undefined) continue;
    const targets = [...use.targets].filter(([t, kind]) => !allows(declared.targets, t, kind)).map(([t]) => t);
    if (targets.length) editLine(index, (piece) => /^\s*Arg\s*:/.test(piece), targets, `Arg:${targets.join('|')}`);
    // A binary attribute stays binary: a value cannot be added to it without requiring one everywhere.
    const newValues = declared.values ? values.filter((v) => !declared.values!.includes(v)) : [];
    if (newValues.length) editLine(index, (piece) => /^\s*Value\s*:/.test(piece), newValues, `Value:${newValues.join('|')}`);
  }

  if (!added.size && !edited) return source;
  const note = '# Declared by the Iltizam export: the exported files use these and the schema did not declare them.';
  // From the last section up, so that the line numbers of those above stay right.
  const existing = SECTIONS.filter((s) => added.has(s) && sectionEnd.has(s)).sort((a, b) => (sectionEnd.get(b) as number) - (sectionEnd.get(a) as number));
  for (const name of existing) lines.splice((sectionEnd.get(name) as number) + 1, 0, note, ...(added.get(name) as string[]));
  const newSections = SECTIONS.filter((s) => added.has(s) && !sectionEnd.has(s)).flatMap((s) => ['', `[${s}]`, '', note, ...(added.get(s) as string[])]);
  if (newSections.length) {
    const end = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    lines.splice(end, 0, ...newSections);
  }
  return lines.join(eol);
}
