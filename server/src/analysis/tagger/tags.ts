// The tagger's tags: IOB2 over ANERcorp's four types. MISC is learned (it
// keeps the model from calling a miscellaneous name a person) but never
// suggested: Iltizam has no such label.
export const TAGS = ['O', 'B-PERS', 'I-PERS', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export const TAG_COUNT = TAGS.length;
export const OUTSIDE = 0;

/** The Iltizam label of each type (MISC has none). */
export const LABEL_OF_TYPE: Record<string, string | undefined> = { PERS: 'Person', LOC: 'Location', ORG: 'Organization', MISC: undefined };

export const typeOf = (tag: number): string => (tag === OUTSIDE ? '' : TAGS[tag].slice(2));
export const isBegin = (tag: number): boolean => TAGS[tag].startsWith('B-');
export const isInside = (tag: number): boolean => TAGS[tag].startsWith('I-');

/** The index of a tag written as text (PER and PERSON read as PERS); O for anything unknown. */
export function tagIndex(tag: string): number {
  const m = /^([BI])-(.+)$/.exec(tag);
  if (!m) return OUTSIDE;
  const type = m[2] === 'PER' || m[2] === 'PERSON' ? 'PERS' : m[2];
  const k = (TAGS as readonly string[]).indexOf(`${m[1]}-${type}`);
  return k < 0 ? OUTSIDE : k;
}

/** Whether tag `next` may follow tag `prev` (-1: the start): I-X only after B-X or I-X. */
export function allowed(prev: number, next: number): boolean {
  if (!isInside(next)) return true;
  return prev >= 0 && prev !== OUTSIDE && typeOf(prev) === typeOf(next);
}
