import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexOfSorted } from '../../../graph/support/bisect.js';

describe('support/bisect', () => {
  it('when asked for any number in or out of an ascending list (plain or typed), then it gives its place there, or −1', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (xs, x) => {
        const sorted = [...xs].sort((a, b) => a - b);
        expect(indexOfSorted(sorted, x)).toBe(sorted.indexOf(x));
        expect(indexOfSorted(Int32Array.from(sorted), x)).toBe(sorted.indexOf(x));
      }),
      { numRuns: 500 },
    );
  });
});
