/**
 * The store port: what every storage adapter (embedded journal, Neo4j) implements.
 *
 * The port is deliberately small and dumb. Validation, reference checks, id assignment and
 * cascading deletes happen in the domain layer (graph/service/network-service.ts) before `apply`; queries
 * and analytics run on the in-memory projection kept in step through `changesSince`. An adapter
 * only has to store records atomically and durably and replay what changed.
 *
 * tests/store/conformance.ts is the executable specification: every adapter runs it.
 */
import type { AnyRecord, Change, RecordKind, RecordTypes } from '../records.js';
import type { NetworkDocument } from '../schema.js';

export interface StoreSnapshot {
  /** The version of the last change included. 0 for an empty, never-written store. */
  version: number;
  /** Every record; each collection in first-insertion order (a replaced record keeps its place). */
  document: NetworkDocument;
}

export interface ChangeBatch {
  /** The version after the last change in `changes`. */
  version: number;
  changes: Change[];
}

export interface StorePort {
  /** 'embedded' or 'neo4j': for logs, /readyz and benchmarks. */
  readonly kind: string;
  /** Connects or recovers. Resolves once reads and writes can be served. */
  open(): Promise<void>;
  /** Flushes and releases every resource. Idempotent. */
  close(): Promise<void>;
  /** True when the backing storage answers now (used by /readyz). Never throws. */
  isReady(): Promise<boolean>;
  /**
   * Applies the changes as one atomic unit: all of them or none. Resolves with the new version
   * only once the write is durable (survives kill -9 and restart). Deleting a missing key is a
   * no-op; putting an existing key replaces the record in place.
   */
  apply(changes: readonly Change[]): Promise<number>;
  /** One record by kind and key (see keyOf). */
  get<K extends RecordKind>(kind: K, key: string): Promise<RecordTypes[K] | undefined>;
  /** Everything, with the version it reflects. */
  readAll(): Promise<StoreSnapshot>;
  /** The current version, cheaply: a projection compares it before pulling changes. */
  currentVersion(): Promise<number>;
  /**
   * Changes committed after `version`, in commit order; `undefined` when the store no longer has
   * them (compacted away), in which case the caller reloads with readAll.
   */
  changesSince(version: number): Promise<ChangeBatch | undefined>;
}

/** Raised by adapters when the backing storage is unreachable; the API answers 503. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** Raised when the disk or database refuses the write for lack of space; the API answers 507. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}

export type { AnyRecord };
