/**
 * Renumbers a graph in breadth-first order (from its best-connected person, then component by
 * component), the idea of Cuthill–McKee: people a traversal meets together get neighbouring
 * indexes, so the per-node arrays of a BFS-heavy kernel (Brandes: dist, sigma, delta) are read
 * from nearby memory. On the 100k-people benchmark network this makes sampled betweenness about
 * a third faster, for a renumbering that costs one BFS.
 */
import { brandesFromSources, type BrandesGraph } from './brandes.js';

export interface Renumbered {
  /** the same graph, compact (no slack), in the new numbering */
  graph: BrandesGraph;
  /** old index → new index */
  newOf: Int32Array;
}

/**
 * The graph renumbered in breadth-first order. `byId` (the nodes in id order, Csr.byId) makes the
 * numbering canonical when the graph's own numbers are not in id order (a person added to a live
 * snapshot is numbered last): the best-connected person of lowest id first, then the other
 * components in id order; with the blocks in id order (csr.ts), the same ties always get the same
 * numbering, so Brandes adds up the same terms in the same order.
 */
export function renumberBreadthFirst(g: BrandesGraph, byId?: ArrayLike<number>): Renumbered {
  const n = g.n;
  const { start, deg, targets } = g;
  const at = byId ? (i: number) => byId[i]! : (i: number) => i;
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  let tail = 0;
  let best = n > 0 ? at(0) : 0;
  for (let i = 1; i < n; i++) {
    const u = at(i);
    if (deg[u]! > deg[best]!) best = u;
  }
  const visitFrom = (root: number) => {
    if (seen[root]) return;
    seen[root] = 1;
    let head = tail;
    order[tail++] = root;
    while (head < tail) {
      const u = order[head++]!;
      for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
        const v = targets[e]!;
        if (!seen[v]) {
          seen[v] = 1;
          order[tail++] = v;
        }
      }
    }
  };
  if (n > 0) visitFrom(best);
  for (let i = 0; i < n; i++) visitFrom(at(i));
  return renumbered(g, order);
}

/** The graph renumbered in id order (byId, Csr.byId): what a fresh build of the same ties numbers. */
export function renumberInIdOrder(g: BrandesGraph, byId: ArrayLike<number>): Renumbered {
  return renumbered(g, Int32Array.from(byId));
}

/** The graph compact (no slack), node order[i] numbered i, each block in ascending new numbers. */
function renumbered(g: BrandesGraph, order: Int32Array): Renumbered {
  const n = g.n;
  const { start, deg, targets } = g;
  const newOf = new Int32Array(n);
  for (let i = 0; i < n; i++) newOf[order[i]!] = i;
  const nStart = new Int32Array(n);
  const nDeg = new Int32Array(n);
  let arcs = 0;
  for (let i = 0; i < n; i++) arcs += deg[order[i]!]!;
  const nTargets = new Int32Array(arcs);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const u = order[i]!;
    nStart[i] = p;
    nDeg[i] = deg[u]!;
    for (let e = start[u]!, end = e + deg[u]!; e < end; e++) nTargets[p++] = newOf[targets[e]!]!;
    nTargets.subarray(nStart[i], p).sort();
  }
  return { graph: { n, start: nStart, deg: nDeg, targets: nTargets }, newOf };
}

/** Values indexed in the new numbering, back in the old one. */
export function fromRenumbered(values: Float64Array, newOf: Int32Array): Float64Array {
  const out = new Float64Array(newOf.length);
  for (let u = 0; u < newOf.length; u++) out[u] = values[newOf[u]!]!;
  return out;
}

/** Raw Brandes sums from `sources` (old indexes), run in breadth-first numbering (renumberBreadthFirst), returned in the old one. */
export function brandesInBreadthFirstOrder(g: BrandesGraph, sources: readonly number[], byId?: ArrayLike<number>): Float64Array {
  const { graph, newOf } = renumberBreadthFirst(g, byId);
  return fromRenumbered(
    brandesFromSources(
      graph,
      sources.map((s) => newOf[s]!),
    ),
    newOf,
  );
}
