/**
 * The analytics engine: owns the graphology projection and the CSR snapshots, subscribes them to
 * the LiveNetwork, builds the per-request context, and caches what is expensive:
 * - person metrics per (person, asOf, dimension), invalidated incrementally — a tie change
 *   drops the two people and their common contacts (brokerage), a person change drops the person
 *   and their contacts (diversity); nothing else is touched;
 * - network metrics per (version, asOf); edge reciprocity of the live graph comes from counters
 *   the projection keeps incrementally;
 * - betweenness: kept while the ties' structure is unchanged (it is unweighted); after a change,
 *   recomputed exactly on the request path when that is cheap (config.betweenness.syncMaxWork),
 *   otherwise served from the last pass with its as-of time while a new pass (exact up to
 *   exactMaxPeople, sampled above) runs in the background on worker threads;
 * - Louvain communities and category flows per (version, asOf).
 * When the client gives no asOf, "now" is taken to the minute, so repeated reads share caches.
 */
import type { LiveNetwork } from '../live-network.js';
import type { Csr } from '../projection/csr.js';
import { LazyProjection, type WarmUpStatus } from '../projection/lazy-projection.js';
import { NetworkProjection, type TieListener } from '../projection/network-projection.js';
import { SnapshotKeeper } from '../projection/snapshot-keeper.js';
import type { TieEvidence } from '../projection/tie-evidence.js';
import { betweenness, type BetweennessResult } from './betweenness.js';
import { betweennessInBackground, type BackgroundPlan, type BetweennessValue } from './background-betweenness.js';
import { communitiesInBackground } from './background-communities.js';
import { categoryFlow, type CategoryFlow } from './category-flow.js';
import { resolveConfig, type AnalyticsConfig, type AnalyticsConfigInput } from './config.js';
import type { AnalyticsContext } from './context.js';
import { dimensionsOf } from './dimensions.js';
import { diversityGap, type GapSubject } from './diversity-gap.js';
import { groupMetrics } from './group-metrics.js';
import { chapterReport } from './chapter.js';
import { introductions } from './introductions.js';
import { communities, type Communities } from './communities.js';
import { networkMetrics, type NetworkMetrics } from './network-metrics.js';
import type { AnalyticsObserver } from './observer.js';
import { personMetrics, type PersonMetrics } from './person-metrics.js';
import { relationship, tieWeighting } from './relationship.js';
import { renetworkingQueue } from './renetworking.js';
import { StageCounter } from './stage-counter.js';
import { warmPaths, type PathTarget } from './warm-paths.js';

export interface BetweennessInfo {
  status: 'fresh' | 'stale' | 'computing';
  exact: boolean | null;
  /**
   * the instant the served values hold for: the asked asOf when fresh (betweenness is unweighted,
   * so a pass stays valid while the ties' structure is unchanged), the pass's own asOf when stale
   */
  asOf: string | null;
  computedAt: string | null;
  /** worker threads the sampled pass ran on (0: the main thread, between requests); null when not sampled in the background */
  threads?: number | null;
}

const MINUTE = 60_000;

/** Small LRU-ish map: drops the oldest entry past `max`. */
class Bounded<V> extends Map<string, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(k: string, v: V): this {
    if (!this.has(k) && this.size >= this.max) this.delete(this.keys().next().value!);
    return super.set(k, v);
  }
}

export class AnalyticsEngine implements TieListener {
  /** The projection itself; `projection` is the same object, built first if it is stale. */
  private readonly proj = new NetworkProjection();
  /** How the LiveNetwork feeds the projection: lazily after a load or a bulk write. */
  private readonly lazy = new LazyProjection(this.proj);
  private readonly snapshots: SnapshotKeeper;
  readonly config: AnalyticsConfig;
  private personCache = new Map<string, Map<string, PersonMetrics>>();
  private readonly networkCache = new Bounded<NetworkMetrics>(8);
  private readonly communityCache = new Bounded<Communities>(4);
  private readonly flowCache = new Bounded<CategoryFlow>(16);
  private readonly pastBetweenness = new Bounded<BetweennessValue>(4);
  private liveBetweenness: BetweennessValue | undefined;
  /** every dimension in the data; recomputed after a person or membership change */
  private dimensions: string[] | undefined;
  private job: Promise<void> | undefined;
  private readonly stages: StageCounter;
  /** The stage counter is filled on the first live network-metrics read after a rebuild. */
  private stagesStale = true;
  private liveCommunities: { value: Communities; version: number; asOf: number; computedAt: number } | undefined;
  private communityJob: Promise<void> | undefined;
  private observer: AnalyticsObserver = {};

  constructor(config: AnalyticsConfigInput = {}) {
    this.config = resolveConfig(config);
    this.snapshots = new SnapshotKeeper(
      this.proj,
      tieWeighting(() => this.proj.records, this.config),
    );
    this.stages = new StageCounter(() => this.proj.records, this.config);
    this.proj.listen(this);
  }

  /** The graphology projection, up to date (built now if a load or bulk write left it stale). */
  get projection(): NetworkProjection {
    this.lazy.ensure();
    return this.proj;
  }

  /** The CSR snapshot keeper, over an up-to-date projection. */
  get keeper(): SnapshotKeeper {
    this.lazy.ensure();
    return this.snapshots;
  }

  /**
   * Subscribes the projection to a live network. It is built lazily: on the first analytics read,
   * or in the background after warmSoon() (the server, at start-up) or a whenWarm() wait.
   */
  attach(network: Pick<LiveNetwork, 'subscribe'>): this {
    network.subscribe(this.lazy);
    return this;
  }

  /** Starts building the projection in the background (sliced), if it is stale. */
  warmSoon(): this {
    this.lazy.warmSoon();
    return this;
  }

  /** True once the projection is built; false if it is still building after `ms`. */
  whenWarm(ms: number): Promise<boolean> {
    return this.lazy.whenWarm(ms);
  }

  /** Hears about projection failures (a change answered by a rebuild, or a failed build). */
  onProjectionError(handler: LazyProjection['onError']): this {
    this.lazy.onError = handler;
    return this;
  }

  /** Hears how long projection builds and betweenness / Louvain passes take (the operator's metrics). */
  observe(observer: AnalyticsObserver): this {
    this.observer = observer;
    this.lazy.onBuilt = (ms, mode) => observer.projectionBuilt?.(ms, mode);
    return this;
  }

  /** Runs `pass` inline and reports its duration to the observer. */
  private timed<T>(kind: 'betweenness' | 'communities', pass: () => T): T {
    const started = performance.now();
    const value = pass();
    this.observer.passDone?.(kind, 'inline', performance.now() - started);
    return value;
  }

  /** Warm-up state of the projection, for /readyz. */
  warmUpStatus(): WarmUpStatus {
    return this.lazy.status();
  }

  // ---- cache invalidation (TieListener) ----

  reset(): void {
    this.dimensions = undefined;
    this.personCache.clear();
    this.liveBetweenness = undefined;
    this.liveCommunities = undefined;
    this.stages.clear();
    this.stagesStale = true;
  }

  tie(a: string, b: string, what: 'added' | 'changed' | 'removed', evidence: TieEvidence): void {
    if (!this.stagesStale) this.stages.update(a, evidence, what === 'removed');
    if (this.personCache.size === 0) return;
    this.personCache.delete(a);
    this.personCache.delete(b);
    const g = this.proj.ties;
    if (g.hasNode(a) && g.hasNode(b)) {
      const [small, big] = g.degree(a) < g.degree(b) ? [a, b] : [b, a];
      g.forEachNeighbor(small, (n) => {
        if (g.hasEdge(n, big)) this.personCache.delete(n);
      });
    }
  }

  person(id: string): void {
    this.dimensions = undefined;
    if (this.personCache.size === 0) return;
    this.personCache.delete(id);
    if (this.proj.ties.hasNode(id)) this.proj.ties.forEachNeighbor(id, (n) => this.personCache.delete(n));
  }

  // ---- context ----

  /** The asOf a request means: the given instant, or now to the minute. */
  resolveAsOf(asOf?: number): number {
    return asOf ?? Math.floor(Date.now() / MINUTE) * MINUTE;
  }

  /** The per-request context as of a date. */
  context(asOf?: number): AnalyticsContext {
    const at = this.resolveAsOf(asOf);
    return { projection: this.projection, records: this.projection.records, config: this.config, asOf: at, csr: this.keeper.at(at) };
  }

  private live(ctx: AnalyticsContext): boolean {
    return ctx.asOf >= this.projection.highWater;
  }

  // ---- betweenness ----

  /** Betweenness values for a context, with where they come from. */
  betweenness(ctx: AnalyticsContext): { value?: BetweennessValue; info: BetweennessInfo } {
    const b = this.config.betweenness;
    const info = (value: BetweennessValue | undefined, status: BetweennessInfo['status']) => ({
      value,
      info: {
        status,
        exact: value?.exact ?? null,
        asOf: value ? new Date(status === 'fresh' ? ctx.asOf : value.asOf).toISOString() : null,
        computedAt: value ? new Date(value.computedAt).toISOString() : null,
        threads: value?.threads ?? null,
      },
    });
    const small = ctx.projection.ties.order <= b.exactMaxPeople;
    const cheap = small && ctx.projection.ties.order * 2 * ctx.csr.ties <= b.syncMaxWork;
    if (!this.live(ctx) || cheap) {
      const key = `${this.projection.version}:${this.live(ctx) ? 'live' : ctx.asOf}`;
      let value = this.live(ctx) ? (sameTopology(this.liveBetweenness, ctx.csr) ? this.liveBetweenness : undefined) : this.pastBetweenness.get(key);
      if (!value) {
        const r: BetweennessResult = this.timed('betweenness', () => betweenness(ctx.csr, b));
        const topology = { of: ctx.csr, revision: ctx.csr.revision };
        value = { csr: ctx.csr, values: r.values, exact: r.exact, sources: r.sources, asOf: ctx.asOf, computedAt: Date.now(), topology };
        if (this.live(ctx)) this.liveBetweenness = value;
        else this.pastBetweenness.set(key, value);
      }
      return info(value, 'fresh');
    }
    const current = this.liveBetweenness;
    if (sameTopology(current, ctx.csr)) return info(current, 'fresh');
    if (!this.job) {
      const topology = { of: ctx.csr, revision: ctx.csr.revision };
      const plan: BackgroundPlan = small ? { exact: true } : { exact: false, samples: b.samples, seed: b.seed };
      const started = performance.now();
      this.job = betweennessInBackground(ctx.csr, plan, { asOf: ctx.asOf, topology }, this.config.backgroundThreads)
        .then((v) => {
          this.liveBetweenness = v;
          this.observer.passDone?.('betweenness', 'background', performance.now() - started);
        })
        .finally(() => {
          this.job = undefined;
        });
    }
    return info(current, current ? 'stale' : 'computing');
  }

  /** Resolves when no background pass (betweenness, Louvain) is running (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.job || this.communityJob) await Promise.all([this.job, this.communityJob]);
  }

  /** One person's betweenness from the cached pass (null while the first pass runs). */
  personBetweenness(ctx: AnalyticsContext, person: string): { value: number | null; info: BetweennessInfo } {
    const { value, info } = this.betweenness(ctx);
    if (!value) return { value: null, info };
    const u = value.csr.index.get(person);
    return { value: u === undefined || u >= value.values.length ? 0 : value.values[u]!, info };
  }

  // ---- use-cases ----

  relationship(a: string, b: string, asOf?: number) {
    return relationship(this.context(asOf), a, b);
  }

  personMetrics(person: string, options: { asOf?: number; dimension?: string } = {}): PersonMetrics & { betweennessInfo: BetweennessInfo } {
    const ctx = this.context(options.asOf);
    const key = `${ctx.asOf}|${options.dimension ?? '*'}`;
    let entry = this.live(ctx) ? this.personCache.get(person)?.get(key) : undefined;
    if (!entry) {
      entry = personMetrics(ctx, person, null, options.dimension ? [options.dimension] : (this.dimensions ??= dimensionsOf(ctx.records)));
      if (this.live(ctx)) {
        let m = this.personCache.get(person);
        if (!m) this.personCache.set(person, (m = new Map<string, PersonMetrics>()));
        if (m.size > 8) m.clear();
        m.set(key, entry);
      }
    }
    const b = this.personBetweenness(ctx, person);
    return { ...entry, visibility: { ...entry.visibility, betweenness: b.value }, betweennessInfo: b.info };
  }

  /**
   * Louvain communities. For past dates, and for the live graph up to exactMaxPeople, computed on
   * demand (cached per version). For a large live graph, the first answer is computed in line
   * (there is nothing to serve yet); after a write the last result is served with its asOf while
   * a rerun goes on a worker thread (background-communities.ts).
   */
  communities(ctx: AnalyticsContext): { value: Communities | undefined; info: BetweennessInfo } {
    const seed = this.config.betweenness.seed;
    const info = (v: typeof this.liveCommunities, status: BetweennessInfo['status']) => ({
      value: v?.value,
      info: { status, exact: null, asOf: v ? new Date(v.asOf).toISOString() : null, computedAt: v ? new Date(v.computedAt).toISOString() : null },
    });
    const version = this.projection.version;
    if (!this.live(ctx) || ctx.projection.ties.order <= this.config.betweenness.exactMaxPeople) {
      const key = `${version}:${this.live(ctx) ? 'live' : ctx.asOf}`;
      let c = this.communityCache.get(key);
      if (!c) this.communityCache.set(key, (c = this.timed('communities', () => communities(ctx, seed))));
      return info({ value: c, version, asOf: ctx.asOf, computedAt: Date.now() }, 'fresh');
    }
    const current = this.liveCommunities;
    if (current?.version === version) return info(current, 'fresh');
    if (!current) {
      // The first answer on a large graph is computed in line: there is nothing to serve yet.
      this.liveCommunities = { value: this.timed('communities', () => communities(ctx, seed)), version, asOf: ctx.asOf, computedAt: Date.now() };
      return info(this.liveCommunities, 'fresh');
    }
    if (!this.communityJob) {
      const asOf = ctx.asOf;
      const started = performance.now();
      this.communityJob = communitiesInBackground(ctx.csr, seed, this.config.backgroundThreads, () => communities(this.context(asOf), seed))
        .then((value) => {
          this.liveCommunities = { value, version, asOf, computedAt: Date.now() };
          this.observer.passDone?.('communities', 'background', performance.now() - started);
        })
        .finally(() => {
          this.communityJob = undefined;
        });
    }
    return info(current, 'stale');
  }

  /**
   * Network metrics. On the live graph nothing is recomputed from scratch after a write: edge
   * reciprocity comes from the projection's counters and the stage distribution from the
   * incremental StageCounter; betweenness and communities are served from their last runs.
   */
  networkMetrics(asOf?: number): NetworkMetrics & { betweennessInfo: BetweennessInfo; communitiesInfo: BetweennessInfo } {
    const ctx = this.context(asOf);
    const b = this.betweenness(ctx);
    const c = this.communities(ctx);
    const key = `${this.projection.version}:${ctx.asOf}:${b.value?.computedAt ?? 'none'}:${c.info.computedAt ?? 'none'}`;
    let m = this.networkCache.get(key);
    if (!m) {
      const values = b.value ? remap(b.value, ctx.csr) : null;
      const comms = c.value ?? { count: 0, modularity: 0, sizes: [], membership: new Map() };
      m = this.live(ctx)
        ? networkMetrics(ctx, values, comms, { stages: this.liveStages().at(ctx.asOf), counters: this.projection.counters })
        : networkMetrics(ctx, values, comms);
      this.networkCache.set(key, m);
    }
    return { ...m, betweennessInfo: b.info, communitiesInfo: c.info };
  }

  /** The live stage counter, counted from every tie first if a rebuild left it empty. */
  private liveStages(): StageCounter {
    if (this.stagesStale) {
      this.stages.clear();
      this.projection.ties.forEachEdge((_k, evidence, a) => this.stages.update(a, evidence, false));
      this.stagesStale = false;
    }
    return this.stages;
  }

  groupMetrics(group: string, asOf?: number) {
    return groupMetrics(this.context(asOf), group);
  }

  paths(from: string, target: PathTarget, options: { asOf?: number; k?: number; maxHops?: number } = {}) {
    return warmPaths(this.context(options.asOf), from, target, options);
  }

  renetworking(person: string, options: { asOf?: number; limit?: number } = {}) {
    return renetworkingQueue(this.context(options.asOf), person, options.limit);
  }

  categoryFlow(ctx: AnalyticsContext, dimension: string): CategoryFlow {
    const key = `${this.projection.version}:${this.live(ctx) ? 'live' : ctx.asOf}:${dimension}`;
    let f = this.flowCache.get(key);
    if (!f) this.flowCache.set(key, (f = categoryFlow(ctx, dimension)));
    return f;
  }

  introductions(person: string, options: { asOf?: number; dimension?: string; limit?: number } = {}) {
    const ctx = this.context(options.asOf);
    const dimension = options.dimension ?? 'industry';
    return introductions(ctx, person, { ...options, dimension, flow: this.categoryFlow(ctx, dimension) });
  }

  diversityGap(subject: GapSubject, dimension: string, options: { asOf?: number; target?: string[]; maxHops?: number } = {}) {
    const ctx = this.context(options.asOf);
    return diversityGap(ctx, subject, dimension, { ...options, flow: this.categoryFlow(ctx, dimension) });
  }

  chapterReport(group: string, options: { asOf?: number; from?: number; to?: number } = {}) {
    const ctx = this.context(options.asOf);
    return chapterReport(ctx, group, options, this.categoryFlow(ctx, 'profession'));
  }
}

/**
 * True when a pass was computed on this very live snapshot at its current structural revision.
 * Betweenness is unweighted, so writes that change no tie (a person's title, one more interaction
 * between people already tied) leave it valid: on a busy server most writes are of that kind, and
 * recomputing after each of them was most of the CPU.
 */
function sameTopology(value: BetweennessValue | undefined, csr: Csr): value is BetweennessValue {
  return value?.topology !== undefined && value.topology.of === csr && value.topology.revision === csr.revision;
}

/** Values of a betweenness pass re-indexed to another snapshot (ids are the link). */
function remap(value: BetweennessValue, csr: Csr): Float64Array {
  if (value.csr === csr) return value.values;
  const out = new Float64Array(csr.n);
  for (let u = 0; u < csr.n; u++) {
    const v = value.csr.index.get(csr.ids[u]!);
    out[u] = v === undefined || v >= value.values.length ? 0 : value.values[v]!;
  }
  return out;
}
