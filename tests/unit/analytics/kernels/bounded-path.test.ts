import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedCheapestPath } from '../../../../graph/analytics/kernels/bounded-path.js';
import { allPaths, costed, graphArb, weighted } from './brute-paths.js';

/** A ring a–b–c–d–e–a of cost 1 each, and a costly chord a–c of 5. */
const ring = () => costed(['a', 'b', 'c', 'd', 'e'], [['a', 'b', 1], ['b', 'c', 1], ['c', 'd', 1], ['d', 'e', 1], ['e', 'a', 1], ['a', 'c', 5]]);

describe('boundedCheapestPath', () => {
  it('when the bound allows the cheap long way, then it is taken; when it does not, then the costly short one', () => {
    expect(boundedCheapestPath(ring(), 0, [0], [2], 2)).toEqual({ nodes: [0, 1, 2], cost: 2 });
    expect(boundedCheapestPath(ring(), 0, [0], [2], 1)).toEqual({ nodes: [0, 2], cost: 5 });
  });

  it('when the bound is odd or even, then the middle splits either way and the answer is the same optimum', () => {
    // a → d: a–e–d costs 2 in 2 hops, a–b–c–d 3 in 3 hops
    for (const H of [2, 3, 4, 5]) expect(boundedCheapestPath(ring(), 0, [0], [3], H)).toEqual({ nodes: [0, 4, 3], cost: 2 });
  });

  it('when a node or an arc in path direction is banned, then the path avoids it', () => {
    const csr = ring();
    expect(boundedCheapestPath(csr, 0, [0], [3], 4, { nodes: new Set([4]) })).toEqual({ nodes: [0, 1, 2, 3], cost: 3 });
    expect(boundedCheapestPath(csr, 0, [0], [3], 4, { arcs: new Set([0 * csr.n + 4]) })).toEqual({ nodes: [0, 1, 2, 3], cost: 3 });
    expect(boundedCheapestPath(csr, 0, [0], [3], 4, { arcs: new Set([4 * csr.n + 0]) })).toEqual({ nodes: [0, 4, 3], cost: 2 });
  });

  it('when nothing is within the bound or reachable, then there is no path; a source that is a target is the path of one', () => {
    expect(boundedCheapestPath(ring(), 0, [0], [3], 1)).toBeUndefined();
    expect(boundedCheapestPath(costed(['a', 'b'], []), 0, [0], [1], 6)).toBeUndefined();
    expect(boundedCheapestPath(ring(), 0, [0], [0], 3)).toEqual({ nodes: [0], cost: 0 });
  });

  it('when compared with brute force on random small graphs, then its cost is the cheapest simple path within H hops and its path is real', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges, H }) => {
        const { csr, adj } = weighted(n, edges);
        const want = allPaths(adj, 0, n - 1, H)[0];
        const got = boundedCheapestPath(csr, 0, [0], [n - 1], H);
        expect(got?.cost).toBe(want?.cost);
        if (got) {
          expect(got.nodes.length - 1).toBeLessThanOrEqual(H);
          expect(got.nodes.slice(1).reduce((s, v, i) => s + adj.get(got.nodes[i]!)!.get(v)!, 0)).toBe(got.cost);
        }
      }),
      { numRuns: 300 },
    );
  });
});
