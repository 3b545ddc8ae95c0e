// The schema a corpus is annotated with: brat's annotation.conf (its four
// sections) when the corpus has one, otherwise the default schema of the
// guidelines (schema.json, with the conventions of annotation-store.json).
import conventionsData from '../../../data/annotation-store.json';
import { commitmentLabel, entityLabelNames, strengths } from '../schema';

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
  problems: { line: number; message: string }[];
}

const SECTIONS = ['entities', 'relations', 'events', 'attributes'] as const;

/** Reads an annotation.conf. Never throws: what cannot be read is listed in `problems`. */
export function parseAnnotationConf(source: string, file?: string): StoreSchema {
  const schema: StoreSchema = { entityLabels: [], events: [], relations: [], attributes: [], file, problems: [] };
  let section: string | undefined;
  const macros = new Map<string, string>();
  const expand = (type: string): string[] => {
    const m = macros.get(type);
    return m ? m.split('|').flatMap((t) => expand(t.trim())) : [type];
  };
  source.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/\s+$/, '');
    if (!content.trim() || content.trim().startsWith('#')) return;
    const header = /^\s*\[(\w+)\]\s*$/.exec(content);
    if (header) {
      section = header[1].toLowerCase();
      if (!(SECTIONS as readonly string[]).includes(section)) schema.problems.push({ line, message: `unknown section [${header[1]}]` });
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
            schema.problems.push({ line, message: `${name}: malformed argument "${piece.trim()}", expected "Role:Type|Type"` });
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
            schema.problems.push({ line, message: `${name}: expected "Arg:Type" and optionally "Value:A|B", got "${piece.trim()}"` });
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
        schema.problems.push({ line, message: 'a type outside any section: start with [entities], [relations], [events] or [attributes]' });
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
