/**
 * Cheapest paths of at most two hops from a set of sources: the same answer as
 * hopBoundedSearch(…, maxHops ≤ 2) without its labels and heap. With every source at cost 0, a
 * best path never passes through a second source (costs are positive), so the one-hop costs of
 * the sources' neighbours and one more relaxation from those neighbours are the whole search.
 * The chapter report asks it from a chapter's hundred-odd members for every group, and only
 * wants the people of a few professions at the end: `ends` (when given) limits the second hop to
 * them, so the costs of every other node are one-hop costs only — the relaxations, and the cost
 * evaluations they need, of everyone else two hops out are skipped.
 */
import type { Csr } from '../../projection/csr.js';

export interface TwoHopTree {
  /** node → cheapest cost within the bound (Infinity when out of reach; 0 for a source) */
  cost: Float64Array;
  /** node → the source its path starts from (−1 out of reach) */
  source: Int32Array;
  /** node → the node in the middle of a two-hop path (−1 for one hop or none) */
  middle: Int32Array;
  /** every node with a finite cost (the sources included), each once: the tree's nodes without a scan of all n */
  reached: number[];
}

export function twoHopSearch(csr: Csr, at: number, sources: readonly number[], maxHops: 1 | 2, ends?: (v: number) => boolean): TwoHopTree {
  const n = csr.n;
  const cost = new Float64Array(n).fill(Infinity);
  const source = new Int32Array(n).fill(-1);
  const middle = new Int32Array(n).fill(-1);
  const { start, deg, targets } = csr;
  const reached: number[] = [];
  for (const s of sources) {
    if (cost[s] === 0) continue;
    cost[s] = 0;
    source[s] = s;
    reached.push(s);
  }
  const firstHop: number[] = [];
  for (const s of sources) {
    for (let e = start[s]!, end = e + deg[s]!; e < end; e++) {
      const v = targets[e]!;
      const c = csr.cost(e, at);
      if (c < cost[v]!) {
        if (cost[v] === Infinity) {
          firstHop.push(v);
          reached.push(v);
        }
        cost[v] = c;
        source[v] = s;
      }
    }
  }
  if (maxHops === 1) return { cost, source, middle, reached };
  // Second hops only from the non-source neighbours, on their settled one-hop costs.
  // Bases are the one-hop costs and sources, kept apart: a node reached in one hop may still get a
  // cheaper two-hop path below, but a third hop must never start from that.
  const oneHop = Float64Array.from(firstHop, (x) => cost[x]!);
  const oneHopSource = Int32Array.from(firstHop, (x) => source[x]!);
  firstHop.forEach((x, i) => {
    const base = oneHop[i]!;
    for (let e = start[x]!, end = e + deg[x]!; e < end; e++) {
      const v = targets[e]!;
      if (ends && !ends(v)) continue;
      const c = base + csr.cost(e, at);
      if (c < cost[v]!) {
        if (cost[v] === Infinity) reached.push(v);
        cost[v] = c;
        source[v] = oneHopSource[i]!;
        middle[v] = x;
      }
    }
  });
  return { cost, source, middle, reached };
}

/** The nodes of the cheapest path to v (source first). */
export function twoHopPath(tree: TwoHopTree, v: number): number[] {
  const m = tree.middle[v]!;
  return m < 0 ? [tree.source[v]!, v] : [tree.source[v]!, m, v];
}
