/**
 * Louvain modularity optimisation on typed arrays, move for move the undirected, unweighted run of
 * graphology-communities-louvain (fastLocalMoves and randomWalk on, resolution 1): the same queue
 * of nodes, the same order of candidate communities, the same tie-breaking, the same random
 * numbers, the same renumbering when a level is folded, so the same communities and modularity.
 *
 * Why not the library itself: folding a level (its zoomOut) keys plain objects by community
 * number, which at a million people took 8 of Louvain's 22 s, and its input has to be a graph
 * object walked through callbacks. Here every structure is a typed array and the input is the
 * ranks' adjacency: 22 → 8.7 s at 1,000,000 people, 1.4 → 0.55 s at 100,000 (docs/BENCHMARKS.md,
 * "The cold pass's kernels at a million people").
 *
 * One difference, on purpose: the library keeps weights and offsets in the narrowest unsigned
 * array that holds 2m − 1, so with exactly 128 or 32,768 ties the value 2m wraps to 0 and its
 * answer is wrong; here they are Int32 and Float64 arrays, right at every size.
 */

/**
 * An undirected graph of ranks 0 … n − 1, rank r's neighbours at neighbours[start[r] .. start[r + 1]),
 * in descending rank order: the order the library's index holds them when the graph's nodes were
 * added in rank order and its ties in ascending (lower rank, higher rank) order. No self-loops.
 */
export interface RankGraph {
  n: number;
  start: Int32Array;
  neighbours: Int32Array;
}

export interface LouvainPartition {
  /** community of each rank, numbered as the library numbers them (its last level's node indexes) */
  community: Int32Array;
  count: number;
  /** Newman's Q of the partition */
  modularity: number;
}

const EPSILON = 1e-10;

/**
 * The partition graphology-communities-louvain's `detailed` gives for the graph of `g` (its nodes
 * added in rank order, its ties in ascending rank order), with `rng` as its random source.
 */
export function louvainPartition(g: RankGraph, rng: () => number): LouvainPartition {
  const level = new LevelGraph(g);
  const n = g.n;
  // rank → node of the current level (the library's dendrogram, composed as levels fold)
  const nodeOf = Int32Array.from({ length: n }, (_, r) => r);
  const queue = new FifoSet(n);
  const around = new WeightsByCommunity(n);
  for (;;) {
    if (!localMoves(level, queue, around, rng)) break;
    const folded = level.fold();
    for (let r = 0; r < n; r++) nodeOf[r] = folded[nodeOf[r]!]!;
  }
  return { community: nodeOf, count: level.count, modularity: level.modularity() };
}

/** One level's local moves until no node moves; whether any did. */
function localMoves(g: LevelGraph, queue: FifoSet, around: WeightsByCommunity, rng: () => number): boolean {
  const { starts, neighbours, weights, belongs, total, loops } = g;
  const count = g.count;
  const twoM = 2 * g.m;
  let moved = false;
  const first = Math.floor(rng() * count);
  for (let s = 0; s < count; s++) queue.enqueue((first + s) % count);
  while (queue.size !== 0) {
    const i = queue.dequeue();
    let degree = 0;
    around.clear();
    const current = belongs[i]!;
    for (let e = starts[i]!, end = starts[i + 1]!; e < end; e++) {
      const w = weights[e]!;
      degree += w;
      around.add(belongs[neighbours[e]!]!, w);
    }
    const d = degree + loops[i]!;
    let bestDelta = around.get(current) - (d * (total[current]! - d)) / twoM;
    let best = current;
    for (let k = 0; k < around.size; k++) {
      const target = around.keys[k]!;
      if (target === current) continue;
      const delta = around.values[k]! - (d * total[target]!) / twoM;
      const better = Math.abs(delta - bestDelta) < EPSILON ? best !== current && target > best : delta > bestDelta;
      if (better) {
        bestDelta = delta;
        best = target;
      }
    }
    if (bestDelta < 0) {
      // better alone than anywhere, its own community included (only with self-loops)
      best = g.isolate(i, degree);
      if (best === current) continue;
    } else {
      if (best === current) continue;
      g.move(i, degree, best);
    }
    moved = true;
    for (let e = starts[i]!, end = starts[i + 1]!; e < end; e++) {
      const j = neighbours[e]!;
      if (belongs[j] !== best) queue.enqueue(j);
    }
  }
  return moved;
}

/** A level of the run: its nodes (communities of the level below) and their weighted ties. */
class LevelGraph {
  /** node count of this level */
  count: number;
  /** ties of the original graph (the weights' total over both directions is 2m) */
  readonly m: number;
  starts: Int32Array;
  neighbours: Int32Array;
  /** integer weights (sums of ties), exact in 32 bits below a billion ties */
  weights: Int32Array;
  /** node → its community */
  readonly belongs: Int32Array;
  /** community → Σ degree + loops of its nodes */
  readonly total: Float64Array;
  /** node → the weight of the ties inside it (both directions) */
  readonly loops: Float64Array;
  /** community → how many nodes */
  private readonly size: Int32Array;
  /** communities left empty by moves, to be reused by isolate() */
  private readonly unused: Int32Array;
  private unusedCount = 0;

  constructor({ n, start, neighbours }: RankGraph) {
    this.count = n;
    this.m = neighbours.length / 2;
    this.starts = start;
    this.neighbours = neighbours;
    this.weights = new Int32Array(neighbours.length).fill(1);
    this.total = Float64Array.from({ length: n }, (_, r) => start[r + 1]! - start[r]!);
    this.belongs = Int32Array.from({ length: n }, (_, i) => i);
    this.loops = new Float64Array(n);
    this.size = new Int32Array(n).fill(1);
    this.unused = new Int32Array(n);
  }

  move(i: number, degree: number, target: number): void {
    const current = this.belongs[i]!;
    const d = degree + this.loops[i]!;
    this.total[current]! -= d;
    this.total[target]! += d;
    this.belongs[i] = target;
    if (this.size[current]!-- === 1) this.unused[this.unusedCount++] = current;
    this.size[target]!++;
  }

  /** Moves i to an empty community unless it is alone already; its community after. */
  isolate(i: number, degree: number): number {
    const current = this.belongs[i]!;
    if (this.size[current] === 1) return current;
    // not alone, so the move leaves its community non-empty: nothing goes back to `unused`
    const fresh = this.unused[--this.unusedCount]!;
    this.move(i, degree, fresh);
    return fresh;
  }

  /**
   * Folds each community into one node of the next level, numbered in order of their lowest node,
   * each with its neighbours in ascending order; answers node → next level's node.
   */
  fold(): Int32Array {
    const { count, belongs, starts, neighbours, weights, loops } = this;
    const label = new Int32Array(count).fill(-1);
    let next = 0;
    const totals = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const c = belongs[i]!;
      if (label[c] === -1) {
        totals[next] = this.total[c]!;
        label[c] = next++;
      }
      belongs[i] = label[c]!;
    }
    const folded = belongs.slice(0, count);
    // the nodes of each next-level node, grouped
    const memberStart = new Int32Array(next + 1);
    for (let i = 0; i < count; i++) memberStart[belongs[i]! + 1]!++;
    for (let c = 0; c < next; c++) memberStart[c + 1]! += memberStart[c]!;
    const members = new Int32Array(count);
    const fill = memberStart.slice(0, next);
    for (let i = 0; i < count; i++) members[fill[belongs[i]!]!++] = i;

    const nStarts = new Int32Array(next + 1);
    const nNeighbours = new Int32Array(neighbours.length);
    const nWeights = new Int32Array(neighbours.length);
    const inside = new Float64Array(next);
    const sum = new Float64Array(next);
    const touched = new Int32Array(next);
    let at = 0;
    for (let c = 0; c < next; c++) {
      nStarts[c] = at;
      let within = 0;
      let found = 0;
      for (let k = memberStart[c]!, end = memberStart[c + 1]!; k < end; k++) {
        const i = members[k]!;
        within += loops[i]!;
        for (let e = starts[i]!, stop = starts[i + 1]!; e < stop; e++) {
          const cj = belongs[neighbours[e]!]!;
          if (cj === c) within += weights[e]!;
          else {
            if (sum[cj] === 0) touched[found++] = cj;
            sum[cj]! += weights[e]!;
          }
        }
      }
      inside[c] = within;
      touched.subarray(0, found).sort();
      for (let k = 0; k < found; k++) {
        const cj = touched[k]!;
        nNeighbours[at] = cj;
        nWeights[at++] = sum[cj]!;
        sum[cj] = 0;
      }
    }
    nStarts[next] = at;
    for (let c = 0; c < next; c++) {
      this.total[c] = totals[c]!;
      loops[c] = inside[c]!;
      this.size[c] = 1;
      belongs[c] = c;
    }
    this.count = next;
    this.starts = nStarts;
    this.neighbours = nNeighbours.subarray(0, at);
    this.weights = nWeights.subarray(0, at);
    this.unusedCount = 0;
    return folded;
  }

  /** Newman's Q of the current level's communities, summed as the library sums it. */
  modularity(): number {
    const { count, belongs, starts, neighbours, weights, loops, total } = this;
    const twoM = 2 * this.m;
    const inside = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const c = belongs[i]!;
      inside[c]! += loops[i]!;
      for (let e = starts[i]!, end = starts[i + 1]!; e < end; e++) if (belongs[neighbours[e]!] === c) inside[c]! += weights[e]!;
    }
    let q = 0;
    for (let c = 0; c < count; c++) q += inside[c]! / twoM - Math.pow(total[c]! / twoM, 2);
    return q;
  }
}

/** A FIFO queue in which each node is at most once (the library's SparseQueueSet). */
class FifoSet {
  private readonly ring: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  size = 0;

  constructor(capacity: number) {
    this.ring = new Int32Array(capacity);
    this.queued = new Uint8Array(capacity);
  }

  enqueue(i: number): void {
    if (this.queued[i]) return;
    this.queued[i] = 1;
    this.ring[(this.head + this.size++) % this.ring.length] = i;
  }

  dequeue(): number {
    const i = this.ring[this.head]!;
    this.head = (this.head + 1) % this.ring.length;
    this.size--;
    this.queued[i] = 0;
    return i;
  }
}

/** Weight towards each community around a node, in the order the communities were first met (the library's SparseMap). */
class WeightsByCommunity {
  readonly keys: Int32Array;
  readonly values: Float64Array;
  /** community → its slot, valid while keys[slot] is that community and slot < size */
  private readonly slot: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  add(c: number, w: number): void {
    const k = this.slot[c]!;
    if (k < this.size && this.keys[k] === c) this.values[k]! += w;
    else {
      this.slot[c] = this.size;
      this.keys[this.size] = c;
      this.values[this.size++] = w;
    }
  }

  get(c: number): number {
    const k = this.slot[c]!;
    return k < this.size && this.keys[k] === c ? this.values[k]! : 0;
  }
}
