/**
 * louvainPartition must be graphology-communities-louvain, move for move: on any graph, the same
 * communities, count and modularity, bit for bit, as the library's detailed run on a graphology
 * graph built with the same nodes and edges in the same order and the same random numbers.
 */
import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { describe, expect, it } from 'vitest';
import { louvainPartition, type RankGraph } from '../../../../graph/analytics/kernels/louvain.js';
import { mulberry32 } from '../../../../graph/analytics/kernels/random.js';

type Louvain = typeof louvainModule.default;
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

/** A graph of ranks and its ties, each once as (lower rank, higher rank), in ascending order. */
interface Ties {
  n: number;
  pairs: [number, number][];
}

function rankTies(n: number, pairs: readonly (readonly [number, number])[]): Ties {
  return { n, pairs: pairs.map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a])).sort((x, y) => x[0] - y[0] || x[1] - y[1]) };
}

/** The kernel's input: each rank's neighbours, highest rank first. */
function rankGraph({ n, pairs }: Ties): RankGraph {
  const lists = Array.from({ length: n }, () => [] as number[]);
  for (const [a, b] of pairs) {
    lists[a]!.push(b);
    lists[b]!.push(a);
  }
  const start = new Int32Array(n + 1);
  lists.forEach((l, r) => (start[r + 1] = start[r]! + l.length));
  return { n, start, neighbours: Int32Array.from(lists.flatMap((l) => l.sort((x, y) => y - x))) };
}

const ours = (g: Ties, seed: number) => louvainPartition(rankGraph(g), mulberry32(seed));

/** The library on a graphology graph: nodes in rank order, ties in ascending order. */
function libraryRun(g: Ties, seed: number) {
  const reference = new UndirectedGraph();
  for (let r = 0; r < g.n; r++) reference.addNode(String(r));
  for (const [a, b] of g.pairs) reference.addEdge(String(a), String(b));
  const d = louvain.detailed(reference, { getEdgeWeight: null, rng: mulberry32(seed) });
  return { community: Array.from({ length: g.n }, (_, r) => d.communities[String(r)]), count: d.count, modularity: d.modularity };
}

/** Newman's Q of a partition, from its definition. */
function modularityOf(g: Ties, community: Int32Array): number {
  const m = g.pairs.length;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  for (const [x, y] of g.pairs) {
    const a = community[x]!;
    const b = community[y]!;
    if (a === b) inside.set(a, (inside.get(a) ?? 0) + 1);
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
  }
  let q = 0;
  for (const [c, d] of degree) q += (inside.get(c) ?? 0) / m - (d / (2 * m)) ** 2;
  return q;
}

/** n nodes and distinct non-loop ties; `dense` graphs fold over several levels. */
const graphs = (maxN: number, maxTies: number) =>
  fc.integer({ min: 2, max: maxN }).chain((n) =>
    fc
      .uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).filter(([a, b]) => a !== b), {
        minLength: 1,
        maxLength: maxTies,
        selector: ([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`),
      })
      .map((pairs) => rankTies(n, pairs)),
  );

/** The library's answer is wrong when 2m is 256 or 65,536 (its narrowest arrays wrap): not a reference there. */
const libraryHolds = (g: Ties) => g.pairs.length !== 128 && g.pairs.length !== 32768;

describe('louvainPartition', () => {
  it('when run on any graph, then its communities, count and modularity are the library’s, bit for bit', () => {
    fc.assert(
      fc.property(graphs(40, 120), fc.integer(), (g, seed) => {
        const got = ours(g, seed);
        const theirs = libraryRun(g, seed);
        expect(Array.from(got.community)).toEqual(theirs.community);
        expect(got.count).toBe(theirs.count);
        expect(got.modularity).toBe(theirs.modularity);
      }),
      { numRuns: 300 },
    );
  });

  it('when the graph is larger and denser (several levels folded), then it still equals the library', () => {
    fc.assert(
      fc.property(graphs(300, 900).filter(libraryHolds), fc.integer(), (g, seed) => {
        const got = ours(g, seed);
        const theirs = libraryRun(g, seed);
        expect(Array.from(got.community)).toEqual(theirs.community);
        expect(got.modularity).toBe(theirs.modularity);
      }),
      { numRuns: 60 },
    );
  });

  it('when two cliques are joined by one tie, then each clique is a community and Q is the definition’s', () => {
    const pairs: [number, number][] = [];
    for (const base of [0, 5]) for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) pairs.push([base + a, base + b]);
    pairs.push([4, 5]);
    const g = rankTies(10, pairs);
    const p = ours(g, 1);
    expect(p.count).toBe(2);
    expect(new Set(p.community.subarray(0, 5)).size).toBe(1);
    expect(new Set(p.community.subarray(5)).size).toBe(1);
    expect(p.community[0]).not.toBe(p.community[5]);
    expect(p.modularity).toBeCloseTo(modularityOf(g, p.community), 12);
  });

  it('when the graph has exactly 128 ties (where the library’s arrays wrap), then the answer is still a right partition', () => {
    // 16 disjoint 8-person rings with one chord each: 16 × 8 = 128 ties, 16 obvious communities
    const pairs: [number, number][] = [];
    for (let k = 0; k < 16; k++) {
      const base = 8 * k;
      for (let a = 0; a < 7; a++) pairs.push([base + a, base + a + 1]);
      pairs.push([base, base + 4]);
    }
    const g = rankTies(128, pairs);
    expect(g.pairs.length).toBe(128);
    const p = ours(g, 9);
    expect(p.modularity).toBeCloseTo(modularityOf(g, p.community), 12);
    // no community spans two rings (there is no tie between them)
    for (let r = 0; r < 128; r++) for (let s = r + 1; s < 128; s++) if (p.community[r] === p.community[s]) expect(Math.floor(r / 8)).toBe(Math.floor(s / 8));
    expect(p.modularity).toBeGreaterThan(0.8);
  });
});
