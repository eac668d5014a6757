/**
 * k loopless cheapest paths — Yen, "Finding the K Shortest Loopless Paths in a Network",
 * Management Science 17(11), 1971. Each next path deviates from a previous one at a spur node:
 * the root (source … spur) is kept, the arcs previous paths took out of that root and the root's
 * other nodes are banned, and the cheapest spur path completes it. Hop bound: a spur path may
 * use at most maxHops − (root hops). Several targets act as one virtual sink: a path ends at
 * the first target it reaches.
 */
import type { Csr } from '../../projection/csr.js';
import { cheapestPath, type IndexPath } from './shortest-path.js';

/** Up to k loopless paths from source to any target, cheapest first at instant `at`, each ≤ maxHops hops. */
export function yenKPaths(csr: Csr, at: number, source: number, targets: readonly number[], k: number, maxHops: number): { paths: IndexPath[]; unbounded: boolean } {
  const n = csr.n;
  const targetSet = new Set(targets);
  const first = cheapestPath(csr, at, [source], targets, maxHops);
  if (!first.path) return { paths: [], unbounded: first.unbounded };
  const found: IndexPath[] = [first.path];
  const candidates: IndexPath[] = [];
  const seen = new Set<string>([first.path.nodes.join(',')]);
  const arcCost = (u: number, v: number) => {
    const e = csr.slotOf(u, v);
    return e < 0 ? Infinity : csr.cost(e, at);
  };
  while (found.length < k) {
    const last = found[found.length - 1]!;
    for (let i = 0; i < last.nodes.length - 1; i++) {
      const spur = last.nodes[i]!;
      const root = last.nodes.slice(0, i + 1);
      const arcs = new Set<number>();
      for (const p of found) {
        if (p.nodes.length > i + 1 && root.every((x, j) => p.nodes[j] === x)) arcs.add(spur * n + p.nodes[i + 1]!);
      }
      // Root nodes before the spur are banned (loopless); earlier targets too (a path ends at its first target).
      const nodes = new Set<number>(root.slice(0, i));
      const rest = cheapestPath(
        csr,
        at,
        [spur],
        targets.filter((t) => !nodes.has(t)),
        maxHops - i,
        { nodes, arcs },
      );
      if (!rest.path) continue;
      const full = root.concat(rest.path.nodes.slice(1));
      if (full.slice(0, -1).some((x) => targetSet.has(x))) continue;
      const key = full.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      let cost = 0;
      for (let j = 0; j < i; j++) cost += arcCost(full[j]!, full[j + 1]!);
      candidates.push({ nodes: full, cost: cost + rest.path.cost });
    }
    if (!candidates.length) break;
    // The cheapest candidate next; fewer hops break ties.
    let bi = 0;
    for (let j = 1; j < candidates.length; j++) {
      const a = candidates[j]!;
      const b = candidates[bi]!;
      if (a.cost < b.cost || (a.cost === b.cost && a.nodes.length < b.nodes.length)) bi = j;
    }
    found.push(candidates.splice(bi, 1)[0]!);
  }
  return { paths: found, unbounded: true };
}
