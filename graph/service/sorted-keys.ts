/**
 * Keys of every record kind in sorted order, so that list pages start with a binary search after
 * the cursor instead of sorting the whole collection on every request.
 *
 * Changes are only noted as they arrive (a 1,000,000-record import must not pay a splice per
 * record); the sorted array is brought up to date when a list asks for it: by a few splices when
 * few keys changed, else by one re-sort.
 */
import type { NetworkListener } from '../live-network.js';
import type { RecordSet } from '../record-set.js';
import { compareIds } from '../support/id-order.js';
import { RECORD_KINDS, keyOf, type AnyRecord, type Change, type RecordKind } from '../records.js';

/** Above this many pending changes a full re-sort is cheaper than splicing one by one. */
const SPLICE_LIMIT = 256;

interface KindKeys {
  sorted: string[];
  added: Set<string>;
  removed: Set<string>;
  /** Too many changes noted: re-sort from the record map. */
  stale: boolean;
}

export class SortedKeys implements NetworkListener {
  private records: RecordSet | undefined;
  private kinds = new Map<RecordKind, KindKeys>();

  reset(records: RecordSet): void {
    this.records = records;
    this.kinds = new Map();
    for (const kind of RECORD_KINDS) this.kinds.set(kind, { sorted: [], added: new Set(), removed: new Set(), stale: true });
  }

  applied(change: Change, previous: AnyRecord | undefined): void {
    const k = this.kinds.get(change.kind);
    if (!k || k.stale) return;
    if (change.op === 'put') {
      if (previous !== undefined) return;
      const key = keyOf(change.kind, change.record as never);
      if (!k.removed.delete(key)) k.added.add(key);
    } else if (previous !== undefined) {
      if (!k.added.delete(change.key)) k.removed.add(change.key);
    }
    if (k.added.size + k.removed.size > SPLICE_LIMIT) {
      k.stale = true;
      k.added.clear();
      k.removed.clear();
    }
  }

  /** Every key of a kind, sorted; do not modify. */
  of(kind: RecordKind): readonly string[] {
    const k = this.kinds.get(kind);
    if (!k || !this.records) return [];
    if (k.stale) {
      k.sorted = [...this.records.maps[kind].keys()].sort(compareIds);
      k.stale = false;
    } else if (k.added.size + k.removed.size > 0) {
      for (const key of k.removed) {
        const i = lowerBound(k.sorted, key);
        if (k.sorted[i] === key) k.sorted.splice(i, 1);
      }
      for (const key of k.added) k.sorted.splice(lowerBound(k.sorted, key), 0, key);
      k.added.clear();
      k.removed.clear();
    }
    return k.sorted;
  }
}


/** Index of the first element ≥ key. */
export function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { upperBound } from '../support/bisect.js';
