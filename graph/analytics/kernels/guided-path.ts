/**
 * Exact cheapest path from one source to any target with at most `maxHops` hops, under bans — an
 * A* search (Hart, Nilsson & Raphael 1968) over (node, hops) states guided by the targets' exact
 * lower bounds (target-bounds.ts), which are consistent, so the first target settled is optimal.
 *
 * It is a bidirectional search in disguise: whenever the backward search has read no more arc
 * costs than the forward searches of the query, it grows by one label before the popped state is
 * expanded — the cheaper side goes next (Pohl's cardinality rule, "Bi-directional Search",
 * Machine Intelligence 6, 1971), counted in arcs read, the work of either side. Keys computed
 * before a growth are only too low: a state whose bound rose is pushed again with its new key
 * instead of expanded (or grows the backward search again if it is still the least).
 * It also stops early when a popped state's bound is exact: its backward path completes the
 * search at exactly the popped key, the least of every lower bound, so if that completion breaks
 * no ban it is optimal (a repeated node is cut out, which costs nothing more). The same completion
 * is tried as each state is pushed: the cheapest one met is an incumbent, so no state whose key
 * exceeds it is pushed, and the search ends with it once the least key reaches its cost (every
 * cheaper path would still have a state below it in the heap).
 */
import type { Csr } from '../../projection/csr.js';
import { dropLoops } from './bounded-path.js';
import type { Bans, IndexPath } from './shortest-path.js';
import { forwardHopStates, type TargetBounds } from './target-bounds.js';

/**
 * The backward search grows while its arc reads are at most this × the forward searches'.
 * Balancing by cost instead (growing while the popped cost exceeded 1.2 × the backward radius)
 * let a target among hundreds of ties read several times the forward side's arcs. Measured on the
 * 100,000-person benchmark network (the peers' 100 pairs, arc costs read per query, means): k=1
 * 4,400 → 3,480 at maxHops 6 and 17,000 → 11,500 at 8, k=3 60,900 → 38,100 at 8, k=3 p95 at
 * maxHops 8 22 → 13 ms; 0.7 and 1.5 read as much or more (docs/BENCHMARKS.md, issue #18).
 */
const WORK_RATIO = 1;

/** The backward search's turn: it has read no more arcs than the forward searches (× WORK_RATIO). */
function backwardTurn(bounds: TargetBounds): boolean {
  return bounds.growing && bounds.backwardReads <= bounds.forwardReads * WORK_RATIO;
}

export function guidedPath(csr: Csr, at: number, bounds: TargetBounds, source: number, maxHops: number, isTarget: (v: number) => boolean, bans: Bans = {}): IndexPath | undefined {
  const banN = bans.nodes && bans.nodes.size ? bans.nodes : undefined;
  const banA = bans.arcs && bans.arcs.size ? bans.arcs : undefined;
  if (banN?.has(source) || maxHops < 0 || maxHops > bounds.maxHops) return undefined;
  if (isTarget(source)) return { nodes: [source], cost: 0 };
  const s = forwardHopStates(csr);
  s.begin(bounds.maxHops + 1);
  const { labels, heap } = s;
  const { start, deg, targets: tg } = csr;
  const n = csr.n;
  const first = bounds.bound(source, maxHops);
  if (first === Infinity) return undefined;
  s.pushedAt(source, 0, 0);
  heap.push(first, labels.add(source, 0, -1, 0));
  // The cheapest whole path met so far (a pushed state whose bound is exact, completed by its
  // backward path): no state whose key exceeds its cost is pushed, and once the least key reaches
  // it, it is the answer.
  let best: IndexPath | undefined;
  while (heap.size) {
    const key = heap.peekKey();
    if (best && key >= best.cost) return best;
    const l = heap.pop();
    const v = labels.node[l]!;
    const h = labels.hops[l]!;
    const g = labels.cost[l]!;
    // A cheaper label of v with no more hops was pushed since: it covers every completion of this one.
    if (s.pushed[v * s.stride + h]! < g) continue;
    if (backwardTurn(bounds)) {
      // Grown at once while this state would be popped next anyway: the same search, fewer heap operations.
      do bounds.grow();
      while (backwardTurn(bounds) && g + bounds.bound(v, maxHops - h) < heap.peekKey());
      const f = g + bounds.bound(v, maxHops - h);
      if (f !== Infinity) heap.push(f, l);
      continue;
    }
    const f = g + bounds.bound(v, maxHops - h);
    if (f > key) {
      if (f !== Infinity && !(best && f > best.cost)) heap.push(f, l);
      continue;
    }
    if (isTarget(v)) return { nodes: prefix(labels, l), cost: g };
    const done = completion(bounds, labels, l, maxHops - h, n, banN, banA);
    if (done) return withCost(csr, at, done);
    if (h === maxHops) continue;
    const r = maxHops - h - 1;
    for (let e = start[v]!, end = e + deg[v]!; e < end; e++) {
      const w = tg[e]!;
      // Most neighbours of a state deep in the search are too many hops from the targets: the
      // hop ball says so before the arc's cost is read.
      if (bounds.beyond(w, r) || banN?.has(w) || banA?.has(v * n + w)) continue;
      bounds.forwardReads++;
      const gw = g + csr.cost(e, at);
      if (s.dominated(w, h + 1, gw)) continue;
      const b = bounds.bound(w, r);
      if (b === Infinity || (best && gw + b > best.cost)) continue;
      s.pushedAt(w, h + 1, gw);
      const lw = labels.add(w, h + 1, l, gw);
      heap.push(gw + b, lw);
      if (!best || gw + b < best.cost) {
        const met = isTarget(w) ? prefix(labels, lw) : completion(bounds, labels, lw, r, n, banN, banA);
        if (met) {
          const path = withCost(csr, at, met);
          if (!best || path.cost < best.cost) best = path;
        }
      }
    }
  }
  return best;
}

function prefix(labels: { node: Int32Array; parent: Int32Array }, l: number): number[] {
  const nodes: number[] = [];
  for (let x = l; x !== -1; x = labels.parent[x]!) nodes.push(labels.node[x]!);
  return nodes.reverse();
}

/** The popped label's path completed by its exact backward path, when that breaks no ban. */
function completion(bounds: TargetBounds, labels: { node: Int32Array; parent: Int32Array }, l: number, r: number, n: number, banN?: ReadonlySet<number>, banA?: ReadonlySet<number>): number[] | undefined {
  const back = bounds.exact(labels.node[l]!, r);
  if (back < 0) return undefined;
  const rest = bounds.suffix(back);
  for (let i = 1; i < rest.length; i++) {
    if (banN?.has(rest[i]!) || banA?.has(rest[i - 1]! * n + rest[i]!)) return undefined;
  }
  return dropLoops(prefix(labels, l).concat(rest.slice(1)));
}

function withCost(csr: Csr, at: number, nodes: number[]): IndexPath {
  let cost = 0;
  for (let i = 0; i + 1 < nodes.length; i++) cost += csr.cost(csr.slotOf(nodes[i]!, nodes[i + 1]!), at);
  return { nodes, cost };
}
