/**
 * Louvain communities as the engine serves them. For past dates, and for the live graph up to
 * exactMaxPeople, computed on demand and kept in the `analytics.communities` memo per
 * (version, asOf). For a large live graph the first answer is computed in line (there is nothing
 * to serve yet); after a write the last result is served, marked stale with its asOf, while a
 * rerun goes on a worker thread (background-communities.ts).
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
  /** fresh: computed for these records; stale: the last run, while a rerun goes in the background */
  status: 'fresh' | 'stale';
  /** the instant the communities were computed for */
  asOf: string;
  computedAt: string;
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

export class LiveCommunities {
  private readonly onDemand = memo<string, Communities>('analytics.communities', 4);
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

  /** The background rerun under way, if any. */
  get running(): Promise<void> | undefined {
    return this.job;
  }

  of(ctx: AnalyticsContext): CommunitiesAnswer {
    const seed = this.config.betweenness.seed;
    const answer = (run: Run, status: CommunitiesInfo['status']): CommunitiesAnswer => ({
      value: run.value,
      info: { status, asOf: new Date(run.asOf).toISOString(), computedAt: new Date(run.computedAt).toISOString() },
    });
    const version = ctx.projection.version;
    if (!isLive(ctx) || ctx.projection.ties.order <= this.config.betweenness.exactMaxPeople) {
      const key = recordsKey(ctx);
      let c = this.onDemand.get(key);
      if (!c) this.onDemand.set(key, (c = this.inline(ctx)));
      return answer({ value: c, version, asOf: ctx.asOf, computedAt: Date.now() }, 'fresh');
    }
    const current = this.live;
    if (current?.version === version) return answer(current, 'fresh');
    if (!current) {
      this.live = { value: this.inline(ctx), version, asOf: ctx.asOf, computedAt: Date.now() };
      return answer(this.live, 'fresh');
    }
    if (!this.job) {
      const asOf = ctx.asOf;
      const started = performance.now();
      this.job = communitiesInBackground(ctx.csr, seed, this.config.backgroundThreads, () => communities(this.contextAt(asOf), seed))
        .then((value) => {
          this.live = { value, version, asOf, computedAt: Date.now() };
          this.observer().passDone?.('communities', 'background', performance.now() - started);
        })
        .finally(() => {
          this.job = undefined;
        });
    }
    return answer(current, 'stale');
  }

  private inline(ctx: AnalyticsContext): Communities {
    const started = performance.now();
    const value = communities(ctx, this.config.betweenness.seed);
    this.observer().passDone?.('communities', 'inline', performance.now() - started);
    return value;
  }
}
