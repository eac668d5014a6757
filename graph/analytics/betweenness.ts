/**
 * Betweenness centrality of the relationship graph — Freeman (1977), computed with Brandes
 * (2001). Unweighted (DOMAIN.md): ties are equal, whatever their strength.
 *
 * Normalised as networkx / Brandes do for undirected graphs: the pair-dependency sum over all
 * sources counts each pair twice, so c(v) = Σ_s δ_s(v) / ((n−1)(n−2)) = (Σ_{s<t} …) × 2/((n−1)(n−2)).
 *
 * DEFAULTS: exact up to `config.betweenness.exactMaxPeople` people (graphology-metrics, with
 * getEdgeWeight: null so a `weight` attribute can never make it weighted); above that, sampled
 * Brandes from `samples` seeded sources on the CSR snapshot, scaled by n/k (Brandes & Pich 2007;
 * networkx `betweenness_centrality(k=…)`).
 */
import { UndirectedGraph } from 'graphology';
import { betweenness as betweennessCentrality } from 'graphology-metrics/centrality/index.js';
import type { Csr } from '../projection/csr.js';
import { brandesInBreadthFirstOrder } from './kernels/locality.js';
import { mulberry32 } from './kernels/random.js';

export interface BetweennessResult {
  /** normalised betweenness by node index of `csr` */
  values: Float64Array;
  exact: boolean;
  /** number of sources used */
  sources: number;
}

/** Number of alive people in a snapshot. */
export function aliveCount(csr: Csr): number {
  let n = 0;
  for (let u = 0; u < csr.n; u++) n += csr.alive[u]!;
  return n;
}

/** Exact normalised betweenness via graphology-metrics (unweighted). */
export function exactBetweenness(csr: Csr): BetweennessResult {
  const g = new UndirectedGraph();
  for (let u = 0; u < csr.n; u++) if (csr.alive[u]) g.addNode(csr.ids[u]!);
  for (let u = 0; u < csr.n; u++) {
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) {
      const v = csr.targets[e]!;
      if (u < v) g.addEdge(csr.ids[u]!, csr.ids[v]!);
    }
  }
  const values = new Float64Array(csr.n);
  // graphology-metrics' Brandes allocates a stack of size `order` and refuses 0.
  if (g.order === 0) return { values, exact: true, sources: 0 };
  const scores = betweennessCentrality(g, { getEdgeWeight: null, normalized: true });
  for (let u = 0; u < csr.n; u++) if (csr.alive[u]) values[u] = scores[csr.ids[u]!] ?? 0;
  return { values, exact: true, sources: g.order };
}

/**
 * Sources drawn as the peers draw them (peers/README.md): ids sorted by code point,
 * mulberry32(seed + 2), keep people with ≥ 1 tie, no repeats, up to k.
 */
export function sampleSources(csr: Csr, k: number, seed: number): number[] {
  const ids = [] as number[];
  for (let u = 0; u < csr.n; u++) if (csr.alive[u]) ids.push(u);
  ids.sort((a, b) => (csr.ids[a]! < csr.ids[b]! ? -1 : csr.ids[a]! > csr.ids[b]! ? 1 : 0));
  const withTies = ids.filter((u) => csr.deg[u]! > 0).length;
  const want = Math.min(k, withTies);
  const rand = mulberry32(seed + 2);
  const kept = new Set<number>();
  while (kept.size < want) {
    const u = ids[Math.floor(rand() * ids.length)]!;
    if (csr.deg[u]! > 0) kept.add(u);
  }
  return [...kept];
}

/** Sampled normalised betweenness: Brandes from k seeded sources, scaled by n/k. */
export function sampledBetweenness(csr: Csr, k: number, seed: number): BetweennessResult {
  const sources = sampleSources(csr, k, seed);
  const raw = brandesInBreadthFirstOrder(csr, sources);
  const n = aliveCount(csr);
  const scale = n > 2 && sources.length ? n / sources.length / ((n - 1) * (n - 2)) : 0;
  for (let i = 0; i < raw.length; i++) raw[i]! *= scale;
  return { values: raw, exact: false, sources: sources.length };
}

/** Exact on small graphs, sampled above `exactMaxPeople`. */
export function betweenness(csr: Csr, options: { exactMaxPeople: number; samples: number; seed: number }): BetweennessResult {
  return aliveCount(csr) <= options.exactMaxPeople ? exactBetweenness(csr) : sampledBetweenness(csr, options.samples, options.seed);
}
