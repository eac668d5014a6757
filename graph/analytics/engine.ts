/**
 * The analytics engine, a facade: owns the graphology projection and the CSR snapshots,
 * subscribes them to the LiveNetwork, builds the per-request context and answers the use-cases,
 * keeping what is expensive (the caching design, with every memo's key and bound, is in
 * docs/ANALYTICS.md, "Caching"; freshness.ts names what the keys mean):
 * - person metrics per (person, asOf, dimension), invalidated incrementally — a tie change
 *   drops the two people and their contacts (brokerage weighs each contact by its degree), a
 *   person change drops the person and their contacts (diversity); nothing else is touched;
 * - network metrics per (version, asOf) and the passes they were built from; edge reciprocity
 *   of the live graph comes from counters the projection keeps incrementally, the stage
 *   distribution from the StageCounter;
 * - betweenness (live-betweenness.ts) and Louvain communities (live-communities.ts): computed on
 *   the request path when cheap, otherwise served from the last pass while a new one runs off it;
 * - category flows per (version, asOf, dimension);
 * - the activity timeline (referrals and one-to-ones per person in time order), kept right as records change.
 */
import type { LiveNetwork } from '../live-network.js';
import type { ProtectedCoverage, ProtectedDiversity, ProtectedGapReport } from '../privacy/protect-reports.js';
import { LazyProjection, STEP_UNITS, type WarmUpStatus } from '../projection/lazy-projection.js';
import { NetworkProjection, type PersonChange, type TieListener } from '../projection/network-projection.js';
import { SnapshotKeeper } from '../projection/snapshot-keeper.js';
import type { RecordSet } from '../record-set.js';
import type { TieEvidence } from '../projection/tie-evidence.js';
import { memo, ownerMemo, through } from '../support/memo.js';
import { within } from '../support/within.js';
import { runInSlices } from '../support/time-slices.js';
import { categoryFlow, type CategoryFlow } from './category-flow.js';
import { resolveConfig, type AnalyticsConfig, type AnalyticsConfigInput } from './config.js';
import type { AnalyticsContext, Sees } from './context.js';
import { dimensionsOf, parseDimension, requireDimension, resolveCategories } from './dimensions.js';
import { egoDiversity, type DiversityStats } from './diversity.js';
import { diversityGap, type DiversityGapReport, type GapSubject } from './diversity-gap.js';
import { isLive } from './freshness.js';
import { groupMetrics, type Coverage, type GroupMetrics } from './group-metrics.js';
import { activityTimeline, type ActivityTimeline } from './activity-timeline.js';
import { endOfTheMinute } from './time.js';
import { chapterReport } from './chapter.js';
import { introductions } from './introductions.js';
import { LiveBetweenness, remap, type BetweennessAnswer, type BetweennessInfo } from './live-betweenness.js';
import { LiveCommunities, type CommunitiesAnswer, type CommunitiesInfo } from './live-communities.js';
import { networkMetrics, topBrokersSeen, type NetworkMetrics } from './network-metrics.js';
import type { AnalyticsObserver } from './observer.js';
import { personMetrics, withheldNames, type PersonMetrics } from './person-metrics.js';
import { relationship, tieWeighting } from './relationship.js';
import { renetworkingQueue } from './renetworking.js';
import { StageCounter } from './stage-counter.js';
import { tieStages, type TieStage } from './tie-stages.js';
import { stageOfTerm } from './tie-strength.js';
import { warmPaths, type PathTarget } from './warm-paths.js';
import { contactCard, contactCards, type ContactCard } from '../service/contact-card.js';

export type { BetweennessInfo } from './live-betweenness.js';
export type { CommunitiesInfo } from './live-communities.js';

/*
 * The answers as served. The privacy decorator (graph/privacy/private-analytics.ts) may replace a
 * breakdown by a sensitive dimension with its protected form, so the engine's signatures say so
 * and the decorator implements them without casts.
 */
export type PersonMetricsAnswer = Omit<PersonMetrics, 'diversity'> & {
  diversity: Record<string, DiversityStats | ProtectedDiversity>;
  betweennessInfo: BetweennessInfo;
};
export type GroupMetricsAnswer = Omit<GroupMetrics, 'coverage'> & { coverage: (Coverage | ProtectedCoverage)[] };
export type DiversityGapAnswer = DiversityGapReport | ProtectedGapReport;

/**
 * What callers ask of the analytics (routes, the map, this-week, the composition root): the
 * engine's answers and warm-up state, without its wiring (attach, observe, the TieListener
 * callbacks). The privacy layer (graph/privacy/private-analytics.ts) implements it by wrapping an
 * engine, so callers depend on this and never on the class.
 */
export type Analytics = Pick<
  AnalyticsEngine,
  | 'resolveAsOf'
  | 'context'
  | 'betweenness'
  | 'communities'
  | 'whenCommunities'
  | 'relationship'
  | 'personMetrics'
  | 'networkMetrics'
  | 'groupMetrics'
  | 'paths'
  | 'renetworking'
  | 'introductions'
  | 'diversityGap'
  | 'chapterReport'
  | 'contactCard'
  | 'version'
  | 'latestRecordAt'
  | 'isLive'
  | 'tieStages'
  | 'whenWarm'
  | 'whenSnapshotAt'
  | 'warmUpStatus'
  | 'idle'
>;

/** Background Louvain runs whenCommunities awaits before it gives up (each failed run starts another). */
const COMMUNITY_RUNS_AWAITED = 3;

/** person-metrics answers kept per person (asOf × dimension); the person's map is emptied past it */
const ANSWERS_PER_PERSON = 8;

/** Per record set, kept right as its records change (activity-timeline.ts). */
const timelines = ownerMemo<RecordSet, ActivityTimeline>('analytics.activity-timeline');

export class AnalyticsEngine implements TieListener {
  /** The projection itself; `projection` is the same object, built first if it is stale. */
  private readonly proj = new NetworkProjection();
  /** How the LiveNetwork feeds the projection: lazily after a load or a bulk write; its warm-up builds the live CSR too. */
  private readonly lazy = new LazyProjection(this.proj, { then: (step) => this.snapshots.warmLive(step) });
  private readonly snapshots: SnapshotKeeper;
  readonly config: AnalyticsConfig;
  /** person → (asOf|dimension → metrics) on the live graph; dropped per person by tie() and person() */
  private readonly personCache = memo<string, Map<string, PersonMetrics>>('analytics.person-metrics', 10_000);
  private readonly networkCache = memo<string, NetworkMetrics>('analytics.network-metrics', 8);
  private readonly flowCache = memo<string, CategoryFlow>('analytics.category-flow', 16);
  private readonly liveBetweenness: LiveBetweenness;
  private readonly liveCommunities: LiveCommunities;
  private readonly stages: StageCounter;
  /** The stage counter is filled on the first live network-metrics read after a rebuild. */
  private stagesStale = true;
  private observer: AnalyticsObserver = {};
  /** the past-date snapshot being built in the background (whenSnapshotAt) */
  private snapshotJob: Promise<void> | undefined;

  constructor(config: AnalyticsConfigInput = {}) {
    this.config = resolveConfig(config);
    this.snapshots = new SnapshotKeeper(
      this.proj,
      tieWeighting(() => this.proj.records, this.config),
      { liveBuild: () => this.fillStagesFromTerms() },
    );
    this.stages = new StageCounter(() => this.proj.records, () => this.proj.ties, this.config);
    this.liveBetweenness = new LiveBetweenness(this.config, () => this.observer);
    this.liveCommunities = new LiveCommunities(this.config, () => this.observer, (asOf) => this.context(asOf));
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

  /**
   * Resolves true once reads as of `asOf` need no O(ties) snapshot build on the request path, or
   * false after `ms`: a past date's snapshot is built in time slices in the background (one date
   * at a time), which the warm-up gate waits on. Meant for a warm projection; true otherwise (the
   * read builds what it needs, or answers the build's failure).
   */
  async whenSnapshotAt(asOf: number, ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    while (this.lazy.state === 'warm' && !this.snapshots.has(asOf)) {
      // A failed build leaves the date to the read, which builds it and answers the failure.
      this.snapshotJob ??= runInSlices(this.snapshots.warmAt(asOf, STEP_UNITS))
        .catch(() => undefined)
        .finally(() => (this.snapshotJob = undefined));
      if (!(await within(this.snapshotJob.then(() => true), deadline - performance.now(), false))) return false;
    }
    return true;
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

  /** Warm-up state of the projection, for /readyz. */
  warmUpStatus(): WarmUpStatus {
    return this.lazy.status();
  }

  // ---- cache invalidation (TieListener) ----

  reset(): void {
    this.personCache.clear();
    // Its keys count changes of one record set: another one (a reload) starts them again.
    this.flowCache.clear();
    this.liveBetweenness.reset();
    this.liveCommunities.reset();
    this.stages.clear();
    this.stagesStale = true;
  }

  tie(a: string, b: string, what: 'added' | 'changed' | 'removed', evidence: TieEvidence): void {
    if (!this.stagesStale) this.stages.update(a, b, evidence, what === 'removed');
    if (this.personCache.size === 0) return;
    // Constraint weighs each contact w of a person by 1 / deg(w) (brokerage.ts): a tie that comes
    // or goes changes both ends' degrees, so every contact of either end has another constraint.
    for (const end of [a, b]) {
      this.personCache.delete(end);
      if (this.proj.ties.hasNode(end)) this.proj.ties.forEachNeighbor(end, (n) => this.personCache.delete(n));
    }
  }

  person(id: string, what: PersonChange): void {
    // The events someone attended count in their own visibility, and nowhere else.
    if (what === 'attended') {
      this.personCache.delete(id);
      return;
    }
    if (this.personCache.size === 0) return;
    this.personCache.delete(id);
    if (this.proj.ties.hasNode(id)) this.proj.ties.forEachNeighbor(id, (n) => this.personCache.delete(n));
  }

  // ---- context ----

  /** The asOf a request means: the given instant, or the end of the current minute (endOfTheMinute). */
  resolveAsOf(asOf?: number): number {
    return asOf ?? endOfTheMinute(Date.now());
  }

  /** The per-request context as of a date. */
  context(asOf?: number): AnalyticsContext {
    const at = this.resolveAsOf(asOf);
    return { projection: this.projection, records: this.projection.records, config: this.config, asOf: at, csr: this.keeper.at(at) };
  }

  // ---- betweenness and communities ----

  /** Betweenness values for a context, with where they come from. */
  betweenness(ctx: AnalyticsContext): BetweennessAnswer {
    return this.liveBetweenness.of(ctx);
  }

  /** Resolves when no background pass (betweenness, Louvain) is running (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.liveBetweenness.running || this.liveCommunities.running) await Promise.all([this.liveBetweenness.running, this.liveCommunities.running]);
  }

  /** One person's betweenness from the cached pass (null while the first pass runs). */
  personBetweenness(ctx: AnalyticsContext, person: string): { value: number | null; info: BetweennessInfo } {
    const { value, info } = this.betweenness(ctx);
    if (!value) return { value: null, info };
    const u = value.csr.index.get(person);
    return { value: u === undefined || u >= value.values.length ? 0 : value.values[u]!, info };
  }

  /** Louvain communities for a context, with where they come from (live-communities.ts). */
  communities(ctx: AnalyticsContext): CommunitiesAnswer {
    return this.liveCommunities.of(ctx);
  }

  /**
   * communities(ctx) once it has a value: while the first run on a large graph is `computing`, the
   * background run is awaited and the answer asked again (a failed run starts another, a few times
   * at most; then the `computing` answer is returned). For work that is itself off the request
   * path and is worth nothing without communities: the map's layout.
   */
  async whenCommunities(ctx: AnalyticsContext): Promise<CommunitiesAnswer> {
    let answer = this.communities(ctx);
    for (let tries = 0; tries < COMMUNITY_RUNS_AWAITED && answer.info.status === 'computing'; tries++) {
      await this.liveCommunities.running;
      answer = this.communities(ctx);
    }
    return answer;
  }

  // ---- use-cases ----

  relationship(a: string, b: string, asOf?: number) {
    return relationship(this.context(asOf), a, b);
  }

  /**
   * A person's metrics, diversity on `dimension` or on every dimension of the data. The memo holds
   * the answer for everyone; a viewer withheld from some people (`sees`, as in `paths`) names
   * only the dimensions of the people they see (dimensionsOf): a dimension only withheld people
   * hold is unknown to them, and their answer keeps the memo's diversity entries of the others.
   * Nor do their counts name a category only withheld people hold: it is counted in `unnamed`
   * (withheldNames); the indexes stay everyone's.
   */
  personMetrics(person: string, options: { asOf?: number; dimension?: string; sees?: Sees } = {}): PersonMetricsAnswer {
    const ctx = this.context(options.asOf);
    if (options.dimension) requireDimension(ctx.records, options.dimension, { sees: options.sees });
    const key = `${ctx.asOf}|${options.dimension ?? '*'}`;
    const live = isLive(ctx);
    let entry = live ? this.personCache.get(person)?.get(key) : undefined;
    if (!entry) {
      entry = personMetrics(ctx, person, null, options.dimension ? [options.dimension] : dimensionsOf(ctx.records));
      if (live) {
        const answers = through(this.personCache, person, () => new Map<string, PersonMetrics>());
        if (answers.size > ANSWERS_PER_PERSON) answers.clear();
        answers.set(key, entry);
      }
    }
    if (options.sees && !options.dimension) entry = { ...entry, diversity: this.diversityFor(ctx, entry, dimensionsOf(ctx.records, options.sees)) };
    if (options.sees) {
      const diversity = withheldNames(ctx, person, entry.diversity, options.sees);
      if (diversity !== entry.diversity) entry = { ...entry, diversity };
    }
    const b = this.personBetweenness(ctx, person);
    return { ...entry, visibility: { ...entry.visibility, betweenness: b.value }, betweennessInfo: b.info };
  }

  /** An answer's diversity on `dimensions`: its entries, and any it lacks (a key offered to a viewer only) computed. */
  private diversityFor(ctx: AnalyticsContext, entry: PersonMetrics, dimensions: readonly string[]): PersonMetrics['diversity'] {
    return Object.fromEntries(dimensions.map((d) => [d, entry.diversity[d] ?? egoDiversity(ctx, entry.person, d)]));
  }

  /**
   * Network metrics. On the live graph nothing is recomputed from scratch after a write: edge
   * reciprocity comes from the projection's counters and the stage distribution from the
   * incremental StageCounter; betweenness and communities are served from their last runs.
   * The memo holds the answer for everyone: a viewer who does not see everyone (`sees`) gets the
   * top brokers picked among the people they see, from the same betweenness pass, so no viewer's
   * answer is ever cached for another.
   */
  networkMetrics(asOf?: number, options: { sees?: Sees } = {}): NetworkMetrics & { betweennessInfo: BetweennessInfo; communitiesInfo: CommunitiesInfo } {
    const ctx = this.context(asOf);
    const b = this.betweenness(ctx);
    const c = this.communities(ctx);
    const key = `${ctx.projection.version}:${ctx.asOf}:${b.value?.computedAt ?? 'none'}:${c.info.computedAt}`;
    const m = through(this.networkCache, key, () => {
      const values = b.value ? remap(b.value, ctx.csr) : null;
      const comms = c.value ?? { count: 0, modularity: 0, sizes: [], membership: new Map<string, number>() };
      return isLive(ctx)
        ? networkMetrics(ctx, values, comms, { stages: this.liveStages().at(ctx.asOf), counters: ctx.projection.counters })
        : networkMetrics(ctx, values, comms);
    });
    const brokers = options.sees && { topBrokers: b.value ? topBrokersSeen(ctx, b.value, options.sees) : [] };
    return { ...m, ...brokers, betweennessInfo: b.info, communitiesInfo: c.info };
  }

  /**
   * A full live snapshot build resolves every tie as of every record into its terms, which hold
   * its stage and last contact: when a rebuild left the stage counter empty, it is
   * filled from them, so the cold pass resolves each tie once, not once more for the counter.
   */
  private fillStagesFromTerms() {
    if (!this.stagesStale) return undefined;
    this.stages.clear();
    return {
      tie: (_a: string, _b: string, terms: { term: number; last: number } | undefined, slot: number) => {
        if (terms) this.stages.countAt(slot, stageOfTerm(terms.term), terms.last);
      },
      done: () => {
        this.stagesStale = false;
      },
    };
  }

  /** The live stage counter, counted from every tie first if a rebuild left it empty. */
  private liveStages(): StageCounter {
    if (this.stagesStale) {
      this.stages.clear();
      this.projection.ties.forEachEdge((evidence, a, b) => this.stages.fill(a, b, evidence));
      this.stagesStale = false;
    }
    return this.stages;
  }

  /** `sees` (the caller's view, as in `paths`): the coverage is that of the members the caller sees. */
  groupMetrics(group: string, asOf?: number, options: { sees?: Sees } = {}): GroupMetricsAnswer {
    return groupMetrics(this.context(asOf), group, options);
  }

  /**
   * How to reach a person, as an answer shows it: every card of an answer comes from here or is
   * passed through it (the privacy policy's engine leaves sensitive fields out of it).
   */
  contactCard(records: RecordSet, id: string): ContactCard {
    return contactCard(records, id);
  }

  paths(from: string, target: PathTarget, options: { asOf?: number; k?: number; maxHops?: number; sees?: Sees } = {}) {
    const ctx = this.context(options.asOf);
    const found = warmPaths(ctx, from, target, options);
    // How to reach everyone on the paths: a path is worth something only if its steps can be called.
    return { ...found, contacts: contactCards(ctx.records, found.paths.flatMap((p) => p.people)) };
  }

  renetworking(person: string, options: { asOf?: number; limit?: number; sees?: Sees } = {}) {
    return renetworkingQueue(this.context(options.asOf), person, options.limit, { sees: options.sees });
  }

  categoryFlow(ctx: AnalyticsContext, dimension: string): CategoryFlow {
    // A flow reads referrals, people and (for `group`) memberships: keyed on their changes, not on
    // the version, it outlives the writes of every other kind — a meeting logged, an event
    // attended — which would each have cost the next introductions, gap or chapter report a pass
    // over every referral (0.1 s at 100,000 people).
    const r = ctx.records;
    const group = parseDimension(dimension).kind === 'group';
    const reads = `${r.changes('referral')}:${r.changes('person')}:${group ? r.changes('membership') : ''}`;
    // Who is in which group still changes after the last evidence while a membership starts or ends later.
    const live = isLive(ctx) && (!group || ctx.asOf >= ctx.projection.membershipsSettled);
    return through(this.flowCache, `${reads}:${live ? 'live' : ctx.asOf}:${dimension}`, () => categoryFlow(ctx, dimension));
  }

  introductions(person: string, options: { asOf?: number; dimension?: string; limit?: number; includeCompetitors?: boolean; withheld?: (dimension: string) => boolean; sees?: Sees } = {}) {
    const ctx = this.context(options.asOf);
    const dimension = options.dimension ?? 'industry';
    requireDimension(ctx.records, dimension, { sees: options.sees });
    return introductions(ctx, person, { ...options, dimension, flow: this.categoryFlow(ctx, dimension) });
  }

  /**
   * A target category matches the stored spelling in any case and without accents; one no one
   * holds is a DimensionInputError naming the closest ones, unless `allowAbsent` (categories to
   * recruit that nobody in the network has yet). `sees` (the caller's view, as in `paths`) limits
   * the dimensions known (requireDimension) and the categories that error names.
   */
  diversityGap(subject: GapSubject, dimension: string, options: { asOf?: number; target?: string[]; allowAbsent?: boolean; maxHops?: number; sees?: Sees } = {}): DiversityGapAnswer {
    const ctx = this.context(options.asOf);
    requireDimension(ctx.records, dimension, { sees: options.sees });
    let target: string[][] | undefined;
    if (options.target?.length) {
      const match = { parameter: 'target', allowAbsent: options.allowAbsent, sees: options.sees };
      // Every word checked at once (one 400 naming each unknown one), then each as the spellings it matches.
      resolveCategories(ctx.records, dimension, options.target, ctx.asOf, match);
      target = options.target.map((word) => resolveCategories(ctx.records, dimension, [word], ctx.asOf, { ...match, allowAbsent: true }));
    }
    return diversityGap(ctx, subject, dimension, { ...options, target, flow: this.categoryFlow(ctx, dimension) });
  }

  chapterReport(group: string, options: { asOf?: number; from?: number; to?: number; sees?: Sees } = {}) {
    const ctx = this.context(options.asOf);
    const timeline = through(timelines, ctx.records, () => activityTimeline(ctx.records));
    return chapterReport(ctx, group, options, this.categoryFlow(ctx, 'profession'), timeline);
  }

  // ---- what the map reads (graph/map) ----

  /** Bumped by every change the projection applies: the map lays out once per version. */
  get version(): number {
    return this.projection.version;
  }

  /** The date of the newest record (ms): where the map's time slider ends. */
  get latestRecordAt(): number {
    return this.projection.highWater;
  }

  /** Whether an instant sees every record (the live graph) rather than a past state of it. */
  isLive(asOf: number): boolean {
    return asOf >= this.projection.highWater;
  }

  /** Every tie as of the context's date, with its VCP stage and dormant flag then. */
  tieStages(ctx: AnalyticsContext): TieStage[] {
    return tieStages(ctx);
  }
}
