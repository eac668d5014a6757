/**
 * Communities by Louvain modularity optimisation (Blondel et al., "Fast unfolding of communities
 * in large networks", J. Stat. Mech. 2008), as graphology-communities-louvain runs it unweighted
 * (kernels/louvain.ts: the same moves on typed arrays).
 *
 * Louvain's answer depends on the order it visits people and their ties and on its random
 * numbers, so both are fixed: the graph is rebuilt with people sorted by id (UTF-16 code units)
 * and each person's ties in the same order, the RNG is mulberry32(seed), and communities are
 * numbered largest first (ties by smallest member id). The same people and ties therefore give
 * the same communities whatever order the records were written in, whichever store holds them,
 * after a restart, and on a worker thread or in line (docs/DOMAIN.md, Communities).
 */
import type { Csr } from '../projection/csr.js';
import type { AnalyticsContext } from './context.js';
import { louvainPartition, type RankGraph } from './kernels/louvain.js';
import { mulberry32 } from './kernels/random.js';
import { runAtOnce, type Steps } from '../support/time-slices.js';
import { compareIds } from '../support/id-order.js';

export interface Communities {
  count: number;
  modularity: number;
  /** community sizes, largest first */
  sizes: number[];
  /** person id → community number (0 is the largest community) */
  membership: Map<string, number>;
}

/** What a snapshot graph is made of (plain data, so it can be posted to a worker thread). */
export type SnapshotGraph = Pick<Csr, 'n' | 'ids' | 'alive' | 'start' | 'deg' | 'targets'>;

/** Louvain communities of the relationship graph as of ctx.asOf (the snapshot's people and ties). */
export function communities(ctx: AnalyticsContext, seed: number): Communities {
  return communitiesOfSnapshot(ctx.csr, seed);
}

/** Louvain communities of a snapshot's people and ties, independent of its index order. */
export function communitiesOfSnapshot(csr: SnapshotGraph, seed: number): Communities {
  return withMembers(csr.ids, snapshotCommunities(csr, seed));
}

/**
 * Communities of a snapshot with no person ids in them, only typed arrays: what a worker thread
 * sends back (transferred, not copied) for the caller to name with ids it already holds.
 */
export interface SnapshotCommunities {
  count: number;
  modularity: number;
  /** community sizes, largest first */
  sizes: number[];
  /** the snapshot index of each person of the pass, in id order (their ranks) */
  order: Int32Array;
  /** community number of each rank (0 is the largest community) */
  community: Int32Array;
}

/** Louvain communities of a snapshot, by rank. */
export function snapshotCommunities(csr: SnapshotGraph, seed: number): SnapshotCommunities {
  const { graph, order } = canonicalGraph(csr);
  if (graph.neighbours.length === 0) return numbered(order, Int32Array.from(order, (_, r) => r), 0);
  const found = louvainPartition(graph, mulberry32(seed));
  return numbered(order, found.community, found.modularity);
}

/** The communities with each person's id: `ids` the snapshot's (or a copy of its first entries). */
export function withMembers(ids: readonly string[], c: SnapshotCommunities): Communities {
  return runAtOnce(withMembersSteps(ids, c, Infinity));
}

/**
 * withMembers in steps, yielding every `step` people: a worker's answer is named on the event
 * loop, and a Map of a million ids built in one go holds it for a second (issue #18).
 */
export function* withMembersSteps(ids: readonly string[], c: SnapshotCommunities, step: number): Steps<Communities> {
  const membership = new Map<string, number>();
  for (let r = 0; r < c.order.length; r++) {
    membership.set(ids[c.order[r]!]!, c.community[r]!);
    if (r % step === step - 1) yield;
  }
  return { count: c.count, modularity: c.modularity, sizes: c.sizes, membership };
}

/**
 * The snapshot as Louvain's input: people ranked in id order, each one's ties by rank, highest
 * first (kernels/louvain.ts); `order[rank]` is the snapshot index.
 */
function canonicalGraph(csr: SnapshotGraph): { graph: RankGraph; order: Int32Array } {
  let alive = 0;
  for (let u = 0; u < csr.n; u++) if (csr.alive[u]) alive++;
  const order = new Int32Array(alive);
  for (let u = 0, r = 0; u < csr.n; u++) if (csr.alive[u]) order[r++] = u;
  order.sort((a, b) => compareIds(csr.ids[a]!, csr.ids[b]!));
  const rank = new Int32Array(csr.n).fill(-1);
  order.forEach((u, r) => (rank[u] = r));
  // ties to people outside the pass (none in a live snapshot) and self-ties are not Louvain's
  const eachTie = (r: number, u: number, visit: (s: number) => void) => {
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) {
      const s = rank[csr.targets[e]!]!;
      if (s >= 0 && s !== r) visit(s);
    }
  };
  const start = new Int32Array(alive + 1);
  for (let r = 0; r < alive; r++) {
    let d = 0;
    eachTie(r, order[r]!, () => d++);
    start[r + 1] = start[r]! + d;
  }
  const neighbours = new Int32Array(start[alive]!);
  for (let r = 0; r < alive; r++) {
    let k = start[r]!;
    eachTie(r, order[r]!, (s) => (neighbours[k++] = s));
    neighbours.subarray(start[r], k).sort().reverse();
  }
  return { graph: { n: alive, start, neighbours }, order };
}

/** Renumbers raw community labels (by rank): largest community first, equal sizes by smallest member id. */
function numbered(order: Int32Array, raw: Int32Array, modularity: number): SnapshotCommunities {
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  raw.forEach((c, r) => {
    size.set(c, (size.get(c) ?? 0) + 1);
    if (!first.has(c)) first.set(c, r); // ranks ascend with ids, so the first seen is the smallest id
  });
  const labels = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const number = new Map(labels.map((c, i) => [c, i]));
  return {
    count: labels.length,
    modularity,
    sizes: labels.map((c) => size.get(c)!),
    order,
    community: raw.map((c) => number.get(c)!),
  };
}

