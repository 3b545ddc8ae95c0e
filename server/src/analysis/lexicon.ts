// The lexicon: default entries shipped as data, plus a workspace's own file
// that adds, replaces (same id) or disables entries. Compiled into a trie of
// normalised tokens so that matching is one walk per text position.
import { applyEdits, modify, parseTree, Node as JsonNode, ParseError, printParseErrorCode, findNodeAtLocation } from 'jsonc-parser';
import defaultLexiconData from '../../data/lexicon.json';
import { normalizeForMatching } from './normalize';
import { tokenize } from './tokenize';
import { isEntityLabel } from './schema';
import { reason, Reason } from '../messages/reason';

export interface LexiconEntry {
  id: string;
  label: string;
  ar: string;
  en?: string;
  forms?: string[];
  description?: string;
  wikidata?: string;
  disabled?: boolean;
}

export interface LexiconProblem {
  /** Offsets into the lexicon file's text (UTF-16). */
  start: number;
  end: number;
  message: Reason;
  /** The file is not JSON at this place (nothing can be added to it). */
  syntax?: boolean;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  entry?: LexiconEntry;
}

export class Lexicon {
  readonly byId = new Map<string, LexiconEntry>();
  readonly root: TrieNode = { next: new Map() };
  /** Longest form in tokens: bounds every walk of the trie. */
  maxTokens = 0;

  constructor(entries: Iterable<LexiconEntry>) {
    for (const entry of entries) {
      if (entry.disabled) this.byId.delete(entry.id);
      else this.byId.set(entry.id, entry);
    }
    for (const entry of this.byId.values()) {
      for (const form of [entry.ar, ...(entry.forms ?? [])]) this.addForm(form, entry);
    }
  }

  private addForm(form: string, entry: LexiconEntry): void {
    const words = tokenize(normalizeForMatching(form).text).map((t) => t.text);
    if (!words.length) return;
    let node = this.root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map() };
        node.next.set(w, child);
      }
      node = child;
    }
    // The first entry to claim a form keeps it; overrides come first (see withOverrides).
    node.entry ??= entry;
    this.maxTokens = Math.max(this.maxTokens, words.length);
  }

  /** The entry that claims exactly this form (normalised as matching does), if any. */
  entryOf(form: string): LexiconEntry | undefined {
    let node: TrieNode | undefined = this.root;
    for (const t of tokenize(normalizeForMatching(form).text)) node = node?.next.get(t.text);
    return node === this.root ? undefined : node?.entry;
  }

  get size(): number {
    return this.byId.size;
  }

  /** A lexicon whose entries are these overrides laid over the base ones (same id replaces). */
  withOverrides(overrides: readonly LexiconEntry[]): Lexicon {
    if (!overrides.length) return this;
    const ids = new Set(overrides.map((o) => o.id));
    const base = [...this.byId.values()].filter((e) => !ids.has(e.id));
    // Overrides first, so that their forms win a form both claim.
    return new Lexicon([...overrides, ...base]);
  }
}

let defaultLexicon: Lexicon | undefined;

/** The lexicon shipped with Iltizam (server/data/lexicon.json), compiled once. */
export function getDefaultLexicon(): Lexicon {
  defaultLexicon ??= new Lexicon((defaultLexiconData as { entries: LexiconEntry[] }).entries);
  return defaultLexicon;
}

/**
 * Parses a workspace lexicon file (the format of server/data/lexicon.json).
 * Every problem carries the range of the offending value, so the editor can
 * show it at the line that is wrong; valid entries are kept.
 */
export function parseLexiconFile(source: string): { entries: LexiconEntry[]; problems: LexiconProblem[] } {
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: LexiconProblem[] = errors.map((e) => ({
    start: e.offset,
    end: e.offset + Math.max(e.length, 1),
    message: reason('JSON syntax error: {0}', printParseErrorCode(e.error)),
    syntax: true,
  }));
  const entries: LexiconEntry[] = [];
  if (!root) return { entries, problems };
  const list = root.type === 'array' ? root : findNodeAtLocation(root, ['entries']);
  if (!list || list.type !== 'array') {
    problems.push({ start: root.offset, end: root.offset + 1, message: reason('A lexicon file is an object with an "entries" array (or an array of entries).') });
    return { entries, problems };
  }
  const seen = new Set<string>();
  for (const node of list.children ?? []) {
    const entry = entryFrom(node, problems);
    if (!entry) continue;
    if (seen.has(entry.id)) {
      problems.push({ start: node.offset, end: node.offset + node.length, message: reason('Duplicate id "{0}": an earlier entry of this file has it.', entry.id) });
      continue;
    }
    seen.add(entry.id);
    entries.push(entry);
  }
  return { entries, problems };
}

function entryFrom(node: JsonNode, problems: LexiconProblem[]): LexiconEntry | undefined {
  const here = (n: JsonNode) => ({ start: n.offset, end: n.offset + n.length });
  if (node.type !== 'object') {
    problems.push({ ...here(node), message: reason('A lexicon entry is an object with "id", "label" and "ar".') });
    return undefined;
  }
  const field = (name: string) => findNodeAtLocation(node, [name]);
  const str = (name: string, required: boolean): string | undefined => {
    const f = field(name);
    if (!f) {
      if (required) problems.push({ ...here(node), message: reason('This entry has no "{0}".', name) });
      return undefined;
    }
    if (f.type !== 'string' || !(f.value as string).trim()) {
      problems.push({ ...here(f), message: reason('"{0}" must be a non-empty string.', name) });
      return undefined;
    }
    return f.value as string;
  };
  const id = str('id', true);
  const disabledNode = field('disabled');
  const disabled = disabledNode?.type === 'boolean' ? (disabledNode.value as boolean) : false;
  if (id && disabled) return { id, label: '', ar: '', disabled: true };
  const label = str('label', true);
  const ar = str('ar', true);
  let bad = !id || !label || !ar;
  if (label && !isEntityLabel(label)) {
    problems.push({ ...here(field('label')!), message: reason('Unknown label "{0}".', label) });
    bad = true;
  }
  let forms: string[] | undefined;
  const formsNode = field('forms');
  if (formsNode) {
    if (formsNode.type !== 'array' || (formsNode.children ?? []).some((c) => c.type !== 'string')) {
      problems.push({ ...here(formsNode), message: reason('"forms" must be an array of strings.') });
      bad = true;
    } else forms = (formsNode.children ?? []).map((c) => c.value as string);
  }
  const en = str('en', false);
  const description = str('description', false);
  const wikidata = str('wikidata', false);
  const wd = field('wikidata');
  if (wikidata && !/^Q\d+$/.test(wikidata)) {
    problems.push({ ...here(wd!), message: reason('"wikidata" must be an item id such as Q42.') });
  }
  if (bad) return undefined;
  return { id: id!, label: label!, ar: ar!, forms, en, description, wikidata: wikidata && /^Q\d+$/.test(wikidata) ? wikidata : undefined };
}

/** The file withLexiconEntry was asked to add to is not a lexicon (the server says so in the user's language). */
export class NotALexiconError extends Error {}

/**
 * A lexicon file's text with an entry for `form` as `label` added at the end
 * of its entries (the rest of the text, comments included, as it was); a new
 * file when there is none. `added` is false when an entry of the file already
 * has that form and label. A file that is not a lexicon is an error, not replaced.
 */
export function withLexiconEntry(source: string | undefined, label: string, form: string): { text: string; added: boolean; id: string; ar: string } {
  const ar = form.replace(/\s+/g, ' ').trim();
  const id = `${label.toLowerCase()}:${ar}`;
  if (source === undefined || !source.trim()) return { text: JSON.stringify({ entries: [{ id, label, ar }] }, null, 2) + '\n', added: true, id, ar };
  const { entries, problems } = parseLexiconFile(source);
  const root = parseTree(source, [], { allowTrailingComma: true, disallowComments: false });
  const list = root?.type === 'array' ? [] : ['entries'];
  if (!root || (root.type !== 'array' && findNodeAtLocation(root, ['entries'])?.type !== 'array') || problems.some((p) => p.syntax)) {
    throw new NotALexiconError('the workspace lexicon file is not a lexicon (an object with an "entries" array): fix it first');
  }
  const same = entries.find((e) => e.label === label && [e.ar, ...(e.forms ?? [])].some((f) => normalizeForMatching(f).text === normalizeForMatching(ar).text));
  if (same) return { text: source, added: false, id: same.id, ar: same.ar };
  const taken = new Set(entries.map((e) => e.id));
  let unique = id;
  for (let k = 2; taken.has(unique); k++) unique = `${id}#${k}`;
  const edits = modify(source, [...list, -1], { id: unique, label, ar }, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  return { text: applyEdits(source, edits), added: true, id: unique, ar };
}
