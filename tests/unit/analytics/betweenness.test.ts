import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { betweenness as graphologyBetweenness } from 'graphology-metrics/centrality/index.js';
import { describe, expect, it } from 'vitest';
import type { Csr } from '../../../graph/projection/csr.js';
import { exactBetweenness, sampledBetweenness, sampleSize, sampleSources } from '../../../graph/analytics/betweenness.js';
import { brandesFromSources } from '../../../graph/analytics/kernels/brandes.js';
import { graphFromSnapshot } from '../../../graph/analytics/network-metrics.js';
import { met, people, testNetwork } from '../network-fixture.js';
import { snapshotOf } from './snapshot-of.js';

const T = '2024-01-01';

/** The reference: graphology-metrics' unweighted normalised betweenness over the same snapshot. */
function referenceBetweenness(csr: Csr): Float64Array {
  const g = graphFromSnapshot(csr);
  const out = new Float64Array(csr.n);
  if (g.order === 0) return out;
  const scores = graphologyBetweenness(g, { getEdgeWeight: null, normalized: true });
  for (let u = 0; u < csr.n; u++) if (csr.alive[u]) out[u] = scores[csr.ids[u]!] ?? 0;
  return out;
}
const line = (...ids: string[]) => testNetwork({ people: people(...ids), interactions: ids.slice(1).map((id, i) => met(ids[i]!, id, T)) });
const at = (net: ReturnType<typeof line>, id: string, values: Float64Array) => values[net.engine.context(Date.parse(T)).csr.index.get(id)!]!;

describe('betweenness', () => {
  it('when a–b–c, then b lies on the one pair a,c and normalised betweenness is 1 × 2/((3−1)(3−2)) = 1', () => {
    const net = line('a', 'b', 'c');
    const v = exactBetweenness(net.engine.context(Date.parse(T)).csr).values;
    expect(at(net, 'b', v)).toBeCloseTo(1, 14);
    expect(at(net, 'a', v)).toBe(0);
  });
  it('when a–b–c–d, then b is on 2 pairs: 2 × 2/(3 × 2) = 2/3', () => {
    const net = line('a', 'b', 'c', 'd');
    const v = exactBetweenness(net.engine.context(Date.parse(T)).csr).values;
    expect(at(net, 'b', v)).toBeCloseTo(2 / 3, 14);
    expect(at(net, 'c', v)).toBeCloseTo(2 / 3, 14);
  });
  it('when two shortest paths share a pair, then each middle node gets half (a–b–d, a–c–d)', () => {
    const net = testNetwork({ people: people('a', 'b', 'c', 'd'), interactions: [met('a', 'b', T), met('b', 'd', T), met('a', 'c', T), met('c', 'd', T)] });
    const v = exactBetweenness(net.engine.context(Date.parse(T)).csr).values;
    expect(at(net, 'b', v)).toBeCloseTo(0.5 * 2 / 6, 14);
  });
  it('when ties carry different strengths, then betweenness is unweighted all the same', () => {
    const net = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T, 'one_to_one'), met('b', 'c', '2020-01-01')] });
    expect(at(net, 'b', exactBetweenness(net.engine.context(Date.parse(T)).csr).values)).toBeCloseTo(1, 14);
  });
  it('when every node is a sampled source, then the CSR Brandes kernel equals the exact graphology result', () => {
    const net = testNetwork(JSON.parse(readFileSync('tests/fixtures/karate.json', 'utf8')));
    const csr = net.engine.context(Date.parse('2100-01-01')).csr;
    const exact = referenceBetweenness(csr);
    const sampled = sampledBetweenness(csr, 1000, 1);
    expect(sampled.sources).toBe(34);
    for (let u = 0; u < csr.n; u++) expect(sampled.values[u]!).toBeCloseTo(exact[u]!, 12);
    const raw = brandesFromSources(csr, [0]);
    expect(raw.every((x) => x >= 0)).toBe(true);
  });
  it('when the graph is any small graph (components, isolated people, cycles), then exact betweenness equals graphology-metrics', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 }))),
        ([n, pairs]) => {
          const ids = Array.from({ length: n }, (_, i) => `p${i}`);
          const net = testNetwork({ people: people(...ids), interactions: pairs.filter(([a, b]) => a !== b).map(([a, b]) => met(ids[a]!, ids[b]!, T)) });
          const csr = net.engine.context(Date.parse(T)).csr;
          const ours = exactBetweenness(csr).values;
          const reference = referenceBetweenness(csr);
          for (let u = 0; u < csr.n; u++) expect(ours[u]!).toBeCloseTo(reference[u]!, 12);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('sampleSize', () => {
  it('when people are gone or without ties, then it is the number of sources sampleSources draws (k, or every person with a tie)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.nat(100), fc.array(fc.nat(ids.length - 1), { maxLength: 3 }), (k, seed, gone) => {
        const csr = snapshotOf(ids.slice(), [['a', 'b'], ['b', 'c'], ['d', 'e']]);
        for (const u of gone) csr.alive[u] = 0;
        expect(sampleSize(csr, k)).toBe(sampleSources(csr, k, seed).length);
      }),
    );
    expect(sampleSize(snapshotOf(ids.slice(), [['a', 'b'], ['b', 'c'], ['d', 'e']]), Infinity)).toBe(5);
  });
});
