/**
 * The VCP stage distribution of the live graph, kept incrementally: each tie's stage and last
 * contact are recorded when it changes (O(its evidence)), counts per stage are adjusted, and
 * last-contact times are kept per stage in a histogram, so "how many are dormant as of T" is a
 * pass over distinct contact times, never over the ties. Valid for asOf ≥ the projection's high
 * water mark (every record counted); earlier dates use stageDistribution() over the snapshot.
 */
import type { TieEvidence } from '../projection/tie-evidence.js';
import type { RecordSet } from '../record-set.js';
import { ChunkedMap } from '../support/sharded-map.js';
import type { AnalyticsConfig } from './config.js';
import type { StageDistribution } from './network-metrics.js';
import { tieSummary } from './tie-facts.js';
import { DAY_MS } from './time.js';
import { STAGES, vcpStage, type Stage } from './vcp.js';

/**
 * What a tie was last counted as, so a change or removal can take it out again: its stage and
 * last contact packed in one number (last · 4 + stage index; exact, as last is a whole number of
 * ms ISO years 0000–9999 keep it under 2^50). One number per tie instead of an object: a million ties save ~30 MiB.
 */
type Counted = number;

const pack = (stage: Stage, last: number): Counted => last * 4 + STAGES.indexOf(stage);
const stageOf = (c: Counted): Stage => STAGES[((c % 4) + 4) % 4]!;
const lastOf = (c: Counted): number => (c - (((c % 4) + 4) % 4)) / 4;

export class StageCounter {
  /**
   * The counter's own state, not a cache: without it a changed tie could not be uncounted. Keyed
   * by the projection's evidence object of each tie; a removed tie is deleted, and a rebuilt
   * projection clears it. Chunked, not a WeakMap: V8 grows a WeakMap of a million ties in one
   * step that holds the event loop for seconds (issue #18: 14 s of a 300,000-person warm-up).
   */
  private readonly counted = new ChunkedMap<TieEvidence, Counted>();
  private counts: Record<Stage, number> = { visibility: 0, credibility: 0, profitability: 0 };
  private lasts: Record<Stage, Map<number, number>> = { visibility: new Map(), credibility: new Map(), profitability: new Map() };

  constructor(
    private readonly records: () => RecordSet,
    private readonly config: AnalyticsConfig,
  ) {}

  /** Forgets everything (the projection was rebuilt); ties are counted again by `update`. */
  clear(): void {
    this.counted.clear();
    this.counts = { visibility: 0, credibility: 0, profitability: 0 };
    this.lasts = { visibility: new Map(), credibility: new Map(), profitability: new Map() };
  }

  /** A tie was added, changed or removed: count it again. */
  update(a: string, evidence: TieEvidence, removed: boolean): void {
    const old = this.counted.get(evidence);
    if (old !== undefined) this.drop(old);
    if (removed) {
      this.counted.delete(evidence);
      return;
    }
    const t = this.stageOf(a, evidence);
    if (!t) {
      this.counted.delete(evidence);
      return;
    }
    this.counted.set(evidence, pack(t.stage, t.last));
    this.tally(t.stage, t.last);
  }

  /**
   * Counts a tie not counted since the last clear(), from its records: the recount of every tie
   * after a rebuild, with no lookup per tie (update's lookup asks every table of the map).
   */
  fill(a: string, evidence: TieEvidence): void {
    const t = this.stageOf(a, evidence);
    if (t) this.count(evidence, t.stage, t.last);
  }

  private stageOf(a: string, evidence: TieEvidence): { stage: Stage; last: number } | undefined {
    const t = tieSummary(this.records(), evidence, a, Infinity);
    if (!t) return undefined;
    const { stage } = vcpStage({ interactions: t.interactions, oneToOnes: t.oneToOnes, given: t.aToB, received: t.bToA, won: t.won }, this.config);
    return { stage, last: t.last };
  }

  /**
   * Counts a tie not counted since the last clear() whose stage and last contact (every record)
   * are already known: the engine fills the counter from the live snapshot's tie terms this way.
   */
  count(evidence: TieEvidence, stage: Stage, last: number): void {
    this.counted.add(evidence, pack(stage, last));
    this.tally(stage, last);
  }

  private tally(stage: Stage, last: number): void {
    this.counts[stage]++;
    const h = this.lasts[stage];
    h.set(last, (h.get(last) ?? 0) + 1);
  }

  private drop(m: Counted): void {
    const stage = stageOf(m);
    const last = lastOf(m);
    this.counts[stage]--;
    const h = this.lasts[stage];
    const c = (h.get(last) ?? 0) - 1;
    if (c > 0) h.set(last, c);
    else h.delete(last);
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
