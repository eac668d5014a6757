/**
 * k loopless cheapest paths — Yen, "Finding the K Shortest Loopless Paths in a Network",
 * Management Science 17(11), 1971, in Lawler's partition form (Management Science 18(7), 1972),
 * with lazily solved subproblems.
 *
 * A subproblem is every loopless path that starts with a fixed root (source … spur) and leaves
 * the spur by none of a set of banned arcs. Its cheapest path q is a candidate; once q is taken,
 * the rest of the subproblem splits into one subproblem per node of q from the spur on: root
 * q[0..i], and q's own arc out of q[i] banned too (with the subproblem's banned arcs at the spur
 * itself). These parts are disjoint and cover every other path of the subproblem, so the
 * cheapest candidate is always the next path and no path comes twice.
 *
 * Each subproblem first enters the candidate list with a lower bound — root cost + the cheapest
 * allowed first step + the targets' exact bound from there (target-bounds.ts) — and is only
 * searched (guided-path.ts) once that bound is the least in the list: a subproblem whose bound
 * exceeds the k-th path is never searched. Ties in cost: fewer hops first.
 *
 * Hop bound: a spur path may use at most maxHops − (root hops). Several targets act as one
 * virtual sink: a path ends at the first target it reaches.
 */
import type { Csr } from '../../projection/csr.js';
import { guidedPath } from './guided-path.js';
import { connected, type IndexPath } from './shortest-path.js';
import { TargetBounds } from './target-bounds.js';

interface Subproblem {
  /** source … spur */
  root: number[];
  /** arcs out of the spur (u * n + v) its paths may not take */
  arcs: Set<number>;
  /** cost of the root */
  rootCost: number;
  /** lower bound until searched, then the cost of `path` */
  key: number;
  path?: IndexPath;
  order: number;
}

/** Up to k loopless paths from source to any target, cheapest first at instant `at`, each ≤ maxHops hops. */
export function yenKPaths(csr: Csr, at: number, source: number, targets: ArrayLike<number>, k: number, maxHops: number): { paths: IndexPath[]; unbounded: boolean } {
  const n = csr.n;
  const bounds = new TargetBounds(csr, at, source, targets, maxHops);
  const isTarget = (v: number) => bounds.isTarget(v);
  const first = fewestHops(csr, at, (hops) => guidedPath(csr, at, bounds, source, hops, isTarget), maxHops);
  if (!first) return { paths: [], unbounded: connected(csr, [source], targets) };
  // One path asked for: the subproblems after it would only be set up to be dropped.
  if (k === 1) return { paths: [first], unbounded: true };
  const arcCost = (u: number, v: number) => {
    const e = csr.slotOf(u, v);
    return e < 0 ? Infinity : csr.cost(e, at);
  };
  const found: IndexPath[] = [first];
  const open: Subproblem[] = [];
  let order = 0;

  /** The subproblems left of `q`'s own once q is taken: one per node from its spur on. */
  const split = (q: number[], spurAt: number, spurArcs: ReadonlySet<number>) => {
    let rootCost = 0;
    for (let i = 0; i < spurAt; i++) rootCost += arcCost(q[i]!, q[i + 1]!);
    for (let i = spurAt; i + 1 < q.length; i++) {
      const arcs = new Set(i === spurAt ? spurArcs : []);
      arcs.add(q[i]! * n + q[i + 1]!);
      const root = q.slice(0, i + 1);
      const key = rootCost + firstStepBound(root, arcs);
      if (key !== Infinity) open.push({ root, arcs, rootCost, key, order: order++ });
      rootCost += arcCost(q[i]!, q[i + 1]!);
    }
  };

  /** The cheapest allowed step out of the spur plus the bound from there: a lower bound of the spur path. */
  const firstStepBound = (root: number[], arcs: ReadonlySet<number>) => {
    const spur = root[root.length - 1]!;
    const left = maxHops - (root.length - 1);
    if (left < 1) return Infinity;
    let best = Infinity;
    for (let e = csr.start[spur]!, end = e + csr.deg[spur]!; e < end; e++) {
      const w = csr.targets[e]!;
      if (arcs.has(spur * n + w) || root.includes(w)) continue;
      best = Math.min(best, csr.cost(e, at) + (isTarget(w) ? 0 : bounds.bound(w, left - 1)));
    }
    return best;
  };

  split(first.nodes, 0, new Set());
  while (found.length < k && open.length) {
    const i = cheapest(open);
    const sub = open[i]!;
    if (sub.path) {
      open.splice(i, 1);
      found.push(sub.path);
      split(sub.path.nodes, sub.root.length - 1, sub.arcs);
      continue;
    }
    // The targets' bounds may have grown since the subproblem came in: a tighter bound may let it wait.
    const tighter = sub.rootCost + firstStepBound(sub.root, sub.arcs);
    if (tighter > sub.key) {
      sub.key = tighter;
      if (tighter === Infinity) open.splice(i, 1);
      continue;
    }
    const spur = sub.root.length - 1;
    // Root nodes before the spur are banned (loopless); none of them is a target (a path ends at its first).
    const bans = { nodes: new Set(sub.root.slice(0, spur)), arcs: sub.arcs };
    const rest = fewestHops(csr, at, (hops) => guidedPath(csr, at, bounds, sub.root[spur]!, hops, isTarget, bans), maxHops - spur);
    if (!rest) {
      open.splice(i, 1);
      continue;
    }
    const nodes = sub.root.concat(rest.nodes.slice(1));
    let cost = 0;
    for (let j = 0; j + 1 < nodes.length; j++) cost += arcCost(nodes[j]!, nodes[j + 1]!);
    sub.path = { nodes, cost };
    sub.key = cost;
  }
  return { paths: found, unbounded: true };
}

/**
 * The cheapest path `search` finds within `maxHops`, and of the paths of exactly its cost the one
 * with the fewest hops (cheapest first, fewer hops on equal cost). Paths of different lengths cost
 * exactly the same through ties of full strength, whose cost is 0 (other costs are sums of
 * logarithms, which do not coincide): a path through such a tie is searched for again one hop
 * shorter, for as long as that finds the same cost.
 */
function fewestHops(csr: Csr, at: number, search: (maxHops: number) => IndexPath | undefined, maxHops: number): IndexPath | undefined {
  let best = search(maxHops);
  while (best && best.nodes.length > 2 && hasFreeArc(csr, at, best.nodes)) {
    const shorter = search(best.nodes.length - 2);
    if (!shorter || shorter.cost !== best.cost) break;
    best = shorter;
  }
  return best;
}

/** True when some arc of the path costs exactly 0. */
function hasFreeArc(csr: Csr, at: number, nodes: readonly number[]): boolean {
  for (let i = 0; i + 1 < nodes.length; i++) if (csr.cost(csr.slotOf(nodes[i]!, nodes[i + 1]!), at) === 0) return true;
  return false;
}

/**
 * The subproblem to look at next: the least key; at equal keys an unsearched one first (its path
 * may tie with fewer hops), then fewer hops, then the older.
 */
function cheapest(open: Subproblem[]): number {
  let bi = 0;
  for (let j = 1; j < open.length; j++) {
    const a = open[j]!;
    const b = open[bi]!;
    if (a.key !== b.key) {
      if (a.key < b.key) bi = j;
      continue;
    }
    if (!a.path !== !b.path) {
      if (!a.path) bi = j;
      continue;
    }
    if (a.path && b.path && a.path.nodes.length !== b.path.nodes.length) {
      if (a.path.nodes.length < b.path.nodes.length) bi = j;
      continue;
    }
    if (a.order < b.order) bi = j;
  }
  return bi;
}
