// Names learnt from decisions, of every label (those the tagger does not
// cover too): a form the annotator marked with a label becomes an entry of a
// workspace lexicon, so that the rules suggest it elsewhere and the tagger
// sees it as a lexicon match. Only a form that its decided documents mark at
// most of its occurrences, and that was not rejected as often as accepted:
// a common word that was a name once is not learnt.
import type { DecidedDocument } from './tagger/adapt';
import type { Lexicon, LexiconEntry } from './lexicon';

const MIN_LENGTH = 3;

/** The ids of learnt entries begin with it (learnt:<label>:<form>). */
export const LEARNT_ID_PREFIX = 'learnt:';

function occurrences(text: string, form: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) out.push(at);
  return out;
}

/** The learnt entries, one per form and label, in a stable order. */
export function learntLexiconEntries(docs: readonly DecidedDocument[]): LexiconEntry[] {
  const tally = new Map<string, { label: string; form: string; marked: number; seen: number; rejected: number }>();
  const entryOf = (label: string, form: string) => {
    const key = `${label}\u0000${form}`;
    let t = tally.get(key);
    if (!t) tally.set(key, (t = { label, form, marked: 0, seen: 0, rejected: 0 }));
    return t;
  };
  for (const d of docs) {
    const text = d.doc.original;
    const forms = new Set<string>();
    for (const s of d.positives) forms.add(`${s.label}\u0000${text.slice(s.start, s.end).trim()}`);
    for (const s of d.negatives) entryOf(s.label, text.slice(s.start, s.end).trim()).rejected++;
    for (const key of forms) {
      const [label, form] = key.split('\u0000');
      if (form.length < MIN_LENGTH) continue;
      const t = entryOf(label, form);
      const marked = new Set(d.positives.filter((s) => s.label === label && text.slice(s.start, s.end).trim() === form).map((s) => s.start + text.slice(s.start, s.end).indexOf(form)));
      const at = occurrences(text, form);
      t.seen += d.reviewed ? at.length : marked.size;
      t.marked += at.filter((a) => marked.has(a)).length;
    }
  }
  return [...tally.values()]
    .filter((t) => t.marked * 2 > t.seen && t.marked > t.rejected)
    .sort((a, b) => (a.label + a.form < b.label + b.form ? -1 : 1))
    .map((t) => ({ id: `${LEARNT_ID_PREFIX}${t.label}:${t.form}`, label: t.label, ar: t.form }));
}

/**
 * The learnt entries the lexicon lacks (not with that label): what the server
 * proposes elsewhere through its learnt workspace lexicon. For Principle,
 * Threat and Instrument, labels the tagger does not learn, the only learning;
 * for names, what the tagger cannot learn from a name it already found (its
 * updates come from its mistakes): an accepted name is suggested at its other
 * occurrences whatever their context.
 */
export function learntEntriesNotInLexicon(docs: readonly DecidedDocument[], lexicon: Lexicon): LexiconEntry[] {
  return learntLexiconEntries(docs).filter((e) => lexicon.entryOf(e.ar)?.label !== e.label);
}
