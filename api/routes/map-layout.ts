/**
 * The map's structural base, computed once per network version and cached: node order,
 * communities (the analytics' Louvain), degree and positions.
 *
 * Positions come from a two-level ForceAtlas2, which on this kind of network is far cheaper than
 * one global run and shows the community structure people look for: communities are laid out as
 * discs (FA2 with adjustSizes on the community graph, weighted by the ties between them), then
 * each community's members inside its disc (FA2 on the community's own subgraph). A global
 * Barnes–Hut FA2 on 10,000 people / 50,000 ties measured ~0.6 s an iteration on the shared
 * 2-core machine; this whole layout takes a few seconds.
 *
 * A later version reuses the previous positions: newcomers are placed beside their contacts and
 * nothing is laid out again until more than a tenth of the people are new.
 *
 * Small graphs (CLIENT_LAYOUT_MAX_NODES) are refined further in the browser's FA2 web worker.
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';

// CommonJS package: the default import is module.exports at run time, while TypeScript's NodeNext
// view of its declarations puts it under `.default`.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

/** At or below this many people the browser runs ForceAtlas2 itself. */
export const CLIENT_LAYOUT_MAX_NODES = 2_000;
/** Per-community FA2 iterations, fewer for big communities (their cost is quadratic without Barnes–Hut). */
const LOCAL_BUDGET = 1_000_000;
/** Distance between two tied people, in layout units. */
const UNIT = 10;

export interface MapBase {
  version: number;
  ids: string[];
  index: Map<string, number>;
  x: Float64Array;
  y: Float64Array;
  community: Int32Array;
  communityCount: number;
  degree: Int32Array;
  layout: 'client' | 'server';
  /** Milliseconds the base took to compute (reported in Server-Timing). */
  computeMs: number;
}

/** One cached base per engine (several apps can live in one process: tests, benchmarks). */
const cache = new WeakMap<AnalyticsEngine, MapBase>();

/** The map base for the network's current version, computed at most once per version. */
export function mapBase(analytics: AnalyticsEngine, version: number): MapBase {
  const cached = cache.get(analytics);
  if (cached && cached.version === version) return cached;
  const base = computeBase(analytics, version, cached);
  cache.set(analytics, base);
  return base;
}

function computeBase(analytics: AnalyticsEngine, version: number, previous: MapBase | undefined): MapBase {
  const started = performance.now();
  const ties = analytics.projection.ties;
  const ids = [...analytics.projection.records.maps.person.keys()].filter((id) => ties.hasNode(id));
  const index = new Map(ids.map((id, i) => [id, i]));
  // On a large live graph the engine may serve the previous version's communities while it
  // recomputes: newcomers then sit in community 0 until the next version's base.
  const communities = analytics.communities(analytics.context()).value;
  const community = Int32Array.from(ids, (id) => communities?.membership.get(id) ?? 0);
  const degree = Int32Array.from(ids, (id) => ties.degree(id));
  const n = ids.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const rng = seededRandom(7);

  const reused = reusePositions(previous, ids, x, y);
  if (reused >= 0.9 * n && reused > 0) placeNewcomers(analytics, ids, index, x, y, rng);
  else layoutByCommunity(analytics, ids, index, community, x, y, rng);

  return {
    version,
    ids,
    index,
    x,
    y,
    community,
    communityCount: communities?.count ?? 1,
    degree,
    layout: n <= CLIENT_LAYOUT_MAX_NODES ? 'client' : 'server',
    computeMs: Math.round(performance.now() - started),
  };
}

/** Copies previous positions (NaN for newcomers); returns how many people kept theirs. */
function reusePositions(previous: MapBase | undefined, ids: string[], x: Float64Array, y: Float64Array): number {
  let reused = 0;
  ids.forEach((id, i) => {
    const j = previous?.index.get(id);
    x[i] = j === undefined ? Number.NaN : previous!.x[j]!;
    y[i] = j === undefined ? Number.NaN : previous!.y[j]!;
    if (j !== undefined) reused++;
  });
  return reused;
}

/** Puts each newcomer beside the contacts that already have a place (or near the middle). */
function placeNewcomers(analytics: AnalyticsEngine, ids: string[], index: Map<string, number>, x: Float64Array, y: Float64Array, rng: () => number): void {
  ids.forEach((id, i) => {
    if (!Number.isNaN(x[i]!)) return;
    let sx = 0;
    let sy = 0;
    let k = 0;
    analytics.projection.ties.forEachNeighbor(id, (nb) => {
      const j = index.get(nb)!;
      if (Number.isNaN(x[j]!)) return;
      sx += x[j]!;
      sy += y[j]!;
      k++;
    });
    x[i] = (k ? sx / k : 0) + (rng() - 0.5) * UNIT;
    y[i] = (k ? sy / k : 0) + (rng() - 0.5) * UNIT;
  });
}

function layoutByCommunity(
  analytics: AnalyticsEngine,
  ids: string[],
  index: Map<string, number>,
  community: Int32Array,
  x: Float64Array,
  y: Float64Array,
  rng: () => number,
): void {
  const ties = analytics.projection.ties;
  const members = new Map<number, number[]>();
  community.forEach((c, i) => {
    let list = members.get(c);
    if (!list) members.set(c, (list = []));
    list.push(i);
  });

  // Level 1: communities as discs, pulled together by the ties between them.
  const radius = (size: number) => 2 * UNIT * (1 + Math.sqrt(size));
  const top = new UndirectedGraph();
  // Start from a sunflower (Vogel) disc, largest communities in the middle: compact, no overlap,
  // and ForceAtlas2 only has to pull tied communities closer.
  const cs = [...members.keys()].sort((a, b) => members.get(b)!.length - members.get(a)!.length);
  const spacing = 2.2 * cs.reduce((sum, c) => sum + radius(members.get(c)!.length), 0) / Math.max(1, cs.length);
  cs.forEach((c, k) => {
    const r = spacing * Math.sqrt(k + 0.5);
    const angle = k * 2.399963229728653; // the golden angle
    top.addNode(c, { x: r * Math.cos(angle), y: r * Math.sin(angle), size: radius(members.get(c)!.length) });
  });
  ties.forEachEdge((_e, _attrs, a, b) => {
    const ca = community[index.get(a)!]!;
    const cb = community[index.get(b)!]!;
    if (ca === cb) return;
    top.updateEdge(ca, cb, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + 1 }));
  });
  if (top.order > 1) {
    const settings = { ...forceAtlas2.inferSettings(top), adjustSizes: true, barnesHutOptimize: top.order > 400, gravity: 1, scalingRatio: 2 * UNIT, slowDown: 2 };
    const pos = forceAtlas2(top, { iterations: top.order > 400 ? 60 : 150, settings, getEdgeWeight: 'weight' });
    top.forEachNode((c, attrs) => {
      top.mergeNodeAttributes(c, { x: pos[c]?.x ?? attrs.x, y: pos[c]?.y ?? attrs.y });
    });
  }

  // Level 2: each community's members inside its disc.
  for (const [c, list] of members) {
    const cx = top.getNodeAttribute(c, 'x') as number;
    const cy = top.getNodeAttribute(c, 'y') as number;
    const r = radius(list.length);
    if (list.length === 1) {
      x[list[0]!] = cx;
      y[list[0]!] = cy;
      continue;
    }
    const sub = new UndirectedGraph();
    for (const i of list) {
      const t = 2 * Math.PI * rng();
      const d = r * Math.sqrt(rng());
      sub.addNode(ids[i]!, { x: d * Math.cos(t), y: d * Math.sin(t) });
    }
    for (const i of list) {
      ties.forEachNeighbor(ids[i]!, (nb) => {
        if (sub.hasNode(nb) && ids[i]! < nb) sub.addEdge(ids[i]!, nb);
      });
    }
    const big = list.length > 600;
    const iterations = Math.max(8, Math.min(40, Math.floor(LOCAL_BUDGET / (big ? list.length * 20 : list.length * list.length))));
    const settings = { ...forceAtlas2.inferSettings(sub), barnesHutOptimize: big };
    const pos = sub.size > 0 ? forceAtlas2(sub, { iterations, settings, getEdgeWeight: null }) : undefined;
    // Fit the community's own drawing into its disc.
    let maxR = 1e-9;
    let mx = 0;
    let my = 0;
    for (const i of list) {
      const p = pos?.[ids[i]!] ?? (sub.getNodeAttributes(ids[i]!) as { x: number; y: number });
      x[i] = p.x;
      y[i] = p.y;
      mx += p.x / list.length;
      my += p.y / list.length;
    }
    for (const i of list) maxR = Math.max(maxR, Math.hypot(x[i]! - mx, y[i]! - my));
    for (const i of list) {
      x[i] = cx + ((x[i]! - mx) / maxR) * r;
      y[i] = cy + ((y[i]! - my) / maxR) * r;
    }
  }
}

/** Mulberry32: a tiny seeded generator so the same network always gets the same picture. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
