// Look-ups into the items of a brat document, so that a decision on a large
// .ann costs as much as the lines it touches, not the whole file: the first
// T line of each id, the first event of each trigger, the attributes, notes
// and references about each id (in file order) and the highest number of each
// id prefix. Built from the items on first use; the annotation set keeps it up
// to date as it appends or inserts, and drops it when it removes or re-targets lines.
import { BratAnnotation, BratDocument, BratEvent, BratItem, BratTextBound } from './brat';

type Prefix = 'T' | 'E' | 'R' | 'A' | 'M' | 'N' | '#';
const PREFIXES: readonly Prefix[] = ['T', 'E', 'R', 'A', 'M', 'N', '#'];

export class ItemIndex {
  readonly textBounds = new Map<string, BratTextBound>();
  readonly events = new Map<string, BratEvent>();
  readonly byTarget = new Map<string, BratAnnotation[]>();
  private readonly highest = new Map<Prefix, number>();
  /** The items array and its length as indexed: another array or length means lines changed behind the index's back. */
  private items: BratItem[];
  private length = 0;

  constructor(doc: BratDocument) {
    this.items = doc.items;
    for (const item of doc.items) this.add(item);
  }

  /** Whether the index still describes `doc`'s items. */
  describes(doc: BratDocument): boolean {
    return doc.items === this.items && doc.items.length === this.length;
  }

  /** Records `item`, just placed in the items (after every line about the same ids). */
  add(item: BratItem): void {
    this.length++;
    if (item.kind === 'verbatim') return;
    if (item.kind === 'textBound' && !this.textBounds.has(item.id)) this.textBounds.set(item.id, item);
    if (item.kind === 'event' && !this.events.has(item.trigger)) this.events.set(item.trigger, item);
    if (item.kind === 'attribute' || item.kind === 'note' || item.kind === 'normalization') {
      const list = this.byTarget.get(item.target);
      if (list) list.push(item);
      else this.byTarget.set(item.target, [item]);
    }
    for (const prefix of PREFIXES) {
      if (!item.id.startsWith(prefix)) continue;
      const n = Number(item.id.slice(prefix.length));
      if (Number.isInteger(n) && n > (this.highest.get(prefix) ?? 0)) this.highest.set(prefix, n);
    }
  }

  /** The id the next line with this prefix gets (as brat's nextBratId numbers). */
  nextId(prefix: Prefix): string {
    return `${prefix}${(this.highest.get(prefix) ?? 0) + 1}`;
  }

  /** Where to insert a line about any of `ids`: after the last line about them (searched from the end, where new lines are), or -1. */
  lastLineAbout(ids: string[]): number {
    for (let n = this.items.length - 1; n >= 0; n--) {
      const i = this.items[n];
      if (i.kind === 'verbatim') continue;
      if (ids.includes(i.id) || ('target' in i && ids.includes(i.target)) || (i.kind === 'event' && ids.includes(i.trigger))) return n;
    }
    return -1;
  }
}
