import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guidedPath } from '../../../../graph/analytics/kernels/guided-path.js';
import { TargetBounds } from '../../../../graph/analytics/kernels/target-bounds.js';
import { allPaths, costed, weighted } from './brute-paths.js';

/** Random small graphs (zero costs included), hop bounds up to 8, a spur root of banned nodes and banned arcs out of the start. */
const spurArb = fc.integer({ min: 3, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 20 })), {
      maxLength: 22,
      selector: ([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`),
    }),
    H: fc.integer({ min: 1, max: 8 }),
    start: fc.integer({ min: 0, max: n - 2 }),
    banned: fc.uniqueArray(fc.integer({ min: 0, max: n - 2 }), { maxLength: 3 }),
    arcsOut: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
  }),
);

describe('guidedPath', () => {
  it('when compared with brute force on random graphs with bans, then its cost is the cheapest allowed simple path within H hops and its path is real', () => {
    fc.assert(
      fc.property(spurArb, ({ n, edges, H, start, banned, arcsOut }) => {
        const { csr, adj } = weighted(n, edges);
        const t = n - 1;
        const nodes = new Set(banned.filter((b) => b !== start));
        const arcs = new Set(arcsOut.map((w) => start * n + w));
        // The bounds start from node 0 (the query's source) and the search from a node on a path from it.
        const lead = start === 0 ? [0] : allPaths(adj, 0, start, H)[0]?.nodes;
        if (!lead) return;
        const left = H - (lead.length - 1);
        const bounds = new TargetBounds(csr, 0, 0, [t], H);
        const got = guidedPath(csr, 0, bounds, start, left, (v) => v === t, { nodes, arcs });
        const allowed = new Map([...adj].filter(([u]) => !nodes.has(u)).map(([u, out]) => [u, new Map([...out].filter(([v]) => !nodes.has(v) && !(u === start && arcs.has(u * n + v))))]));
        const want = nodes.has(start) ? undefined : allPaths(allowed, start, t, left)[0];
        expect(got?.cost).toBe(want?.cost);
        if (got) {
          expect(got.nodes[0]).toBe(start);
          expect(got.nodes.at(-1)).toBe(t);
          expect(new Set(got.nodes).size).toBe(got.nodes.length);
          expect(got.nodes.length - 1).toBeLessThanOrEqual(left);
          expect(got.nodes.slice(1).reduce((s, v, i) => s + allowed.get(got.nodes[i]!)!.get(v)!, 0)).toBe(got.cost);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('when the cheap way is longer than the bound allows, then the costly short one is found; a start that is a target is the path of one', () => {
    const ring = costed(['a', 'b', 'c', 'd', 'e'], [['a', 'b', 1], ['b', 'c', 1], ['c', 'd', 1], ['d', 'e', 1], ['e', 'a', 1], ['a', 'c', 5]]);
    const isC = (v: number) => v === 2;
    expect(guidedPath(ring, 0, new TargetBounds(ring, 0, 0, [2], 2), 0, 2, isC)).toEqual({ nodes: [0, 1, 2], cost: 2 });
    expect(guidedPath(ring, 0, new TargetBounds(ring, 0, 0, [2], 1), 0, 1, isC)).toEqual({ nodes: [0, 2], cost: 5 });
    expect(guidedPath(ring, 0, new TargetBounds(ring, 0, 2, [2], 3), 2, 3, isC)).toEqual({ nodes: [2], cost: 0 });
  });

  it('when the target has hundreds of cheap ties off the way, then the backward search stops growing once it has read more arcs than the forward one', () => {
    // s–b–t costs 2; t's 300 ties cost 0.1 each and lead back to s only through c, tied to s at 100.
    const leaves = Array.from({ length: 300 }, (_, i) => `leaf${i}`);
    const ties: [string, string, number][] = [['s', 'b', 1], ['b', 't', 1], ['s', 'c', 100], ...leaves.flatMap((l): [string, string, number][] => [['t', l, 0.1], [l, 'c', 0.1]])];
    const csr = costed(['s', 'b', 't', 'c', ...leaves], ties);
    const bounds = new TargetBounds(csr, 0, 0, [2], 4);
    expect(guidedPath(csr, 0, bounds, 0, 4, (v) => v === 2)).toEqual({ nodes: [0, 1, 2], cost: 2 });
    // Settling t reads its 301 arcs; every leaf settled would read one more, every forward state its own.
    expect(bounds.forwardReads).toBeLessThan(10);
    expect(bounds.backwardReads).toBeLessThan(350);
  });
});
