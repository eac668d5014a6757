/**
 * Cheapest paths on a CSR snapshot, costs = −ln tie strength at the instant `at` (Dijkstra 1959).
 *
 * - `bidirectionalDijkstra`: the fast exact search with no hop bound (Pohl 1971; stop once
 *   top(F) + top(B) ≥ best meeting cost). Several sources and several targets are allowed: the
 *   backward search starts from every target at 0, so "to anyone in industry Y" costs one search.
 * - `hopBoundedSearch`: exact cheapest path with at most H hops — a label-setting search over
 *   (node, hops) states with Pareto pruning (cost, hops). Used when the unbounded optimum is too
 *   long, and for single-source trees (diversity gap candidates).
 * - `cheapestPath`: the bounded optimum by meeting in the middle (bounded-path.ts), plus whether
 *   the ends are connected at all (cached connected components) to explain an empty answer.
 *
 * Bans (Yen's spur searches) exclude nodes and directed arcs (u → v in path direction).
 */
import type { Csr } from '../../projection/csr.js';
import { boundedCheapestPath } from './bounded-path.js';
import { MinHeap } from './heap.js';
import { ownerMemo, stampedOwnerMemo } from '../../support/memo.js';

export interface Bans {
  nodes?: ReadonlySet<number>;
  /** arc keys u * n + v, in path direction */
  arcs?: ReadonlySet<number>;
}

export interface IndexPath {
  nodes: number[];
  cost: number;
}

/** Reusable per-snapshot buffers: stamps avoid clearing O(n) arrays on every query. */
class Workspace {
  epoch = 0;
  readonly distF: Float64Array;
  readonly distB: Float64Array;
  readonly parF: Int32Array;
  readonly parB: Int32Array;
  readonly seenF: Uint32Array;
  readonly seenB: Uint32Array;
  readonly doneF: Uint32Array;
  readonly doneB: Uint32Array;
  readonly heapF = new MinHeap();
  readonly heapB = new MinHeap();
  constructor(readonly n: number) {
    this.distF = new Float64Array(n);
    this.distB = new Float64Array(n);
    this.parF = new Int32Array(n);
    this.parB = new Int32Array(n);
    this.seenF = new Uint32Array(n);
    this.seenB = new Uint32Array(n);
    this.doneF = new Uint32Array(n);
    this.doneB = new Uint32Array(n);
  }
}

/** One per snapshot (sized by its node count), weakly keyed: it goes with the snapshot. */
const workspaces = ownerMemo<Csr, Workspace>('paths.workspace');

function workspace(csr: Csr): Workspace {
  let w = workspaces.get(csr);
  if (!w || w.n < csr.n) {
    w = new Workspace(Math.max(csr.n, 16) + (csr.n >> 3));
    workspaces.set(csr, w);
  }
  if (++w.epoch === 0xffffffff) {
    w.seenF.fill(0);
    w.seenB.fill(0);
    w.doneF.fill(0);
    w.doneB.fill(0);
    w.epoch = 1;
  }
  return w;
}

/** Exact cheapest path from any source to any target, no hop bound. */
export function bidirectionalDijkstra(csr: Csr, at: number, sources: readonly number[], targets: readonly number[], bans: Bans = {}): IndexPath | undefined {
  const w = workspace(csr);
  const ep = w.epoch;
  const { distF, distB, parF, parB, seenF, seenB, doneF, doneB, heapF, heapB } = w;
  const { start, deg, targets: tg } = csr;
  const n = csr.n;
  const banN = bans.nodes && bans.nodes.size ? bans.nodes : undefined;
  const banA = bans.arcs && bans.arcs.size ? bans.arcs : undefined;
  heapF.clear();
  heapB.clear();
  for (const s of sources) {
    if (banN?.has(s)) continue;
    distF[s] = 0;
    parF[s] = -1;
    seenF[s] = ep;
    heapF.push(0, s);
  }
  for (const t of targets) {
    if (banN?.has(t)) continue;
    if (seenF[t] === ep) return { nodes: [t], cost: 0 };
    distB[t] = 0;
    parB[t] = -1;
    seenB[t] = ep;
    heapB.push(0, t);
  }
  let mu = Infinity;
  let meet = -1;
  while (heapF.size && heapB.size) {
    const kf = heapF.peekKey();
    const kb = heapB.peekKey();
    if (kf + kb >= mu) break;
    if (kf <= kb) {
      const u = heapF.pop();
      if (doneF[u] === ep || kf > distF[u]!) continue;
      doneF[u] = ep;
      for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
        const v = tg[e]!;
        if (banN?.has(v) || banA?.has(u * n + v)) continue;
        const nd = kf + csr.cost(e, at);
        if (seenF[v] !== ep || nd < distF[v]!) {
          distF[v] = nd;
          parF[v] = u;
          seenF[v] = ep;
          heapF.push(nd, v);
          if (seenB[v] === ep && nd + distB[v]! < mu) {
            mu = nd + distB[v]!;
            meet = v;
          }
        }
      }
    } else {
      const u = heapB.pop();
      if (doneB[u] === ep || kb > distB[u]!) continue;
      doneB[u] = ep;
      for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
        const v = tg[e]!;
        // backward: the path goes v → u
        if (banN?.has(v) || banA?.has(v * n + u)) continue;
        const nd = kb + csr.cost(e, at);
        if (seenB[v] !== ep || nd < distB[v]!) {
          distB[v] = nd;
          parB[v] = u;
          seenB[v] = ep;
          heapB.push(nd, v);
          if (seenF[v] === ep && nd + distF[v]! < mu) {
            mu = nd + distF[v]!;
            meet = v;
          }
        }
      }
    }
  }
  if (meet < 0) return undefined;
  const nodes: number[] = [];
  for (let x = meet; x !== -1; x = parF[x]!) nodes.push(x);
  nodes.reverse();
  for (let x = parB[meet]!; x !== -1; x = parB[x]!) nodes.push(x);
  return { nodes, cost: mu };
}

/** Labels of a hop-bounded search: one per (node, hops) state kept. */
export interface LabelTree {
  node: Int32Array;
  hops: Int32Array;
  parent: Int32Array;
  cost: Float64Array;
  /** node → its cheapest label within the bound, −1 if unreachable */
  best: Int32Array;
}

/**
 * Exact hop-bounded cheapest paths from the sources. With `isTarget`, stops at the first target
 * settled and returns that label's path; otherwise settles everything within `maxHops` and
 * returns the label tree (`best[v]` → cheapest path to v with ≤ maxHops hops). `enough` hears
 * each node as its cheapest label is settled, cheapest first, and may end the search there
 * (`stopped`: that node is not settled, and neither is anything costlier).
 */
export function hopBoundedSearch(
  csr: Csr,
  at: number,
  sources: readonly number[],
  maxHops: number,
  bans: Bans = {},
  isTarget?: (v: number) => boolean,
  enough?: (v: number, cost: number, label: number) => boolean,
): { path?: IndexPath; tree: LabelTree; stopped?: true } {
  const n = csr.n;
  const { start, deg, targets: tg } = csr;
  const banN = bans.nodes && bans.nodes.size ? bans.nodes : undefined;
  const banA = bans.arcs && bans.arcs.size ? bans.arcs : undefined;
  let capacity = 1024;
  let node = new Int32Array(capacity);
  let hops = new Int32Array(capacity);
  let parent = new Int32Array(capacity);
  let cost = new Float64Array(capacity);
  let count = 0;
  const settledHops = new Int32Array(n).fill(maxHops + 1);
  const tentCost = new Float64Array(n).fill(Infinity);
  const tentHops = new Int32Array(n).fill(maxHops + 1);
  const best = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  const add = (v: number, h: number, p: number, c: number) => {
    if (count === capacity) {
      capacity *= 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
      node = grow(node, new Int32Array(capacity));
      hops = grow(hops, new Int32Array(capacity));
      parent = grow(parent, new Int32Array(capacity));
      cost = grow(cost, new Float64Array(capacity));
    }
    node[count] = v;
    hops[count] = h;
    parent[count] = p;
    cost[count] = c;
    heap.push(c, count);
    count++;
  };
  for (const s of sources) if (!banN?.has(s)) add(s, 0, -1, 0);
  const tree = () => ({ node, hops, parent, cost, best });
  while (heap.size) {
    const l = heap.pop();
    const u = node[l]!;
    const h = hops[l]!;
    if (settledHops[u]! <= h) continue;
    if (best[u] === -1) {
      if (enough?.(u, cost[l]!, l)) return { tree: tree(), stopped: true };
      best[u] = l;
    }
    settledHops[u] = h;
    if (isTarget?.(u)) return { path: labelPath({ node, hops, parent, cost, best }, l), tree: tree() };
    if (h === maxHops) continue;
    const c0 = cost[l]!;
    for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
      const v = tg[e]!;
      if (settledHops[v]! <= h + 1) continue;
      if (banN?.has(v) || banA?.has(u * n + v)) continue;
      const c = c0 + csr.cost(e, at);
      // Pareto pruning: a pushed label at v no more expensive and no longer dominates this one.
      if (tentCost[v]! <= c && tentHops[v]! <= h + 1) continue;
      if (c < tentCost[v]! || (c === tentCost[v]! && h + 1 < tentHops[v]!)) {
        tentCost[v] = c;
        tentHops[v] = h + 1;
      }
      add(v, h + 1, l, c);
    }
  }
  return { tree: tree() };
}

/** The path of a label, source first. */
export function labelPath(tree: LabelTree, label: number): IndexPath {
  const nodes: number[] = [];
  for (let l = label; l !== -1; l = tree.parent[l]!) nodes.push(tree.node[l]!);
  nodes.reverse();
  return { nodes, cost: tree.cost[label]! };
}

/**
 * Exact cheapest path from sources to targets with at most maxHops hops (meet in the middle,
 * bounded-path.ts); `unbounded` tells whether the ends are connected at all when none fits.
 */
export function cheapestPath(
  csr: Csr,
  at: number,
  sources: readonly number[],
  targets: readonly number[],
  maxHops: number,
  bans: Bans = {},
): { path?: IndexPath; unbounded: boolean } {
  const path = boundedCheapestPath(csr, at, sources, targets, maxHops, bans);
  if (path) return { path, unbounded: true };
  return { unbounded: connected(csr, sources, targets) };
}

/** Connected components of a snapshot, cached until the snapshot is patched. */
const componentCache = stampedOwnerMemo<Csr, Int32Array>('paths.components');

/** True when some source and some target share a connected component (bans ignored). */
export function connected(csr: Csr, sources: readonly number[], targets: ArrayLike<number>): boolean {
  const comp = componentCache(csr, [csr.revision, csr.n], () => components(csr));
  const want = new Set(sources.map((s) => comp[s]!));
  return Array.prototype.some.call(targets, (t: number) => want.has(comp[t]!));
}

function components(csr: Csr): Int32Array {
  const n = csr.n;
  const comp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const { start, deg, targets } = csr;
  let label = 0;
  for (let s = 0; s < n; s++) {
    if (comp[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    comp[s] = label;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
        const v = targets[e]!;
        if (comp[v] === -1) {
          comp[v] = label;
          queue[tail++] = v;
        }
      }
    }
    label++;
  }
  return comp;
}
