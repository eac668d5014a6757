/**
 * Keys of every record kind kept sorted, change by change, so that list pages start with a binary
 * search after the cursor instead of sorting the whole collection on every request.
 */
import type { NetworkListener } from '../live-network.js';
import type { RecordSet } from '../record-set.js';
import { RECORD_KINDS, keyOf, type AnyRecord, type Change, type RecordKind } from '../records.js';

export class SortedKeys implements NetworkListener {
  private keys = new Map<RecordKind, string[]>();

  reset(records: RecordSet): void {
    this.keys = new Map();
    for (const kind of RECORD_KINDS) this.keys.set(kind, [...records.maps[kind].keys()].sort(compareKeys));
  }

  applied(change: Change, previous: AnyRecord | undefined): void {
    const list = this.keys.get(change.kind);
    if (!list) return;
    if (change.op === 'put') {
      if (previous !== undefined) return;
      const key = keyOf(change.kind, change.record as never);
      list.splice(lowerBound(list, key), 0, key);
    } else if (previous !== undefined) {
      const i = lowerBound(list, change.key);
      if (list[i] === change.key) list.splice(i, 1);
    }
  }

  /** Every key of a kind, sorted; do not modify. */
  of(kind: RecordKind): readonly string[] {
    return this.keys.get(kind) ?? [];
  }
}

/** Plain code-unit order: total, locale-independent, and the same in every process. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** Index of the first element > key. */
export function upperBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
