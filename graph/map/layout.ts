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
 * A map as of a past date (before the newest record) has its own base for that date's
 * communities (the very partition /api/metrics/network reports for it), but keeps the live
 * base's positions and category ranking: the time slider replays the network over one fixed
 * picture, so people stay put from frame to frame and an industry keeps its colour.
 * The last few are cached per (engine, version, asOf) in one bounded memo (graph/support/memo.ts).
 *
 * The positions are final: every step is seeded or deterministic, and the browser draws them as
 * they are (no client-side refinement), so the same records laid out afresh (a start, a tenth of
 * the people new) always draw the same picture. Between two full layouts the picture depends on
 * the order of the writes (where each newcomer went): a restart can move people, which keeping
 * them put after each write is worth.
 * On large maps the full layout runs on a worker thread (community-layout.ts), so requests keep
 * being served while the first map of a version is laid out.
 */
import type { AnalyticsContext } from '../analytics/context.js';
import type { Analytics } from '../analytics/engine.js';
import { mulberry32 } from '../analytics/kernels/random.js';
import { memo, through, type Memo } from '../support/memo.js';
import { siblingModule } from '../support/project-files.js';
import { runPooled } from '../support/worker-pool.js';
import { layoutByCommunity, UNIT, type LayoutInput } from './community-layout.js';
import { compareIds } from '../support/id-order.js';

type Csr = AnalyticsContext['csr'];

/** Above this many people the full layout runs on a worker thread (seconds the event loop keeps). */
export const WORKER_LAYOUT_MIN_NODES = 2_000;
const LAYOUT_WORKER = siblingModule('./layout-worker', import.meta.url);

export interface MapBase {
  version: number;
  ids: string[];
  index: Map<string, number>;
  x: Float64Array;
  y: Float64Array;
  community: Int32Array;
  communityCount: number;
  degree: Int32Array;
  /** Industries of the live network, most common first: the i-th takes the i-th colour in every view. */
  industryRank: string[];
  /** Communities, largest first (same role for colour by community). */
  communityRank: number[];
  /** Each community's name: its dominant industry ("Law", "Law 2" for the second such), by community id. */
  communityNames: string[];
  /** Each community's dominant industry (undefined: none of its members has one), by community id: what its name says. */
  communityIndustries: (string | undefined)[];
  /** The live layout's bounding box: every view of the version can be framed the same way. */
  extent: { x: [number, number]; y: [number, number] };
  /** Earliest first contact and latest record of the live network (ms): the time slider's range. */
  timeline?: { first: number; last: number };
  /** Milliseconds the base took to compute (reported in Server-Timing). */
  computeMs: number;
}

/** Past dates kept per engine besides the live base. */
const PAST_BASES = 4;

/** An engine's bases, by version and asOf ("live" for the live graph), and the last live one (its positions are reused). */
interface EngineBases {
  bases: Memo<string, Promise<MapBase>>;
  lastLive?: MapBase;
  /** The live base last started, until it is done: a newer version's waits for it and reuses its positions. */
  pendingLive?: Promise<MapBase>;
}

/** Per engine: several apps can live in one process (tests, benchmarks). */
const engines = memo<Analytics, EngineBases>('map.engines', 4);

/**
 * The map base for the engine's current version as of `asOf` (ms; now when undefined), computed
 * at most once per version (and past date); concurrent first requests share one layout.
 */
export function mapBase(analytics: Analytics, asOf?: number): Promise<MapBase> {
  const at = analytics.resolveAsOf(asOf);
  const live = analytics.isLive(at);
  const version = analytics.version;
  const mine = through(engines, analytics, (): EngineBases => ({ bases: memo('map.bases', 1 + PAST_BASES) }));
  return through(mine.bases, `${version}:${live ? 'live' : at}`, async () => {
    // A past base takes the live one's positions. Now is past too while a record is dated ahead
    // of it (a meeting logged for next week): the live base is then the one at that record.
    if (!live) return computeBase(analytics, version, at, await mapBase(analytics, Math.max(at, analytics.latestRecordAt)), true);
    // A version asked while the previous one is still laid out waits for it and places its
    // newcomers, instead of a second full layout beside the first (minutes and gigabytes at a
    // million people, and one more for every write meanwhile).
    const base = (async () => computeBase(analytics, version, at, mine.lastLive ?? (await mine.pendingLive?.catch(() => undefined)), false))();
    mine.pendingLive = base;
    void base.then(
      (b) => {
        if (!mine.lastLive || mine.lastLive.version < b.version) mine.lastLive = b;
      },
      () => undefined,
    );
    return base;
  });
}

/**
 * A base as of `asOf`. Live (`past` false, every record counted): positions reused from
 * `previous`, the last live base, when it has nearly everyone, else laid out afresh. Past:
 * positions, rankings and timeline from `previous`, the live base.
 */
async function computeBase(analytics: Analytics, version: number, asOf: number, previous: MapBase | undefined, pastOf: boolean): Promise<MapBase> {
  const started = performance.now();
  // The communities /api/metrics/network reports for the same instant. On a large live graph the
  // engine may serve the previous version's while it recomputes: newcomers then sit in community
  // 0 until the next version's base. Before the first run on a large graph (after a start or an
  // import) there are none yet, and the layout waits for it: laid out without them, everyone
  // would be one community, one slow hairball of a layout whose positions later versions keep.
  const communities = (await analytics.whenCommunities(analytics.context(asOf))).value;
  const ctx = analytics.context(asOf);
  const csr = ctx.csr;
  // In id order, as every input of the layout: the same records give the same picture, whatever order they were written in.
  const ids = [...ctx.records.maps.person.keys()].filter((id) => csr.index.has(id)).sort(compareIds);
  const index = new Map(ids.map((id, i) => [id, i]));
  const community = Int32Array.from(ids, (id) => communities?.membership.get(id) ?? 0);
  const degree = Int32Array.from(ids, (id) => {
    const u = csr.index.get(id);
    return u === undefined || !csr.alive[u] ? 0 : csr.deg[u]!;
  });
  const n = ids.length;
  let x: Float64Array = new Float64Array(n);
  let y: Float64Array = new Float64Array(n);

  const past = pastOf && previous !== undefined;
  const reused = reusePositions(previous, ids, x, y);
  if ((past || reused >= 0.9 * n) && reused > 0) placeNewcomers(csr, ids, index, x, y, mulberry32(7));
  else ({ x, y } = await fullLayout({ community, ties: tiePairs(csr, ids) }));

  const industries = ids.map((id) => ctx.records.get('person', id)?.industry);
  return {
    version,
    ids,
    index,
    x,
    y,
    community,
    communityCount: communities?.count ?? 1,
    degree,
    industryRank: past ? previous.industryRank : byFrequency(industries),
    extent: past ? previous.extent : extentOf(x, y),
    communityRank: byFrequency(Array.from(community)),
    ...nameCommunities(community, industries),
    ...(past ? (previous.timeline ? { timeline: previous.timeline } : {}) : timelineOf(analytics, ctx)),
    computeMs: Math.round(performance.now() - started),
  };
}

function extentOf(x: Float64Array, y: Float64Array): MapBase['extent'] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  x.forEach((v, i) => {
    x0 = Math.min(x0, v);
    x1 = Math.max(x1, v);
    y0 = Math.min(y0, y[i]!);
    y1 = Math.max(y1, y[i]!);
  });
  return x0 <= x1 ? { x: [x0, x1], y: [y0, y1] } : { x: [0, 1], y: [0, 1] };
}

/** Distinct values, most frequent first, ties broken by value (so the order is the same every time). */
function byFrequency<T extends string | number>(values: Iterable<T | undefined>): T[] {
  const counts = new Map<T, number>();
  for (const v of values) if (v !== undefined && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
}

/** A community's name is its members' most common industry, numbered when several share one. */
function nameCommunities(community: Int32Array, industries: (string | undefined)[]): Pick<MapBase, 'communityNames' | 'communityIndustries'> {
  const members = new Map<number, (string | undefined)[]>();
  community.forEach((c, i) => {
    const list = members.get(c) ?? [];
    list.push(industries[i]);
    members.set(c, list);
  });
  const names: string[] = [];
  const tops: (string | undefined)[] = [];
  const used = new Map<string, number>();
  // Largest community first, so "Law" (unnumbered) is the largest Law community.
  for (const c of byFrequency(Array.from(community))) {
    tops[c] = byFrequency(members.get(c)!)[0];
    const top = tops[c] ?? `community ${c}`;
    const n = (used.get(top) ?? 0) + 1;
    used.set(top, n);
    names[c] = n === 1 ? top : `${top} ${n}`;
  }
  const count = community.reduce((m, c) => Math.max(m, c + 1), 0);
  return {
    communityNames: Array.from({ length: count }, (_, c) => names[c] ?? `community ${c}`),
    communityIndustries: Array.from({ length: count }, (_, c) => tops[c]),
  };
}

/** The live network's first contact (the earliest of its ties', as the snapshot keeps them) and latest record. */
function timelineOf(analytics: Analytics, ctx: AnalyticsContext): { timeline?: { first: number; last: number } } {
  const { csr } = ctx;
  let first = Infinity;
  for (let u = 0; u < csr.n; u++) {
    if (!csr.alive[u]) continue;
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) if (csr.first[e]! < first) first = csr.first[e]!;
  }
  const last = analytics.latestRecordAt;
  return Number.isFinite(first) && Number.isFinite(last) ? { timeline: { first, last } } : {};
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
function placeNewcomers(csr: Csr, ids: string[], index: Map<string, number>, x: Float64Array, y: Float64Array, rng: () => number): void {
  ids.forEach((id, i) => {
    if (!Number.isNaN(x[i]!)) return;
    let sx = 0;
    let sy = 0;
    let k = 0;
    const u = csr.index.get(id)!;
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) {
      const j = index.get(csr.ids[csr.targets[e]!]!);
      if (j === undefined || Number.isNaN(x[j]!)) continue;
      sx += x[j]!;
      sy += y[j]!;
      k++;
    }
    x[i] = (k ? sx / k : 0) + (rng() - 0.5) * UNIT;
    y[i] = (k ? sy / k : 0) + (rng() - 0.5) * UNIT;
  });
}

/**
 * The snapshot's ties between the mapped people as index pairs. Each snapshot node's map index is
 * looked up once, into a typed array: by id per arc it was two string lookups for each of the
 * ties (20 million at a million people, seconds of the event loop).
 */
function tiePairs(csr: Csr, ids: readonly string[]): Int32Array {
  const mapIndex = new Int32Array(csr.n).fill(-1);
  ids.forEach((id, i) => {
    const u = csr.index.get(id);
    if (u !== undefined) mapIndex[u] = i;
  });
  const out = new Int32Array(2 * csr.ties);
  let k = 0;
  for (let u = 0; u < csr.n; u++) {
    const a = mapIndex[u]!;
    if (!csr.alive[u] || a < 0) continue;
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) {
      const v = csr.targets[e]!;
      const b = mapIndex[v]!;
      if (u < v && b >= 0 && k + 2 <= out.length) {
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
