/**
 * The projection as the LiveNetwork's listener, built lazily: a reset() (start-up load, a bulk
 * write) only marks it stale, so the server is ready as soon as the records are loaded and a
 * million-record import never pays for the graphs record by record. It is built
 * - synchronously by ensure(), which every analytics read goes through (correct, but it holds
 *   the event loop for the whole build), or
 * - in the background by warmUp(), in slices of about SLICE_MS that yield to the event loop
 *   (setImmediate), so requests keep being served meanwhile with at most that much added latency.
 * While stale, applied() changes need no buffering: they are already in the RecordSet that the
 * build reads. A change that lands during a background build makes it start again (the partial
 * graphs may have missed it); after a few restarts the build finishes synchronously instead.
 * Once built, small writes are applied incrementally as before.
 */
import type { NetworkListener } from '../live-network.js';
import type { RecordSet } from '../record-set.js';
import type { AnyRecord, Change } from '../records.js';
import type { NetworkProjection } from './network-projection.js';

/** Units of work (records read, co-attendance pairs linked) between two looks at the clock. */
export const STEP_UNITS = 2_000;
/** Time a warm-up slice may hold the event loop. */
export const SLICE_MS = 20;
/**
 * Quiet time after a bulk write before an eager background warm-up starts: longer than the gap
 * between two chunks of an import (parse + validate of 50k records), so the build runs once after
 * the last chunk instead of being started and abandoned between chunks.
 */
const QUIET_MS = 5_000;
/** Background builds restarted by concurrent writes before one finishes synchronously. */
const MAX_RESTARTS = 3;

export type WarmState = 'cold' | 'warming' | 'warm';

/** What /readyz reports about the analytics projection. */
export interface WarmUpStatus {
  state: WarmState;
  /** ms the last completed build took (background: wall time including yields) */
  lastBuildMs: number | null;
  builds: number;
}

export class LazyProjection implements NetworkListener {
  private records: RecordSet | undefined;
  private stale = false;
  /** bumped by every reset/change while stale: a background build that sees it move restarts */
  private generation = 0;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** warm up in the background after each reset (the server), instead of on the first read only */
  private eager = false;
  lastBuildMs: number | null = null;
  builds = 0;

  private readonly sliceMs: number;

  constructor(
    readonly projection: NetworkProjection,
    options: { sliceMs?: number } = {},
  ) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
  }

  reset(records: RecordSet): void {
    this.records = records;
    if (!this.stale) this.projection.release();
    this.stale = true;
    this.generation++;
    if (this.eager) this.schedule(QUIET_MS);
  }

  applied(change: Change, previous: AnyRecord | undefined, records: RecordSet): void {
    if (this.stale) {
      this.records = records;
      this.generation++;
      return;
    }
    this.projection.applied(change, previous, records);
  }

  /** The projection's state: cold (stale, nothing running), warming, or warm. */
  get state(): WarmState {
    if (!this.stale) return 'warm';
    return this.running ? 'warming' : 'cold';
  }

  status(): WarmUpStatus {
    return { state: this.state, lastBuildMs: this.lastBuildMs, builds: this.builds };
  }

  /** Builds the projection now if it is stale (synchronous; abandons a background build). */
  ensure(): void {
    if (!this.stale || !this.records) return;
    const started = performance.now();
    this.generation++;
    this.stale = false;
    this.projection.reset(this.records);
    this.done(started);
  }

  /** From now on, warm up in the background after every reset (and now, if stale). */
  warmEagerly(): void {
    this.eager = true;
    if (this.stale) this.schedule(0);
  }

  /** Builds the projection in the background (sliced); resolves when it is warm. */
  warmUp(): Promise<void> {
    if (!this.stale) return Promise.resolve();
    this.running ??= this.build().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves true once warm, or false after `ms` (starting a background build if none runs). */
  async whenWarm(ms: number): Promise<boolean> {
    if (!this.stale) return true;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([this.warmUp().then(() => true), late]);
    } finally {
      clearTimeout(timeout);
    }
  }

  /**
   * A reset in a burst of bulk writes (an import in chunks): start the build once the burst is
   * over, not between chunks where the next one would abandon it. A read does not wait for this.
   */
  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.warmUp().catch(() => undefined), ms);
    this.timer.unref();
  }

  private async build(): Promise<void> {
    const started = performance.now();
    for (let attempt = 0; this.stale && this.records; attempt++) {
      if (attempt >= MAX_RESTARTS) return this.ensure();
      const generation = this.generation;
      const steps = this.projection.rebuild(this.records, STEP_UNITS);
      let finished = false;
      try {
        while (generation === this.generation) {
          const deadline = performance.now() + this.sliceMs;
          do finished = steps.next().done === true;
          while (!finished && performance.now() < deadline);
          if (finished) break;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } finally {
        if (!finished) steps.return();
      }
      // A change after the last slice started may not be in the graphs: build again.
      if (finished && generation === this.generation) {
        this.stale = false;
        this.done(started);
      }
    }
  }

  private done(started: number): void {
    this.builds++;
    this.lastBuildMs = Math.round(performance.now() - started);
  }
}
