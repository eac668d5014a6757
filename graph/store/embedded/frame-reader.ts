/**
 * Reads a file of frames one at a time with positional reads, so recovery streams a journal or
 * snapshot of any size instead of loading it as one string.
 *
 * A damaged frame is a torn tail (possibly the last write, cut by a crash) exactly when no intact
 * frame follows it: the store writes one frame per fsync, so a crash can only damage the end.
 * Whether that tail may be dropped — it was never acknowledged — or was acknowledged and is now
 * lost, recovery decides against the ACKNOWLEDGED record (acknowledged-record.ts). A damaged frame
 * with an intact frame after it is corruption, and the reader throws StoreCorruptError naming the
 * file and offset rather than dropping acknowledged data.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { StoreCorruptError, storeErrorFrom } from './errors.js';
import { HEADER_BYTES, decodeHeader, magicBytes, payloadIntact } from './frame.js';

export interface TornTail {
  /** Where the damaged tail starts: the file is good up to here. */
  offset: number;
  reason: string;
}

/** How far a scan for an intact frame reads at a time. */
const SCAN_CHUNK = 1 << 20;

export class FrameReader {
  /** Offset of the next frame to read; after a torn tail, the end of the last intact frame. */
  offset = 0;
  /** Set when the file ends in a damaged frame with nothing intact after it. */
  torn: TornTail | undefined;
  /** Offset of the frame `next()` last returned. */
  frameOffset = 0;

  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
    readonly size: number,
    private readonly magic: number,
  ) {}

  /** Opens a frame file for reading. */
  static async open(file: string, magic: number): Promise<FrameReader> {
    let fh: FileHandle | undefined;
    try {
      fh = await open(file, 'r');
      const { size } = await fh.stat();
      return new FrameReader(file, fh, size, magic);
    } catch (err) {
      await fh?.close();
      throw storeErrorFrom(err, file, 'read');
    }
  }

  /** The next intact payload; undefined at the end of the file or at a torn tail (see `torn`). */
  async next(): Promise<Buffer | undefined> {
    if (this.torn || this.offset >= this.size) return undefined;
    const at = this.offset;
    const remaining = this.size - at;
    if (remaining < HEADER_BYTES) return this.tornAt(at, `incomplete frame header (${remaining} bytes)`);
    const header = decodeHeader(await this.read(at, HEADER_BYTES), this.magic);
    if (!header) return this.damagedAt(at, 'bad frame header', at + 1);
    const end = at + HEADER_BYTES + header.length;
    if (end > this.size) {
      return this.tornAt(at, `frame of ${header.length} bytes cut short at ${remaining - HEADER_BYTES} bytes`);
    }
    const payload = await this.read(at + HEADER_BYTES, header.length);
    if (!payloadIntact(header, payload)) return this.damagedAt(at, 'payload checksum mismatch', end);
    this.frameOffset = at;
    this.offset = end;
    return payload;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  private tornAt(offset: number, reason: string): undefined {
    this.torn = { offset, reason };
    return undefined;
  }

  /** A damaged frame: torn tail if nothing intact follows, else corruption. */
  private async damagedAt(offset: number, reason: string, searchFrom: number): Promise<undefined> {
    const intact = await this.findIntactFrame(searchFrom);
    if (intact !== undefined) {
      throw new StoreCorruptError(this.file, offset, `${reason}, yet an intact frame follows at offset ${intact}`);
    }
    return this.tornAt(offset, reason);
  }

  /** Offset of the first intact frame at or after `from`, if any. Rare path: only after damage. */
  private async findIntactFrame(from: number): Promise<number | undefined> {
    const needle = magicBytes(this.magic);
    for (let pos = from; pos + HEADER_BYTES <= this.size; ) {
      const chunk = await this.read(pos, Math.min(SCAN_CHUNK, this.size - pos));
      for (let i = chunk.indexOf(needle); i !== -1; i = chunk.indexOf(needle, i + 1)) {
        const at = pos + i;
        if (at + HEADER_BYTES > this.size) break;
        const header = decodeHeader(await this.read(at, HEADER_BYTES), this.magic);
        if (!header || at + HEADER_BYTES + header.length > this.size) continue;
        if (payloadIntact(header, await this.read(at + HEADER_BYTES, header.length))) return at;
      }
      // Overlap by 3 bytes so a magic split across chunks is still found.
      pos += Math.max(1, chunk.length - 3);
    }
    return undefined;
  }

  private async read(position: number, length: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    try {
      while (done < length) {
        const { bytesRead } = await this.fh.read(buf, done, length - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
    } catch (err) {
      throw storeErrorFrom(err, this.file, 'read');
    }
    return done === length ? buf : buf.subarray(0, done);
  }
}
