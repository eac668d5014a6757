/**
 * LouvainInput stands in for a graphology graph: on any graph, Louvain over it must give exactly
 * what Louvain gives over a graphology graph built with the same nodes and edges in the same order.
 */
import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../graph/analytics/kernels/random.js';
import { LouvainInput } from '../../../graph/analytics/louvain-input.js';

type Louvain = typeof louvainModule.default;
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

/** n nodes and distinct non-loop edges, as rank pairs in the order drawn. */
const graphs = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc
    .uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).filter(([a, b]) => a !== b), {
      minLength: 1,
      maxLength: 120,
      selector: ([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`),
    })
    .map((edges) => ({ n, edges })),
);

describe('LouvainInput', () => {
  it('when Louvain runs on it, then the communities equal those on the same graphology graph', () => {
    fc.assert(
      fc.property(graphs, fc.integer(), ({ n, edges }, seed) => {
        const keys = Array.from({ length: n }, (_, r) => `n${r}`);
        const reference = new UndirectedGraph();
        for (const k of keys) reference.addNode(k);
        for (const [a, b] of edges) reference.addEdge(keys[a]!, keys[b]!);
        const input = new LouvainInput(keys, Int32Array.from(edges.flat()));
        const expected = louvain.detailed(reference, { getEdgeWeight: null, rng: mulberry32(seed) });
        const got = louvain.detailed(input.asGraph(), { getEdgeWeight: null, rng: mulberry32(seed) });
        expect(got.communities).toEqual(expected.communities);
        expect(got.modularity).toBe(expected.modularity);
        expect(got.count).toBe(expected.count);
      }),
      { numRuns: 200 },
    );
  });

  it('when its nodes are keyed by their ranks, then the communities equal those on the graphology graph keyed by the same ranks', () => {
    fc.assert(
      fc.property(graphs, fc.integer(), ({ n, edges }, seed) => {
        const reference = new UndirectedGraph();
        for (let r = 0; r < n; r++) reference.addNode(String(r));
        for (const [a, b] of edges) reference.addEdge(String(a), String(b));
        const input = LouvainInput.ofRanks(n, Int32Array.from(edges.flat()));
        const expected = louvain.detailed(reference, { getEdgeWeight: null, rng: mulberry32(seed) });
        const got = louvain.detailed(input.asGraph(), { getEdgeWeight: null, rng: mulberry32(seed) });
        expect(Object.entries(got.communities)).toEqual(Object.entries(expected.communities));
        expect(got.modularity).toBe(expected.modularity);
        expect(got.count).toBe(expected.count);
        expect(input.undirectedDegreeWithoutSelfLoops(0)).toBe(reference.degree('0'));
      }),
      { numRuns: 200 },
    );
  });

  it('when asked to change, then it refuses (Louvain only reads its input)', () => {
    const input = new LouvainInput(['a', 'b'], Int32Array.from([0, 1]));
    expect(() => input.addUndirectedEdgeWithKey()).toThrow(/read-only/);
    expect(() => input.dropNode()).toThrow(/read-only/);
    expect(input.undirectedDegreeWithoutSelfLoops('a')).toBe(1);
  });
});
