/**
 * Exact cheapest path with at most H hops, by meeting in the middle: hop-layered Bellman–Ford
 * (Bellman 1958) from the sources for ⌈H/2⌉ layers and from the targets for ⌊H/2⌋ layers, then
 * the best middle node. Every path of ≤ H hops splits at hop min(len, ⌈H/2⌉) into a prefix and a
 * suffix that the two sides cover, so the minimum over middle nodes is the bounded optimum. Each
 * side only explores the ball of radius H/2 around its ends — a few hundred nodes on a referral
 * network where unbounded Dijkstra may settle most of the graph when costs vary a lot.
 * Bans (Yen's spur searches) exclude nodes and arcs u → v (path direction).
 */
import type { Csr } from '../../projection/csr.js';
import type { Bans, IndexPath } from './shortest-path.js';

interface Layer {
  cost: Map<number, number>;
  /** node → predecessor for entries improved in this layer */
  parent: Map<number, number>;
}

/** Layers 0..depth of best costs with ≤ i hops; `reverse` walks arcs backwards (from targets). */
function layers(csr: Csr, at: number, starts: readonly number[], depth: number, bans: Bans, reverse: boolean): Layer[] {
  const { start, deg, targets: tg } = csr;
  const n = csr.n;
  const banN = bans.nodes && bans.nodes.size ? bans.nodes : undefined;
  const banA = bans.arcs && bans.arcs.size ? bans.arcs : undefined;
  const first: Layer = { cost: new Map(), parent: new Map() };
  for (const s of starts) if (!banN?.has(s)) first.cost.set(s, 0);
  const out = [first];
  let frontier = [...first.cost.keys()];
  for (let i = 1; i <= depth && frontier.length; i++) {
    const prev = out[i - 1]!.cost;
    const cost = new Map(prev);
    const parent = new Map<number, number>();
    for (const u of frontier) {
      const cu = prev.get(u)!;
      for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
        const v = tg[e]!;
        if (banN?.has(v)) continue;
        if (banA && banA.has(reverse ? v * n + u : u * n + v)) continue;
        const c = cu + csr.cost(e, at);
        const old = cost.get(v);
        if (old === undefined || c < old) {
          cost.set(v, c);
          parent.set(v, u);
        }
      }
    }
    frontier = [...parent.keys()];
    out.push({ cost, parent });
  }
  return out;
}

/** The path to `v` from a layer stack's starts, start first. */
function walkBack(stack: Layer[], v: number): number[] {
  const nodes = [v];
  let x = v;
  for (let i = stack.length - 1; i > 0; i--) {
    const p = stack[i]!.parent.get(x);
    if (p === undefined) continue; // x's best was already reached with fewer hops
    nodes.push(p);
    x = p;
  }
  return nodes.reverse();
}

/** Exact cheapest path from any source to any target with ≤ maxHops hops, or undefined. */
export function boundedCheapestPath(csr: Csr, at: number, sources: readonly number[], targets: readonly number[], maxHops: number, bans: Bans = {}): IndexPath | undefined {
  const fwd = layers(csr, at, sources, Math.ceil(maxHops / 2), bans, false);
  const bwd = layers(csr, at, targets, Math.floor(maxHops / 2), bans, true);
  const f = fwd[fwd.length - 1]!.cost;
  const b = bwd[bwd.length - 1]!.cost;
  let best = Infinity;
  let meet = -1;
  const [small, large] = f.size <= b.size ? [f, b] : [b, f];
  for (const [m, c1] of small) {
    const c2 = large.get(m);
    if (c2 === undefined) continue;
    const c = c1 + c2;
    if (c < best || (c === best && (meet < 0 || csr.idBefore(m, meet)))) {
      best = c;
      meet = m;
    }
  }
  if (meet < 0) return undefined;
  const nodes = walkBack(fwd, meet).concat(walkBack(bwd, meet).reverse().slice(1));
  // A path ends at the first target it reaches; a repeated node (only possible through zero-cost
  // cycles) is cut out — neither can make it more expensive.
  const isTarget = new Set(targets);
  const firstTarget = nodes.findIndex((x) => isTarget.has(x));
  const trimmed = dropLoops(nodes.slice(0, firstTarget + 1));
  let cost = 0;
  for (let i = 0; i + 1 < trimmed.length; i++) cost += csr.cost(csr.slotOf(trimmed[i]!, trimmed[i + 1]!), at);
  return { nodes: trimmed, cost };
}

/** Cuts out the cycles of a walk (only zero-cost ones can occur; cutting them costs nothing). */
export function dropLoops(nodes: number[]): number[] {
  const out: number[] = [];
  const at = new Map<number, number>();
  for (const x of nodes) {
    const seen = at.get(x);
    if (seen !== undefined) {
      for (const y of out.splice(seen + 1)) at.delete(y);
      continue;
    }
    at.set(x, out.length);
    out.push(x);
  }
  return out;
}
