/**
 * Unweighted Brandes accumulation on a CSR snapshot (Brandes, "A faster algorithm for
 * betweenness centrality", J. Math. Sociol. 25(2), 2001), from a chosen set of sources.
 * Returns the raw dependency sums Σ_s δ_s(v) over the given sources: on an undirected graph,
 * summing over every source counts each pair twice.
 */
import type { Csr } from '../../projection/csr.js';

/** What Brandes reads of a snapshot (plain data, so it can be posted to a worker thread). */
export type BrandesGraph = Pick<Csr, 'n' | 'start' | 'deg' | 'targets'>;

/** One thread's working arrays for single-source passes: σ and distance per node, all 0 / −1 between passes. */
export interface BrandesScratch {
  sigma: Float64Array;
  dist: Int32Array;
}

/** What one source's pass leaves: the people it reached, in BFS order, and their dependencies on it. */
export interface SourceDependencies {
  /** order[0 .. reached) are the people reached, the source first */
  order: Int32Array;
  /** delta[v] = δ_s(v) for each v reached (delta[s] is no dependency: never add it), 0 elsewhere */
  delta: Float64Array;
}

export function brandesScratch(n: number): BrandesScratch {
  return { sigma: new Float64Array(n), dist: new Int32Array(n).fill(-1) };
}

export function sourceDependencies(n: number): SourceDependencies {
  return { order: new Int32Array(n), delta: new Float64Array(n) };
}

/**
 * The single-source pass from s into `into` (whose delta must be all 0), leaving `scratch` as it
 * found it. Returns how many people it reached. The same arithmetic in the same order wherever it
 * runs, so two threads computing one source get the same bits.
 */
export function dependenciesFrom(g: BrandesGraph, s: number, scratch: BrandesScratch, into: SourceDependencies): number {
  const { start, deg, targets } = g;
  const { sigma, dist } = scratch;
  const { order, delta } = into;
  let head = 0;
  let tail = 0;
  sigma[s] = 1;
  dist[s] = 0;
  order[tail++] = s;
  while (head < tail) {
    const u = order[head++]!;
    const du = dist[u]!;
    const su = sigma[u]!;
    for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
      const v = targets[e]!;
      if (dist[v] === -1) {
        dist[v] = du + 1;
        order[tail++] = v;
      }
      if (dist[v] === du + 1) sigma[v]! += su;
    }
  }
  // Dependencies in reverse BFS order; predecessors are the neighbours one hop closer.
  for (let i = tail - 1; i >= 0; i--) {
    const w = order[i]!;
    const dw = dist[w]!;
    const coeff = (1 + delta[w]!) / sigma[w]!;
    for (let e = start[w]!, end = e + deg[w]!; e < end; e++) {
      const v = targets[e]!;
      if (dist[v] === dw - 1) delta[v]! += sigma[v]! * coeff;
    }
  }
  for (let i = 0; i < tail; i++) {
    const v = order[i]!;
    sigma[v] = 0;
    dist[v] = -1;
  }
  return tail;
}

/** Adds one source's dependencies to `result` and clears them from `from` for the next pass. */
export function addDependencies(result: Float64Array, from: SourceDependencies, reached: number): void {
  const { order, delta } = from;
  const s = order[0]!;
  for (let i = 0; i < reached; i++) {
    const w = order[i]!;
    if (w !== s) result[w]! += delta[w]!;
    delta[w] = 0;
  }
}

/** Raw Σ over `sources` of the pair dependencies δ_s(v), added in the order the sources come. */
export function brandesFromSources(csr: BrandesGraph, sources: Iterable<number>, into?: Float64Array): Float64Array {
  const n = csr.n;
  const result = into ?? new Float64Array(n);
  const scratch = brandesScratch(n);
  const pass = sourceDependencies(n);
  for (const s of sources) addDependencies(result, pass, dependenciesFrom(csr, s, scratch, pass));
  return result;
}
