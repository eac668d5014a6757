/**
 * Cheapest paths of at most two hops from a set of sources: the same answer as
 * hopBoundedSearch(…, maxHops ≤ 2) without its labels and heap. With every source at cost 0, a
 * best path never passes through a second source (costs are positive), so the one-hop costs of
 * the sources' neighbours and one more relaxation from those neighbours are the whole search.
 * The chapter report asks it from a chapter's hundred-odd members for every group, and only
 * wants the people of a few professions at the end: `ends` (when given) limits the second hop to
 * them, so the costs of every other node are one-hop costs only — the relaxations, and the cost
 * evaluations they need, of everyone else two hops out are skipped.
 *
 * Its per-node arrays are per snapshot and stamped, so a search costs what it reaches: at a
 * million people three fresh arrays of n entries a report were 16 MB to fault in and collect
 * (issue #18). A tree read after another search reused them throws instead of answering wrong.
 */
import type { Csr } from '../../projection/csr.js';
import { ownerMemo } from '../../support/memo.js';

class Buffers {
  epoch = 0;
  readonly stamp: Uint32Array;
  readonly cost: Float64Array;
  readonly source: Int32Array;
  readonly middle: Int32Array;
  constructor(readonly n: number) {
    this.stamp = new Uint32Array(n);
    this.cost = new Float64Array(n);
    this.source = new Int32Array(n);
    this.middle = new Int32Array(n);
  }
}

/** Per snapshot, keyed by its arc array (as the guided searches' buffers are). */
const twoHopBuffers = ownerMemo<Int32Array, Buffers>('paths.two-hop');

/** The cheapest paths found: costs and paths of the nodes reached, until the next search on the snapshot. */
export class TwoHopTree {
  /** every node with a finite cost (the sources included), each once */
  readonly reached: number[] = [];

  constructor(
    private readonly b: Buffers,
    private readonly epoch: number,
  ) {}

  /** node → cheapest cost within the bound (Infinity when out of reach; 0 for a source) */
  cost(v: number): number {
    this.check();
    return this.b.stamp[v] === this.epoch ? this.b.cost[v]! : Infinity;
  }

  /** The nodes of the cheapest path to a reached v (source first). */
  path(v: number): number[] {
    this.check();
    const m = this.b.middle[v]!;
    return m < 0 ? [this.b.source[v]!, v] : [this.b.source[v]!, m, v];
  }

  private check(): void {
    if (this.b.epoch !== this.epoch) throw new Error('refnet/analytics: a two-hop tree read after another search reused its buffers');
  }
}

export function twoHopSearch(csr: Csr, at: number, sources: readonly number[], maxHops: 1 | 2, ends?: (v: number) => boolean): TwoHopTree {
  let b = twoHopBuffers.get(csr.targets);
  if (!b || b.n < csr.n) twoHopBuffers.set(csr.targets, (b = new Buffers(csr.n)));
  if (++b.epoch === 0xffffffff) {
    b.stamp.fill(0);
    b.epoch = 1;
  }
  const { stamp, cost, source, middle, epoch } = b;
  const tree = new TwoHopTree(b, epoch);
  const { reached } = tree;
  /** Reaches v for the first time: Infinity until a cost is set. */
  const reach = (v: number) => {
    stamp[v] = epoch;
    cost[v] = Infinity;
    middle[v] = -1;
    reached.push(v);
  };
  const { start, deg, targets } = csr;
  for (const s of sources) {
    if (stamp[s] === epoch) continue;
    reach(s);
    cost[s] = 0;
    source[s] = s;
  }
  const firstHop: number[] = [];
  for (const s of sources) {
    for (let e = start[s]!, end = e + deg[s]!; e < end; e++) {
      const v = targets[e]!;
      const c = csr.cost(e, at);
      if (stamp[v] !== epoch) {
        reach(v);
        firstHop.push(v);
      }
      if (c < cost[v]!) {
        cost[v] = c;
        source[v] = s;
      }
    }
  }
  if (maxHops === 1) return tree;
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
      if (stamp[v] !== epoch) reach(v);
      if (c < cost[v]!) {
        cost[v] = c;
        source[v] = oneHopSource[i]!;
        middle[v] = x;
      }
    }
  });
  return tree;
}
