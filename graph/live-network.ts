/**
 * The in-memory view of the store that queries and analytics read: a RecordSet plus listeners
 * (the graphology projection, metric caches) kept in step change by change. With several API
 * instances on one database, `sync()` before a read pulls what the others wrote, so no request
 * ever needs a full reload unless the store compacted the changes away.
 */
import { RecordSet } from './record-set.js';
import type { AnyRecord, Change } from './records.js';
import type { StorePort } from './store/port.js';
import { STEP_EVERY, runInSlices, type Steps } from './support/time-slices.js';

export interface NetworkListener {
  /** The whole record set was (re)loaded: rebuild from it. */
  reset(records: RecordSet): void;
  /** One change was applied to `records`; `previous` is what it replaced or removed. */
  applied(change: Change, previous: AnyRecord | undefined, records: RecordSet): void;
}

/**
 * A batch larger than this many changes, or than BULK_FRACTION of the records already loaded, is
 * applied to the RecordSet alone and then announced with one reset() per listener: listeners
 * rebuild (lazily) once instead of reacting change by change. Smaller batches stay incremental,
 * so an ordinary write never makes the next read rebuild anything.
 * Either way a batch is applied in time slices (a million changes would hold the event loop for
 * seconds). Reads go through sync(), which runs one at a time, so none sees a half-applied batch;
 * a bulk batch first resets the listeners, so a background projection build stops reading the
 * records before they start to change.
 */
export const BULK_CHANGES = 20_000;
export const BULK_FRACTION = 0.25;

export class LiveNetwork {
  records = new RecordSet();
  version = 0;
  private readonly listeners: NetworkListener[] = [];
  /** Told how long each store write took (ms) and whether it succeeded (the operator's metrics). */
  onWrite: (ms: number, ok: boolean) => void = () => undefined;
  /** Serialises syncs so two requests never apply the same changes twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly store: StorePort) {}

  subscribe(listener: NetworkListener): void {
    this.listeners.push(listener);
    listener.reset(this.records);
  }

  /** Loads everything from the store. */
  load(): Promise<void> {
    return this.serialised(() => this.reload());
  }

  /** Brings the view up to the store's current version. Cheap when nothing changed. */
  sync(): Promise<void> {
    return this.serialised(async () => {
      const current = await this.store.currentVersion();
      if (current === this.version) return;
      const batch = await this.store.changesSince(this.version);
      if (!batch) return this.reload();
      if (this.isBulk(batch.changes.length)) {
        for (const l of this.listeners) l.reset(this.records);
        await runInSlices(this.applySteps(batch.changes, (change) => this.records.apply(change)));
        this.version = batch.version;
        for (const l of this.listeners) l.reset(this.records);
        return;
      }
      await runInSlices(this.applySteps(batch.changes, (change) => this.applyLocal(change)));
      this.version = batch.version;
    });
  }

  /** Writes atomically through the store, then catches the view up. Returns the new version. */
  async write(changes: readonly Change[]): Promise<number> {
    const started = performance.now();
    let version: number;
    try {
      version = await this.store.apply(changes);
    } catch (err) {
      this.onWrite(performance.now() - started, false);
      throw err;
    }
    this.onWrite(performance.now() - started, true);
    await this.sync();
    return version;
  }

  private *applySteps(changes: readonly Change[], apply: (change: Change) => void): Steps<void> {
    for (let i = 0; i < changes.length; i++) {
      if (i % STEP_EVERY === STEP_EVERY - 1) yield;
      apply(changes[i]!);
    }
  }

  private isBulk(changes: number): boolean {
    if (changes > BULK_CHANGES) return true;
    if (changes <= 1024) return false;
    let size = 0;
    for (const map of Object.values(this.records.maps)) size += map.size;
    return changes > BULK_FRACTION * size;
  }

  /**
   * The store has accepted the change, so the view takes it whatever a listener makes of it: a
   * listener that throws is reset from the records (it rebuilds), never left half-updated with the
   * version unmoved, which would replay the change and fail again on every later request.
   */
  private applyLocal(change: Change): void {
    const previous = this.records.apply(change);
    for (const l of this.listeners) {
      try {
        l.applied(change, previous, this.records);
      } catch {
        l.reset(this.records);
      }
    }
  }

  private async reload(): Promise<void> {
    const snap = await this.store.readAll();
    // Built aside in slices and swapped in whole.
    this.records = await runInSlices(RecordSet.fromDocumentSteps(snap.document));
    this.version = snap.version;
    for (const l of this.listeners) l.reset(this.records);
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
