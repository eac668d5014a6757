/**
 * Louvain communities as the engine serves them. Up to exactMaxPeople people (Louvain takes
 * milliseconds there) they are computed on demand and kept in the `analytics.communities` memo per
 * (version, asOf). Above it Louvain never runs on the request path (at 1,000,000 people it takes
 * minutes): a run goes on a worker thread with a copy of the snapshot (background-communities.ts)
 * and meanwhile the answer says so —
 * - the live graph is served its last run, marked stale with that run's asOf, or, before its first
 *   run (a cold start), no communities with status `computing`;
 * - a past date is served from the memo once its run is done, and `computing` until then.
 * One background run at a time: a request that finds another date's run under way gets
 * `computing` and starts its own on a later request, once that one is done.
 */
import { memo } from '../support/memo.js';
import { communitiesInBackground } from './background-communities.js';
import { communities, type Communities } from './communities.js';
import type { AnalyticsConfig } from './config.js';
import type { AnalyticsContext } from './context.js';
import { isLive, recordsKey } from './freshness.js';
import type { AnalyticsObserver } from './observer.js';

/** Where served communities come from (Louvain has no exact/sampled distinction, unlike betweenness). */
export interface CommunitiesInfo {
  /**
   * fresh: computed for these records; stale: the last run, while a rerun goes in the background;
   * computing: none yet (the first run on a large graph is under way in the background)
   */
  status: 'fresh' | 'stale' | 'computing';
  /**
   * the instant the served communities hold for: the asked asOf when fresh (the run was made on
   * the same ties, Louvain is unweighted), the run's own asOf when stale; null while computing
   */
  asOf: string | null;
  computedAt: string | null;
}

export interface CommunitiesAnswer {
  value: Communities | undefined;
  info: CommunitiesInfo;
}

interface Run {
  value: Communities;
  version: number;
  asOf: number;
  computedAt: number;
}

const COMPUTING: CommunitiesAnswer = { value: undefined, info: { status: 'computing', asOf: null, computedAt: null } };

export class LiveCommunities {
  private readonly onDemand = memo<string, Run>('analytics.communities', 4);
  private live: Run | undefined;
  private job: Promise<void> | undefined;

  constructor(
    private readonly config: AnalyticsConfig,
    private readonly observer: () => AnalyticsObserver,
    /** the context of an instant as the rerun will see it (the projection moves on meanwhile) */
    private readonly contextAt: (asOf: number) => AnalyticsContext,
  ) {}

  /** Forgets the live run (the projection was rebuilt). */
  reset(): void {
    this.live = undefined;
  }

  /** The background run under way, if any. */
  get running(): Promise<void> | undefined {
    return this.job;
  }

  of(ctx: AnalyticsContext): CommunitiesAnswer {
    const version = ctx.projection.version;
    const key = recordsKey(ctx);
    const small = ctx.projection.ties.order <= this.config.betweenness.exactMaxPeople;
    if (small) {
      let run = this.onDemand.get(key);
      if (!run) this.onDemand.set(key, (run = { value: this.inline(ctx), version, asOf: ctx.asOf, computedAt: Date.now() }));
      return answer(run, 'fresh', ctx.asOf);
    }
    if (!isLive(ctx)) {
      const run = this.onDemand.get(key);
      if (run) return answer(run, 'fresh', ctx.asOf);
      this.inBackground(ctx, (done) => this.onDemand.set(key, done));
      return COMPUTING;
    }
    const current = this.live;
    if (current?.version === version) return answer(current, 'fresh', ctx.asOf);
    this.inBackground(ctx, (done) => (this.live = done));
    return current ? answer(current, 'stale', current.asOf) : COMPUTING;
  }

  /** Starts a Louvain run of ctx's snapshot off the request path, unless one is under way. */
  private inBackground(ctx: AnalyticsContext, keep: (run: Run) => void): void {
    if (this.job) return;
    const { asOf } = ctx;
    const version = ctx.projection.version;
    const seed = this.config.betweenness.seed;
    const started = performance.now();
    this.job = communitiesInBackground(ctx.csr, seed, this.config.backgroundThreads, () => communities(this.contextAt(asOf), seed))
      .then((value) => {
        keep({ value, version, asOf, computedAt: Date.now() });
        this.observer().passDone?.('communities', 'background', performance.now() - started);
      })
      // A failed run leaves the answer `computing`: the next request starts another.
      .catch(() => undefined)
      .finally(() => {
        this.job = undefined;
      });
  }

  private inline(ctx: AnalyticsContext): Communities {
    const started = performance.now();
    const value = communities(ctx, this.config.betweenness.seed);
    this.observer().passDone?.('communities', 'inline', performance.now() - started);
    return value;
  }
}

function answer(run: Run, status: 'fresh' | 'stale', asOf: number): CommunitiesAnswer {
  return { value: run.value, info: { status, asOf: new Date(asOf).toISOString(), computedAt: new Date(run.computedAt).toISOString() } };
}
