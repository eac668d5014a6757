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
 * A map as of a past date (before the newest record) has its own base: that date's communities
 * (the very partition /api/metrics/network reports for it), laid out from that date's ties.
 * The last few are cached per (version, asOf).
 *
 * Small graphs (CLIENT_LAYOUT_MAX_NODES) are refined further in the browser's FA2 web worker;
 * on larger ones the full layout runs on a worker thread (map-community-layout.ts), so requests
 * keep being served while the first map of a version is laid out.
 */
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';
import type { Csr } from '../../graph/projection/csr.js';
import { siblingModule } from '../../graph/support/project-files.js';
import { runPooled } from '../../graph/support/worker-pool.js';
import { mulberry32 } from '../../graph/analytics/kernels/random.js';
import { layoutByCommunity, UNIT, type LayoutInput } from './map-community-layout.js';

/** At or below this many people the browser runs ForceAtlas2 itself. */
export const CLIENT_LAYOUT_MAX_NODES = 2_000;
/** Above this many people the full layout runs on a worker thread (seconds the event loop keeps). */
export const WORKER_LAYOUT_MIN_NODES = CLIENT_LAYOUT_MAX_NODES;
const LAYOUT_WORKER = siblingModule('./map-layout-worker', import.meta.url);

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
/** The base being computed, so concurrent first requests share one layout. */
const pending = new WeakMap<AnalyticsEngine, { version: number; base: Promise<MapBase> }>();
/** Bases as of past dates, per engine, keyed by version and asOf (oldest dropped past PAST_BASES). */
const past = new WeakMap<AnalyticsEngine, Map<string, Promise<MapBase>>>();
const PAST_BASES = 4;

/**
 * The map base for the network's current version as of `asOf` (ms; now when undefined),
 * computed at most once per version (and past date).
 */
export function mapBase(analytics: AnalyticsEngine, version: number, asOf?: number): Promise<MapBase> {
  const at = analytics.resolveAsOf(asOf);
  if (at < analytics.projection.highWater) return pastBase(analytics, version, at);
  const cached = cache.get(analytics);
  if (cached && cached.version === version) return Promise.resolve(cached);
  const running = pending.get(analytics);
  if (running && running.version === version) return running.base;
  const base = computeBase(analytics, version, undefined, cached).then((b) => {
    cache.set(analytics, b);
    return b;
  });
  pending.set(analytics, { version, base });
  void base.finally(() => {
    if (pending.get(analytics)?.base === base) pending.delete(analytics);
  }).catch(() => undefined);
  return base;
}

/** The base as of a past date: laid out afresh by that date's communities and ties. */
function pastBase(analytics: AnalyticsEngine, version: number, asOf: number): Promise<MapBase> {
  let bases = past.get(analytics);
  if (!bases) past.set(analytics, (bases = new Map<string, Promise<MapBase>>()));
  const key = `${version}:${asOf}`;
  let base = bases.get(key);
  if (!base) {
    if (bases.size >= PAST_BASES) bases.delete(bases.keys().next().value!);
    base = computeBase(analytics, version, asOf, undefined);
    bases.set(key, base);
    const mine = base;
    void base.catch(() => {
      if (bases.get(key) === mine) bases.delete(key);
    });
  }
  return base;
}

async function computeBase(analytics: AnalyticsEngine, version: number, asOf: number | undefined, previous: MapBase | undefined): Promise<MapBase> {
  const started = performance.now();
  const ties = analytics.projection.ties;
  const ids = [...analytics.projection.records.maps.person.keys()].filter((id) => ties.hasNode(id));
  const index = new Map(ids.map((id, i) => [id, i]));
  // The communities /api/metrics/network reports for the same instant. On a large live graph the
  // engine may serve the previous version's while it recomputes: newcomers then sit in community
  // 0 until the next version's base.
  const ctx = analytics.context(asOf);
  const communities = analytics.communities(ctx).value;
  const community = Int32Array.from(ids, (id) => communities?.membership.get(id) ?? 0);
  const csr = ctx.csr;
  const degree = Int32Array.from(ids, (id) => {
    const u = csr.index.get(id);
    return u === undefined || !csr.alive[u] ? 0 : csr.deg[u]!;
  });
  const n = ids.length;
  let x: Float64Array = new Float64Array(n);
  let y: Float64Array = new Float64Array(n);

  const reused = reusePositions(previous, ids, x, y);
  if (reused >= 0.9 * n && reused > 0) placeNewcomers(analytics, ids, index, x, y, mulberry32(7));
  else ({ x, y } = await fullLayout({ community, ties: tiePairs(csr, index) }));

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

/** The snapshot's ties between the mapped people as index pairs. */
function tiePairs(csr: Csr, index: Map<string, number>): Int32Array {
  const out = new Int32Array(2 * csr.ties);
  let k = 0;
  for (let u = 0; u < csr.n; u++) {
    if (!csr.alive[u]) continue;
    const a = index.get(csr.ids[u]!);
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) {
      const v = csr.targets[e]!;
      const b = index.get(csr.ids[v]!);
      if (u < v && a !== undefined && b !== undefined && k + 2 <= out.length) {
        out[k++] = a;
        out[k++] = b;
      }
    }
  }
  return out.subarray(0, k);
}

/** The full layout: on a worker thread for large maps (in line if one cannot start), in line for small ones. */
async function fullLayout(input: LayoutInput): Promise<{ x: Float64Array; y: Float64Array }> {
  if (input.community.length > WORKER_LAYOUT_MIN_NODES) {
    try {
      return await runPooled<{ x: Float64Array; y: Float64Array }>(LAYOUT_WORKER, input);
    } catch (err) {
      // Same layout on the main thread: only the event loop pays. Said once per failure, so a
      // broken worker does not hide behind the fallback.
      process.emitWarning(`refnet/map: the layout worker failed, laying out on the main thread: ${String(err)}`);
    }
  }
  return layoutByCommunity(input);
}
