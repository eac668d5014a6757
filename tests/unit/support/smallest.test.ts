/** smallest(): the first n of a stable sort, without sorting everything. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallest } from '../../../graph/support/smallest.js';

describe('the n smallest items', () => {
  it('when any items are asked for their n smallest, then they are the first n of a stable sort, equal items in the order they came', () => {
    const item = fc.record({ key: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Infinity)), tag: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.integer({ min: -1, max: 45 }), (items, n) => {
        const compare = (a: { key: number }, b: { key: number }) => (a.key === b.key ? 0 : a.key < b.key ? -1 : 1);
        expect(smallest(items, n, compare)).toEqual([...items].sort(compare).slice(0, Math.max(0, n)));
      }),
      { numRuns: 300 },
    );
  });
  it('when the items come from an iterator, then it is read once', () => {
    function* numbers() {
      yield* [5, 3, 9, 1, 7];
    }
    expect(smallest(numbers(), 2, (a, b) => a - b)).toEqual([1, 3]);
  });
});
