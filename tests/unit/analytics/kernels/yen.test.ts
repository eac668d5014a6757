import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yenKPaths } from '../../../../graph/analytics/kernels/yen.js';
import { allPaths, graphArb, weighted } from './brute-paths.js';

describe('kernels/yen', () => {
  it('when compared with brute force on random small graphs, then the k paths are loopless, within maxHops and the k cheapest', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges, H, k }) => {
        const { csr, adj } = weighted(n, edges);
        const want = allPaths(adj, 0, n - 1, H);
        const got = yenKPaths(csr, 0, 0, [n - 1], k, H).paths;
        expect(got.map((p) => p.cost)).toEqual(want.slice(0, k).map((p) => p.cost));
        for (const p of got) {
          expect(new Set(p.nodes).size).toBe(p.nodes.length);
          expect(p.nodes.length - 1).toBeLessThanOrEqual(H);
        }
      }),
      { numRuns: 300 },
    );
  });
});
