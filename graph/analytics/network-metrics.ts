/**
 * Whole-network metrics: size, referral reciprocity (reciprocity.ts), the VCP stage distribution
 * of the ties, communities by Louvain modularity optimisation (Blondel et al., "Fast unfolding of
 * communities in large networks", J. Stat. Mech. 2008; graphology-communities-louvain, unweighted
 * with getEdgeWeight: null, seeded so answers repeat), and the top brokers by betweenness.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { Csr } from '../projection/csr.js';
import '../projection/null-prototype-adjacency.js';
import { escapeKey, unescapeKey } from '../support/prototype-names.js';
import type { AnalyticsContext } from './context.js';
import { mulberry32 } from './kernels/random.js';
import type { ReciprocityCounters } from '../projection/network-projection.js';
import { networkReciprocity, reciprocityFromCounts, type NetworkReciprocity } from './reciprocity.js';
import { tieFacts } from './tie-facts.js';
import { vcp, type Stage } from './vcp.js';

// The package is CommonJS with ESM-style typings: under NodeNext its default import is typed as
// the module namespace, while at run time it is the function itself.
type Louvain = typeof louvainModule.default;
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

export interface StageDistribution extends Record<Stage, number> {
  dormant: number;
}

export interface Communities {
  count: number;
  modularity: number;
  /** community sizes, largest first */
  sizes: number[];
  /** person id → community number */
  membership: Map<string, number>;
}

export interface NetworkMetrics {
  asOf: string;
  people: number;
  ties: number;
  reciprocity: NetworkReciprocity;
  stages: StageDistribution;
  communities: { count: number; modularity: number; sizes: number[] };
  topBrokers: { person: string; betweenness: number }[];
}

/** How many ties are at each VCP stage, and how many are dormant, as of ctx.asOf. */
export function stageDistribution(ctx: AnalyticsContext): StageDistribution {
  const out: StageDistribution = { visibility: 0, credibility: 0, profitability: 0, dormant: 0 };
  ctx.projection.ties.forEachEdge((_k, evidence, a, b) => {
    const f = tieFacts(ctx.records, evidence, a, b, ctx.asOf);
    if (!f) return;
    const v = vcp(f, ctx.asOf, ctx.config);
    out[v.stage]++;
    if (v.dormant) out.dormant++;
  });
  return out;
}

/** Louvain communities of the relationship graph as of ctx.asOf (unweighted, seeded). */
export function communities(ctx: AnalyticsContext, seed = 1): Communities {
  const live = ctx.asOf >= ctx.projection.highWater;
  return communitiesOf(live ? (ctx.projection.ties as unknown as UndirectedGraph) : graphFromSnapshot(ctx.csr), seed);
}

/** What a snapshot graph is made of (plain data, so it can be posted to a worker thread). */
export type SnapshotGraph = Pick<Csr, 'n' | 'ids' | 'alive' | 'start' | 'deg' | 'targets'>;

/** A graphology graph of a snapshot's people and ties. */
export function graphFromSnapshot(csr: SnapshotGraph): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let u = 0; u < csr.n; u++) if (csr.alive[u]) graph.addNode(csr.ids[u]!);
  for (let u = 0; u < csr.n; u++) {
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) if (u < csr.targets[e]!) graph.addEdge(csr.ids[u]!, csr.ids[csr.targets[e]!]!);
  }
  return graph;
}

/** Louvain communities of a graphology graph (unweighted, seeded). */
export function communitiesOf(graph: UndirectedGraph, seed: number): Communities {
  if (graph.size === 0) return { count: graph.order, modularity: 0, sizes: Array(graph.order).fill(1), membership: new Map(graph.nodes().map((n, i) => [n, i])) };
  const d = louvain.detailed(louvainSafe(graph), { getEdgeWeight: null, rng: mulberry32(seed) });
  const sizes = new Map<number, number>();
  for (const c of Object.values(d.communities)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  return {
    count: d.count,
    modularity: d.modularity,
    sizes: [...sizes.values()].sort((a, b) => b - a),
    membership: new Map(Object.entries(d.communities).map(([node, c]) => [unescapeKey(node), c])),
  };
}

/**
 * The graph Louvain can run on: graphology-communities-louvain indexes nodes in plain objects, so
 * ids spelled like Object.prototype members are escaped for the run (a copy with the same node
 * and edge order, so the communities do not move); unescapeKey maps the answer back.
 */
function louvainSafe(graph: UndirectedGraph): UndirectedGraph {
  if (!graph.someNode((node) => escapeKey(node) !== node)) return graph;
  const copy = new UndirectedGraph();
  graph.forEachNode((node) => void copy.addNode(escapeKey(node)));
  graph.forEachEdge((_key, _attributes, a, b) => void copy.addEdge(escapeKey(a), escapeKey(b)));
  return copy;
}

/** The n people with the highest betweenness. */
export function topBrokers(ctx: AnalyticsContext, values: Float64Array, n = 10): { person: string; betweenness: number }[] {
  const idx: number[] = [];
  for (let u = 0; u < ctx.csr.n; u++) if (ctx.csr.alive[u] && values[u]! > 0) idx.push(u);
  idx.sort((a, b) => values[b]! - values[a]! || (ctx.csr.ids[a]! < ctx.csr.ids[b]! ? -1 : 1));
  return idx.slice(0, n).map((u) => ({ person: ctx.csr.ids[u]!, betweenness: values[u]! }));
}

/**
 * Network metrics as of ctx.asOf, given the (cached) betweenness and communities; `live` passes
 * what the engine keeps incrementally (stage distribution, edge-reciprocity counters).
 */
export function networkMetrics(
  ctx: AnalyticsContext,
  betweenness: Float64Array | null,
  comms: Communities,
  live?: { stages: StageDistribution; counters: ReciprocityCounters },
): NetworkMetrics {
  let people = 0;
  for (let u = 0; u < ctx.csr.n; u++) people += ctx.csr.alive[u]!;
  const reciprocity = live ? liveReciprocity(ctx, live.counters) : networkReciprocity(ctx);
  return {
    asOf: new Date(ctx.asOf).toISOString(),
    people,
    ties: ctx.csr.ties,
    reciprocity,
    stages: live ? live.stages : stageDistribution(ctx),
    communities: { count: comms.count, modularity: comms.modularity, sizes: comms.sizes.slice(0, 50) },
    topBrokers: betweenness ? topBrokers(ctx, betweenness) : [],
  };
}

/** Reciprocity of the live graph, from the projection's incremental counters (no pass over arcs). */
function liveReciprocity(ctx: AnalyticsContext, c: ReciprocityCounters): NetworkReciprocity {
  const people = ctx.records.maps.person.size;
  return {
    people,
    arcs: c.arcs,
    referrals: c.referrals,
    reciprocatedArcs: c.reciprocatedArcs,
    ...reciprocityFromCounts(people, c.arcs, c.reciprocatedArcs),
    weighted: { count: c.referrals ? c.minCount / c.referrals : null, value: c.value ? c.minValue / c.value : null },
  };
}
