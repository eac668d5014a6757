/**
 * Whole-network metrics: size, referral reciprocity (reciprocity.ts), the VCP stage distribution
 * of the ties, Louvain communities (communities.ts, reproducible), and the top brokers by
 * betweenness.
 */
import { UndirectedGraph } from 'graphology';
import type { Csr } from '../projection/csr.js';
import '../projection/null-prototype-adjacency.js';
import type { Communities } from './communities.js';
import type { BetweennessValue } from './background-betweenness.js';
import type { AnalyticsContext, Sees } from './context.js';
import { remap } from './live-betweenness.js';
import { stampedOwnerMemo } from '../support/memo.js';
import type { ReciprocityCounters } from '../projection/network-projection.js';
import { networkReciprocity, reciprocityFromCounts, type NetworkReciprocity } from './reciprocity.js';
import { tieFacts } from './tie-facts.js';
import { vcp, type Stage } from './vcp.js';

export interface StageDistribution extends Record<Stage, number> {
  dormant: number;
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
  ctx.projection.ties.forEachEdge((evidence, a, b) => {
    const f = tieFacts(ctx.records, evidence, a, b, ctx.asOf);
    if (!f) return;
    const v = vcp(f, ctx.asOf, ctx.config);
    out[v.stage]++;
    if (v.dormant) out.dormant++;
  });
  return out;
}

/** A graphology graph of a snapshot's people and ties (ids as keys, in the snapshot's order). */
export function graphFromSnapshot(csr: Pick<Csr, 'n' | 'ids' | 'alive' | 'start' | 'deg' | 'targets'>): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let u = 0; u < csr.n; u++) if (csr.alive[u]) graph.addNode(csr.ids[u]!);
  for (let u = 0; u < csr.n; u++) {
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) if (u < csr.targets[e]!) graph.addEdge(csr.ids[u]!, csr.ids[csr.targets[e]!]!);
  }
  return graph;
}

/**
 * The n people (default 10) with the highest betweenness (ties by id), among those `sees` accepts
 * (everyone when absent). Kept in a sorted list of n while the people are passed once: sorting
 * everyone holds the event loop for O(people log people) per read (a fifth of a second at 300,000
 * people, issue #18).
 */
export function topBrokers(ctx: AnalyticsContext, values: Float64Array, options: { n?: number; sees?: Sees } = {}): { person: string; betweenness: number }[] {
  const { n = 10, sees } = options;
  const { ids, alive } = ctx.csr;
  const before = (a: number, b: number) => values[a]! > values[b]! || (values[a] === values[b] && ids[a]! < ids[b]!);
  const top: number[] = [];
  for (let u = 0; u < ctx.csr.n; u++) {
    if (!alive[u] || !(values[u]! > 0) || (sees && !sees(ids[u]!))) continue;
    if (top.length === n && !before(u, top[n - 1]!)) continue;
    let i = Math.min(top.length, n - 1);
    for (; i > 0 && before(u, top[i - 1]!); i--) top[i] = top[i - 1]!;
    top[i] = u;
  }
  return top.map((u) => ({ person: ids[u]!, betweenness: values[u]! }));
}

/** How many of the highest-betweenness people are ranked once per pass for viewers who do not see everyone. */
const RANKED_BROKERS = 256;

/** Per betweenness pass: its RANKED_BROKERS highest people on a snapshot (at one revision), and whether that is everyone ranked. */
const brokerRankings = stampedOwnerMemo<BetweennessValue, { top: { person: string; betweenness: number }[]; everyone: boolean }>('analytics.broker-ranking');

/**
 * topBrokers among the people `sees` accepts, from one pass: the first n of them in the pass's
 * ranking of its highest people, made once per pass and snapshot revision, instead of a read of
 * everyone's betweenness per request. Only when fewer than n of those are seen (a viewer withheld
 * from most of the top) is everyone read again.
 */
export function topBrokersSeen(ctx: AnalyticsContext, value: BetweennessValue, sees: Sees, n = 10): { person: string; betweenness: number }[] {
  const ranking = brokerRankings(value, [ctx.csr, ctx.csr.revision], () => {
    const top = topBrokers(ctx, remap(value, ctx.csr), { n: RANKED_BROKERS });
    return { top, everyone: top.length < RANKED_BROKERS };
  });
  const seen = [];
  for (const b of ranking.top) if (sees(b.person) && seen.push(b) === n) return seen;
  return ranking.everyone ? seen : topBrokers(ctx, remap(value, ctx.csr), { n, sees });
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
