/**
 * The VCP stage distribution of the live graph, kept incrementally: each tie's stage and last
 * contact are recorded when it changes (O(its evidence)), counts per stage are adjusted, and
 * last-contact times are kept per stage in a histogram, so "how many are dormant as of T" is a
 * pass over distinct contact times, never over the ties. Valid for asOf ≥ the projection's high
 * water mark (every record counted); earlier dates use stageDistribution() over the snapshot.
 */
import type { TieEvidence } from '../projection/tie-evidence.js';
import type { RecordSet } from '../record-set.js';
import type { AnalyticsConfig } from './config.js';
import type { StageDistribution } from './network-metrics.js';
import { tieSummary } from './tie-facts.js';
import { DAY_MS } from './time.js';
import { STAGES, vcpStage, type Stage } from './vcp.js';

/** What a tie was last counted as, so a change or removal can take it out again. */
interface Counted {
  stage: Stage;
  last: number;
}

export class StageCounter {
  /**
   * The counter's own state, not a cache: without it a changed tie could not be uncounted. Keyed
   * by the projection's evidence object of each tie (weakly: a tie the projection drops while
   * the counter is stale goes with it).
   */
  private counted = new WeakMap<TieEvidence, Counted>();
  private counts: Record<Stage, number> = { visibility: 0, credibility: 0, profitability: 0 };
  private lasts: Record<Stage, Map<number, number>> = { visibility: new Map(), credibility: new Map(), profitability: new Map() };

  constructor(
    private readonly records: () => RecordSet,
    private readonly config: AnalyticsConfig,
  ) {}

  /** Forgets everything (the projection was rebuilt); ties are counted again by `update`. */
  clear(): void {
    this.counted = new WeakMap();
    this.counts = { visibility: 0, credibility: 0, profitability: 0 };
    this.lasts = { visibility: new Map(), credibility: new Map(), profitability: new Map() };
  }

  /** A tie was added, changed or removed: count it again. */
  update(a: string, evidence: TieEvidence, removed: boolean): void {
    const old = this.counted.get(evidence);
    if (old) this.drop(old);
    if (removed) {
      this.counted.delete(evidence);
      return;
    }
    const t = tieSummary(this.records(), evidence, a, Infinity);
    if (!t) {
      this.counted.delete(evidence);
      return;
    }
    const { stage } = vcpStage({ interactions: t.interactions, oneToOnes: t.oneToOnes, given: t.aToB, received: t.bToA, won: t.won }, this.config);
    const m = { stage, last: t.last };
    this.counted.set(evidence, m);
    this.counts[stage]++;
    const h = this.lasts[stage];
    h.set(t.last, (h.get(t.last) ?? 0) + 1);
  }

  private drop(m: Counted): void {
    this.counts[m.stage]--;
    const h = this.lasts[m.stage];
    const c = (h.get(m.last) ?? 0) - 1;
    if (c > 0) h.set(m.last, c);
    else h.delete(m.last);
  }

  /** The distribution as of asOf (ms): dormant = last contact older than the stage's cadence. */
  at(asOf: number): StageDistribution {
    const out: StageDistribution = { ...this.counts, dormant: 0 };
    for (const stage of STAGES) {
      const cutoff = asOf - this.config.cadenceDays[stage] * DAY_MS;
      for (const [last, n] of this.lasts[stage]) if (last < cutoff) out.dormant += n;
    }
    return out;
  }
}
