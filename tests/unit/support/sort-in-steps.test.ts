/** graph/support/sort-in-steps.ts: the order of Array.prototype.sort (stable), reached in steps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortInSteps } from '../../../graph/support/sort-in-steps.js';
import { runAtOnce } from '../../../graph/support/time-slices.js';

describe('sortInSteps', () => {
  it('when any array is sorted by any comparator with ties, then the result is Array.prototype.sort’s (stable), and the input is left as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.nat(1000))), fc.integer({ min: 1, max: 50 }), (items, step) => {
        const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
        const before = items.slice();
        expect(runAtOnce(sortInSteps(items, byKey, step))).toEqual(items.slice().sort(byKey));
        expect(items).toEqual(before);
      }),
    );
  });

  it('when 10,000 items are sorted in steps of 100 comparisons, then it yields between them: about n log n / 100 times', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
    const steps = sortInSteps(items, (a, b) => a - b, 100);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(r.value).toEqual(items.slice().sort((a, b) => a - b));
    // 10,000 · log2(10,000) ≈ 133,000 comparisons at most, at least half that for a shuffled input.
    expect(yields).toBeGreaterThan(600);
    expect(yields).toBeLessThan(1400);
  });
});
