/**
 * The open journal: appends one frame per call at the end of the last good frame, then fdatasyncs
 * (which also makes the new file size durable). On any failure the file is cut back to the last
 * good frame so a failed batch leaves no trace; if even that fails the writer refuses further
 * appends (StoreUnavailableError), because writing after garbage would turn a torn tail into
 * mid-file corruption. Reopening the store drops the garbage as a torn tail.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { FILE_MODE, fsyncDir, journalName, pathIn } from './data-files.js';
import { StoreUnavailableError } from '../port.js';
import { storeErrorFrom } from './errors.js';

/** Writes `frame` at `position`; replaceable in tests to inject real errno failures mid-write. */
export type FrameWrite = (fh: FileHandle, frame: Buffer, position: number) => Promise<void>;

/** Writes the whole buffer, looping over short writes. */
export const writeFully: FrameWrite = async (fh, frame, position) => {
  let done = 0;
  while (done < frame.length) {
    const { bytesWritten } = await fh.write(frame, done, frame.length - done, position + done);
    done += bytesWritten;
  }
};

export class JournalWriter {
  /** Set when the file could not be cut back after a failed append: no more writes. */
  broken: Error | undefined;
  /** fdatasync calls so far (group commit makes this smaller than the number of batches). */
  syncs = 0;
  /** Milliseconds spent in those fdatasync calls (for the operator's metrics). */
  syncMs = 0;

  private constructor(
    readonly path: string,
    readonly base: number,
    private readonly fh: FileHandle,
    /** Bytes of intact frames: where the next frame goes. */
    public size: number,
    private readonly write: FrameWrite,
  ) {}

  /** Creates a new, empty journal for batches after `base` and makes its name durable. */
  static async create(dir: string, base: number, write: FrameWrite = writeFully): Promise<JournalWriter> {
    const path = pathIn(dir, journalName(base));
    let fh: FileHandle;
    try {
      fh = await open(path, 'wx', FILE_MODE);
    } catch (err) {
      throw storeErrorFrom(err, path, 'create journal');
    }
    try {
      await fsyncDir(dir);
    } catch (err) {
      await fh.close();
      throw err;
    }
    return new JournalWriter(path, base, fh, 0, write);
  }

  /** Opens an existing journal for appending after its last intact frame (cutting off a torn tail). */
  static async reopen(dir: string, base: number, goodSize: number, write: FrameWrite = writeFully): Promise<JournalWriter> {
    const path = pathIn(dir, journalName(base));
    let fh: FileHandle | undefined;
    try {
      fh = await open(path, 'r+');
      const { size } = await fh.stat();
      if (size !== goodSize) {
        await fh.truncate(goodSize);
        await fh.sync();
      }
      return new JournalWriter(path, base, fh, goodSize, write);
    } catch (err) {
      await fh?.close();
      throw storeErrorFrom(err, path, 'open journal');
    }
  }

  /** Appends one frame durably, or leaves the journal as it was and throws a store error. */
  async append(frame: Buffer): Promise<void> {
    if (this.broken) throw this.broken;
    try {
      await this.write(this.fh, frame, this.size);
      const syncStarted = performance.now();
      await this.fh.datasync();
      this.syncMs += performance.now() - syncStarted;
      this.syncs++;
      this.size += frame.length;
    } catch (err) {
      const mapped = storeErrorFrom(err, this.path, 'append to journal');
      await this.cutBack(mapped);
      throw mapped;
    }
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }

  private async cutBack(cause: Error): Promise<void> {
    try {
      await this.fh.truncate(this.size);
      await this.fh.datasync();
    } catch (err) {
      this.broken = new StoreUnavailableError(
        `refnet embedded store: ${this.path} could not be cut back after a failed write (${cause.message}): ` +
          `${(err as Error).message}; writes are refused until the store is reopened`,
        { cause: err },
      );
    }
  }
}
