/** The store's in-memory state: one Map per kind, key → record, in first-insertion order. */
import { RECORD_KINDS, keyOf, type AnyRecord, type RecordKind, type RecordTypes } from '../../records.js';
import type { StoredChange } from './encode-batch.js';

export type RecordMaps = { [K in RecordKind]: Map<string, RecordTypes[K]> };

export function emptyRecordMaps(): RecordMaps {
  return Object.fromEntries(RECORD_KINDS.map((kind) => [kind, new Map()])) as unknown as RecordMaps;
}

/** Applies one stored change: a put replaces in place (keeping the position), a delete of a missing key does nothing. */
export function applyStoredChange(maps: RecordMaps, [kind, recordOrKey]: StoredChange): void {
  const map = maps[kind] as Map<string, AnyRecord>;
  if (typeof recordOrKey === 'string') map.delete(recordOrKey);
  else map.set(keyOf(kind, recordOrKey as never), recordOrKey);
}

export function countRecords(maps: RecordMaps): number {
  let n = 0;
  for (const kind of RECORD_KINDS) n += maps[kind].size;
  return n;
}
