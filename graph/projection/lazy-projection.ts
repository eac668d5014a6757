/**
 * The projection as the LiveNetwork's listener, built lazily: a reset() (start-up load, a bulk
 * write) only marks it stale (and drops the old graphs), so the server is ready as soon as the
 * records are loaded and a million-record import never pays for the graphs record by record.
 * It is built
 * - synchronously by ensure(), which every in-process analytics read goes through (correct, but
 *   it holds the event loop for the whole build), or
 * - in the background by warmUp(), in slices of about SLICE_MS that yield to the event loop
 *   (setImmediate), so requests keep being served meanwhile with at most that much added latency.
 *   The server warms up at start-up; after a bulk write the next analytics read starts it (an
 *   import in chunks must not start and abandon a build between chunks).
 * While stale and idle, changes need nothing: they are in the RecordSet the build will read.
 * Changes that land during a background build are buffered and replayed onto the finished graphs
 * (applied() is idempotent for a change the build already saw), so steady small writes never
 * starve a warm-up; a bulk write (reset) abandons it. Once built, writes apply incrementally.
 */
import type { NetworkListener } from '../live-network.js';
import type { RecordSet } from '../record-set.js';
import type { AnyRecord, Change } from '../records.js';
import type { NetworkProjection } from './network-projection.js';

/** Units of work (records read, co-attendance pairs linked) between two looks at the clock. */
export const STEP_UNITS = 2_000;
/** Time a warm-up slice may hold the event loop. */
export const SLICE_MS = 20;
/** Delay of the start-up warm-up. */
const WARM_DELAY_MS = 500;
/** Changes buffered during a background build; past this the build starts over instead. */
const MAX_PENDING = 20_000;

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
  /** bumped by every reset (and ensure): a background build that sees it move is abandoned */
  private generation = 0;
  private running: Promise<void> | undefined;
  /** true while a background build runs: changes are buffered in `pending` */
  private building = false;
  private pending: [Change, AnyRecord | undefined][] = [];
  /** readers in whenWarm(): an abandoned build starts over only for them */
  private waiters = 0;
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
    this.pending = [];
  }

  applied(change: Change, previous: AnyRecord | undefined, records: RecordSet): void {
    this.records = records;
    if (!this.stale) return this.projection.applied(change, previous, records);
    if (!this.building) return;
    if (this.pending.length < MAX_PENDING) this.pending.push([change, previous]);
    else this.generation++;
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

  /**
   * Starts a background warm-up shortly, if stale (server start-up): after WARM_DELAY_MS, so the
   * server listens and answers its first /readyz before the build takes its share of the CPU.
   */
  warmSoon(): void {
    if (!this.stale) return;
    setTimeout(() => void this.warmUp().catch(() => undefined), WARM_DELAY_MS).unref();
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
    this.waiters++;
    try {
      return await Promise.race([this.warmUp().then(() => !this.stale), late]);
    } finally {
      this.waiters--;
      clearTimeout(timeout);
    }
  }

  private async build(): Promise<void> {
    const started = performance.now();
    while (this.stale && this.records) {
      const generation = this.generation;
      const steps = this.projection.rebuild(this.records, STEP_UNITS);
      this.pending = [];
      this.building = true;
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
        this.building = false;
        if (!finished) steps.return();
      }
      if (finished && generation === this.generation) {
        this.stale = false;
        // Changes during the build: some were seen by it, some not; replaying all is idempotent.
        const pending = this.pending;
        this.pending = [];
        for (const [change, previous] of pending) this.projection.applied(change, previous, this.records);
        this.done(started);
        return;
      }
      // Abandoned by a bulk write: start over only if a reader is waiting, else stay cold.
      if (this.waiters === 0) return;
    }
  }

  private done(started: number): void {
    this.builds++;
    this.lastBuildMs = Math.round(performance.now() - started);
  }
}
