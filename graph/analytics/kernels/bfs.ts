/** Unweighted single-source BFS on a CSR snapshot: hop distances (−1 = unreachable). */
import type { Csr } from '../../projection/csr.js';

/** Hop distances from `source` to every node index. */
export function bfsHops(csr: Csr, source: number): Int32Array {
  const n = csr.n;
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const { start, deg, targets } = csr;
  let head = 0;
  let tail = 0;
  dist[source] = 0;
  queue[tail++] = source;
  while (head < tail) {
    const u = queue[head++]!;
    const du = dist[u]! + 1;
    for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
      const v = targets[e]!;
      if (dist[v] === -1) {
        dist[v] = du;
        queue[tail++] = v;
      }
    }
  }
  return dist;
}
