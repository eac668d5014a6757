/**
 * The embedded store: refnet's default StorePort, a directory on local disk, no server.
 *
 *   const store = await openEmbeddedStore('./.refnet', { logger });
 *   const version = await store.apply([{ op: 'put', kind: 'person', record }]); // durable now
 *   await store.close();
 *
 * Every record lives in memory (one Map per kind, first-insertion order), so reads never touch the
 * disk. Writes go to an append-only journal: each fsync carries one frame holding one or more
 * batches (group commit), and a frame is checksummed, so a batch is atomic and survives kill -9
 * once `apply` resolves. The version grows by one per applied batch. Compaction (compaction.ts)
 * writes every record to a snapshot (temp file, fsync, rename, directory fsync) while writes go on
 * into a fresh journal, then deletes the superseded files; recovery loads the newest snapshot and replays the
 * journals after it, dropping a torn last frame past the acknowledged record with a warning and
 * refusing mid-file corruption.
 * An ACKNOWLEDGED record next to the journal remembers the newest acknowledged version, so an
 * emptied, deleted or damaged journal refuses to open (StoreDataLossError) instead of opening
 * smaller: acknowledged-record.ts says what it proves. Every file is owner-only (data-files.ts).
 * Records handed out by get, readAll and changesSince are the store's own objects (shared with the
 * live view, never copied): treat them as read-only.
 * No step of a write holds the event loop for long, whatever the batch size: a large batch is
 * checked and serialised, framed and checksummed, and applied to memory in time slices
 * (graph/support/time-slices.ts). Writes stay one at a time in call order (the journal mutex is
 * held across the pauses), and a batch becomes visible whole: reads that arrive while it is being
 * applied to memory wait for it, and the version moves only once it is all in.
 * The caller must not change the records of a large batch (over ENCODE_AT_ONCE changes) before
 * `apply` settles: they are read in slices.
 * File layout: data-files.ts; frame format: frame.ts; what counts as an invalid change: ../check-batch.ts.
 */
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { COLLECTION_OF, RECORD_KINDS, type AnyRecord, type Change, type RecordKind, type RecordTypes } from '../../records.js';
import { emptyDocument } from '../../schema.js';
import { StoreFullError, StoreUnavailableError, type ChangeBatch, type StorePort, type StoreSnapshot } from '../port.js';
import { ChangeLog } from './change-log.js';
import { AcknowledgedTracker, readAcknowledged } from './acknowledged-record.js';
import { captureRecords, Compactor, type CompactionStep } from './compaction.js';
import { DIR_MODE, fsyncDir, listDataFiles, tightenModes } from './data-files.js';
import { acquireDirLock, releaseDirLock } from './dir-lock.js';
import { encodeBatch, encodeBatchSteps, type EncodedBatch, type StoredChange } from './encode-batch.js';
import { storeErrorFrom } from './errors.js';
import { JOURNAL_MAGIC, encodeFrameSteps } from './frame.js';
import { JournalWriter, writeFully, type FrameWrite } from './journal-writer.js';
import { silentLogger, type StoreLogger } from './logger.js';
import { Mutex } from './mutex.js';
import { applyStoredChange, countRecords, emptyRecordMaps, type RecordMaps } from './record-maps.js';
import { recoverDataDir, type RecoveredState } from './recovery.js';
import type { SnapshotLists } from './snapshot-file.js';
import { STEP_EVERY, runInSlices, type Steps } from '../../support/time-slices.js';

export interface EmbeddedStoreOptions {
  /** pino-compatible; warns on dropped torn records and failed compactions. Default: silent. */
  logger?: StoreLogger;
  /** Compact automatically once the journals exceed this many bytes… Default 64 MiB. */
  compactionBytes?: number;
  /** …and this multiple of the last snapshot's size (keeps total compaction work linear). Default 1. */
  compactionRatio?: number;
  /** Set false to compact only when compact() is called. Default true. */
  autoCompact?: boolean;
  /** How many recent changes changesSince can return. Default 250,000. */
  changeLogLimit?: number;
  /** Cap on the bytes of journals and snapshots in the directory: a write past it throws StoreFullError. */
  maxBytes?: number;
  /** Group commit puts batches into one fsync until the frame reaches this size. Default 32 MiB. */
  maxFrameBytes?: number;
  /** Records per snapshot frame. Default 5,000. */
  snapshotChunkRecords?: number;
  /**
   * Opens even though acknowledged writes are missing, when this is exactly the version the files
   * still hold (the refusal names it). A one-off operator decision (REFNET_ACCEPT_DATA_LOSS), not
   * a standing setting: a different loss later refuses again.
   */
  acceptDataLossTo?: number;
  /** How soon after a commit the ACKNOWLEDGED record catches up. Default 1,000 ms; Infinity: only at compaction and close. */
  acknowledgedIntervalMs?: number;
  /** Test hooks: observe compaction steps (e.g. copy the directory), inject write failures. */
  hooks?: {
    onCompactionStep?: (step: CompactionStep) => void | Promise<void>;
    writeFrame?: FrameWrite;
  };
}

export interface EmbeddedStoreStats {
  version: number;
  records: number;
  snapshotVersion: number;
  snapshotBytes: number;
  journalBytes: number;
  commits: number;
  fsyncs: number;
  /** Seconds spent in journal fdatasync calls since the store opened in this process. */
  fsyncSeconds: number;
  compactions: number;
}

interface Pending {
  batch: EncodedBatch;
  resolve: (version: number) => void;
  reject: (err: Error) => void;
}

const MiB = 1 << 20;

/** Batches of up to this many changes are checked and serialised when apply is called; larger ones in time slices. */
export const ENCODE_AT_ONCE = 2_000;

/** Opens (creating if needed) the embedded store in `dir`; resolves once it is recovered and locked. */
export async function openEmbeddedStore(dir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const store = new EmbeddedStore(dir, options);
  await store.open();
  return store;
}

export class EmbeddedStore implements StorePort {
  readonly kind = 'embedded';
  private readonly logger: StoreLogger;
  private readonly opts: Required<Omit<EmbeddedStoreOptions, 'logger' | 'hooks' | 'maxBytes' | 'acceptDataLossTo'>> & {
    maxBytes?: number;
    acceptDataLossTo?: number;
  };
  private readonly writeFrame: FrameWrite;

  private state: 'closed' | 'open' | 'closing' = 'closed';
  private opening: Promise<void> | undefined;
  private maps: RecordMaps = emptyRecordMaps();
  private version = 0;
  private log = new ChangeLog(0, 0);
  private journal: JournalWriter | undefined;
  private readonly journalMutex = new Mutex();
  private pending: Pending[] = [];
  private writing: Promise<void> | undefined;
  private readonly compactor: Compactor;
  /** Large batches are encoded one after another in call order, so versions follow the calls. */
  private readonly encodeQueue = new Mutex();
  private encoding = 0;
  /** Set while a durable group is being applied to memory in slices: reads wait for it. */
  private applying: Promise<void> | undefined;

  private snapshotVersion = 0;
  private snapshotBytes = 0;
  /** Journals before the current one still on disk (until a compaction removes them). */
  private retiredJournalBytes = 0;
  private commits = 0;
  private retiredSyncs = 0;
  private retiredSyncMs = 0;
  private readonly onStep: (step: CompactionStep) => void | Promise<void>;
  private acknowledged: AcknowledgedTracker | undefined;

  constructor(
    readonly dir: string,
    options: EmbeddedStoreOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.writeFrame = options.hooks?.writeFrame ?? writeFully;
    this.onStep = options.hooks?.onCompactionStep ?? (() => undefined);
    this.opts = {
      compactionBytes: options.compactionBytes ?? 64 * MiB,
      compactionRatio: options.compactionRatio ?? 1,
      autoCompact: options.autoCompact ?? true,
      changeLogLimit: options.changeLogLimit ?? 250_000,
      maxBytes: options.maxBytes,
      maxFrameBytes: options.maxFrameBytes ?? 32 * MiB,
      snapshotChunkRecords: options.snapshotChunkRecords ?? 5_000,
      acceptDataLossTo: options.acceptDataLossTo,
      acknowledgedIntervalMs: options.acknowledgedIntervalMs ?? 1_000,
    };
    checkOptions(this.opts);
    this.compactor = new Compactor(
      {
        dir,
        logger: this.logger,
        isOpen: () => this.state === 'open',
        rotate: () => this.journalMutex.run(() => this.rotate()),
        reserve: (bytes) => this.reserve(bytes),
        journalBytes: () => this.journalBytes(),
        snapshotBytes: () => this.snapshotBytes,
        snapshotWritten: async (version, bytes) => {
          this.snapshotVersion = version;
          this.snapshotBytes = bytes;
          this.retiredJournalBytes = 0;
          await this.acknowledged?.record('after a compaction');
        },
        onStep: (step) => this.onStep(step),
      },
      this.opts,
    );
  }

  /** Locks the directory and recovers snapshot + journals. Idempotent while open. */
  open(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    if (this.state === 'closing') return Promise.reject(new StoreUnavailableError('refnet embedded store: closing'));
    this.opening ??= this.doOpen().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** Waits for queued writes and any compaction, then releases files and the lock. Idempotent. */
  async close(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    if (this.state !== 'open') return;
    this.state = 'closing';
    // Batches accepted before close are still encoding: let them reach the queue, then drain it.
    await this.encodeQueue.run(async () => undefined);
    while (this.writing) await this.writing;
    await this.compactor.idle();
    await this.acknowledged?.stop();
    this.acknowledged = undefined;
    if (this.journal) {
      this.retiredSyncs += this.journal.syncs;
      this.retiredSyncMs += this.journal.syncMs;
      await this.journal.close();
    }
    this.journal = undefined;
    await releaseDirLock(this.dir);
    this.state = 'closed';
  }

  async isReady(): Promise<boolean> {
    if (this.state !== 'open' || !this.journal || this.journal.broken) return false;
    try {
      return (await stat(this.dir)).isDirectory();
    } catch {
      return false;
    }
  }

  apply(changes: readonly Change[]): Promise<number> {
    if (this.state !== 'open') return Promise.reject(notOpen());
    if (this.encoding === 0 && Array.isArray(changes) && changes.length <= ENCODE_AT_ONCE) {
      let batch: EncodedBatch;
      try {
        batch = encodeBatch(changes);
      } catch (err) {
        return Promise.reject(err);
      }
      return this.enqueue(batch);
    }
    this.encoding++;
    // Queued while encoding (not while committing), so a big batch's group commit still takes the batches behind it.
    return this.encodeQueue
      .run(async () => {
        try {
          return { committed: this.enqueue(await runInSlices(encodeBatchSteps(changes))) };
        } finally {
          this.encoding--;
        }
      })
      .then(({ committed }) => committed);
  }

  /** Queues an encoded batch for the journal; resolves with its version once it is durable and applied. */
  private enqueue(batch: EncodedBatch): Promise<number> {
    // An empty batch changes nothing, so there is nothing to make durable or to version.
    if (batch.changes.length === 0) return Promise.resolve(this.version);
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      this.kick();
    });
  }

  /** Waits while a batch is being applied to memory, so a read sees it whole or not at all. */
  private async settled(): Promise<void> {
    while (this.applying) await this.applying;
  }

  async get<K extends RecordKind>(kind: K, key: string): Promise<RecordTypes[K] | undefined> {
    if (this.state === 'closed') throw notOpen();
    await this.settled();
    return (this.maps[kind] as Map<string, RecordTypes[K]> | undefined)?.get(key);
  }

  async readAll(): Promise<StoreSnapshot> {
    if (this.state === 'closed') throw notOpen();
    await this.settled();
    const document = emptyDocument();
    for (const kind of RECORD_KINDS) (document[COLLECTION_OF[kind]] as AnyRecord[]) = [...this.maps[kind].values()];
    return { version: this.version, document };
  }

  async currentVersion(): Promise<number> {
    if (this.state === 'closed') throw notOpen();
    return this.version;
  }

  async changesSince(version: number): Promise<ChangeBatch | undefined> {
    if (this.state === 'closed') throw notOpen();
    await this.settled();
    return runInSlices(this.log.sinceSteps(version, this.version));
  }

  /** Writes a snapshot of the current state and removes the journals it supersedes. Writes go on meanwhile. */
  compact(): Promise<void> {
    if (this.state !== 'open') return Promise.reject(notOpen());
    return this.compactor.run();
  }

  /** Forgets the in-memory change history: changesSince(older version) then answers undefined. */
  dropChangeLog(): void {
    this.log.forgetThrough(this.version);
  }

  stats(): EmbeddedStoreStats {
    return {
      version: this.version,
      records: countRecords(this.maps),
      snapshotVersion: this.snapshotVersion,
      snapshotBytes: this.snapshotBytes,
      journalBytes: this.journalBytes(),
      commits: this.commits,
      fsyncs: this.retiredSyncs + (this.journal?.syncs ?? 0),
      fsyncSeconds: (this.retiredSyncMs + (this.journal?.syncMs ?? 0)) / 1000,
      compactions: this.compactor.completed,
    };
  }

  // ---- open and recovery ----

  private async doOpen(): Promise<void> {
    try {
      const created = await mkdir(this.dir, { recursive: true, mode: DIR_MODE });
      // A new directory's own name must be durable too, or the whole store could vanish on a crash.
      if (created) await fsyncDir(dirname(created));
      // Owner-only before anything is written into it (a directory made by an older version was 0755).
      await chmod(this.dir, DIR_MODE);
    } catch (err) {
      throw storeErrorFrom(err, this.dir, 'create data directory');
    }
    await acquireDirLock(this.dir, this.logger);
    let recovered: RecoveredState;
    let recordedVersion: number;
    try {
      await tightenModes(this.dir, await listDataFiles(this.dir));
      const acknowledged = await readAcknowledged(this.dir);
      if (!acknowledged) this.logger.info({ dir: this.dir }, 'embedded store: no ACKNOWLEDGED record yet (a new directory or one from an older version); recording one');
      recordedVersion = acknowledged?.version ?? -1;
      recovered = await recoverDataDir(this.dir, {
        logger: this.logger,
        changeLogLimit: this.opts.changeLogLimit,
        writeFrame: this.writeFrame,
        acknowledged,
        acceptDataLossTo: this.opts.acceptDataLossTo,
      });
    } catch (err) {
      await releaseDirLock(this.dir);
      throw err;
    }
    ({
      maps: this.maps,
      version: this.version,
      log: this.log,
      snapshotVersion: this.snapshotVersion,
      snapshotBytes: this.snapshotBytes,
      journal: this.journal,
      retiredJournalBytes: this.retiredJournalBytes,
    } = recovered);
    this.compactor.reset();
    this.acknowledged = new AcknowledgedTracker(this.dir, recordedVersion, this.opts.acknowledgedIntervalMs, () => this.version, this.logger);
    // A full disk may refuse this write; the older record stays and the store still opens.
    await this.acknowledged.record(
      recovered.lossAccepted ? 'after the operator accepted the loss of later versions' : 'at start-up, after recovery',
      recovered.lossAccepted,
    );
    this.state = 'open';
  }

  // ---- writes ----

  private kick(): void {
    if (this.writing) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
      if (this.pending.length) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const group = this.takeGroup();
      await this.journalMutex.run(() => this.commit(group));
      this.compactor.maybeRun();
    }
  }

  /** Group commit: as many queued batches as fit one frame (at least one). */
  private takeGroup(): Pending[] {
    let bytes = this.pending[0]!.batch.bytes;
    let n = 1;
    while (n < this.pending.length && bytes + this.pending[n]!.batch.bytes <= this.opts.maxFrameBytes) {
      bytes += this.pending[n]!.batch.bytes;
      n++;
    }
    return this.pending.splice(0, n);
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      await this.writeGroup(group);
    } catch (err) {
      // A full disk may still take the smaller batches of a refused group: retry them one by one.
      if (group.length > 1 && err instanceof StoreFullError) {
        for (const p of group) await this.commit([p]);
        return;
      }
      for (const p of group) p.reject(err as Error);
    }
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    const journal = this.journal;
    if (!journal) throw notOpen();
    const base = this.version;
    // The payload is `[{"v":…,"c":[changes]},…]`, handed to the frame in pieces.
    const payload: string[] = ['['];
    for (let i = 0; i < group.length; i++) {
      payload.push(`${i ? ',' : ''}{"v":${base + i + 1},"c":[`);
      group[i]!.batch.pieces.forEach((piece, j) => payload.push(j ? `,${piece}` : piece));
      payload.push(']}');
    }
    payload.push(']');
    const frame = await runInSlices(encodeFrameSteps(JOURNAL_MAGIC, payload));
    this.reserve(frame.length);
    await journal.append(frame);
    // Durable from here on. Applied to memory in slices; reads wait (settled) until the whole group is in.
    const applying = runInSlices(applyGroupSteps(this.maps, group.map((p) => p.batch.changes)));
    this.applying = applying;
    try {
      await applying;
    } finally {
      this.applying = undefined;
    }
    for (let i = 0; i < group.length; i++) {
      this.version = base + i + 1;
      this.log.push(this.version, group[i]!.batch.changes);
    }
    this.commits++;
    for (let i = 0; i < group.length; i++) group[i]!.resolve(base + i + 1);
    this.acknowledged?.committed();
  }

  /** Refuses `bytes` more when they would take the directory past maxBytes. */
  private reserve(bytes: number): void {
    const { maxBytes } = this.opts;
    if (maxBytes === undefined) return;
    const live = this.snapshotBytes + this.compactor.pendingBytes + this.journalBytes();
    if (live + bytes > maxBytes) {
      throw new StoreFullError(
        `refnet embedded store: ${this.dir} holds ${live} bytes; ${bytes} more would pass its cap of ${maxBytes} (maxBytes)`,
      );
    }
  }

  private journalBytes(): number {
    return this.retiredJournalBytes + (this.journal?.size ?? 0);
  }

  // ---- compaction (compaction.ts) ----

  /** Between commits: starts a new journal at the current version and captures every record. */
  private async rotate(): Promise<{ version: number; lists: SnapshotLists } | undefined> {
    const version = this.version;
    if (version === this.snapshotVersion) return undefined;
    const journal = this.journal;
    if (!journal) throw notOpen();
    if (journal.base !== version) {
      this.journal = await JournalWriter.create(this.dir, version, this.writeFrame);
      this.retiredJournalBytes += journal.size;
      this.retiredSyncs += journal.syncs;
      this.retiredSyncMs += journal.syncMs;
      await journal.close();
    }
    return { version, lists: captureRecords(this.maps) };
  }
}

/** Rejects nonsense settings with a message naming the option, rather than misbehaving later. */
function checkOptions(opts: EmbeddedStore['opts']): void {
  const nonNegative = { compactionBytes: opts.compactionBytes, compactionRatio: opts.compactionRatio, changeLogLimit: opts.changeLogLimit };
  const positive = {
    maxFrameBytes: opts.maxFrameBytes,
    snapshotChunkRecords: opts.snapshotChunkRecords,
    maxBytes: opts.maxBytes ?? 1,
    acknowledgedIntervalMs: opts.acknowledgedIntervalMs,
  };
  if (opts.acceptDataLossTo !== undefined && !(Number.isSafeInteger(opts.acceptDataLossTo) && opts.acceptDataLossTo >= 0)) {
    throw new RangeError(`refnet embedded store: option acceptDataLossTo must be a version (an integer ≥ 0), got ${opts.acceptDataLossTo}`);
  }
  for (const [name, value] of Object.entries(nonNegative)) {
    if (!(value >= 0)) throw new RangeError(`refnet embedded store: option ${name} must be a number ≥ 0, got ${value}`);
  }
  for (const [name, value] of Object.entries(positive)) {
    if (!(value > 0)) throw new RangeError(`refnet embedded store: option ${name} must be a number > 0, got ${value}`);
  }
}

function notOpen(): StoreUnavailableError {
  return new StoreUnavailableError('refnet embedded store: not open');
}

/** Applies the changes of a committed group to the in-memory maps, pausable between changes. */
function* applyGroupSteps(maps: RecordMaps, batches: readonly StoredChange[][]): Steps<void> {
  let step = 0;
  for (const changes of batches) {
    for (const c of changes) {
      if (++step % STEP_EVERY === 0) yield;
      applyStoredChange(maps, c);
    }
  }
}
