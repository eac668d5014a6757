/** graph/support/time-slices.ts: slices yield, and their budget shrinks when a slice overran and recovers when slices keep to it. */
import { describe, expect, it } from 'vitest';
import { MIN_SLICE_MS, runInSlices, SLICE_MS, TimeSlicer, type Steps } from '../../../graph/support/time-slices.js';

describe('TimeSlicer', () => {
  it('when a slice overran its budget, then the next budgets halve down to the minimum', () => {
    const slicer = new TimeSlicer();
    expect(slicer.budgetMs).toBe(SLICE_MS);
    slicer.adapt(100);
    expect(slicer.budgetMs).toBe(SLICE_MS / 2);
    for (let i = 0; i < 20; i++) slicer.adapt(100);
    expect(slicer.budgetMs).toBe(MIN_SLICE_MS);
  });

  it('when slices keep to their budget again, then it grows back to SLICE_MS and no further', () => {
    const slicer = new TimeSlicer();
    for (let i = 0; i < 20; i++) slicer.adapt(100);
    const budgets: number[] = [];
    for (let i = 0; i < 20; i++) {
      slicer.adapt(slicer.budgetMs);
      budgets.push(slicer.budgetMs);
    }
    expect(budgets.every((b, i) => i === 0 || b >= budgets[i - 1]!)).toBe(true);
    expect(budgets.at(-1)).toBe(SLICE_MS);
  });

  it('when work is run in slices while a slice overruns, then the event loop still gets turns and the budget shrinks', async () => {
    const slicer = new TimeSlicer();
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    function* busy(): Steps<number> {
      let n = 0;
      const until = performance.now() + 150;
      while (performance.now() < until) {
        const stepEnd = performance.now() + 3 * SLICE_MS; // each step alone overruns a slice
        while (performance.now() < stepEnd);
        n++;
        yield;
      }
      return n;
    }
    const steps = await runInSlices(busy(), slicer);
    clearInterval(timer);
    expect(steps).toBeGreaterThan(1);
    expect(turns).toBeGreaterThan(0);
    expect(slicer.budgetMs).toBeLessThan(SLICE_MS);
  });
});
