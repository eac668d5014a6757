/**
 * Betweenness as the engine serves it: which pass answers a request, and when a new one starts.
 * - Past dates, and live graphs small enough (config.betweenness.syncMaxWork), are computed on
 *   the request path: live ones kept while the snapshot's topology is unchanged (betweenness is
 *   unweighted), past ones in the `analytics.betweenness` memo per (version, asOf).
 * - A large live graph whose topology changed is served the last pass, marked stale with that
 *   pass's asOf, while a new pass (exact up to exactMaxPeople, sampled above) runs off the request
 *   path (background-betweenness.ts).
 */
import type { Csr } from '../projection/csr.js';
import { memo } from '../support/memo.js';
import { betweennessInBackground, type BackgroundPlan, type BetweennessValue } from './background-betweenness.js';
import { betweenness } from './betweenness.js';
import type { AnalyticsConfig } from './config.js';
import type { AnalyticsContext } from './context.js';
import { isLive, recordsKey } from './freshness.js';
import type { AnalyticsObserver } from './observer.js';

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

export interface BetweennessAnswer {
  value?: BetweennessValue;
  info: BetweennessInfo;
}

export class LiveBetweenness {
  /** passes computed on the request path for past dates (the live one is `live`) */
  private readonly past = memo<string, BetweennessValue>('analytics.betweenness', 4);
  private live: BetweennessValue | undefined;
  private job: Promise<void> | undefined;

  constructor(
    private readonly config: AnalyticsConfig,
    private readonly observer: () => AnalyticsObserver,
  ) {}

  /** Forgets the live pass (the projection was rebuilt). */
  reset(): void {
    this.live = undefined;
  }

  /** The background pass under way, if any. */
  get running(): Promise<void> | undefined {
    return this.job;
  }

  /** Betweenness values for a context, with where they come from. */
  of(ctx: AnalyticsContext): BetweennessAnswer {
    const b = this.config.betweenness;
    const live = isLive(ctx);
    const answer = (value: BetweennessValue | undefined, status: BetweennessInfo['status']): BetweennessAnswer => ({
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
    if (!live || cheap) {
      let value = live ? (sameTopology(this.live, ctx.csr) ? this.live : undefined) : this.past.get(recordsKey(ctx));
      if (!value) {
        const started = performance.now();
        const r = betweenness(ctx.csr, b);
        this.observer().passDone?.('betweenness', 'inline', performance.now() - started);
        const topology = { of: ctx.csr, revision: ctx.csr.revision };
        value = { csr: ctx.csr, values: r.values, exact: r.exact, sources: r.sources, asOf: ctx.asOf, computedAt: Date.now(), topology };
        if (live) this.live = value;
        else this.past.set(recordsKey(ctx), value);
      }
      return answer(value, 'fresh');
    }
    const current = this.live;
    if (sameTopology(current, ctx.csr)) return answer(current, 'fresh');
    if (!this.job) {
      const topology = { of: ctx.csr, revision: ctx.csr.revision };
      const plan: BackgroundPlan = small ? { exact: true } : { exact: false, samples: b.samples, seed: b.seed };
      const started = performance.now();
      this.job = betweennessInBackground(ctx.csr, plan, { asOf: ctx.asOf, topology }, this.config.backgroundThreads)
        .then((v) => {
          this.live = v;
          this.observer().passDone?.('betweenness', 'background', performance.now() - started);
        })
        .finally(() => {
          this.job = undefined;
        });
    }
    return answer(current, current ? 'stale' : 'computing');
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

/**
 * Values of a betweenness pass re-indexed to another snapshot (ids are the link). A pass frozen
 * from this very snapshot has its ids as a prefix (a snapshot's ids only ever grow), so its values
 * keep their indexes: no lookup per person on every read (a fifth of a second at a million people).
 */
export function remap(value: BetweennessValue, csr: Csr): Float64Array {
  if (value.csr === csr) return value.values;
  if (value.topology?.of === csr && value.values.length <= csr.n) {
    const out = new Float64Array(csr.n);
    out.set(value.values);
    return out;
  }
  const out = new Float64Array(csr.n);
  for (let u = 0; u < csr.n; u++) {
    const v = value.csr.index.get(csr.ids[u]!);
    out[u] = v === undefined || v >= value.values.length ? 0 : value.values[v]!;
  }
  return out;
}
