/**
 * The VCP stage distribution of the live graph, kept incrementally: each tie's stage and last
 * contact are recorded when it changes (O(its evidence)), counts per stage are adjusted, and
 * last-contact times are kept per stage in a histogram, so "how many are dormant as of T" is a
 * pass over distinct contact times, never over the ties. Valid for asOf ≥ the projection's high
 * water mark (every record counted); earlier dates use stageDistribution() over the snapshot.
 */
import type { TieEvidence } from '../projection/tie-evidence.js';
import type { TieTable } from '../projection/tie-table.js';
import type { RecordSet } from '../record-set.js';
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

/**
 * Where each tie's Counted is kept: the counter's own state, not a cache (without it a changed tie
 * could not be uncounted). The projection's tie table keeps it with the tie (TieTable.mark, NaN:
 * not counted), 8 bytes a tie: a Map keyed by a million evidence objects took ~48 MiB, and a
 * WeakMap grows in steps that hold the event loop for seconds (issue #18).
 */
export type CountedTies = Pick<TieTable, 'mark' | 'setMark' | 'setMarkAt' | 'clearMarks'>;

export class StageCounter {
  private counts: Record<Stage, number> = { visibility: 0, credibility: 0, profitability: 0 };
  private lasts: Record<Stage, Map<number, number>> = { visibility: new Map(), credibility: new Map(), profitability: new Map() };

  constructor(
    private readonly records: () => RecordSet,
    private readonly ties: () => CountedTies,
    private readonly config: AnalyticsConfig,
  ) {}

  /** Forgets everything (the projection was rebuilt); ties are counted again by `update`. */
  clear(): void {
    this.ties().clearMarks();
    this.counts = { visibility: 0, credibility: 0, profitability: 0 };
    this.lasts = { visibility: new Map(), credibility: new Map(), profitability: new Map() };
  }

  /** The tie a–b was added, changed or is being removed (still in the table): count it again. */
  update(a: string, b: string, evidence: TieEvidence, removed: boolean): void {
    const ties = this.ties();
    const old = ties.mark(a, b);
    if (!Number.isNaN(old)) this.drop(old);
    const t = removed ? undefined : this.stageOf(a, evidence);
    if (!t) {
      ties.setMark(a, b, NaN);
      return;
    }
    ties.setMark(a, b, pack(t.stage, t.last));
    this.tally(t.stage, t.last);
  }

  /** Counts a tie not counted since the last clear(), from its records: the recount of every tie after a rebuild. */
  fill(a: string, b: string, evidence: TieEvidence): void {
    const t = this.stageOf(a, evidence);
    if (t) this.count(a, b, t.stage, t.last);
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
  count(a: string, b: string, stage: Stage, last: number): void {
    this.ties().setMark(a, b, pack(stage, last));
    this.tally(stage, last);
  }

  /** count() for the tie in a slot of the table (a snapshot build's walk): no lookup of the tie by its ends. */
  countAt(slot: number, stage: Stage, last: number): void {
    this.ties().setMarkAt(slot, pack(stage, last));
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
