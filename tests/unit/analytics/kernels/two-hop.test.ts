import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../../../graph/projection/csr.js';
import { hopBoundedSearch } from '../../../../graph/analytics/kernels/shortest-path.js';
import { twoHopSearch } from '../../../../graph/analytics/kernels/two-hop.js';

const graphArb = fc
  .integer({ min: 2, max: 12 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 20 })), {
        maxLength: 30,
        selector: ([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`),
      }),
      sources: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 4 }),
      ends: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }), { nil: undefined }),
      hops: fc.constantFrom(1 as const, 2 as const),
      // a search on the same snapshot first: its marks must not leak into the next
      before: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }),
    }),
  );

describe('kernels/two-hop', () => {
  it('when compared with the general hop-bounded search on random graphs, then every cost is the same (with ends: theirs, and one-hop costs for the rest), each node reached is listed once, and each path is a real path of that cost', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges, sources, hops, ends, before }) => {
        const ties = edges.filter(([a, b]) => a !== b);
        const csr = buildCsr(Array.from({ length: n }, (_, i) => `n${i}`), ties.map((e) => e[0]), ties.map((e) => e[1]), ties.map((e) => e[2] / 4), ties.length);
        const general = hopBoundedSearch(csr, 0, sources, hops).tree;
        const wanted = ends && new Set(ends);
        const earlier = twoHopSearch(csr, 0, before, 2);
        const fast = twoHopSearch(csr, 0, sources, hops, wanted && ((v) => wanted.has(v)));
        expect(() => earlier.cost(0)).toThrow(/reused/);
        const reachedOnce = new Set(fast.reached);
        expect(reachedOnce.size).toBe(fast.reached.length);
        for (let u = 0; u < n; u++) {
          expect(reachedOnce.has(u)).toBe(fast.cost(u) !== Infinity);
          // With ends, only they are promised their two-hop cost; the others keep at most one hop.
          if (wanted && !wanted.has(u)) {
            const oneHop = hopBoundedSearch(csr, 0, sources, 1).tree;
            expect(fast.cost(u)).toBeCloseTo(oneHop.best[u]! < 0 ? Infinity : oneHop.cost[oneHop.best[u]!]!, 12);
            continue;
          }
          const want = general.best[u]! < 0 ? Infinity : general.cost[general.best[u]!]!;
          expect(fast.cost(u)).toBeCloseTo(want, 12);
          if (fast.cost(u) === Infinity || fast.cost(u) === 0) continue;
          const path = fast.path(u);
          expect(sources).toContain(path[0]);
          expect(path.length - 1).toBeLessThanOrEqual(hops);
          let cost = 0;
          for (let i = 0; i + 1 < path.length; i++) cost += csr.cost(csr.slotOf(path[i]!, path[i + 1]!), 0);
          expect(cost).toBeCloseTo(fast.cost(u), 12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
