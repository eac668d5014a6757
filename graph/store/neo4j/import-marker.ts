/**
 * The import marker on the state node (:RefnetState): what makes a staged import
 * (staged-import.ts) atomic and keeps every other write out while it runs.
 *
 * - Readers see only records whose `seq` is below `s.visible` (cypher-read.ts). An import reserves
 *   its seq range at or above `visible` when it begins, so everything it stages is invisible.
 * - While `s.importing` names an import, no other write runs: a writer finds the marker under the
 *   state lock, rolls back and waits (the import would have held that lock for its whole length as
 *   one transaction, too). So nothing else takes seq numbers or creates ids in the meantime.
 * - Every staging transaction, as its last statement before commit, locks the state node and checks
 *   that the marker is still its own (and renews `importBeat`): an import that was declared
 *   abandoned can never add to it (a takeover either waits for that commit, so its cleanup sees the
 *   chunk, or comes first, and the chunk rolls back). Taking the lock only at the end lets two
 *   chunks run at once.
 * - Publishing is one transaction: the records the import replaces (MERGE), the version bump,
 *   `visible` = the end of the reserved range, the change log entry, and the marker cleared.
 * - An abandoned import (its process died, or its heartbeat is older than the lease) is discarded:
 *   the next writer or a starting instance takes the marker over, deletes every record with seq at
 *   or above `visible` in batches, and clears the marker. Readers never saw any of it.
 */
import neo4j, { type Integer, type ManagedTransaction, type Session } from 'neo4j-driver';
import { toNumber } from './decode.js';
import { NODE_LABELS, REL_MODELS, STATE_KEY, STATE_LABEL } from './model.js';

/** Thrown inside a write transaction that found another import's marker; the caller waits or recovers. */
export class ImportInProgressError extends Error {
  override readonly name = 'ImportInProgressError';
  constructor(
    readonly importing: string,
    /** The marker's heartbeat is older than the lease: its import is abandoned. */
    readonly stale: boolean,
  ) {
    super(`graph/store/neo4j: import ${importing} is in progress`);
  }
}

/** Thrown when an import's marker is no longer its own (it was discarded as abandoned). */
export class ImportLostError extends Error {
  override readonly name = 'ImportLostError';
}

/**
 * Cypher prefix taking the state node's write lock before anything reads it: a real change (a
 * counter), so the lock is certainly taken and every later read in the statement sees the
 * latest committed marker.
 */
const LOCK_STATE = `MATCH (s:${STATE_LABEL} {key: $key})
 SET s.lock = coalesce(s.lock, 0) + 1
 WITH s, s.importing AS importing, timestamp() - coalesce(s.importBeat, 0) > $lease AS stale`;

/** Throws ImportInProgressError for a marker that is not `own`. */
export function checkMarker(importing: unknown, stale: unknown, own?: string): void {
  if (typeof importing === 'string' && importing !== own) throw new ImportInProgressError(importing, stale === true);
}

/** Sets the marker and reserves `count` seq numbers (hidden until published); returns the first. */
export async function beginImport(tx: ManagedTransaction, batch: string, count: number, leaseMs: number): Promise<ReturnType<typeof neo4j.int>> {
  const result = await tx.run<{ importing: unknown; stale: unknown; base: Integer }>(
    `${LOCK_STATE}
     SET s.importing = coalesce(importing, $batch), s.importBeat = timestamp(), s.seq = s.seq + $count
     RETURN importing, stale, s.seq - $count AS base`,
    { key: STATE_KEY, batch, count: neo4j.int(count), lease: neo4j.int(leaseMs) },
  );
  const record = result.records[0];
  if (!record) throw new Error('graph/store/neo4j: the RefnetState node is missing (was the database wiped while open?)');
  // Another import holds the marker: throwing rolls this transaction back (nothing above is kept).
  checkMarker(record.get('importing'), record.get('stale'));
  return neo4j.int(record.get('base'));
}

/** Last in a staging transaction (first in the publishing one): locks the state, checks the marker is `batch`'s, renews its heartbeat. */
export async function holdImport(tx: ManagedTransaction, batch: string): Promise<void> {
  const result = await tx.run(
    `${LOCK_STATE}
     WHERE importing = $batch
     SET s.importBeat = timestamp()
     RETURN s.seq AS seq`,
    { key: STATE_KEY, batch, lease: neo4j.int(0) },
  );
  if (result.records.length === 0) throw new ImportLostError(`graph/store/neo4j: import ${batch} was discarded as abandoned (its heartbeat passed the lease)`);
}

/** In the publishing transaction (after holdImport): the new version, everything reserved visible, marker cleared. */
export async function publishImport(tx: ManagedTransaction): Promise<number> {
  const result = await tx.run(
    `MATCH (s:${STATE_LABEL} {key: $key})
     SET s.version = s.version + 1, s.visible = s.seq, s.importing = null, s.importBeat = null
     RETURN s.version AS version`,
    { key: STATE_KEY },
  );
  return toNumber(result.records[0]!.get('version'));
}

/**
 * Discards the staged records of import `batch` if it still holds the marker (and, with
 * `onlyIfStale`, if its heartbeat passed the lease): takes the marker over, deletes every record
 * with seq at or above `visible` in committed batches, then clears the marker. Returns whether it did.
 */
export async function discardImport(
  write: <T>(work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>,
  autoCommit: (work: (session: Session) => Promise<void>) => Promise<void>,
  batch: string,
  options: { onlyIfStale: boolean; leaseMs: number; cleaner: string },
): Promise<boolean> {
  const visible = await write(async (tx) => {
    const result = await tx.run(
      `${LOCK_STATE}
       WHERE importing = $batch AND (NOT $onlyIfStale OR stale)
       SET s.importing = $cleaner, s.importBeat = timestamp()
       RETURN coalesce(s.visible, 0) AS visible`,
      { key: STATE_KEY, batch, onlyIfStale: options.onlyIfStale, lease: neo4j.int(options.leaseMs), cleaner: options.cleaner },
    );
    return result.records[0]?.get('visible') as unknown;
  });
  if (visible === undefined) return false;
  const statements = [
    ...Object.values(REL_MODELS).map(
      (rel) => `MATCH ()-[r:${rel.type}]->() WHERE r.seq >= $visible CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`,
    ),
    // Staged nodes only ever had staged relationships (no other write ran), gone by now.
    ...Object.values(NODE_LABELS).map(
      (label) => `MATCH (n:${label}) WHERE n.seq >= $visible CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
    ),
  ];
  for (const statement of statements) {
    await autoCommit(async (session) => {
      await session.run(statement, { visible });
    });
    // Renew the heartbeat between scans so a long cleanup is not itself taken for abandoned.
    await write((tx) => holdImport(tx, options.cleaner));
  }
  await write((tx) =>
    tx.run(
      `${LOCK_STATE} WHERE importing = $cleaner SET s.importing = null, s.importBeat = null`,
      { key: STATE_KEY, cleaner: options.cleaner, lease: neo4j.int(0) },
    ),
  );
  return true;
}

/** The marker now, for a starting instance: the import holding it and whether it is abandoned. */
export async function readMarker(tx: ManagedTransaction, leaseMs: number): Promise<{ importing: string; stale: boolean } | undefined> {
  const result = await tx.run(
    `MATCH (s:${STATE_LABEL} {key: $key}) WHERE s.importing IS NOT NULL
     RETURN s.importing AS importing, timestamp() - coalesce(s.importBeat, 0) > $lease AS stale`,
    { key: STATE_KEY, lease: neo4j.int(leaseMs) },
  );
  const record = result.records[0];
  return record ? { importing: record.get('importing') as string, stale: record.get('stale') === true } : undefined;
}
