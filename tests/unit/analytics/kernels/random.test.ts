import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../graph/analytics/kernels/random.js';

/** The reference: Tommy Ettinger's mulberry32 as published (bryc/code, PRNGs.md), written apart. */
function reference(seed: number): () => number {
  let a = seed;
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const draw = (next: () => number, n: number) => Array.from({ length: n }, () => next());

describe('mulberry32', () => {
  it('when seeded with any 32-bit integer, then it draws the published sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (seed) => {
        expect(draw(mulberry32(seed), 20)).toEqual(draw(reference(seed), 20));
      }),
      { numRuns: 300 },
    );
  });

  it('when two generators share a seed, then they agree; different seeds give different sequences', () => {
    expect(draw(mulberry32(42), 50)).toEqual(draw(mulberry32(42), 50));
    expect(draw(mulberry32(42), 5)).not.toEqual(draw(mulberry32(43), 5));
  });

  it('when drawn many times, then every value is in [0, 1) and the mean is near 1/2', () => {
    const values = draw(mulberry32(7), 20_000);
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    // the standard error of the mean of U(0,1) over 20,000 draws is 0.002: ±0.01 is 5 of them
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });
});
