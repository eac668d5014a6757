/**
 * Long CPU work in time slices, so a big import never holds the event loop: the work is written
 * as a generator that `yield`s now and then (every few hundred rows), and a driver either runs it
 * straight through (tests, the CLI's small files) or pauses with setImmediate whenever a slice of
 * SLICE_MS has been used, letting health checks and other requests in between.
 */

/** Longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 10;
/** The shortest a slice's budget gets on a machine too busy to give us the CPU. */
export const MIN_SLICE_MS = 1;

/** Work that yields (nothing) at points where it may be paused, and returns T. */
export type Steps<T> = Generator<void, T, undefined>;

/**
 * Tells a loop when its slice is used up, and gives the event loop a turn. The budget adapts: a
 * slice that ran well past it (a long step, the garbage collector, or other processes taking the
 * CPU, when 10 ms of work take 100 ms of wall-clock time) halves the next one, down to
 * MIN_SLICE_MS; slices that keep to their budget earn it back, up to SLICE_MS.
 */
export class TimeSlicer {
  private budget = SLICE_MS;
  private started = performance.now();
  private deadline = this.started + this.budget;

  /** The current slice's budget in ms. */
  get budgetMs(): number {
    return this.budget;
  }

  /** True when the current slice is used up. */
  due(): boolean {
    return performance.now() >= this.deadline;
  }

  /** A turn of the event loop (timers, I/O), then a fresh slice. */
  async pause(): Promise<void> {
    this.adapt(performance.now() - this.started);
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
    this.deadline = this.started + this.budget;
  }

  /** Pauses only when the slice is used up. */
  async maybePause(): Promise<void> {
    if (this.due()) await this.pause();
  }

  /** Sets the next budget from how long the slice that ends took. */
  adapt(usedMs: number): void {
    this.budget = usedMs > 1.5 * this.budget ? Math.max(MIN_SLICE_MS, this.budget / 2) : Math.min(SLICE_MS, this.budget * 1.5);
  }
}

/** Runs `steps` to the end without pausing. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs `steps` to the end, giving the event loop a turn whenever a slice is used up. */
export async function runInSlices<T>(steps: Steps<T>, slicer = new TimeSlicer()): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slicer.due()) await slicer.pause();
  }
}

/** How many loop iterations pass between two pause points (cheap enough to check, fine enough to stay in a slice). */
export const STEP_EVERY = 256;
