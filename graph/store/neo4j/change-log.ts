/**
 * The change log kept in the database, so every API instance on one Neo4j can catch up with
 * `changesSince` instead of reloading. Written in the same transaction as the data:
 *
 *   (:RefnetState {key, version, seq, visible, floor, importing, importBeat})   one node; its lock orders all writers
 *   (:RefnetChange {version, part, parts, batch, changes})   one node per ≤ PART_SIZE changes
 *
 * A batch larger than `maxLoggedChanges` is logged as an `overflow` marker only (readers reload),
 * and entries older than `retainVersions` are pruned; `floor` is the oldest version still
 * answerable. Neo4j reads are read-committed, so readers check that what they got is contiguous
 * and complete and stop at the first hole.
 */
import neo4j, { type Integer, type ManagedTransaction } from 'neo4j-driver';
import type { Change } from '../../records.js';
import type { ChangeBatch } from '../port.js';
import { toNumber } from './decode.js';
import { CHANGE_LABEL, STATE_KEY, STATE_LABEL } from './model.js';
import { checkMarker } from './import-marker.js';

const PART_SIZE = 1000;

export interface ChangeLogLimits {
  /** Batches with more changes than this are not logged; readers behind them reload. */
  maxLoggedChanges: number;
  /** How many versions stay answerable by changesSince. */
  retainVersions: number;
}

export const DEFAULT_CHANGE_LOG_LIMITS: ChangeLogLimits = { maxLoggedChanges: 10_000, retainVersions: 1000 };

export interface Reservation {
  version: number;
  /** seq of the first record new in this batch. */
  base: ReturnType<typeof neo4j.int>;
}

/** The version a batch id already committed as (a retried transaction whose first try landed). */
export async function committedVersion(tx: ManagedTransaction, batch: string): Promise<number | undefined> {
  const result = await tx.run(`MATCH (c:${CHANGE_LABEL} {batch: $batch}) RETURN c.version AS version`, { batch });
  const record = result.records[0];
  return record ? toNumber(record.get('version')) : undefined;
}

/**
 * Locks the state node (serialising writers), bumps the version and reserves `count` seq numbers,
 * all visible at commit (`visible`: readers see records with seq below it; see import-marker.ts).
 */
export async function reserve(tx: ManagedTransaction, count: number, leaseMs: number): Promise<Reservation> {
  const result = await tx.run<{ version: Integer; base: Integer; importing: unknown; stale: unknown }>(
    `MATCH (s:${STATE_LABEL} {key: $key})
     SET s.version = s.version + 1, s.seq = s.seq + $count, s.visible = s.seq + $count
     RETURN s.version AS version, s.seq - $count AS base,
            s.importing AS importing, timestamp() - coalesce(s.importBeat, 0) > $lease AS stale`,
    { key: STATE_KEY, count: neo4j.int(count), lease: neo4j.int(leaseMs) },
  );
  const record = result.records[0];
  if (!record) throw new Error('graph/store/neo4j: the RefnetState node is missing (was the database wiped while open?)');
  // A staged import holds the marker (read under the lock the SET took): throwing rolls this write back; the caller waits.
  checkMarker(record.get('importing'), record.get('stale'));
  return { version: toNumber(record.get('version')), base: record.get('base') };
}

/** Appends the batch to the log and prunes what falls out of retention. */
export async function appendChanges(
  tx: ManagedTransaction,
  version: number,
  batch: string,
  changes: readonly Change[],
  limits: ChangeLogLimits,
): Promise<void> {
  const parts: Array<{ part: number; changes: string | null }> = [];
  if (changes.length <= limits.maxLoggedChanges) {
    for (let i = 0; i < changes.length; i += PART_SIZE) {
      parts.push({ part: i / PART_SIZE, changes: JSON.stringify(changes.slice(i, i + PART_SIZE)) });
    }
  }
  const overflow = parts.length === 0;
  if (overflow) parts.push({ part: 0, changes: null });
  await tx.run(
    `UNWIND $parts AS p
     CREATE (c:${CHANGE_LABEL} {version: $version, part: toInteger(p.part), parts: $count, changes: p.changes})
     SET c.batch = CASE WHEN p.part = 0 THEN $batch END, c.overflow = CASE WHEN $overflow THEN true END`,
    { parts, version: neo4j.int(version), count: neo4j.int(parts.length), batch, overflow },
  );
  const floor = version - limits.retainVersions;
  if (floor <= 0) return;
  await tx.run(
    `MATCH (s:${STATE_LABEL} {key: $key}) WHERE s.floor < $floor
     SET s.floor = $floor
     WITH s
     MATCH (c:${CHANGE_LABEL}) WHERE c.version <= $floor
     DELETE c`,
    { key: STATE_KEY, floor: neo4j.int(floor) },
  );
}

/** Forgets every logged change: only the current version stays answerable. */
export async function forgetChangeLog(tx: ManagedTransaction): Promise<void> {
  await tx.run(
    `MATCH (s:${STATE_LABEL} {key: $key})
     SET s.floor = s.version
     WITH s
     MATCH (c:${CHANGE_LABEL}) WHERE c.version <= s.floor
     DELETE c`,
    { key: STATE_KEY },
  );
}

export interface StoreState {
  version: number;
  floor: number;
  /** Records with seq below this are published; a staged import's records (seq at or above it) are not. */
  visible: ReturnType<typeof neo4j.int>;
}

/** The state node's version, floor and visibility bound (0, 0, 0 before the store was initialised). */
export async function readState(tx: ManagedTransaction): Promise<StoreState> {
  const result = await tx.run<{ version: Integer; floor: Integer; visible: Integer }>(
    `MATCH (s:${STATE_LABEL} {key: $key}) RETURN s.version AS version, s.floor AS floor, coalesce(s.visible, s.seq) AS visible`,
    { key: STATE_KEY },
  );
  const record = result.records[0];
  return record
    ? { version: toNumber(record.get('version')), floor: toNumber(record.get('floor')), visible: neo4j.int(record.get('visible')) }
    : { version: 0, floor: 0, visible: neo4j.int(0) };
}

/** Changes after `since`, or undefined when they were pruned, overflowed, or `since` is unknown. */
export async function readChangesSince(tx: ManagedTransaction, since: number): Promise<ChangeBatch | undefined> {
  const state = await readState(tx);
  if (!Number.isSafeInteger(since) || since > state.version || since < state.floor) return undefined;
  if (since === state.version) return { version: since, changes: [] };
  const result = await tx.run(
    `MATCH (c:${CHANGE_LABEL}) WHERE c.version > $since
     RETURN c.version AS version, c.part AS part, c.parts AS parts, c.overflow AS overflow, c.changes AS changes
     ORDER BY version, part`,
    { since: neo4j.int(since) },
  );
  const changes: Change[] = [];
  let version = since;
  let pending: Change[] = [];
  let expected = { version: since + 1, part: 0 };
  for (const record of result.records) {
    const entry = { version: toNumber(record.get('version')), part: toNumber(record.get('part')) };
    if (entry.version !== expected.version || entry.part !== expected.part) break; // a hole: stop before it
    if (record.get('overflow') === true) return undefined;
    pending.push(...(JSON.parse(record.get('changes') as string) as Change[]));
    const parts = toNumber(record.get('parts'));
    if (entry.part + 1 < parts) {
      expected = { version: entry.version, part: entry.part + 1 };
      continue;
    }
    changes.push(...pending);
    pending = [];
    version = entry.version;
    expected = { version: entry.version + 1, part: 0 };
  }
  // The state said `state.version`: anything short of it was pruned under us.
  return version >= state.version ? { version, changes } : undefined;
}
