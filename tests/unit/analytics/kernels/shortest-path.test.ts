import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bidirectionalDijkstra, cheapestPath, connected, hopBoundedSearch, labelPath } from '../../../../graph/analytics/kernels/shortest-path.js';
import { allPaths, costed, graphArb, weighted } from './brute-paths.js';

/**
 * a–b 1, b–c 1, a–c 3, c–d 1, and e alone: the cheapest a → c goes through b (2) though the
 * direct tie is one hop (3); a → d costs 3 through b and c.
 */
const ids = ['a', 'b', 'c', 'd', 'e'];
const [A, B, C, D, E] = [0, 1, 2, 3, 4];
const kite = () => costed(ids, [['a', 'b', 1], ['b', 'c', 1], ['a', 'c', 3], ['c', 'd', 1]], 2);
const arc = (csr: { n: number }, u: number, v: number) => u * csr.n + v;

describe('bidirectionalDijkstra', () => {
  it('when a cheaper path has more hops, then it is the one found', () => {
    expect(bidirectionalDijkstra(kite(), 0, [A], [C])).toEqual({ nodes: [A, B, C], cost: 2 });
    expect(bidirectionalDijkstra(kite(), 0, [A], [D])).toEqual({ nodes: [A, B, C, D], cost: 3 });
  });

  it('when a source is a target, then the path is that one person at cost 0', () => {
    expect(bidirectionalDijkstra(kite(), 0, [A, B], [D, B])).toEqual({ nodes: [B], cost: 0 });
  });

  it('when several sources and targets are given, then the cheapest pair wins', () => {
    expect(bidirectionalDijkstra(kite(), 0, [A, D], [B])).toEqual({ nodes: [A, B], cost: 1 });
  });

  it('when the target is out of reach, or every source is banned, then there is no path', () => {
    expect(bidirectionalDijkstra(kite(), 0, [A], [E])).toBeUndefined();
    expect(bidirectionalDijkstra(kite(), 0, [A], [C], { nodes: new Set([A]) })).toBeUndefined();
  });

  it('when a node or an arc in path direction is banned, then the path goes round it; the reverse arc is no ban', () => {
    const csr = kite();
    expect(bidirectionalDijkstra(csr, 0, [A], [C], { nodes: new Set([B]) })).toEqual({ nodes: [A, C], cost: 3 });
    expect(bidirectionalDijkstra(csr, 0, [A], [C], { arcs: new Set([arc(csr, A, B)]) })).toEqual({ nodes: [A, C], cost: 3 });
    expect(bidirectionalDijkstra(csr, 0, [A], [C], { arcs: new Set([arc(csr, B, A)]) })).toEqual({ nodes: [A, B, C], cost: 2 });
  });

  it('when compared with brute force on random small graphs, then its cost is the cheapest simple path’s and its path is a real path of that cost', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges }) => {
        const { csr, adj } = weighted(n, edges);
        const want = allPaths(adj, 0, n - 1, n)[0];
        const got = bidirectionalDijkstra(csr, 0, [0], [n - 1]);
        expect(got?.cost).toBe(want?.cost);
        if (got) {
          expect([got.nodes[0], got.nodes.at(-1)]).toEqual([0, n - 1]);
          expect(got.nodes.slice(1).reduce((s, v, i) => s + adj.get(got.nodes[i]!)!.get(v)!, 0)).toBe(got.cost);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('hopBoundedSearch', () => {
  it('when the cheapest path is too long for the bound, then the cheapest within it is found', () => {
    const csr = kite();
    expect(hopBoundedSearch(csr, 0, [A], 1, {}, (v) => v === C).path).toEqual({ nodes: [A, C], cost: 3 });
    expect(hopBoundedSearch(csr, 0, [A], 2, {}, (v) => v === C).path).toEqual({ nodes: [A, B, C], cost: 2 });
    expect(hopBoundedSearch(csr, 0, [A], 2, {}, (v) => v === D).path).toEqual({ nodes: [A, C, D], cost: 4 });
  });

  it('when no target is given, then the tree holds every person within the bound at their bounded cost, and −1 beyond it', () => {
    const { tree } = hopBoundedSearch(kite(), 0, [A], 2);
    const cost = (v: number) => (tree.best[v] === -1 ? null : labelPath(tree, tree.best[v]!).cost);
    expect([A, B, C, D, E].map(cost)).toEqual([0, 1, 2, 4, null]);
    expect(labelPath(tree, tree.best[D]!).nodes).toEqual([A, C, D]);
  });

  it('when the bound is 0, then only the sources are reached', () => {
    const { tree, path } = hopBoundedSearch(kite(), 0, [A], 0, {}, (v) => v === B);
    expect(path).toBeUndefined();
    expect(Array.from(tree.best).map((l) => l >= 0)).toEqual([true, false, false, false, false]);
  });

  it('when compared with brute force on random small graphs, then the bounded cost of every person is the cheapest simple path within H hops', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges, H }) => {
        const { csr, adj } = weighted(n, edges);
        const { tree } = hopBoundedSearch(csr, 0, [0], H);
        for (let t = 1; t < n; t++) {
          const want = allPaths(adj, 0, t, H)[0];
          expect(tree.best[t] === -1 ? undefined : labelPath(tree, tree.best[t]!).cost).toBe(want?.cost);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('cheapestPath and connected', () => {
  it('when a path fits the bound, then it is given; when only a longer one exists, then none is, but the ends are said to be connected (unbounded)', () => {
    expect(cheapestPath(kite(), 0, [A], [D], 3)).toEqual({ path: { nodes: [A, B, C, D], cost: 3 }, unbounded: true });
    expect(cheapestPath(kite(), 0, [A], [D], 1)).toEqual({ unbounded: true });
    expect(cheapestPath(kite(), 0, [A], [E], 4)).toEqual({ unbounded: false });
  });

  it('when the snapshot is patched, then connectedness follows the new ties', () => {
    const csr = kite();
    expect(connected(csr, [A], [E])).toBe(false);
    expect(csr.addTie(D, E, 1)).toBe(true);
    expect(connected(csr, [A], [E])).toBe(true);
    csr.removeTie(C, D);
    expect(connected(csr, [A], [E])).toBe(false);
    expect(connected(csr, [A, D], [E])).toBe(true);
  });

  it('when people are named like JavaScript built-ins, then they are ordinary nodes', () => {
    const csr = costed(['__proto__', 'constructor', 'hasOwnProperty'], [['__proto__', 'constructor', 1], ['constructor', 'hasOwnProperty', 1]]);
    expect(bidirectionalDijkstra(csr, 0, [0], [2])).toEqual({ nodes: [0, 1, 2], cost: 2 });
  });
});
