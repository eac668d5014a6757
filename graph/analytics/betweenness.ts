/**
 * Betweenness centrality of the relationship graph — Freeman (1977), computed with Brandes
 * (2001). Unweighted (docs/DOMAIN.md): ties are equal, whatever their strength.
 *
 * Normalised as networkx / Brandes do for undirected graphs: the pair-dependency sum over all
 * sources counts each pair twice, so c(v) = Σ_s δ_s(v) / ((n−1)(n−2)) = (Σ_{s<t} …) × 2/((n−1)(n−2)).
 *
 * DEFAULTS: exact up to `config.betweenness.exactMaxPeople` people (Brandes from every person on
 * the CSR, equal to graphology-metrics' unweighted betweenness); above that, sampled
 * Brandes from `samples` seeded sources on the CSR snapshot, scaled by n/k (Brandes & Pich 2007;
 * networkx `betweenness_centrality(k=…)`).
 */
import type { Csr } from '../projection/csr.js';
import { brandesFromSources } from './kernels/brandes.js';
import { brandesInBreadthFirstOrder, fromRenumbered, renumberInIdOrder } from './kernels/locality.js';
import { mulberry32 } from './kernels/random.js';
import { runAtOnce, type Steps } from '../support/time-slices.js';

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

/**
 * Exact normalised betweenness: Brandes from every person on the CSR snapshot. The kernel gives
 * the values of graphology-metrics' unweighted betweenness (checked in the unit tests, and against
 * networkx on the datasets) without building a second graphology graph per pass, which on a
 * network of a few hundred people was most of a busy server's CPU: live betweenness is recomputed
 * after every write.
 */
export function exactBetweenness(csr: Csr): BetweennessResult {
  if (csr.inIdOrder) return normalise(csr, brandesFromSources(csr, everySource(csr)), true);
  // Numbered as a fresh build of the same ties is, so the sums come out the same, bit for bit.
  const { graph, newOf } = renumberInIdOrder(csr, csr.byId());
  const sources: number[] = [];
  for (let u = 0; u < graph.n; u++) if (graph.deg[u]! > 0) sources.push(u);
  return normalise(csr, fromRenumbered(brandesFromSources(graph, sources), newOf), true);
}

/** Every person with a tie (the others are no source of any shortest path), in id order: the order their dependencies are added in. */
export function everySource(csr: Pick<Csr, 'alive' | 'deg' | 'byId'>): number[] {
  const sources: number[] = [];
  for (const u of csr.byId()) if (csr.alive[u] && csr.deg[u]! > 0) sources.push(u);
  return sources;
}

/**
 * Raw dependency sums to normalised betweenness, in place. Σ over every source counts each pair
 * twice, so × 2/((n−1)(n−2)) of the pair sum is ÷ (n−1)(n−2); a sample of k sources is scaled by n/k.
 */
export function normalise(csr: Csr, raw: Float64Array, exact: boolean, sampled = 0): BetweennessResult {
  const n = aliveCount(csr);
  const scale = n <= 2 ? 0 : exact ? 1 / ((n - 1) * (n - 2)) : sampled ? n / sampled / ((n - 1) * (n - 2)) : 0;
  for (let i = 0; i < raw.length; i++) raw[i]! *= scale;
  return { values: raw, exact, sources: exact ? n : sampled };
}

/**
 * Sources drawn as the peers draw them (peers/README.md): ids sorted by code point,
 * mulberry32(seed + 2), keep people with ≥ 1 tie, no repeats, up to k.
 */
export function sampleSources(csr: Csr, k: number, seed: number): number[] {
  return runAtOnce(sampleSourcesSteps(csr, k, seed, Infinity));
}

/**
 * sampleSources in steps of about `step` comparisons of the sort (the background pass runs it in
 * time slices: sorting a million ids holds the event loop for a second, issue #18).
 */
export function* sampleSourcesSteps(csr: Pick<Csr, 'n' | 'alive' | 'deg' | 'byIdSteps'>, k: number, seed: number, step: number): Steps<number[]> {
  const ids = [] as number[];
  for (const u of yield* csr.byIdSteps(step)) if (csr.alive[u]) ids.push(u);
  const want = sampleSize(csr, k);
  const rand = mulberry32(seed + 2);
  const kept = new Set<number>();
  while (kept.size < want) {
    const u = ids[Math.floor(rand() * ids.length)]!;
    if (csr.deg[u]! > 0) kept.add(u);
  }
  return [...kept];
}

/** How many sources sampleSources draws: k, or every person with a tie if fewer. */
export function sampleSize(csr: Pick<Csr, 'n' | 'alive' | 'deg'>, k: number): number {
  let withTies = 0;
  for (let u = 0; u < csr.n; u++) if (csr.alive[u] && csr.deg[u]! > 0) withTies++;
  return Math.min(k, withTies);
}

/** Sampled normalised betweenness: Brandes from k seeded sources, scaled by n/k. */
export function sampledBetweenness(csr: Csr, k: number, seed: number): BetweennessResult {
  const sources = sampleSources(csr, k, seed);
  return normalise(csr, brandesInBreadthFirstOrder(csr, sources, csr.byId()), false, sources.length);
}

/** Exact on small graphs, sampled above `exactMaxPeople`. */
export function betweenness(csr: Csr, options: { exactMaxPeople: number; samples: number; seed: number }): BetweennessResult {
  return aliveCount(csr) <= options.exactMaxPeople ? exactBetweenness(csr) : sampledBetweenness(csr, options.samples, options.seed);
}
