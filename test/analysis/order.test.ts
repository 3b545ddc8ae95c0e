// inDocumentOrder merges two lists of entities as a stable sort of the two would order them,
// whether they come sorted (the usual case, merged in linear time) or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { byPosition, inDocumentOrder } from '../../server/src/analysis/order';
import type { Entity } from '../../server/src/analysis/types';

const entity = (start: number, length: number, id: string): Entity => ({ id, start, end: start + length, label: 'Location', text: '', source: 'rule' });
const entities = (prefix: string) => fc.array(fc.tuple(fc.nat(20), fc.nat(4)), { maxLength: 30 }).map((a) => a.map(([s, l], k) => entity(s, l, `${prefix}${k}`)));

test('inDocumentOrder gives what a stable sort of both lists gives, sorted or not', () => {
  fc.assert(
    fc.property(entities('a'), entities('b'), fc.boolean(), fc.boolean(), (a, b, sortA, sortB) => {
      const first = sortA ? a.slice().sort(byPosition) : a;
      const second = sortB ? b.slice().sort(byPosition) : b;
      const expected = first.concat(second).sort(byPosition).map((e) => e.id);
      assert.deepEqual(inDocumentOrder(first, second).map((e) => e.id), expected);
    }),
    { numRuns: 500 },
  );
});

test('inDocumentOrder puts the first list’s entity first at the same position', () => {
  const a = [entity(0, 2, 'a0'), entity(5, 1, 'a1')];
  const b = [entity(0, 2, 'b0'), entity(5, 3, 'b1')];
  assert.deepEqual(inDocumentOrder(a, b).map((e) => e.id), ['a0', 'b0', 'b1', 'a1']);
});
