import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexOfSorted, upperBound } from '../../../graph/support/bisect.js';

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

  it('when asked for the place after a key in an ascending list of numbers or strings (repeats included), then it is the first element above it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 })), fc.integer({ min: -25, max: 25 }), (xs, x) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const want = (i: number) => (i < 0 ? sorted.length : i);
        expect(upperBound(sorted, x)).toBe(want(sorted.findIndex((y) => y > x)));
        expect(upperBound(Float64Array.from(sorted), x)).toBe(want(sorted.findIndex((y) => y > x)));
        const words = sorted.map((y) => String.fromCharCode(100 + y));
        const key = String.fromCharCode(100 + x);
        expect(upperBound(words, key)).toBe(want(words.findIndex((w) => w > key)));
      }),
      { numRuns: 500 },
    );
  });
});
