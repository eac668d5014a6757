/**
 * Exact lower bounds on the cost left to reach the targets, for the guided path searches of one
 * k-paths query (guided-path.ts, yen.ts): a hop-bounded label-setting search backwards from the
 * targets (labels (node, hops) with Pareto pruning on (cost, hops), settled cheapest first), grown
 * on demand and shared by every spur search of the query.
 *
 * `bound(v, r)` ≤ the cheapest cost from v to a target in ≤ r hops: once a label of v with ≤ r
 * hops is settled it is that cost exactly (`dist_r(v)`), otherwise the lesser of v's cheapest
 * pushed label and the search's radius (every unsettled label costs at least the heap's smallest
 * key) + v's cheapest arc, and Infinity once the search has run out. It is a consistent
 * heuristic (bound(v, r) ≤ c(v, w) + bound(w, r − 1)), which keeps A* exact. Bans are ignored: a
 * spur search only bans, so a bound without them is still a lower bound. Arc costs are read
 * backwards (arc u → v for the step v → u): the snapshot's costs are symmetric.
 *
 * The buffers are per snapshot (one query at a time on the single JS thread); a bound read after
 * another query reused them throws instead of answering wrong.
 */
import type { Csr } from '../../projection/csr.js';
import { ownerMemo } from '../../support/memo.js';
import { MinHeap } from './heap.js';

/** Labels of a hop-bounded search: (node, hops, parent label, cost), in growable typed arrays. */
export class Labels {
  node = new Int32Array(1024);
  hops = new Int32Array(1024);
  parent = new Int32Array(1024);
  cost = new Float64Array(1024);
  count = 0;

  add(v: number, h: number, p: number, c: number): number {
    if (this.count === this.node.length) this.grow();
    const l = this.count++;
    this.node[l] = v;
    this.hops[l] = h;
    this.parent[l] = p;
    this.cost[l] = c;
    return l;
  }

  private grow(): void {
    const size = this.node.length * 2;
    const more = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.node = more(this.node, new Int32Array(size));
    this.hops = more(this.hops, new Int32Array(size));
    this.parent = more(this.parent, new Int32Array(size));
    this.cost = more(this.cost, new Float64Array(size));
  }
}

/**
 * Per-node state of one search over (node, hops) states, stamped so a new search costs nothing to
 * start: `pushed[v * stride + r]` is the cheapest label of v pushed with ≤ r hops (Pareto pruning),
 * `settled[v]` the fewest hops of a settled label, `label` the cheapest settled label with ≤ r hops.
 */
export class HopStates {
  epoch = 0;
  stride = 1;
  stamp: Uint32Array;
  settled: Int32Array;
  pushed: Float64Array;
  label: Int32Array;
  readonly labels = new Labels();
  readonly heap = new MinHeap();

  /** `settles`: a search that keeps `settled` and `label` (the backward one); the forward one only prunes. */
  constructor(
    readonly n: number,
    private readonly settles: boolean,
  ) {
    this.stamp = new Uint32Array(n);
    this.settled = new Int32Array(n);
    this.pushed = new Float64Array(0);
    this.label = new Int32Array(0);
  }

  /** Starts a new search with room for `stride` = maxHops + 1 hop counts per node. */
  begin(stride: number): number {
    if (this.pushed.length < this.n * stride) {
      this.pushed = new Float64Array(this.n * stride);
      if (this.settles) this.label = new Int32Array(this.n * stride);
    }
    this.stride = stride;
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    this.labels.count = 0;
    this.heap.clear();
    return this.epoch;
  }

  /** Marks v as seen by this search (its entries reset), once. */
  touch(v: number): void {
    if (this.stamp[v] === this.epoch) return;
    this.stamp[v] = this.epoch;
    const o = v * this.stride;
    // A loop, not TypedArray#fill: a call per node costs more than the few entries it writes.
    for (let i = o, end = o + this.stride; i < end; i++) this.pushed[i] = Infinity;
    if (!this.settles) return;
    this.settled[v] = this.stride;
    for (let i = o, end = o + this.stride; i < end; i++) this.label[i] = -1;
  }

  seen(v: number): boolean {
    return this.stamp[v] === this.epoch;
  }

  /** Pareto pruning: a label of v no more expensive with no more hops is already pushed. */
  dominated(v: number, h: number, c: number): boolean {
    return this.stamp[v] === this.epoch && this.pushed[v * this.stride + h]! <= c;
  }

  /** Records a pushed label (v, h, c) for the pruning of later ones. */
  pushedAt(v: number, h: number, c: number): void {
    this.touch(v);
    const o = v * this.stride;
    for (let r = h; r < this.stride && this.pushed[o + r]! > c; r++) this.pushed[o + r] = c;
  }
}

/**
 * Hop distances from a set of nodes by breadth-first layers, stopped before a layer that would
 * read more than `ballArcs(maxDepth)` arcs (or at `maxDepth`): `atLeast(v)` is v's exact
 * hop distance inside the ball and depth + 1 — a lower bound — outside it.
 *
 * One 16-bit mark per node holds both the fill it belongs to and the distance (epoch × 32 + hops):
 * the fill's one random read per arc goes to an array a quarter the size of a 32-bit stamp and a
 * 32-bit distance, which on a large network is the difference between cache hits and misses.
 * Distances stop at 31 hops (a deeper ball only bounds the rest by 32, still a lower bound).
 */
export class HopBall {
  epoch = 0;
  depth = 0;
  readonly mark: Uint16Array;
  readonly queue: Int32Array;

  constructor(readonly n: number) {
    this.mark = new Uint16Array(n);
    this.queue = new Int32Array(n);
  }

  fill(csr: Csr, starts: ArrayLike<number>, maxDepth: number): void {
    if (++this.epoch === MARK_EPOCHS) {
      this.mark.fill(0);
      this.epoch = 1;
    }
    const seen = this.epoch * MARK_HOPS;
    const { start, deg, targets: tg } = csr;
    const { mark, queue } = this;
    const depthCap = Math.min(maxDepth, MARK_HOPS - 1);
    const budget = ballArcs(maxDepth);
    let tail = 0;
    for (let i = 0; i < starts.length; i++) {
      const s = starts[i]!;
      if (mark[s]! >= seen) continue;
      mark[s] = seen;
      queue[tail++] = s;
    }
    let head = 0;
    let depth = 0;
    while (depth < depthCap && head < tail) {
      // Summed only until it passes the budget: the layer that stops the ball is its largest.
      let arcs = 0;
      for (let i = head; i < tail && arcs <= budget; i++) arcs += deg[queue[i]!]!;
      if (arcs > budget) break;
      const layerEnd = tail;
      const next = seen + depth + 1;
      for (; head < layerEnd; head++) {
        const u = queue[head]!;
        for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
          const v = tg[e]!;
          // Marks of earlier fills are below `seen` (epochs only grow until the reset).
          if (mark[v]! >= seen) continue;
          mark[v] = next;
          queue[tail++] = v;
        }
      }
      depth++;
    }
    // Run out of nodes: nothing lies further, every distance outside is infinite.
    this.depth = head === tail ? Infinity : depth;
  }

  /** A lower bound on v's hop distance from the starts. */
  atLeast(v: number): number {
    const m = this.mark[v]! - this.epoch * MARK_HOPS;
    return m >= 0 ? m : this.depth + 1;
  }
}

/** A ball's mark: epoch × MARK_HOPS + hops, in 16 bits. */
const MARK_HOPS = 32;
const MARK_EPOCHS = 65_536 / MARK_HOPS;

/**
 * A ball stops before a layer that would read more arcs than this: it would cost more than it
 * prunes. What a layer prunes grows with the hops a search may take — at maxHops ≤ 4 a ball two
 * layers deep already cuts most of both searches, deeper searches run without a hop cut until a
 * third layer is known — so deeper searches afford a larger ball. Measured on the 100,000-person
 * benchmark network (the peers' 100 pairs): 50,000 arcs beside 10,000 at maxHops 6 and 8 keep
 * k = 1 as fast and cut k = 3's p95 by about a third; at maxHops 4 anything above 10,000 costs more.
 */
export function ballArcs(maxDepth: number): number {
  return maxDepth <= 4 ? 10_000 : 50_000;
}

/** The buffers of the guided searches on one snapshot: the backward and forward searches and the two balls. */
interface GuidedBuffers {
  reverse: HopStates;
  forward: HopStates;
  fromSource: HopBall;
  toTargets: HopBall;
}

/** Per snapshot, keyed by its arc array (shared by the connector-cost views of warm-paths). */
const guidedBuffers = ownerMemo<Int32Array, GuidedBuffers>('paths.guided');

function buffers(csr: Csr): GuidedBuffers {
  let b = guidedBuffers.get(csr.targets);
  if (!b || b.reverse.n < csr.n) {
    b = { reverse: new HopStates(csr.n, true), forward: new HopStates(csr.n, false), fromSource: new HopBall(csr.n), toTargets: new HopBall(csr.n) };
    guidedBuffers.set(csr.targets, b);
  }
  return b;
}

/** The reusable buffers of the forward (guided) searches on a snapshot. */
export function forwardHopStates(csr: Csr): HopStates {
  return buffers(csr).forward;
}

export class TargetBounds {
  private readonly s: HopStates;
  private readonly epoch: number;
  /** hop distances from the query's source and from its targets (lower bounds outside their balls) */
  private readonly fromSource: HopBall;
  private readonly toTargets: HopBall;
  private readonly ballEpochs: [number, number];
  private readonly stride: number;
  /** every (v, r) whose cheapest cost is below the radius is known exactly */
  radius = 0;
  /** false when there are too many targets for a backward search to pay (see the constructor) */
  private readonly searches: boolean;
  /**
   * Arc costs read by this backward search and by the forward searches guided by it (all the
   * spur searches of a query): the guided search lets the side that has read fewer go next.
   */
  backwardReads = 0;
  forwardReads = 0;

  constructor(
    private readonly csr: Csr,
    private readonly at: number,
    source: number,
    targets: ArrayLike<number>,
    readonly maxHops: number,
  ) {
    const b = buffers(csr);
    this.toTargets = b.toTargets;
    this.toTargets.fill(csr, targets, maxHops);
    // Targets with more arcs than a ball reads (an industry can be a tenth of the network): the
    // backward search's radius would stay 0 until it had read every one of those arcs, which the
    // balance with the forward side never lets it do, and pushing its first labels alone cost more
    // than the whole forward search. The bounds are then 0 at a target and a node's cheapest arc
    // elsewhere (plain Dijkstra guided by the first step's cost), with no backward search.
    this.searches = !(this.toTargets.depth === 0 && maxHops > 0);
    this.fromSource = b.fromSource;
    // Only the backward search reads it.
    if (this.searches) this.fromSource.fill(csr, [source], maxHops);
    this.ballEpochs = [this.fromSource.epoch, this.toTargets.epoch];
    this.s = b.reverse;
    this.stride = maxHops + 1;
    this.epoch = this.s.begin(this.stride);
    if (!this.searches) return;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      if (this.s.dominated(t, 0, 0)) continue;
      this.s.pushedAt(t, 0, 0);
      this.s.heap.push(0, this.s.labels.add(t, 0, -1, 0));
    }
    if (!this.s.heap.size) this.radius = Infinity;
  }

  /** False once every label is settled (the bounds are then exact everywhere), or with no backward search. */
  get growing(): boolean {
    return this.searches && this.radius !== Infinity;
  }

  /** Whether v is one of the targets. */
  isTarget(v: number): boolean {
    this.check();
    return this.toTargets.atLeast(v) === 0;
  }

  /** Settles one more label (the cheapest unsettled one), raising the radius. */
  grow(): void {
    const s = this.check();
    if (!this.searches) return;
    const { start, deg, targets: tg } = this.csr;
    const { labels, heap, settled, label } = s;
    const H = this.maxHops;
    const S = this.stride;
    while (heap.size) {
      const l = heap.pop();
      const u = labels.node[l]!;
      const h = labels.hops[l]!;
      const prev = settled[u]!;
      if (prev <= h) continue;
      settled[u] = h;
      const c = labels.cost[l]!;
      for (let i = u * S + h, end = u * S + prev; i < end; i++) label[i] = l;
      if (h < H) {
        for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
          const v = tg[e]!;
          if (s.seen(v) && settled[v]! <= h + 1) continue;
          // Every search starts on a path from the source with ≤ maxHops hops in all: a step
          // farther from the source than the hops left allow is on none of them.
          if (this.fromSource.atLeast(v) > H - h - 1) continue;
          this.backwardReads++;
          const cv = c + this.csr.cost(e, this.at);
          if (s.dominated(v, h + 1, cv)) continue;
          s.pushedAt(v, h + 1, cv);
          heap.push(cv, labels.add(v, h + 1, l, cv));
        }
      }
      this.radius = heap.size ? heap.peekKey() : Infinity;
      return;
    }
    this.radius = Infinity;
  }

  /** True when every target is more than r hops from v (bound(v, r) is then Infinity): no arc cost needs reading. */
  beyond(v: number, r: number): boolean {
    this.check();
    return this.toTargets.atLeast(v) > r;
  }

  /**
   * A lower bound on the cheapest cost from v to a target in ≤ r hops (exact when `exact(v, r)` ≥ 0).
   * Unsettled, v is no target and its path leaves by some arc v–w: if w's label with ≤ r − 1 hops
   * is settled, the search has pushed v's label through it, so the path costs at least v's
   * cheapest pushed label with ≤ r hops; if not, at least v's cheapest arc + the radius. The lesser
   * of the two is a bound, and never below the radius (a pushed, unsettled label is in the heap).
   * It still satisfies bound(v, r) ≤ c(v, w) + bound(w, r − 1) — the cheapest arc is at most
   * c(v, w), and w settled has v pushed through it — so A* stays exact. Unlike the radius alone, a
   * bound can fall as the search pushes a cheaper label; keys computed before stay lower bounds.
   */
  bound(v: number, r: number): number {
    const s = this.check();
    const hops = this.toTargets.atLeast(v);
    if (hops > r) return Infinity;
    if (hops === 0) return 0;
    if (!s.seen(v)) return this.radius + this.csr.cheapestArc(v, this.at);
    const i = v * this.stride + r;
    const l = s.label[i]!;
    if (l >= 0) return s.labels.cost[l]!;
    const ahead = this.radius + this.csr.cheapestArc(v, this.at);
    const pushed = s.pushed[i]!;
    return pushed < ahead ? pushed : ahead;
  }

  /** The settled label giving v's exact cost within r hops, or −1 while it is not known. */
  exact(v: number, r: number): number {
    const s = this.check();
    return s.seen(v) ? s.label[v * this.stride + r]! : -1;
  }

  /** The nodes of a settled label's path, from its node to the target it started from. */
  suffix(l: number): number[] {
    const { labels } = this.check();
    const nodes: number[] = [];
    for (let x = l; x !== -1; x = labels.parent[x]!) nodes.push(labels.node[x]!);
    return nodes;
  }

  private check(): HopStates {
    if (this.s.epoch !== this.epoch || this.fromSource.epoch !== this.ballEpochs[0] || this.toTargets.epoch !== this.ballEpochs[1]) throw new Error('refnet/analytics: target bounds read after another query reused their buffers');
    return this.s;
  }
}
