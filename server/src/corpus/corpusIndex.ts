// The corpus as reviewers see it: every document's entities and commitments
// (suggested and stored), searchable across documents without regard to
// diacritics or hamza, grouped for the corpus view, and counted for the
// statistics. Documents are added, replaced and removed one at a time as
// files change; nothing here reads files.
import { normalizeForMatching } from '../analysis/normalize';
import { countBelow } from '../analysis/offsets';

/** An entity as the index needs it; the merged view of a document provides these fields. */
export interface IndexableEntity {
  id: string;
  label: string;
  text: string;
  start: number;
  end: number;
  kb?: string;
  nameAr?: string;
  nameEn?: string;
  /** suggested, or the stored annotation's review status (accepted, manual, …). */
  status?: string;
  /** How sure the analysis is of a suggestion (0–1). */
  confidence?: number;
}

export interface IndexableCommitment {
  id: string;
  text: string;
  start: number;
  end: number;
  strength?: string;
  /** Entity ids of the same document. */
  actors: string[];
  principles: string[];
  status?: string;
}

export interface IndexableDocument {
  text: string;
  entities: readonly IndexableEntity[];
  commitments: readonly IndexableCommitment[];
}

/** A place in a document: UTF-16 offsets with their line and character. */
export interface IndexedLocation {
  uri: string;
  start: number;
  end: number;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface IndexedMention extends IndexedLocation {
  text: string;
  status: string;
  confidence?: number;
}

export interface IndexedEntityGroup {
  /** Same lexicon entry, or same label and normalised form. */
  key: string;
  label: string;
  /** Canonical Arabic name, or the most frequent form. */
  name: string;
  nameEn?: string;
  kb?: string;
  mentions: IndexedMention[];
}

export interface IndexedCommitment extends IndexedLocation {
  text: string;
  strength: string;
  status: string;
  /** Display names of the actors and principles. */
  actors: string[];
  principles: string[];
  /** English names of the actors that have one (from the lexicon), for search. */
  actorsEn: string[];
  /** Entity keys of the actors. */
  actorKeys: string[];
}

export interface SymbolMatch {
  kind: 'entity' | 'commitment';
  name: string;
  detail: string;
  label: string;
  /** The entity's English name, or the English names of the commitment's actors. */
  nameEn?: string;
  location: IndexedLocation;
}

export interface IndexFilter {
  labels?: readonly string[];
  /** Review statuses to keep: `suggested`, `accepted`, `stored` (any decided status), or a precise one. */
  statuses?: readonly string[];
}

export interface CorpusStatistics {
  documents: number;
  annotationsByLabel: Record<string, number>;
  annotationsByDocument: { uri: string; entities: number; commitments: number }[];
  topActors: { name: string; commitments: number }[];
  commitmentsByStrength: Record<string, number>;
  principles: { name: string; commitments: number }[];
  byStatus: Record<string, number>;
}

/** A document as the index keeps it: plain data, so that it can be made in another thread (server/indexWorker.ts). */
export interface DocumentEntry {
  uri: string;
  entities: (IndexedMention & { key: string; label: string; kb?: string; nameAr?: string; nameEn?: string; folded: string })[];
  commitments: IndexedCommitment[];
}

/** The form of a name used to compare and search: folded as the analyser folds text, spaces collapsed. */
const foldedTexts = new Map<string, string>();
const MAX_FOLDED_TEXTS = 50_000;

export function foldForSearch(s: string): string {
  // Mentions repeat the same names: each distinct text is folded once.
  let folded = foldedTexts.get(s);
  if (folded === undefined) {
    if (foldedTexts.size >= MAX_FOLDED_TEXTS) foldedTexts.clear();
    folded = normalizeForMatching(s.normalize('NFC')).text.replace(/\s+/g, ' ').trim().toLowerCase();
    foldedTexts.set(s, folded);
  }
  return folded;
}

export function entityKey(e: { kb?: string; label: string; text: string }): string {
  return e.kb ? `kb:${e.kb}` : `${e.label}:${foldForSearch(stripProclitic(e.text))}`;
}

// A stored span may keep a fused preposition the suggestion leaves out; grouping should not split on it.
function stripProclitic(text: string): string {
  return text.replace(/^[وفبكل](?=ال)/, '');
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; character: number } {
  const line = countBelow(starts, offset + 1) - 1;
  return { line, character: offset - starts[line] };
}

const DECIDED = new Set(['accepted', 'manual', 'corrected', 'stored']);

function statusMatches(status: string, wanted: readonly string[] | undefined): boolean {
  if (!wanted || wanted.length === 0) return true;
  return wanted.includes(status) || (wanted.includes('stored') && DECIDED.has(status));
}

/** A document as the index keeps it. Rejected annotations are not indexed. */
export function documentEntry(uri: string, doc: IndexableDocument): DocumentEntry {
  const steps = documentEntrySteps(uri, doc, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, made in steps of `slice` entities or commitments: the caller can
 * let other work in between (the index update of a large open document).
 */
export function* documentEntrySteps(uri: string, doc: IndexableDocument, slice: number): Generator<void, DocumentEntry> {
  const starts = lineStartsOf(doc.text);
  const locate = (start: number, end: number): IndexedLocation => {
    const s = positionOf(starts, start);
    const e = positionOf(starts, end);
    return { uri, start, end, startLine: s.line, startCharacter: s.character, endLine: e.line, endCharacter: e.character };
  };
  const kept = doc.entities.filter((e) => e.status !== 'rejected');
  // Object.assign onto the location rather than a spread of it: the same fields in the same
  // order, without the slow objects a spread followed by more fields makes (several µs each).
  const entities: DocumentEntry['entities'] = [];
  for (const e of kept) {
    entities.push(
      Object.assign(locate(e.start, e.end), {
        text: e.text,
        status: e.status ?? 'suggested',
        confidence: e.confidence,
        key: entityKey(e),
        label: e.label,
        kb: e.kb,
        nameAr: e.nameAr,
        nameEn: e.nameEn,
        folded: foldForSearch(e.text),
      }),
    );
    if (entities.length % slice === 0) yield;
  }
  const byId = new Map(kept.map((e, k) => [e.id, entities[k]]));
  const nameOf = (id: string) => {
    const e = byId.get(id);
    return e ? e.nameAr ?? e.text : undefined;
  };
  const commitments: IndexedCommitment[] = [];
  for (const c of doc.commitments) {
    if (c.status === 'rejected') continue;
    commitments.push(
      Object.assign(locate(c.start, c.end), {
        text: c.text,
        strength: c.strength ?? 'unspecified',
        status: c.status ?? 'suggested',
        actors: c.actors.map(nameOf).filter((n): n is string => !!n),
        principles: c.principles.map(nameOf).filter((n): n is string => !!n),
        actorsEn: [...new Set(c.actors.map((id) => byId.get(id)?.nameEn).filter((n): n is string => !!n))],
        actorKeys: c.actors.map((id) => byId.get(id)?.key).filter((k): k is string => !!k),
      }),
    );
    if (commitments.length % slice === 0) yield;
  }
  return { uri, entities, commitments };
}

export class CorpusIndex {
  private readonly documents = new Map<string, DocumentEntry>();

  get size(): number {
    return this.documents.size;
  }

  uris(): string[] {
    return [...this.documents.keys()].sort();
  }

  has(uri: string): boolean {
    return this.documents.has(uri);
  }

  /** Adds or replaces a document. Rejected annotations are not indexed. */
  set(uri: string, doc: IndexableDocument): void {
    this.documents.set(uri, documentEntry(uri, doc));
  }

  /** Adds or replaces a document made by documentEntry (in this thread or another). */
  setEntry(entry: DocumentEntry): void {
    this.documents.set(entry.uri, entry);
  }

  delete(uri: string): boolean {
    return this.documents.delete(uri);
  }

  /**
   * Entities whose Arabic form, canonical name or English name contains the
   * query; commitments whose text, actors (Arabic or English names),
   * principles or strength do.
   */
  symbols(query: string, limit = 500): SymbolMatch[] {
    const q = foldForSearch(query);
    const out: SymbolMatch[] = [];
    const seen = new Set<string>();
    for (const doc of this.sortedDocuments()) {
      for (const e of doc.entities) {
        if (out.length >= limit) return out;
        const haystacks = [e.folded, e.nameAr ? foldForSearch(e.nameAr) : '', (e.nameEn ?? '').toLowerCase()];
        if (q && !haystacks.some((h) => h.includes(q))) continue;
        // One symbol per distinct entity and document: the first mention.
        const id = `${doc.uri}\u0000${e.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ kind: 'entity', name: e.text, detail: [e.label, e.nameEn].filter(Boolean).join(' · '), label: e.label, nameEn: e.nameEn, location: e });
      }
      for (const c of doc.commitments) {
        if (out.length >= limit) return out;
        const name = `${c.actors.join('، ') || '—'}: ${c.strength}`;
        if (q && !foldForSearch(`${c.text} ${c.actors.join(' ')} ${c.principles.join(' ')}`).includes(q) && !c.strength.includes(q) && !c.actorsEn.some((n) => n.toLowerCase().includes(q))) continue;
        out.push({ kind: 'commitment', name, detail: c.principles.join('، '), label: 'Commitment', nameEn: c.actorsEn.join(', ') || undefined, location: c });
      }
    }
    return out;
  }

  /** The key of the entity at an offset of a document, if any. */
  entityAt(uri: string, offset: number): { key: string; kb?: string; label: string } | undefined {
    const doc = this.documents.get(uri);
    const e = doc?.entities.find((m) => m.start <= offset && offset < m.end);
    return e && { key: e.key, kb: e.kb, label: e.label };
  }

  /** Every mention of an entity across the corpus, in document then text order. */
  mentionsOf(key: string): IndexedMention[] {
    const out: IndexedMention[] = [];
    for (const doc of this.sortedDocuments()) for (const e of doc.entities) if (e.key === key) out.push(e);
    return out;
  }

  entityGroups(filter: IndexFilter = {}): IndexedEntityGroup[] {
    const groups = new Map<string, IndexedEntityGroup & { forms: Map<string, number> }>();
    for (const doc of this.sortedDocuments()) {
      for (const e of doc.entities) {
        if (filter.labels?.length && !filter.labels.includes(e.label)) continue;
        if (!statusMatches(e.status, filter.statuses)) continue;
        let g = groups.get(e.key);
        if (!g) {
          g = { key: e.key, label: e.label, name: e.nameAr ?? e.text, nameEn: e.nameEn, kb: e.kb, mentions: [], forms: new Map() };
          groups.set(e.key, g);
        }
        g.mentions.push(e);
        g.forms.set(e.text, (g.forms.get(e.text) ?? 0) + 1);
      }
    }
    return [...groups.values()]
      .map(({ forms, ...g }) => (g.kb ? g : { ...g, name: [...forms].sort((a, b) => b[1] - a[1])[0][0] }))
      .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name, 'ar'));
  }

  /** Commitments grouped by actor (a commitment with two actors is under both); no actor groups under ''. */
  commitmentsByActor(filter: IndexFilter = {}): { actor: string; commitments: IndexedCommitment[] }[] {
    const groups = new Map<string, IndexedCommitment[]>();
    for (const doc of this.sortedDocuments()) {
      for (const c of doc.commitments) {
        if (filter.labels?.length && !filter.labels.includes('Commitment')) continue;
        if (!statusMatches(c.status, filter.statuses)) continue;
        for (const actor of c.actors.length ? [...new Set(c.actors)] : ['']) {
          const list = groups.get(actor) ?? [];
          list.push(c);
          groups.set(actor, list);
        }
      }
    }
    return [...groups].map(([actor, commitments]) => ({ actor, commitments })).sort((a, b) => b.commitments.length - a.commitments.length || a.actor.localeCompare(b.actor, 'ar'));
  }

  statistics(topN = 10): CorpusStatistics {
    // Keyed by names from the corpus: no prototype, so a label "constructor" or "__proto__" is a label like any other.
    const annotationsByLabel: Record<string, number> = Object.create(null);
    const commitmentsByStrength: Record<string, number> = Object.create(null);
    const byStatus: Record<string, number> = Object.create(null);
    const actors = new Map<string, number>();
    const principles = new Map<string, number>();
    const annotationsByDocument: CorpusStatistics['annotationsByDocument'] = [];
    for (const doc of this.sortedDocuments()) {
      for (const e of doc.entities) {
        annotationsByLabel[e.label] = (annotationsByLabel[e.label] ?? 0) + 1;
        byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
      }
      for (const c of doc.commitments) {
        annotationsByLabel.Commitment = (annotationsByLabel.Commitment ?? 0) + 1;
        byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
        commitmentsByStrength[c.strength] = (commitmentsByStrength[c.strength] ?? 0) + 1;
        for (const a of new Set(c.actors)) actors.set(a, (actors.get(a) ?? 0) + 1);
        for (const p of new Set(c.principles)) principles.set(p, (principles.get(p) ?? 0) + 1);
      }
      annotationsByDocument.push({ uri: doc.uri, entities: doc.entities.length, commitments: doc.commitments.length });
    }
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ar')).slice(0, topN).map(([name, commitments]) => ({ name, commitments }));
    return { documents: this.documents.size, annotationsByLabel, annotationsByDocument, topActors: top(actors), commitmentsByStrength, principles: top(principles), byStatus };
  }

  private sortedDocuments(): DocumentEntry[] {
    return [...this.documents.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }
}
