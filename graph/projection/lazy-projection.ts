/**
 * The projection as the LiveNetwork's listener, built lazily: a reset() (start-up load, a bulk
 * write) only marks it stale (and drops the old graphs), so the server is ready as soon as the
 * records are loaded and a million-record import never pays for the graphs record by record.
 * It is built
 * - synchronously by ensure(), which every in-process analytics read goes through (correct, but
 *   it holds the event loop for the whole build), or
 * - in the background by warmUp(), in slices of about SLICE_MS that yield to the event loop
 *   (setImmediate), so requests keep being served meanwhile with at most that much added latency;
 *   the warm-up goes on with the constructor's `then` steps (the live CSR snapshot) in the same
 *   slices before the projection counts as warm.
 *   The server warms up at start-up; after a bulk write the next analytics read starts it (an
 *   import in chunks must not start and abandon a build between chunks).
 * While stale and idle, changes need nothing: they are in the RecordSet the build will read.
 * Changes that land during a background build are buffered and replayed onto the finished graphs
 * (applied() is idempotent for a change the build already saw), so steady small writes never
 * starve a warm-up; a bulk write (reset) abandons it. Once built, writes apply incrementally.
 *
 * The store has already accepted a change when it reaches the projection, so the projection must
 * take it: a change that fails to apply incrementally marks the projection stale (rebuilt from the
 * records on the next read) instead of leaving it half-updated. A build that fails leaves the
 * projection `failed` (analytics answer 503 and /readyz is not ready; the error goes to onError,
 * which the server logs) until the next change tries again.
 */
import type { NetworkListener } from '../live-network.js';
import type { RecordSet } from '../record-set.js';
import type { AnyRecord, Change } from '../records.js';
import type { NetworkProjection } from './network-projection.js';
import { within } from '../support/within.js';

/** Units of work (records read, co-attendance pairs linked) between two looks at the clock. */
export const STEP_UNITS = 2_000;
/** Time a warm-up slice may hold the event loop. */
export const SLICE_MS = 20;
/** Delay of the start-up warm-up. */
const WARM_DELAY_MS = 500;
/** Changes buffered during a background build; past this the build starts over instead. */
const MAX_PENDING = 20_000;

export type WarmState = 'cold' | 'warming' | 'warm' | 'failed';

/** The projection could not be built from the records (a bug: every stored record must project). */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
}

/** What /readyz reports about the analytics projection. */
export interface WarmUpStatus {
  state: WarmState;
  /** ms the last completed build took (background: wall time including yields) */
  lastBuildMs: number | null;
  builds: number;
  /** changes that failed to apply incrementally and were answered by a rebuild */
  recoveries?: number;
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
  /** the error of the last failed build, until a change or reset asks for a new one */
  private failure: string | undefined;
  private recoveries = 0;
  /** Told about every failure (the server logs it; the error may name user data, so /readyz does not). */
  onError: (err: unknown, during: 'change' | 'build') => void = () => undefined;
  /** Told about every completed build and how long it took (ms; background: wall time with yields). */
  onBuilt: (ms: number, mode: 'background' | 'inline') => void = () => undefined;

  private readonly sliceMs: number;
  private readonly then: ((step: number) => Generator<void, void, undefined>) | undefined;

  /**
   * `then` is more of the warm-up, run in the same slices once the graphs are built and before the
   * projection counts as warm (the engine builds the live CSR snapshot there): what a first read
   * would otherwise build synchronously, holding the event loop for O(ties).
   */
  constructor(
    readonly projection: NetworkProjection,
    options: { sliceMs?: number; then?: (step: number) => Generator<void, void, undefined> } = {},
  ) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.then = options.then;
  }

  reset(records: RecordSet): void {
    this.records = records;
    this.failure = undefined;
    if (!this.stale) this.projection.release();
    this.stale = true;
    this.generation++;
    this.pending = [];
  }

  applied(change: Change, previous: AnyRecord | undefined, records: RecordSet): void {
    this.records = records;
    if (!this.stale) return this.applyOrRecover(change, previous, records);
    this.failure = undefined;
    if (!this.building) return;
    if (this.pending.length < MAX_PENDING) this.pending.push([change, previous]);
    else this.generation++;
  }

  /** Applies one change; if the projection cannot take it, it is rebuilt from the records instead. */
  private applyOrRecover(change: Change, previous: AnyRecord | undefined, records: RecordSet): void {
    try {
      this.projection.applied(change, previous, records);
    } catch (err) {
      this.onError(err, 'change');
      this.recoveries++;
      this.reset(records);
    }
  }

  /** The projection's state: cold (stale, nothing running), warming, warm, or failed. */
  get state(): WarmState {
    if (!this.stale) return 'warm';
    if (this.running) return 'warming';
    return this.failure === undefined ? 'cold' : 'failed';
  }

  status(): WarmUpStatus {
    return {
      state: this.state,
      lastBuildMs: this.lastBuildMs,
      builds: this.builds,
      ...(this.recoveries ? { recoveries: this.recoveries } : {}),
    };
  }

  /** Builds the projection now if it is stale (synchronous; abandons a background build). */
  ensure(): void {
    if (!this.stale || !this.records) return;
    if (this.failure !== undefined) throw new ProjectionFailedError(this.failure);
    const started = performance.now();
    this.generation++;
    try {
      this.projection.reset(this.records);
    } catch (err) {
      this.failed(err);
      throw new ProjectionFailedError(this.failure);
    }
    this.stale = false;
    this.done(started, 'inline');
  }

  private failed(err: unknown): void {
    this.onError(err, 'build');
    this.failure = err instanceof Error ? err.message : String(err);
    this.projection.release();
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
    if (!this.stale || this.failure !== undefined) return Promise.resolve();
    this.running ??= this.build().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves true once warm, or false after `ms` (starting a background build if none runs). */
  async whenWarm(ms: number): Promise<boolean> {
    if (!this.stale) return true;
    this.waiters++;
    try {
      return await within(this.warmUp().then(() => !this.stale), ms, false);
    } finally {
      this.waiters--;
    }
  }

  private async build(): Promise<void> {
    const started = performance.now();
    while (this.stale && this.records) {
      const generation = this.generation;
      const steps = this.warmUpSteps(this.records);
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
      } catch (err) {
        this.failed(err);
        return;
      } finally {
        this.building = false;
        if (!finished) steps.return();
      }
      if (finished && generation === this.generation) {
        this.stale = false;
        // Changes during the build: some were seen by it, some not; replaying all is idempotent.
        const pending = this.pending;
        this.pending = [];
        for (const [change, previous] of pending) if (!this.stale) this.applyOrRecover(change, previous, this.records);
        this.done(started, 'background');
        return;
      }
      // Abandoned by a bulk write: start over only if a reader is waiting, else stay cold.
      if (this.waiters === 0) return;
    }
  }

  /** The background build's steps: the graphs, then the follow-up (changes stay buffered throughout). */
  private *warmUpSteps(records: RecordSet): Generator<void, void, undefined> {
    yield* this.projection.rebuild(records, STEP_UNITS);
    if (this.then) yield* this.then(STEP_UNITS);
  }

  private done(started: number, mode: 'background' | 'inline'): void {
    const ms = performance.now() - started;
    this.builds++;
    this.lastBuildMs = Math.round(ms);
    this.onBuilt(ms, mode);
  }
}
