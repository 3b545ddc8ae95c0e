// Entities in document order: by start, the longer first at the same start.
import type { Entity } from './types';

export const byPosition = (a: Entity, b: Entity): number => a.start - b.start || b.end - a.end;

/**
 * The two lists as one sorted by position, as a stable sort of the first then the second gives it.
 * They usually come sorted each: then they are merged (the first's first at equal position), in linear time.
 */
export function inDocumentOrder(first: Entity[], second: Entity[]): Entity[] {
  if (!isSorted(first)) return first.concat(second).sort(byPosition);
  const rest = isSorted(second) ? second : second.slice().sort(byPosition);
  const all: Entity[] = new Array(first.length + rest.length);
  let k = 0;
  let m = 0;
  for (let out = 0; out < all.length; out++) all[out] = m >= rest.length || (k < first.length && byPosition(first[k], rest[m]) <= 0) ? first[k++] : rest[m++];
  return all;
}

function isSorted(list: readonly Entity[]): boolean {
  for (let k = 1; k < list.length; k++) if (byPosition(list[k - 1], list[k]) > 0) return false;
  return true;
}
