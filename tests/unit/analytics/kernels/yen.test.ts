import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ballArcs } from '../../../../graph/analytics/kernels/target-bounds.js';
import { yenKPaths } from '../../../../graph/analytics/kernels/yen.js';
import { buildCsr } from '../../../../graph/projection/csr.js';
import { allPaths, graphArb, weighted, type Adjacency } from './brute-paths.js';

/** Every simple path from s that ends at the first target it reaches, with ≤ H hops, cheapest first. */
function toFirstTarget(adj: Adjacency, s: number, targets: Set<number>, H: number): { nodes: number[]; cost: number }[] {
  const out: { nodes: number[]; cost: number }[] = [];
  const walk = (path: number[], cost: number) => {
    const u = path[path.length - 1]!;
    if (targets.has(u)) return void out.push({ nodes: [...path], cost });
    if (path.length - 1 === H) return;
    for (const [v, c] of adj.get(u) ?? []) if (!path.includes(v)) walk([...path, v], cost + c);
  };
  walk([s], 0);
  return out.sort((a, b) => a.cost - b.cost);
}

/** Random graphs of up to 10 nodes (zero costs included), several targets, maxHops up to 8, k up to 5. */
const deepArb = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 20 })), {
      maxLength: 24,
      selector: ([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`),
    }),
    targets: fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    H: fc.integer({ min: 1, max: 8 }),
    k: fc.integer({ min: 1, max: 5 }),
  }),
);

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

  it('when compared with brute force on random graphs with several targets, zero costs and maxHops up to 8, then the k paths are distinct, real, end at their first target and are the k cheapest', () => {
    fc.assert(
      fc.property(deepArb, ({ n, edges, targets, H, k }) => {
        const { csr, adj } = weighted(n, edges);
        const want = toFirstTarget(adj, 0, new Set(targets), H);
        const got = yenKPaths(csr, 0, 0, targets, k, H).paths;
        expect(got.map((p) => p.cost)).toEqual(want.slice(0, k).map((p) => p.cost));
        expect(new Set(got.map((p) => p.nodes.join(','))).size).toBe(got.length);
        for (const p of got) {
          expect(new Set(p.nodes).size).toBe(p.nodes.length);
          expect(p.nodes.length - 1).toBeLessThanOrEqual(H);
          expect(p.nodes.slice(0, -1).some((v) => targets.includes(v))).toBe(false);
          expect(targets).toContain(p.nodes.at(-1));
          expect(p.nodes.slice(1).reduce((s, v, i) => s + adj.get(p.nodes[i]!)!.get(v)!, 0)).toBe(p.cost);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('when ties of full strength (cost 0) let paths of different lengths cost exactly the same, then of equal costs the fewer hops come first, k = 1 included (brute force)', () => {
    // Each other tie costs its own power of two: two paths cost the same only through free ties.
    fc.assert(
      fc.property(deepArb, fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), ({ n, edges, targets, H, k }, free) => {
        const priced = edges.map(([a, b], i): [number, number, number] => [a, b, free[i] ? 0 : 2 ** i]);
        const { csr, adj } = weighted(n, priced);
        const want = toFirstTarget(adj, 0, new Set(targets), H).sort((a, b) => a.cost - b.cost || a.nodes.length - b.nodes.length);
        const got = yenKPaths(csr, 0, 0, targets, k, H).paths;
        const shape = (ps: { nodes: number[]; cost: number }[]) => ps.map((p) => `${p.cost}/${p.nodes.length - 1}`);
        expect(shape(got)).toEqual(shape(want.slice(0, k)));
      }),
      { numRuns: 500 },
    );
  });

  it('when the targets have more arcs than a hop ball reads (no backward search), then the k paths are still the k cheapest to the first target', () => {
    fc.assert(
      fc.property(deepArb, fc.integer({ min: 0, max: 20 }), ({ n, edges, targets, H, k }, leafCost) => {
        // Dead-end leaves on the targets: on no path (a path ends at its first target), but their
        // arcs put the targets past the ball's budget.
        const { adj } = weighted(n, edges);
        const ties = edges.filter(([a, b]) => a !== b);
        const leaves = ballArcs(H) + 1;
        const us = [...ties.map((e) => e[0]), ...Array.from({ length: leaves }, (_, i) => targets[i % targets.length]!)];
        const vs = [...ties.map((e) => e[1]), ...Array.from({ length: leaves }, (_, i) => n + i)];
        const cs = [...ties.map((e) => e[2] / 4), ...new Array<number>(leaves).fill(leafCost / 4)];
        const csr = buildCsr(Array.from({ length: n + leaves }, (_, i) => `n${i}`), us, vs, cs, us.length);
        const want = toFirstTarget(adj, 0, new Set(targets), H);
        const got = yenKPaths(csr, 0, 0, targets, k, H).paths;
        expect(got.map((p) => p.cost)).toEqual(want.slice(0, k).map((p) => p.cost));
        for (const p of got) {
          expect(new Set(p.nodes).size).toBe(p.nodes.length);
          expect(p.nodes.length - 1).toBeLessThanOrEqual(H);
          expect(targets).toContain(p.nodes.at(-1));
        }
      }),
      { numRuns: 150 },
    );
  });
});
