/**
 * Unweighted Brandes accumulation on a CSR snapshot (Brandes, "A faster algorithm for
 * betweenness centrality", J. Math. Sociol. 25(2), 2001), from a chosen set of sources.
 * Returns the raw dependency sums Σ_s δ_s(v) over the given sources: on an undirected graph,
 * summing over every source counts each pair twice.
 */
import type { Csr } from '../../projection/csr.js';

/** What Brandes reads of a snapshot (plain data, so it can be posted to a worker thread). */
export type BrandesGraph = Pick<Csr, 'n' | 'start' | 'deg' | 'targets'>;

/** Raw Σ over `sources` of the pair dependencies δ_s(v). */
export function brandesFromSources(csr: BrandesGraph, sources: Iterable<number>, into?: Float64Array): Float64Array {
  const n = csr.n;
  const { start, deg, targets } = csr;
  const result = into ?? new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (const s of sources) {
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
      if (w !== s) result[w]! += delta[w]!;
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      sigma[v] = 0;
      dist[v] = -1;
      delta[v] = 0;
    }
  }
  return result;
}
