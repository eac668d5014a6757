import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../../../graph/projection/csr.js';
import { brandesFromSources } from '../../../../graph/analytics/kernels/brandes.js';
import { brandesInBreadthFirstOrder, renumberBreadthFirst } from '../../../../graph/analytics/kernels/locality.js';

/** A snapshot of n people and the given undirected ties (with the builder's slack). */
const graph = (n: number, ties: [number, number][]) =>
  buildCsr(Array.from({ length: n }, (_, i) => `n${i}`), ties.map((e) => e[0]), ties.map((e) => e[1]), ties.map(() => 1), ties.length);

const arcs = (g: { n: number; start: Int32Array; deg: Int32Array; targets: Int32Array }, map = (u: number) => u) => {
  const out: string[] = [];
  for (let u = 0; u < g.n; u++) for (let e = g.start[u]!; e < g.start[u]! + g.deg[u]!; e++) out.push(`${map(u)}>${map(g.targets[e]!)}`);
  return out.sort();
};

/** Simple undirected graphs on 2 to 12 nodes, possibly disconnected, with isolated people. */
const simpleGraphs = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc
    .uniqueArray(
      fc.tuple(fc.nat(n - 2), fc.nat(n - 2)).map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b) + 1]),
      { selector: ([a, b]) => `${a}-${b}`, maxLength: 30 },
    )
    .map((ties) => ({ n, ties })),
);

describe('breadth-first renumbering', () => {
  it('when a star is renumbered, then its centre (the best-connected person) comes first and its leaves next', () => {
    const { graph: g, newOf } = renumberBreadthFirst(graph(5, [[3, 0], [3, 1], [3, 2], [3, 4]]));
    expect(newOf[3]).toBe(0);
    expect(g.deg[0]).toBe(4);
    expect(Array.from(g.targets.subarray(g.start[0], g.start[0]! + 4))).toEqual([1, 2, 3, 4]);
  });
  it('when any graph is renumbered, then it is the same graph: every arc maps to an arc, with none lost or added, and each node once', () => {
    fc.assert(
      fc.property(simpleGraphs, ({ n, ties }) => {
        const csr = graph(n, ties);
        const { graph: g, newOf } = renumberBreadthFirst(csr);
        expect([...newOf].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(arcs(g)).toEqual(arcs(csr, (u) => newOf[u]!));
      }),
    );
  });
  it('when Brandes runs in breadth-first numbering, then the sums in the old numbering equal the plain kernel, components and isolated people included', () => {
    fc.assert(
      fc.property(simpleGraphs, ({ n, ties }) => {
        const csr = graph(n, ties);
        const sources = Array.from({ length: n }, (_, u) => u).filter((u) => u % 2 === 0);
        const plain = brandesFromSources(csr, sources);
        const local = brandesInBreadthFirstOrder(csr, sources);
        for (let u = 0; u < n; u++) expect(local[u]!).toBeCloseTo(plain[u]!, 9);
      }),
    );
  });
});
