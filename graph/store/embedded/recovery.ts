/**
 * Recovery of a data directory: load the newest snapshot, replay the journals after it, then
 * tidy up what a crash or a finished compaction left behind.
 *
 * A journal is superseded when the next one starts at or before the snapshot. The journals in use
 * must chain (each starts where the previous one ended) with consecutive batch versions; only the
 * newest may end in a torn frame, which is dropped with a warning and cut off before appending.
 * Anything else that does not add up is StoreCorruptError naming the file and offset: refusing to
 * start beats serving a store with acknowledged writes silently missing.
 *
 * The files alone cannot tell an emptied or deleted journal, or a damaged last frame that had been
 * acknowledged, from a store that never had those writes. The ACKNOWLEDGED record can
 * (acknowledged-record.ts): recovering less than it names is StoreDataLossError, checked before
 * anything on disk is changed (a torn tail is cut off only after the check passes), unless the
 * operator accepted exactly that loss (acceptDataLossTo = the version that is kept).
 */
import { stat, unlink } from 'node:fs/promises';
import { keyOf, type AnyRecord } from '../../records.js';
import { ChangeLog } from './change-log.js';
import { fsyncDir, listDataFiles, pathIn, type VersionedFile } from './data-files.js';
import type { StoredChange } from './encode-batch.js';
import { describeAcknowledged, type AcknowledgedState } from './acknowledged-record.js';
import { StoreCorruptError, StoreDataLossError, storeErrorFrom } from './errors.js';
import { FrameReader } from './frame-reader.js';
import { JOURNAL_MAGIC } from './frame.js';
import { JournalWriter, type FrameWrite } from './journal-writer.js';
import type { StoreLogger } from './logger.js';
import { applyStoredChange, countRecords, emptyRecordMaps, type RecordMaps } from './record-maps.js';
import { readSnapshot } from './snapshot-file.js';

export interface RecoveryOptions {
  logger: StoreLogger;
  changeLogLimit: number;
  writeFrame: FrameWrite;
  /** The directory's ACKNOWLEDGED record, if it has one. */
  acknowledged: AcknowledgedState | undefined;
  /** Opens despite lost acknowledged writes when exactly this version is what remains. */
  acceptDataLossTo: number | undefined;
}

export interface RecoveredState {
  maps: RecordMaps;
  version: number;
  log: ChangeLog;
  snapshotVersion: number;
  snapshotBytes: number;
  /** Open for appending after the last intact frame. */
  journal: JournalWriter;
  /** Journals before `journal` still on disk. */
  retiredJournalBytes: number;
  /** True when acknowledged writes were missing and the operator accepted it. */
  lossAccepted: boolean;
}

/** Loads everything in `dir` (which the caller has locked) and opens its journal for writing. */
export async function recoverDataDir(dir: string, opts: RecoveryOptions): Promise<RecoveredState> {
  const started = Date.now();
  const files = await listDataFiles(dir);
  for (const tmp of files.temporaries) {
    opts.logger.info({ file: pathIn(dir, tmp) }, 'embedded store: removing an unfinished snapshot');
    await unlink(pathIn(dir, tmp)).catch(() => undefined);
  }
  const maps = emptyRecordMaps();
  let snapshotVersion = 0;
  let snapshotBytes = 0;
  const latest = files.snapshots.at(-1);
  if (latest) {
    const file = pathIn(dir, latest.name);
    const read = await readSnapshot(file, (kind, record) => {
      const map = maps[kind] as Map<string, AnyRecord> | undefined;
      if (!map) throw new StoreCorruptError(file, 0, `unknown record kind ${kind}`);
      map.set(keyOf(kind, record as never), record);
    });
    if (read.version !== latest.version) throw new StoreCorruptError(file, 0, `holds version ${read.version}, its name says ${latest.version}`);
    snapshotVersion = read.version;
    snapshotBytes = read.bytes;
  }
  const replay = new Replay(dir, maps, snapshotVersion, new ChangeLog(opts.changeLogLimit, snapshotVersion), opts.logger);

  const js = files.journals;
  let first = 0;
  for (let i = 0; i + 1 < js.length; i++) if (js[i + 1]!.version <= snapshotVersion) first = i + 1;
  const used = js.slice(first);
  if (used[0] && used[0].version > snapshotVersion) {
    throw new StoreCorruptError(
      pathIn(dir, used[0].name),
      0,
      `starts after version ${used[0].version} but the newest snapshot is at version ${snapshotVersion}: the journals in between are missing`,
    );
  }
  let end = snapshotVersion;
  let goodSize = 0;
  for (let i = 0; i < used.length; i++) {
    const j = used[i]!;
    if (i > 0 && j.version !== end) {
      throw new StoreCorruptError(pathIn(dir, j.name), 0, `starts after version ${j.version} but the previous journal ends at ${end}`);
    }
    ({ end, goodSize } = await replay.journal(j, i === used.length - 1));
  }
  const lossAccepted = checkAcknowledged(dir, opts, replay, used, snapshotVersion);
  replay.reportTornTail();
  // Append to the newest journal, unless its chain ends before the snapshot: then start afresh there.
  const last = used.at(-1);
  const appendable = last !== undefined && end >= snapshotVersion;
  const journal = appendable
    ? await JournalWriter.reopen(dir, last.version, goodSize, opts.writeFrame)
    : await JournalWriter.create(dir, snapshotVersion, opts.writeFrame);
  try {
    const retiredJournalBytes = await sizeOf(dir, appendable ? used.slice(0, -1) : used);
    await removeFiles(dir, [...js.slice(0, first), ...files.snapshots.slice(0, -1)]);
    opts.logger.info(
      { dir, version: replay.version, records: countRecords(maps), ms: Date.now() - started },
      'embedded store: recovered',
    );
    return { maps, version: replay.version, log: replay.log, snapshotVersion, snapshotBytes, journal, retiredJournalBytes, lossAccepted };
  } catch (err) {
    await journal.close();
    throw err;
  }
}

/** Refuses (StoreDataLossError) when the files hold less than was acknowledged, unless accepted. */
function checkAcknowledged(dir: string, opts: RecoveryOptions, replay: Replay, used: VersionedFile[], snapshotVersion: number): boolean {
  const ack = opts.acknowledged;
  const kept = replay.version;
  if (!ack || kept >= ack.version) {
    if (opts.acceptDataLossTo !== undefined) {
      opts.logger.info({ dir, version: kept }, 'embedded store: REFNET_ACCEPT_DATA_LOSS is set but no acknowledged write is missing; remove the setting');
    }
    return false;
  }
  const damage: string[] = [];
  if (used.length === 0) {
    damage.push(`no journal file in ${dir} ${snapshotVersion ? `(the newest snapshot holds version ${snapshotVersion})` : 'and no snapshot'}`);
  }
  for (const j of replay.seen) {
    if (j.torn) damage.push(`${j.file}: damaged frame at byte offset ${j.torn.offset} (${j.torn.reason}); ${j.size - j.torn.offset} bytes from there unreadable`);
    else if (j.size === 0) damage.push(`${j.file} is empty (0 bytes)`);
    else damage.push(`${j.file} ends intact at version ${j.end} (${j.size} bytes)`);
  }
  if (opts.acceptDataLossTo !== kept) throw new StoreDataLossError(dir, ack.version, kept, damage, describeAcknowledged(ack));
  opts.logger.warn(
    { dir, acknowledgedVersion: ack.version, keptVersion: kept, damage },
    `embedded store: accepting the loss of acknowledged versions ${kept + 1}..${ack.version} (REFNET_ACCEPT_DATA_LOSS=${kept}); continuing from version ${kept}`,
  );
  return true;
}

/** Deletes superseded files and makes the deletions durable. */
export async function removeFiles(dir: string, files: VersionedFile[]): Promise<void> {
  if (files.length === 0) return;
  for (const f of files) {
    try {
      await unlink(pathIn(dir, f.name));
    } catch (err) {
      throw storeErrorFrom(err, pathIn(dir, f.name), 'remove superseded file');
    }
  }
  await fsyncDir(dir);
}

interface ReplayedJournal {
  file: string;
  size: number;
  end: number;
  torn: { offset: number; reason: string } | undefined;
}

class Replay {
  version: number;
  /** Each journal replayed, in order. */
  readonly seen: ReplayedJournal[] = [];

  constructor(
    private readonly dir: string,
    private readonly maps: RecordMaps,
    private readonly snapshotVersion: number,
    readonly log: ChangeLog,
    private readonly logger: StoreLogger,
  ) {
    this.version = snapshotVersion;
  }

  /** Replays one journal; returns the version it ends at and the length of its intact frames. */
  async journal(j: VersionedFile, isLast: boolean): Promise<{ end: number; goodSize: number }> {
    const file = pathIn(this.dir, j.name);
    const reader = await FrameReader.open(file, JOURNAL_MAGIC);
    let expected = j.version + 1;
    try {
      for (let payload = await reader.next(); payload; payload = await reader.next()) {
        let batches: { v: number; c: StoredChange[] }[];
        try {
          batches = JSON.parse(payload.toString('utf8')) as typeof batches;
        } catch (err) {
          throw new StoreCorruptError(file, reader.frameOffset, `frame is not JSON: ${(err as Error).message}`);
        }
        for (const b of batches) {
          if (b.v !== expected) throw new StoreCorruptError(file, reader.frameOffset, `holds version ${b.v}, expected ${expected}`);
          expected++;
          if (b.v <= this.snapshotVersion) continue;
          for (const c of b.c) {
            if (!this.maps[c[0]]) throw new StoreCorruptError(file, reader.frameOffset, `unknown record kind ${c[0]}`);
            applyStoredChange(this.maps, c);
          }
          this.version = b.v;
          this.log.push(b.v, b.c);
        }
      }
      if (reader.torn && !isLast) {
        throw new StoreCorruptError(file, reader.torn.offset, `damaged frame in a journal that is not the newest (${reader.torn.reason})`);
      }
      this.seen.push({ file, size: reader.size, end: expected - 1, torn: reader.torn });
      return { end: expected - 1, goodSize: reader.offset };
    } finally {
      await reader.close();
    }
  }

  /** Logs the torn tail about to be cut off (once the acknowledged check has passed). */
  reportTornTail(): void {
    const last = this.seen.at(-1);
    if (!last?.torn) return;
    this.logger.warn(
      { file: last.file, offset: last.torn.offset, droppedBytes: last.size - last.torn.offset, reason: last.torn.reason },
      'embedded store: dropped a torn last journal record (a write cut by a crash, past the last version recorded as acknowledged)',
    );
  }
}

async function sizeOf(dir: string, files: VersionedFile[]): Promise<number> {
  let total = 0;
  for (const f of files) total += (await stat(pathIn(dir, f.name))).size;
  return total;
}
