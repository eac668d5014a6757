/**
 * The Neo4j adapter of the store port. One driver per store (one store per process); reads run
 * as READ transactions (routable to followers and read replicas with neo4j:// URIs), writes as
 * WRITE transactions with the driver's managed retries. A write carries a batch id, so a retry of
 * a transaction whose commit did land is recognised instead of applied twice.
 *
 * Neo4j down at open: open() fails fast with StoreUnavailableError but the store stays usable;
 * every later call (and isReady) tries again, and the driver reconnects by itself.
 */
import { randomUUID } from 'node:crypto';
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import type { AnyRecord, Change, RecordKind, RecordTypes } from '../../records.js';
import { COLLECTION_OF, RECORD_KINDS } from '../../records.js';
import { emptyDocument, type NetworkDocument } from '../../schema.js';
import { checkBatch } from '../check-batch.js';
import { StoreUnavailableError, type ChangeBatch, type StorePort, type StoreSnapshot } from '../port.js';
import { planApply } from './apply-plan.js';
import {
  appendChanges,
  committedVersion,
  forgetChangeLog,
  DEFAULT_CHANGE_LOG_LIMITS,
  readChangesSince,
  readState,
  reserve,
  type ChangeLogLimits,
} from './change-log.js';
import { DEFAULT_NEO4J_PASSWORD, DEFAULT_NEO4J_URI, DEFAULT_NEO4J_USER, type Neo4jConnection } from './connection.js';
import { deleteNodesCypher, deleteRelsCypher } from './cypher-write.js';
import { readRecordsCypher } from './cypher-read.js';
import { decodeRecord, IdPool, toNumber } from './decode.js';
import { encodeRow } from './encode.js';
import { toStoreError } from './errors.js';
import { checkKind, isNodeKind, REL_MODELS, type RelKind } from './model.js';
import { PlaceholderSet } from './placeholder-set.js';
import { chunks, createFresh, emptyKinds, putRest } from './put-chunk.js';
import { discardImport, ImportInProgressError, ImportLostError, readMarker } from './import-marker.js';
import { parsePairKey } from './pair-key.js';
import { setUpSchema } from './schema-setup.js';
import { SessionStats } from './session-stats.js';
import { applyStaged, type StagedImportContext } from './staged-import.js';
import { within } from '../../support/within.js';

/** Connection fields left out take the local defaults of connection.ts (the server `npm run neo4j` starts). */
export interface Neo4jStoreOptions extends Partial<Neo4jConnection> {
  /** Rows per UNWIND statement. */
  batchSize?: number;
  /** How long the driver keeps retrying a transaction that failed transiently. */
  maxTransactionRetryTimeMs?: number;
  /** Connection timeout: how quickly an unreachable server is reported. */
  connectionTimeoutMs?: number;
  /** isReady answers false after this long without an answer. */
  readyTimeoutMs?: number;
  changeLog?: Partial<ChangeLogLimits>;
  /** Batches of only puts with more changes than this are staged (staged-import.ts); default 20,000. */
  stageAbove?: number;
  /** A staged import whose heartbeat is older than this is abandoned and gets discarded; default 60 s. */
  importLeaseMs?: number;
  /** How long a write waits for another instance's import before it fails as unavailable; default 30 min. */
  importWaitMs?: number;
  /** Staged chunks written at once (each in its own transaction and session); default 2, one per core of a small server. */
  importParallelism?: number;
  /** Called after each staged chunk commits (progress; tests pause or fail an import here). */
  onImportProgress?: (staged: number, total: number) => void | Promise<void>;
}

/** neo4j-driver's default connection pool bound, set explicitly so /metrics reports the real one. */
const MAX_CONNECTION_POOL_SIZE = 100;

/** Records per Bolt pull when reading everything. */
const READ_ALL_FETCH_SIZE = 20_000;

/** A record as readRecordsCypher returns it: its stored properties and the keys at its ends. */
type StoredRow = { props: Record<string, unknown>; ends: Record<string, unknown> };

export class Neo4jStore implements StorePort {
  readonly kind = 'neo4j';
  readonly connection: Neo4jConnection;
  private driver: Driver | undefined;
  private initialized = false;
  private initializing: Promise<void> | undefined;
  private closed = false;
  private readonly batchSize: number;
  private readonly limits: ChangeLogLimits;
  private readonly stageAbove: number;
  private readonly leaseMs: number;
  /** Sessions open and opened (api/metrics.ts): the driver exposes nothing of its pool. */
  readonly sessions = new SessionStats(MAX_CONNECTION_POOL_SIZE);

  constructor(private readonly options: Neo4jStoreOptions = {}) {
    this.connection = {
      uri: options.uri ?? DEFAULT_NEO4J_URI,
      user: options.user ?? DEFAULT_NEO4J_USER,
      password: options.password ?? DEFAULT_NEO4J_PASSWORD,
      database: options.database,
    };
    this.batchSize = options.batchSize ?? 10_000;
    this.limits = { ...DEFAULT_CHANGE_LOG_LIMITS, ...options.changeLog };
    this.stageAbove = options.stageAbove ?? 20_000;
    this.leaseMs = options.importLeaseMs ?? 60_000;
  }

  async open(): Promise<void> {
    if (this.closed) throw new Error('graph/store/neo4j: the store was closed');
    this.driver ??= neo4j.driver(this.connection.uri, neo4j.auth.basic(this.connection.user, this.connection.password), {
      connectionTimeout: this.options.connectionTimeoutMs ?? 5000,
      connectionAcquisitionTimeout: (this.options.connectionTimeoutMs ?? 5000) * 2,
      maxTransactionRetryTime: this.options.maxTransactionRetryTimeMs ?? 15_000,
      maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
      userAgent: 'refnet',
      logging: { level: 'error', logger: () => {} },
    });
    await this.ready();
  }

  async close(): Promise<void> {
    this.closed = true;
    const driver = this.driver;
    this.driver = undefined;
    await driver?.close();
  }

  async isReady(): Promise<boolean> {
    if (!this.driver || this.closed) return false;
    const timeoutMs = this.options.readyTimeoutMs ?? 3000;
    const probe = (async () => {
      try {
        await this.ready();
        // An auto-commit query is not retried: it answers for the server as it is now.
        await this.withSession(neo4j.session.READ, (session) => session.run('RETURN 1'));
        return true;
      } catch {
        return false;
      }
    })();
    return within(probe, timeoutMs, false);
  }

  async apply(input: readonly Change[]): Promise<number> {
    const changes = checkBatch(input);
    const plan = planApply(changes);
    if (changes.length === 0) return this.currentVersion();
    const batch = randomUUID();
    if (changes.length > this.stageAbove && plan.deletes.length === 0) return applyStaged(this.stagedImportContext(), changes, plan, batch);
    return this.writeAfterImports(async (tx) => {
      const already = await committedVersion(tx, batch);
      if (already !== undefined) return already;
      const { version, base } = await reserve(tx, changes.length, this.leaseMs);
      // Read after the state lock: no other writer can add records of these kinds until we commit.
      const empty = await emptyKinds(tx, plan.puts.map((p) => p.kind));
      const placeholders = new PlaceholderSet();
      for (const { kind, keys } of plan.deletes) {
        const statement = isNodeKind(kind) ? deleteNodesCypher(kind) : deleteRelsCypher(kind);
        for (const chunk of chunks(keys, this.batchSize)) {
          const result = await tx.run(statement, { keys: chunk });
          for (const r of result.records) {
            if (r.has('label')) placeholders.note(r.get('label'), r.get('ids'));
            else {
              placeholders.note(r.get('fromLabel'), r.get('fromIds'));
              placeholders.note(r.get('toLabel'), r.get('toIds'));
            }
          }
        }
      }
      for (const { kind, rows } of plan.puts) {
        for (const chunk of chunks(rows, this.batchSize)) {
          const encoded = chunk.map((p) => encodeRow(kind, p.record, p.index));
          const rest = await createFresh(tx, kind, encoded, base, empty.has(kind));
          placeholders.noteAll(await putRest(tx, kind, rest, base));
        }
      }
      await placeholders.drop(tx, this.batchSize);
      await appendChanges(tx, version, batch, changes, this.limits);
      return version;
    });
  }

  /** What a staged import (staged-import.ts) uses of this store. */
  private stagedImportContext(): StagedImportContext {
    return {
      write: (work) => this.write(work),
      writeAfterImports: (work) => this.writeAfterImports(work),
      discard: (batch) => this.discard(batch, false),
      batchSize: this.batchSize,
      leaseMs: this.leaseMs,
      limits: this.limits,
      parallelism: Math.max(1, this.options.importParallelism ?? 2),
      onProgress: this.options.onImportProgress,
    };
  }

  /** Runs a write; while another instance's import holds the marker, waits for it (or discards it once abandoned) and retries. */
  private async writeAfterImports<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const deadline = Date.now() + (this.options.importWaitMs ?? 30 * 60_000);
    for (;;) {
      try {
        return await this.write(work);
      } catch (err) {
        if (!(err instanceof ImportInProgressError)) throw err;
        if (err.stale) await this.discard(err.importing, true).catch((e: unknown) => {
          if (!(e instanceof ImportLostError)) throw e; // another instance is discarding it: wait
        });
        else if (Date.now() > deadline) throw new StoreUnavailableError(`graph/store/neo4j: an import is still in progress (${err.importing})`);
        else await new Promise((done) => setTimeout(done, 250));
      }
    }
  }

  /** Discards a staged import's records (see discardImport). */
  private discard(batch: string, onlyIfStale: boolean): Promise<boolean> {
    return discardImport(
      (work) => this.write(work),
      (work) => this.withSession(neo4j.session.WRITE, work),
      batch,
      { onlyIfStale, leaseMs: this.leaseMs, cleaner: `discard:${randomUUID()}` },
    );
  }

  async get<K extends RecordKind>(kind: K, key: string): Promise<RecordTypes[K] | undefined> {
    checkKind(kind);
    let params: Record<string, unknown> = { key };
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc does not narrow a generic K by isNodeKind
    if (!isNodeKind(kind) && REL_MODELS[kind as RelKind].keyedBy === 'pair') {
      const pair = parsePairKey(key);
      if (!pair) return undefined;
      params = { from: pair[0], to: pair[1] };
    }
    const found = await this.read(async (tx) => {
      const { visible } = await readState(tx);
      const result = await tx.run<StoredRow>(readRecordsCypher(kind, true), { ...params, visible });
      const record = result.records[0];
      return record ? decodeRecord(kind, record.get('props'), record.get('ends')) : undefined;
    });
    return found as RecordTypes[K] | undefined;
  }

  async readAll(): Promise<StoreSnapshot> {
    // Large pulls: a million records in 1,000-record round trips (the driver's default) is mostly waiting.
    return this.read(async (tx) => {
      // Version first: Neo4j reads are read-committed, so the document is at least this new, and
      // a caller replaying changesSince(version) on top of it only re-applies idempotent changes.
      const { version, visible } = await readState(tx);
      const document: NetworkDocument = emptyDocument();
      const pool = new IdPool();
      for (const kind of RECORD_KINDS) {
        // Streamed, each row decoded as it arrives: `result.records` would hold every driver
        // record of the kind (several objects each) at once, gigabytes at a million people.
        const seqs: number[] = [];
        const records: AnyRecord[] = [];
        // A subscriber, not `for await`: a promise per row took twice as long at 100,000 people.
        let failed = false;
        await new Promise<void>((resolve, reject) => {
          tx.run<StoredRow & { seq: unknown }>(readRecordsCypher(kind), { visible }).subscribe({
            onNext: (r) => {
              if (failed) return;
              try {
                seqs.push(toNumber(r.get('seq')));
                records.push(decodeRecord(kind, r.get('props'), r.get('ends'), pool));
              } catch (err) {
                // A value the adapter refuses (an integer past 2^53): the read fails, as it did before streaming.
                failed = true;
                reject(err);
              }
            },
            onCompleted: () => resolve(),
            onError: reject,
          });
        });
        (document[COLLECTION_OF[kind]] as AnyRecord[]) = inWriteOrder(seqs, records);
      }
      return { version, document };
    }, READ_ALL_FETCH_SIZE);
  }

  /** Drops the whole change log (as pruning would): versions before the current one then answer undefined. */
  async forgetChanges(): Promise<void> {
    await this.write((tx) => forgetChangeLog(tx));
  }

  async currentVersion(): Promise<number> {
    return this.read(async (tx) => (await readState(tx)).version);
  }

  async changesSince(version: number): Promise<ChangeBatch | undefined> {
    return this.read((tx) => readChangesSince(tx, version));
  }

  /** Connects and sets up the schema once; concurrent callers share the attempt, a failure is retried next call. */
  private ready(): Promise<void> {
    if (this.initialized) return Promise.resolve();
    const driver = this.driver;
    if (!driver || this.closed) return Promise.reject(new StoreUnavailableError('the Neo4j store is not open'));
    this.initializing ??= (async () => {
      try {
        await driver.verifyConnectivity({ database: this.connection.database });
        await setUpSchema(driver, this.connection.database);
        this.initialized = true;
        // Start-up recovery: an import abandoned by a dead process is discarded (readers never saw it).
        const marker = await this.withSession(neo4j.session.READ, (session) => session.executeRead((tx) => readMarker(tx, this.leaseMs)));
        if (marker?.stale) await this.discard(marker.importing, true).catch(() => undefined);
      } catch (err) {
        throw toStoreError(err);
      } finally {
        this.initializing = undefined;
      }
    })();
    return this.initializing;
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>, fetchSize?: number): Promise<T> {
    await this.ready();
    return this.withSession(neo4j.session.READ, (session) => session.executeRead(work), fetchSize);
  }

  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    await this.ready();
    return this.withSession(neo4j.session.WRITE, (session) => session.executeWrite(work));
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', work: (session: Session) => Promise<T>, fetchSize?: number): Promise<T> {
    const driver = this.driver;
    if (!driver) throw new StoreUnavailableError('the Neo4j store is not open');
    // The shared bookmark manager makes this instance read its own writes, even on a cluster.
    const session = driver.session({
      database: this.connection.database,
      defaultAccessMode: mode,
      bookmarkManager: driver.executeQueryBookmarkManager,
      ...(fetchSize ? { fetchSize } : {}),
    });
    const ended = this.sessions.start(mode);
    try {
      return await work(session);
    } catch (err) {
      throw toStoreError(err);
    } finally {
      await session.close().catch(() => undefined);
      ended();
    }
  }
}

/**
 * Records in the order they were written (by seq), as the embedded store keeps them. Neo4j mostly
 * returns them in that order already: then nothing is sorted or copied.
 */
function inWriteOrder(seqs: readonly number[], records: AnyRecord[]): AnyRecord[] {
  let sorted = true;
  for (let i = 1; i < seqs.length && sorted; i++) sorted = seqs[i - 1]! <= seqs[i]!;
  if (sorted) return records;
  const order = Array.from(seqs.keys()).sort((x, y) => seqs[x]! - seqs[y]!);
  return order.map((i) => records[i]!);
}
