import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../../../graph/projection/csr.js';
import { yenKPaths } from '../../../../graph/analytics/kernels/yen.js';
import { boundedCheapestPath } from '../../../../graph/analytics/kernels/bounded-path.js';
import { bidirectionalDijkstra } from '../../../../graph/analytics/kernels/shortest-path.js';

/** Every simple path s → t with ≤ H hops, by brute force. */
function allPaths(n: number, adj: Map<number, Map<number, number>>, s: number, t: number, H: number): { nodes: number[]; cost: number }[] {
  const out: { nodes: number[]; cost: number }[] = [];
  const walk = (path: number[], cost: number) => {
    const u = path[path.length - 1]!;
    if (u === t) return void out.push({ nodes: [...path], cost });
    if (path.length - 1 === H) return;
    for (const [v, c] of adj.get(u) ?? []) if (!path.includes(v)) walk([...path, v], cost + c);
  };
  walk([s], 0);
  return out.sort((a, b) => a.cost - b.cost);
}

const graphArb = fc
  .integer({ min: 2, max: 8 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 20 })), {
        maxLength: 20,
        selector: ([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`),
      }),
      H: fc.integer({ min: 1, max: 6 }),
      k: fc.integer({ min: 1, max: 5 }),
    }),
  );

describe('kernels/yen', () => {
  it('when compared with brute force on random small graphs, then the k paths are loopless, within maxHops and the k cheapest', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges, H, k }) => {
        const ties = edges.filter(([a, b]) => a !== b);
        const adj = new Map<number, Map<number, number>>();
        for (const [a, b, c] of ties) {
          (adj.get(a) ?? adj.set(a, new Map()).get(a)!).set(b, c / 4);
          (adj.get(b) ?? adj.set(b, new Map()).get(b)!).set(a, c / 4);
        }
        const csr = buildCsr(Array.from({ length: n }, (_, i) => `n${i}`), ties.map((e) => e[0]), ties.map((e) => e[1]), ties.map((e) => e[2] / 4), ties.length);
        const want = allPaths(n, adj, 0, n - 1, H);
        const got = yenKPaths(csr, 0, 0, [n - 1], k, H).paths;
        expect(got.map((p) => p.cost)).toEqual(want.slice(0, k).map((p) => p.cost));
        for (const p of got) {
          expect(new Set(p.nodes).size).toBe(p.nodes.length);
          expect(p.nodes.length - 1).toBeLessThanOrEqual(H);
        }
        const best = boundedCheapestPath(csr, 0, [0], [n - 1], H);
        expect(best?.cost).toBe(want[0]?.cost);
        const free = bidirectionalDijkstra(csr, 0, [0], [n - 1]);
        const unbounded = allPaths(n, adj, 0, n - 1, n);
        expect(free?.cost).toBe(unbounded[0]?.cost);
      }),
      { numRuns: 300 },
    );
  });
});
