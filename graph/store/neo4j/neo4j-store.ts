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
import { StoreUnavailableError, type ChangeBatch, type StorePort, type StoreSnapshot } from '../port.js';
import { planApply } from './apply-plan.js';
import { checkBatch } from './check-batch.js';
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
import {
  countCypher,
  createNodesCypher,
  createRelsCypher,
  deleteNodesCypher,
  deleteRelsCypher,
  dropPlaceholdersCypher,
  existingCypher,
  putNodesCypher,
  putRelsCypher,
} from './cypher-write.js';
import { readRecordsCypher } from './cypher-read.js';
import { decodeRecord, toNumber } from './decode.js';
import { encodeRow, type Row } from './encode.js';
import { toStoreError } from './errors.js';
import { checkKind, isNodeKind, REL_MODELS, type NodeKind, type NodeLabel, type RelKind } from './model.js';
import { parsePairKey } from './pair-key.js';
import { setUpSchema } from './schema-setup.js';

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
}

/** Records per Bolt pull when reading everything. */
const READ_ALL_FETCH_SIZE = 20_000;

export class Neo4jStore implements StorePort {
  readonly kind = 'neo4j';
  readonly connection: Neo4jConnection;
  private driver: Driver | undefined;
  private initialized = false;
  private initializing: Promise<void> | undefined;
  private closed = false;
  private readonly batchSize: number;
  private readonly limits: ChangeLogLimits;

  constructor(private readonly options: Neo4jStoreOptions = {}) {
    this.connection = {
      uri: options.uri ?? DEFAULT_NEO4J_URI,
      user: options.user ?? DEFAULT_NEO4J_USER,
      password: options.password ?? DEFAULT_NEO4J_PASSWORD,
      database: options.database,
    };
    this.batchSize = options.batchSize ?? 10_000;
    this.limits = { ...DEFAULT_CHANGE_LOG_LIMITS, ...options.changeLog };
  }

  async open(): Promise<void> {
    if (this.closed) throw new Error('graph/store/neo4j: the store was closed');
    this.driver ??= neo4j.driver(this.connection.uri, neo4j.auth.basic(this.connection.user, this.connection.password), {
      connectionTimeout: this.options.connectionTimeoutMs ?? 5000,
      connectionAcquisitionTimeout: (this.options.connectionTimeoutMs ?? 5000) * 2,
      maxTransactionRetryTime: this.options.maxTransactionRetryTimeMs ?? 15_000,
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
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((done) => (timer = setTimeout(() => done(false), timeoutMs)));
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
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async apply(input: readonly Change[]): Promise<number> {
    const changes = checkBatch(input);
    const plan = planApply(changes);
    if (changes.length === 0) return this.currentVersion();
    const batch = randomUUID();
    return this.write(async (tx) => {
      const already = await committedVersion(tx, batch);
      if (already !== undefined) return already;
      const { version, base } = await reserve(tx, changes.length);
      // Read after the state lock: no other writer can add records of these kinds until we commit.
      const empty = await emptyKinds(tx, plan.puts.map((p) => p.kind));
      const placeholders = new Map<NodeLabel, Set<string>>();
      const noteEnds = (label: unknown, ids: unknown) => {
        if (typeof label !== 'string' || !Array.isArray(ids) || ids.length === 0) return;
        const set = placeholders.get(label as NodeLabel) ?? new Set<string>();
        placeholders.set(label as NodeLabel, set);
        for (const id of ids) if (typeof id === 'string') set.add(id);
      };
      for (const { kind, keys } of plan.deletes) {
        const statement = isNodeKind(kind) ? deleteNodesCypher(kind) : deleteRelsCypher(kind as RelKind);
        for (const chunk of chunks(keys, this.batchSize)) {
          const result = await tx.run(statement, { keys: chunk });
          for (const r of result.records) {
            if (r.has('label')) noteEnds(r.get('label'), r.get('ids'));
            else {
              noteEnds(r.get('fromLabel'), r.get('fromIds'));
              noteEnds(r.get('toLabel'), r.get('toIds'));
            }
          }
        }
      }
      for (const { kind, rows } of plan.puts) {
        for (const chunk of chunks(rows, this.batchSize)) {
          const encoded = chunk.map((p) => encodeRow(kind, p.record, p.index));
          for (const r of await putChunk(tx, kind as NodeKind | RelKind, encoded, base, empty.has(kind))) noteEnds(r.label, r.ids);
        }
      }
      for (const [label, ids] of placeholders) {
        for (const chunk of chunks([...ids], this.batchSize)) await tx.run(dropPlaceholdersCypher(label), { ids: chunk });
      }
      await appendChanges(tx, version, batch, changes, this.limits);
      return version;
    });
  }

  async get<K extends RecordKind>(kind: K, key: string): Promise<RecordTypes[K] | undefined> {
    checkKind(kind);
    let params: Record<string, unknown> = { key };
    if (!isNodeKind(kind) && REL_MODELS[kind as RelKind].keyedBy === 'pair') {
      const pair = parsePairKey(key);
      if (!pair) return undefined;
      params = { from: pair[0], to: pair[1] };
    }
    const found = await this.read(async (tx) => {
      const result = await tx.run(readRecordsCypher(kind, true), params);
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
      const { version } = await readState(tx);
      const document: NetworkDocument = emptyDocument();
      for (const kind of RECORD_KINDS) {
        const rows: Array<{ seq: number; record: AnyRecord }> = [];
        const result = await tx.run(readRecordsCypher(kind));
        for (const r of result.records) {
          rows.push({ seq: toNumber(r.get('seq')), record: decodeRecord(kind, r.get('props'), r.get('ends')) });
        }
        rows.sort((x, y) => x.seq - y.seq);
        (document[COLLECTION_OF[kind]] as AnyRecord[]) = rows.map((row) => row.record);
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
    try {
      return await work(session);
    } catch (err) {
      throw toStoreError(err);
    } finally {
      await session.close().catch(() => undefined);
    }
  }
}

/**
 * The kinds among `kinds` of which the store holds nothing (not even a placeholder), from Neo4j's
 * counts store (constant time). Every put of such a kind in this batch is new: the plan holds one
 * put per key, and puts run nodes first, so nothing this batch writes earlier can be one of them.
 */
async function emptyKinds(tx: ManagedTransaction, kinds: readonly RecordKind[]): Promise<Set<RecordKind>> {
  const empty = new Set<RecordKind>();
  for (const kind of kinds) {
    const result = await tx.run(countCypher(kind));
    if (toNumber(result.records[0]?.get('n') ?? 1) === 0) empty.add(kind);
  }
  return empty;
}

/**
 * Puts one chunk: rows new to the store through the plain CREATE form (the import path), the rest
 * (replacements, placeholders, ends to placehold) through the MERGE form. `allNew`: the kind was
 * empty when the batch started, so the lookup of existing rows is skipped (the uniqueness
 * constraints still refuse a duplicate). Returns placeholder candidates.
 */
async function putChunk(
  tx: ManagedTransaction,
  kind: NodeKind | RelKind,
  rows: Row[],
  base: unknown,
  allNew: boolean,
): Promise<Array<{ label: unknown; ids: unknown }>> {
  const pair = !isNodeKind(kind) && REL_MODELS[kind as RelKind].keyedBy === 'pair';
  const keys = rows.map((row) =>
    pair ? { i: row.i, from: row.from, to: row.to } : { i: row.i, id: (row.props as { id: unknown }).id },
  );
  const existing = allNew
    ? new Set<number>()
    : new Set((await tx.run(existingCypher(kind), { keys })).records.map((r) => toNumber(r.get('i'))));
  let rest = rows.filter((row) => existing.has(row.i as number));
  const fresh = rows.filter((row) => !existing.has(row.i as number));
  if (fresh.length > 0) {
    if (isNodeKind(kind)) {
      await tx.run(createNodesCypher(kind as NodeKind), { base, rows: fresh });
    } else {
      const result = await tx.run(createRelsCypher(kind as RelKind), { base, rows: fresh });
      if (toNumber(result.records[0]?.get('created') ?? 0) < fresh.length) {
        // Some ends are not stored: the rows now present are the ones just created; the others need placeholders.
        const freshKeys = keys.filter((k) => !existing.has(k.i as number));
        const done = new Set((await tx.run(existingCypher(kind), { keys: freshKeys })).records.map((r) => toNumber(r.get('i'))));
        rest = rest.concat(fresh.filter((row) => !done.has(row.i as number)));
      }
    }
  }
  if (rest.length === 0) return [];
  const statement = isNodeKind(kind) ? putNodesCypher(kind as NodeKind) : putRelsCypher(kind as RelKind);
  const result = await tx.run(statement, { base, rows: rest });
  return result.records.filter((r) => r.has('label')).map((r) => ({ label: r.get('label'), ids: r.get('ids') }));
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
