/**
 * Snapshot files: every record as of one version, as a sequence of checksummed frames
 *
 *   header  {"format":"refnet-snapshot/1","version":V,"counts":{kind:n,…}}
 *   chunk   ["person",[record,…]]   (each kind in RECORD_KINDS order, first-insertion order within)
 *   trailer {"end":true,"records":N}
 *
 * written to a .tmp file, fsynced, renamed into place and the directory fsynced, so a snapshot
 * under its final name is always complete. Chunks keep every string small (no V8 string limit at
 * millions of records) and let writes interleave with a compaction in progress.
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { RECORD_KINDS, type AnyRecord, type RecordKind } from '../../records.js';
import { FILE_MODE, fsyncDir, pathIn, snapshotName, TMP_SUFFIX } from './data-files.js';
import { StoreCorruptError, storeErrorFrom } from './errors.js';
import { FrameReader } from './frame-reader.js';
import { SNAPSHOT_MAGIC, encodeFrame } from './frame.js';
import { writeFully } from './journal-writer.js';
import { SLICE_MS } from '../../support/time-slices.js';

const FORMAT = 'refnet-snapshot/1';
/** Record kinds added after refnet-snapshot/1 was first written (older snapshots have no count for them). */
const KINDS_ADDED_LATER: ReadonlySet<RecordKind> = new Set(['dismissal', 'introRequest']);

export type SnapshotLists = { [K in RecordKind]: readonly AnyRecord[] };

/** Points in a snapshot write where a crash leaves a distinct set of files (tests copy the dir there). */
export type SnapshotStep = 'snapshot-partial' | 'snapshot-synced' | 'snapshot-renamed';

export interface SnapshotWriteOptions {
  chunkRecords: number;
  /** Called with the bytes about to be written; throws StoreFullError to refuse them. */
  reserve: (bytes: number) => void;
  onStep: (step: SnapshotStep) => Promise<void>;
  /** Checked between chunks: true abandons the write (the store is closing). */
  aborted: () => boolean;
}

export class SnapshotAborted extends Error {
  override readonly name = 'SnapshotAborted';
}

/** Writes the snapshot of `version` crash-safely; returns its file name and size. */
export async function writeSnapshot(
  dir: string,
  version: number,
  lists: SnapshotLists,
  opts: SnapshotWriteOptions,
): Promise<{ name: string; bytes: number }> {
  const name = snapshotName(version);
  const tmp = pathIn(dir, name + TMP_SUFFIX);
  let fh: FileHandle | undefined;
  let bytes = 0;
  // Frames are serialised in slices of a few tens of milliseconds and written together: one
  // event-loop turn per slice keeps progress steady even when writes keep the loop busy.
  let frames: Buffer[] = [];
  let sliceStart = performance.now();
  const flush = async () => {
    const data = frames.length === 1 ? frames[0]! : Buffer.concat(frames);
    frames = [];
    await writeFully(fh!, data, bytes);
    bytes += data.length;
    sliceStart = performance.now();
  };
  const put = async (payload: string) => {
    const frame = encodeFrame(SNAPSHOT_MAGIC, payload);
    opts.reserve(frame.length);
    frames.push(frame);
    if (performance.now() - sliceStart > SLICE_MS) await flush();
  };
  try {
    fh = await open(tmp, 'w', FILE_MODE);
    const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, lists[k].length]));
    await put(JSON.stringify({ format: FORMAT, version, counts }));
    let total = 0;
    let first = true;
    for (const kind of RECORD_KINDS) {
      const list = lists[kind];
      for (let i = 0; i < list.length; i += opts.chunkRecords) {
        if (opts.aborted()) throw new SnapshotAborted('snapshot abandoned: store closing');
        await put(JSON.stringify([kind, list.slice(i, i + opts.chunkRecords)]));
        if (first) {
          await flush();
          await opts.onStep('snapshot-partial');
        }
        first = false;
      }
      total += list.length;
    }
    await put(JSON.stringify({ end: true, records: total }));
    await flush();
    await fh.sync();
    await fh.close();
    fh = undefined;
    await opts.onStep('snapshot-synced');
    await rename(tmp, pathIn(dir, name));
    await opts.onStep('snapshot-renamed');
    await fsyncDir(dir);
    return { name, bytes };
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err instanceof SnapshotAborted ? err : storeErrorFrom(err, tmp, 'write snapshot');
  }
}

/** Streams a snapshot into `onRecord`; returns its version and size. Any damage is corruption. */
export async function readSnapshot(
  file: string,
  onRecord: (kind: RecordKind, record: AnyRecord) => void,
): Promise<{ version: number; bytes: number }> {
  const reader = await FrameReader.open(file, SNAPSHOT_MAGIC);
  const corrupt = (detail: string) => new StoreCorruptError(file, reader.frameOffset, detail);
  try {
    const header = parse(await reader.next(), reader, file) as {
      format?: unknown;
      version?: unknown;
      counts?: Record<string, number>;
    };
    if (header.format !== FORMAT || !Number.isSafeInteger(header.version) || !header.counts) {
      throw corrupt(`not a ${FORMAT} header`);
    }
    const seen: Record<string, number> = {};
    let total = 0;
    for (;;) {
      const frame = parse(await reader.next(), reader, file);
      if (!Array.isArray(frame)) {
        const trailer = frame as { end?: unknown; records?: unknown };
        if (trailer.end !== true || trailer.records !== total) throw corrupt('bad trailer');
        break;
      }
      const [kind, records] = frame as [RecordKind, AnyRecord[]];
      if (!Object.hasOwn(header.counts, kind) || !Array.isArray(records)) throw corrupt('bad record chunk');
      for (const r of records) onRecord(kind, r);
      seen[kind] = (seen[kind] ?? 0) + records.length;
      total += records.length;
    }
    for (const kind of RECORD_KINDS) {
      // A snapshot written before a kind existed has no count for it: it holds none of them.
      const expected = header.counts[kind] ?? (KINDS_ADDED_LATER.has(kind) ? 0 : undefined);
      if ((seen[kind] ?? 0) !== expected) throw corrupt(`expected ${expected} ${kind} records, found ${seen[kind] ?? 0}`);
    }
    if (reader.offset !== reader.size) throw corrupt('data after the trailer');
    return { version: header.version as number, bytes: reader.size };
  } finally {
    await reader.close();
  }
}

function parse(payload: Buffer | undefined, reader: FrameReader, file: string): unknown {
  if (!payload) {
    const at = reader.torn?.offset ?? reader.offset;
    throw new StoreCorruptError(file, at, reader.torn ? `damaged frame (${reader.torn.reason})` : 'ends before its trailer');
  }
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch (err) {
    throw new StoreCorruptError(file, reader.frameOffset, `frame is not JSON: ${(err as Error).message}`);
  }
}
