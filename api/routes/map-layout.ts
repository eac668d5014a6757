/**
 * The map's structural base, computed once per network version and cached: node order, Louvain
 * communities, degree, betweenness (small graphs only) and positions.
 *
 * Small graphs get a quick community-grouped placement and are laid out by ForceAtlas2 in the
 * browser's web worker. Large graphs get ForceAtlas2 (Barnes–Hut) here with a bounded iteration
 * count, seeded from the previous version's positions when there is one, so a write costs a few
 * iterations, not a fresh layout.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import type { RecordSet } from '../../graph/record-set.js';
import { buildTies } from './map-ties.js';

// CommonJS packages: the default import is module.exports at run time, while TypeScript's
// NodeNext view of their declarations puts it under `.default`.
const louvain = louvainModule as unknown as typeof louvainModule.default;
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;
const betweennessCentrality = betweennessModule as unknown as typeof betweennessModule.default;

/** At or below this many people the browser runs ForceAtlas2 itself. */
export const CLIENT_LAYOUT_MAX_NODES = 2_000;
/** Exact Brandes betweenness is O(n·m): only below this many people. */
const BETWEENNESS_MAX_NODES = 2_500;
/** Work budget of the server layout, in node+edge visits (bounds the request time). */
const LAYOUT_BUDGET = 4_000_000;

export interface MapBase {
  version: number;
  ids: string[];
  index: Map<string, number>;
  graph: UndirectedGraph;
  x: Float64Array;
  y: Float64Array;
  community: Int32Array;
  communityCount: number;
  degree: Int32Array;
  /** Normalised betweenness, or null when the graph is too large to compute it exactly. */
  betweenness: Float64Array | null;
  layout: 'client' | 'server';
  /** Milliseconds the base took to compute (reported by the endpoint, useful for benchmarks). */
  computeMs: number;
}

let cached: MapBase | undefined;

/** The map base for this version of the records, computed at most once per version. */
export function mapBase(records: RecordSet, version: number): MapBase {
  if (cached && cached.version === version && cached.ids.length === records.maps.person.size) return cached;
  cached = computeBase(records, version, cached);
  return cached;
}

function computeBase(records: RecordSet, version: number, previous: MapBase | undefined): MapBase {
  const started = performance.now();
  const ids = [...records.maps.person.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const graph = new UndirectedGraph();
  for (const id of ids) graph.addNode(id);
  for (const t of buildTies(records, Infinity)) graph.addEdge(t.a, t.b);

  const rng = seededRandom(7);
  const communities = louvain.detailed(graph, { getEdgeWeight: null, rng });
  const community = Int32Array.from(ids, (id) => communities.communities[id] ?? 0);
  const degree = Int32Array.from(ids, (id) => graph.degree(id));

  const n = ids.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const reused = seedFromPrevious(previous, ids, x, y);
  if (reused < n) placeByCommunity(ids, community, communities.count, x, y, rng, reused > 0 ? previous : undefined);

  const layout = n <= CLIENT_LAYOUT_MAX_NODES ? 'client' : 'server';
  if (layout === 'server' && graph.size > 0) {
    ids.forEach((id, i) => graph.mergeNodeAttributes(id, { x: x[i], y: y[i] }));
    const full = Math.max(15, Math.min(150, Math.floor(LAYOUT_BUDGET / (n + graph.size))));
    const iterations = reused === n ? Math.min(full, 10) : full;
    const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true };
    const positions = forceAtlas2(graph, { iterations, settings, getEdgeWeight: null });
    ids.forEach((id, i) => {
      x[i] = positions[id]!.x;
      y[i] = positions[id]!.y;
    });
  }

  let betweenness: Float64Array | null = null;
  if (n > 2 && n <= BETWEENNESS_MAX_NODES) {
    const scores = betweennessCentrality(graph, { normalized: true, getEdgeWeight: null });
    betweenness = Float64Array.from(ids, (id) => scores[id] ?? 0);
  }
  return {
    version,
    ids,
    index,
    graph,
    x,
    y,
    community,
    communityCount: communities.count,
    degree,
    betweenness,
    layout,
    computeMs: Math.round(performance.now() - started),
  };
}

/** Copies the previous version's positions for people still present; returns how many. */
function seedFromPrevious(previous: MapBase | undefined, ids: string[], x: Float64Array, y: Float64Array): number {
  if (!previous) return 0;
  let reused = 0;
  ids.forEach((id, i) => {
    const j = previous.index.get(id);
    if (j === undefined) {
      x[i] = Number.NaN;
      return;
    }
    x[i] = previous.x[j]!;
    y[i] = previous.y[j]!;
    reused += 1;
  });
  return reused;
}

/**
 * Places each community on a ring and its members in a disc around the community's centre, so
 * ForceAtlas2 starts near its answer. Nodes that already have a position keep it.
 */
function placeByCommunity(
  ids: string[],
  community: Int32Array,
  count: number,
  x: Float64Array,
  y: Float64Array,
  rng: () => number,
  keepExisting: MapBase | undefined,
): void {
  const n = ids.length;
  const ring = Math.sqrt(n) * 10;
  ids.forEach((_, i) => {
    if (keepExisting && !Number.isNaN(x[i]!)) return;
    const c = community[i]!;
    const angle = (2 * Math.PI * c) / Math.max(1, count);
    const spread = ring / Math.max(1, Math.sqrt(count));
    const r = spread * Math.sqrt(rng());
    const t = 2 * Math.PI * rng();
    x[i] = (count > 1 ? ring * Math.cos(angle) : 0) + r * Math.cos(t);
    y[i] = (count > 1 ? ring * Math.sin(angle) : 0) + r * Math.sin(t);
  });
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
