/**
 * The ACKNOWLEDGED record: the newest version the store knows it had acknowledged, kept apart
 * from the journal so that losing the journal (emptied, deleted, damaged) is noticed at start
 * instead of opening as a smaller or empty store.
 *
 *   {"format":"refnet-acknowledged/1","version":V,"at":"<ISO time>","reason":"<when it was written>"}
 *
 * What it proves, and what not: a version is written here only after its frame was fsynced and
 * acknowledged, so recovering less than V is certain loss. It is rewritten (temp file, fsync,
 * rename, directory fsync) after recovery, after each compaction, within `intervalMs` of a commit
 * while writes go on, and at a clean close — never on the commit path, which keeps one fsync per
 * group commit. After a clean close it holds the exact final version, so any damage to an
 * acknowledged frame refuses to start. After a crash, batches acknowledged in the last
 * `intervalMs` are not in it: a damaged last frame there is indistinguishable from the frame that
 * was being written when the process died (fsync never returned, never acknowledged), and is
 * dropped as a torn tail as before. A write that fails (a full disk) keeps the older record, which
 * still only understates what was acknowledged: the checks stay sound, only less tight.
 */
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { ACKNOWLEDGED_FILE, FILE_MODE, TMP_SUFFIX, fsyncDir, pathIn } from './data-files.js';
import { StoreCorruptError, errnoOf, storeErrorFrom } from './errors.js';
import type { StoreLogger } from './logger.js';

const FORMAT = 'refnet-acknowledged/1';

export interface AcknowledgedState {
  version: number;
  at: string;
  reason: string;
}

/** The directory's record, or undefined when it has none (a new directory, or one from an older version). */
export async function readAcknowledged(dir: string): Promise<AcknowledgedState | undefined> {
  const file = pathIn(dir, ACKNOWLEDGED_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw storeErrorFrom(err, file, 'read');
  }
  let parsed: Partial<AcknowledgedState> & { format?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = {};
  }
  if (parsed.format !== FORMAT || !Number.isSafeInteger(parsed.version) || (parsed.version as number) < 0) {
    throw new StoreCorruptError(
      file,
      0,
      `not a ${FORMAT} record (it says which version the store had acknowledged)`,
      'if the journals and snapshots are known to be intact, delete this file and the store records it afresh at the next start; ' +
        'otherwise restore the data directory from a backup',
    );
  }
  return { version: parsed.version as number, at: String(parsed.at), reason: String(parsed.reason) };
}

/** Replaces the record atomically and durably. */
export async function writeAcknowledged(dir: string, version: number, reason: string): Promise<void> {
  const file = pathIn(dir, ACKNOWLEDGED_FILE);
  const tmp = file + TMP_SUFFIX;
  const body = `${JSON.stringify({ format: FORMAT, version, at: new Date().toISOString(), reason })}\n`;
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'w', FILE_MODE);
    await fh.writeFile(body);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, file);
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw storeErrorFrom(err, file, 'record the acknowledged version in');
  }
  await fsyncDir(dir);
}

/** "recorded 2026-… at a clean shutdown", for messages. */
export function describeAcknowledged(state: AcknowledgedState): string {
  return `recorded ${state.at} ${state.reason}`;
}

/**
 * Keeps the record close behind the acknowledged version while the store runs: at most one
 * write per interval, one at a time, failures logged (the older record stays valid).
 */
export class AcknowledgedTracker {
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    /** The version on disk now; -1 when there is no record. */
    private recorded: number,
    private readonly intervalMs: number,
    private readonly current: () => number,
    private readonly logger: StoreLogger,
  ) {}

  /** Called after each commit: makes sure a write follows within the interval. */
  committed(): void {
    if (this.timer || !Number.isFinite(this.intervalMs)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.record('while running');
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Writes the current version if it is newer than the record (or `force`: after accepted data loss). */
  record(reason: string, force = false): Promise<void> {
    this.writing = this.writing.then(async () => {
      const version = this.current();
      if (version <= this.recorded && !force) return;
      try {
        await writeAcknowledged(this.dir, version, reason);
        this.recorded = version;
      } catch (err) {
        this.logger.warn({ err, dir: this.dir, version }, 'embedded store: could not record the acknowledged version (the older record stays)');
      }
    });
    return this.writing;
  }

  /** Stops the timer and writes the final version (a clean close). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.record('at a clean shutdown', true);
  }
}
