import fc from 'fast-check';
import { betweenness as graphologyBetweenness } from 'graphology-metrics/centrality/index.js';
import { describe, expect, it } from 'vitest';
import { brandesFromSources, brandesScratch, dependenciesFrom, sourceDependencies } from '../../../../graph/analytics/kernels/brandes.js';
import { graphFromSnapshot } from '../../../../graph/analytics/network-metrics.js';
import { snapshotOf } from '../snapshot-of.js';

const every = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('brandesFromSources', () => {
  it('when a–b–c and every source, then b gets 2 (the pair a,c counted once from each end) and the ends 0', () => {
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    expect(Array.from(brandesFromSources(csr, every(3)))).toEqual([0, 2, 0]);
  });

  it('when only one source is given, then only its dependencies count: from a on a–b–c–d, δ(b) = 2 and δ(c) = 1', () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    expect(Array.from(brandesFromSources(csr, [0]))).toEqual([0, 2, 1, 0]);
  });

  it('when two shortest paths tie (the square a–b–d–c–a), then each middle node gets half of its pair, from each end', () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'd'], ['a', 'c'], ['c', 'd']]);
    // pair a,d: via b or via c (½ each); pair b,c: via a or via d (½ each); × 2 ends
    expect(Array.from(brandesFromSources(csr, every(4)))).toEqual([1, 1, 1, 1]);
  });

  it('when a star has 4 leaves, then the centre is on all 4·3 ordered leaf pairs and no leaf is on any', () => {
    const csr = snapshotOf(['c', 'l1', 'l2', 'l3', 'l4'], [['c', 'l1'], ['c', 'l2'], ['c', 'l3'], ['c', 'l4']]);
    expect(Array.from(brandesFromSources(csr, every(5)))).toEqual([12, 0, 0, 0, 0]);
  });

  it('when there are no ties or no sources, then every sum is 0', () => {
    expect(Array.from(brandesFromSources(snapshotOf(['a', 'b'], []), [0, 1]))).toEqual([0, 0]);
    expect(Array.from(brandesFromSources(snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]), []))).toEqual([0, 0, 0]);
    expect(brandesFromSources(snapshotOf([], []), []).length).toBe(0);
  });

  it('when given an accumulator, then it adds to it, so sources can be split and summed', () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    const into = brandesFromSources(csr, [0, 1]);
    brandesFromSources(csr, [2, 3], into);
    expect(Array.from(into)).toEqual(Array.from(brandesFromSources(csr, every(4))));
  });

  it('when the graph is any small graph, then the sums over every source are twice graphology-metrics’ unnormalised betweenness', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30, selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` }))),
        ([n, raw]) => {
          const ids = Array.from({ length: n }, (_, i) => `p${i}`);
          const csr = snapshotOf(ids, raw.filter(([a, b]) => a !== b).map(([a, b]) => [ids[a]!, ids[b]!]));
          const ours = brandesFromSources(csr, every(n));
          const g = graphFromSnapshot(csr);
          const ref = graphologyBetweenness(g, { getEdgeWeight: null, normalized: false });
          for (let u = 0; u < n; u++) expect(ours[u]!).toBeCloseTo(2 * (ref[ids[u]!] ?? 0), 9);
        },
      ),
      { numRuns: 150 },
    );
  });
  it('when a wide level has fewer arcs left to reach than its own, then it is found bottom-up, with the same dependencies', () => {
    // From leaf l1 of a star with 4 leaves: the frontier {c} has 4 arcs, the 3 other leaves 3.
    const csr = snapshotOf(['c', 'l1', 'l2', 'l3', 'l4'], [['c', 'l1'], ['c', 'l2'], ['c', 'l3'], ['c', 'l4']]);
    const scratch = brandesScratch(csr);
    const pass = sourceDependencies(csr.n);
    expect(dependenciesFrom(csr, 1, scratch, pass)).toBe(5);
    expect(Array.from(scratch.bottomUp.subarray(0, 2))).toEqual([0, 1]);
    // the centre is on the 3 paths from l1 to the other leaves (delta of the source itself is no dependency)
    expect([pass.delta[0], ...pass.delta.subarray(2)]).toEqual([3, 0, 0, 0]);
    expect(Array.from(scratch.dist)).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(scratch.sigma)).toEqual([0, 0, 0, 0, 0]);
  });

  it('when the graph is larger (up to 120 people, dense or sparse, in pieces), then each sum is the definition\'s: over ordered pairs s, t, the share of their shortest paths through the person', () => {
    // The reference is the definition itself, from all-pairs breadth-first distances and path
    // counts (σ_st(v) = σ_sv · σ_vt when v lies on a shortest s–t path), not graphology-metrics:
    // on a 33-person graph with a hub tied to everyone it gave the hub 31 less than this count
    // (fast-check seed 1889635521), where brandesFromSources and the definition agree.
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 1, max: 8 }))
          .chain(([n, density]) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: Math.min(density * n, (n * (n - 1)) / 2) >> 1, maxLength: density * n, selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` }))),
        ([n, raw]) => {
          const ids = Array.from({ length: n }, (_, i) => `p${i}`);
          const ties = raw.filter(([a, b]) => a !== b);
          const ours = brandesFromSources(snapshotOf(ids, ties.map(([a, b]) => [ids[a]!, ids[b]!])), every(n));
          const expected = betweennessByDefinition(n, ties);
          for (let u = 0; u < n; u++) expect(Math.abs(ours[u]! - expected[u]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected[u]!));
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Betweenness summed over ordered pairs, straight from its definition (all-pairs BFS distances and shortest-path counts). */
function betweennessByDefinition(n: number, ties: readonly (readonly [number, number])[]): number[] {
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of ties) {
    adj[a]!.add(b);
    adj[b]!.add(a);
  }
  const dist: number[][] = [];
  const sigma: number[][] = [];
  for (let s = 0; s < n; s++) {
    const d = new Array<number>(n).fill(-1);
    const c = new Array<number>(n).fill(0);
    d[s] = 0;
    c[s] = 1;
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      for (const w of adj[v]!) {
        if (d[w] === -1) {
          d[w] = d[v]! + 1;
          queue.push(w);
        }
        if (d[w] === d[v]! + 1) c[w]! += c[v]!;
      }
    }
    dist.push(d);
    sigma.push(c);
  }
  const out = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < n; t++) {
      if (s === t || dist[s]![t]! <= 0) continue;
      for (let v = 0; v < n; v++) {
        if (v === s || v === t || dist[s]![v]! <= 0 || dist[v]![t]! <= 0) continue;
        if (dist[s]![v]! + dist[v]![t]! === dist[s]![t]!) out[v]! += (sigma[s]![v]! * sigma[v]![t]!) / sigma[s]![t]!;
      }
    }
  }
  return out;
}
