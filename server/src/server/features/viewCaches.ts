// Lookups over a whole view that the hover card and the outline make on
// every request, remembered: a view is not changed once made (an edit or a
// decision makes a new one), so they are computed once per view. (entityKey
// itself is cheap on repeated names: foldForSearch remembers its folds.)
import { entityKey } from '../../corpus/corpusIndex';

interface Keyed {
  kb?: string;
  label: string;
  text: string;
}

const countsByView = new WeakMap<object, Map<string, number>>();

/**
 * How many entities of the view have this key: view.entities.filter((x) =>
 * entityKey(x) === key).length, counted once per view (a view is not changed
 * once made: an edit or a decision makes a new one).
 */
export function mentionCount(view: { entities: readonly Keyed[] }, key: string): number {
  let counts = countsByView.get(view);
  if (!counts) {
    counts = new Map();
    for (const x of view.entities) {
      const k = entityKey(x);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    countsByView.set(view, counts);
  }
  return counts.get(key) ?? 0;
}

const byIdByView = new WeakMap<object, Map<string, unknown>>();

/** new Map(view.entities.map((e) => [e.id, e])), made once per view. */
export function entitiesById<E extends { id: string }>(view: { entities: readonly E[] }): Map<string, E> {
  let byId = byIdByView.get(view) as Map<string, E> | undefined;
  if (!byId) {
    byId = new Map(view.entities.map((e) => [e.id, e]));
    byIdByView.set(view, byId);
  }
  return byId;
}
