/**
 * Recent committed batches, kept in memory so a projection can catch up with `changesSince`
 * instead of reloading everything. Bounded by a number of changes: the oldest whole batches are
 * dropped first, and a version older than what is held answers undefined (the caller reloads).
 *
 * A batch is held as two columns, each change's kind (a byte) and its record or key (the store's
 * own object or string), not as one `[kind, record]` pair per change: a pair costs ~64 bytes, and
 * after a large import the log holds a quarter of a million changes (issue #18).
 */
import { RECORD_KINDS, type AnyRecord, type Change, type RecordKind } from '../../records.js';
import type { ChangeBatch } from '../port.js';
import { toChange, type StoredChange } from './encode-batch.js';
import { STEP_EVERY, runAtOnce, type Steps } from '../../support/time-slices.js';

const KIND_CODE = new Map<RecordKind, number>(RECORD_KINDS.map((kind, i) => [kind, i]));

interface HeldBatch {
  kinds: Uint8Array;
  /** a put's record, a delete's key */
  values: (AnyRecord | string)[];
}

const NO_CHANGES: HeldBatch = { kinds: new Uint8Array(0), values: [] };

function held(changes: readonly StoredChange[]): HeldBatch {
  const kinds = new Uint8Array(changes.length);
  const values = new Array<AnyRecord | string>(changes.length);
  for (let i = 0; i < changes.length; i++) {
    const [kind, value] = changes[i]!;
    kinds[i] = KIND_CODE.get(kind)!;
    values[i] = value;
  }
  return { kinds, values };
}

export class ChangeLog {
  private versions: number[] = [];
  private batches: HeldBatch[] = [];
  private head = 0;
  private held = 0;
  /** Every change after this version is held. */
  private floor: number;

  constructor(
    private readonly limit: number,
    version: number,
  ) {
    this.floor = version;
  }

  /** Records a committed batch (versions must arrive in increasing order). */
  push(version: number, changes: StoredChange[]): void {
    this.versions.push(version);
    this.batches.push(held(changes));
    this.held += changes.length;
    while (this.held > this.limit && this.versions.length - this.head > 1) this.dropOldest();
    if (this.head > 1024 && this.head * 2 > this.versions.length) this.compactArrays();
  }

  /** Forgets everything up to `version`: older versions then answer undefined. */
  forgetThrough(version: number): void {
    while (this.head < this.versions.length && this.versions[this.head]! <= version) this.dropOldest();
    this.floor = Math.max(this.floor, version);
    this.compactArrays();
  }

  /** Changes after `since` up to `current`, or undefined when they are no longer (or not yet) held. */
  since(since: number, current: number): ChangeBatch | undefined {
    return runAtOnce(this.sinceSteps(since, current));
  }

  /**
   * since as pausable steps: a million-change batch becomes a million Change objects. The batches
   * are picked before the first pause, so commits meanwhile (which may drop old batches) change
   * nothing in the answer.
   */
  *sinceSteps(since: number, current: number): Steps<ChangeBatch | undefined> {
    if (!Number.isSafeInteger(since) || since > current || since < this.floor) return undefined;
    const batches: HeldBatch[] = [];
    for (let i = this.firstAfter(since); i < this.versions.length && this.versions[i]! <= current; i++) batches.push(this.batches[i]!);
    const changes: Change[] = [];
    let step = 0;
    for (const { kinds, values } of batches) {
      for (let i = 0; i < values.length; i++) {
        if (++step % STEP_EVERY === 0) yield;
        changes.push(toChange(RECORD_KINDS[kinds[i]!]!, values[i]!));
      }
    }
    return { version: current, changes };
  }

  private firstAfter(version: number): number {
    let lo = this.head;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.versions[mid]! <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private dropOldest(): void {
    this.held -= this.batches[this.head]!.values.length;
    this.floor = this.versions[this.head]!;
    this.batches[this.head] = NO_CHANGES;
    this.head++;
  }

  private compactArrays(): void {
    this.versions = this.versions.slice(this.head);
    this.batches = this.batches.slice(this.head);
    this.head = 0;
  }
}
