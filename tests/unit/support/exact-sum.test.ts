import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum, exactSum } from '../../../graph/support/exact-sum.js';

/** The exact sum rounded once, by BigInt: every double used here is a multiple of 2^-200. */
const SCALE = 2 ** 200;
const reference = (values: number[]) => Number(values.reduce((s, v) => s + BigInt(v * SCALE), 0n)) / SCALE + 0;

const amount = fc.oneof(
  fc.integer({ min: 0, max: 100_000_000 }).map((cents) => cents / 100),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 2 ** -140),
);

describe('exactSum', () => {
  it('when money is summed, then the answer is the exact sum rounded once, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 30 }), fc.infiniteStream(fc.nat()), (values, seeds) => {
        const shuffled = values.map((v) => [seeds.next().value, v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
        expect(exactSum(values)).toBe(reference(values));
        expect(exactSum(shuffled)).toBe(exactSum(values));
      }),
      { numRuns: 500 },
    );
  });

  it('when terms are added and some taken back, then the total is that of the terms kept, with no residue', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 20 }), fc.array(fc.boolean(), { maxLength: 20 }), (values, drop) => {
        const running = new ExactSum();
        for (const v of values) running.add(v);
        const kept = values.filter((v, i) => {
          if (!drop[i]) return true;
          running.add(-v);
          return false;
        });
        expect(running.value).toBe(reference(kept));
      }),
      { numRuns: 500 },
    );
  });

  it('when 0.1, 0.2 and 0.7 are summed in two orders, then both give the nearest double to 1, and taking 100.1 back from 100.1 + 0.2 leaves 0.2', () => {
    expect(0.1 + 0.2 + 0.7).not.toBe(0.7 + 0.2 + 0.1);
    expect([exactSum([0.1, 0.2, 0.7]), exactSum([0.7, 0.2, 0.1])]).toEqual([1, 1]);
    expect(new ExactSum().add(100.1).add(0.2).add(-100.1).value).toBe(0.2);
    expect(Object.is(new ExactSum().add(-0).value, 0)).toBe(true);
  });
});
