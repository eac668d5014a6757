/**
 * The on-disk frame shared by journals and snapshots:
 *
 *   magic u32 | payload length u32 | crc32(payload) u32 | crc32(first 12 header bytes) u32 | payload
 *
 * all little-endian. The header has its own checksum so a damaged length is never trusted: a bad
 * header can only mean a torn or corrupt frame, never "the rest of the file is one big frame".
 * The magic lets a reader look for a valid frame after a damaged one (see frame-reader.ts).
 */
import { crc32 } from 'node:zlib';
import type { Steps } from '../../support/time-slices.js';

export const HEADER_BYTES = 16;
/** 'RNJ1': a journal frame (payload: JSON array of {v, c} batches). */
export const JOURNAL_MAGIC = 0x314a4e52;
/** 'RNS1': a snapshot frame (payload: JSON header, record chunk or trailer). */
export const SNAPSHOT_MAGIC = 0x31534e52;

export interface FrameHeader {
  magic: number;
  length: number;
  payloadCrc: number;
}

/** Encodes a string payload (UTF-8) into one buffer holding header and payload, without a copy. */
export function encodeFrame(magic: number, payload: string): Buffer {
  const length = Buffer.byteLength(payload, 'utf8');
  const buf = Buffer.allocUnsafe(HEADER_BYTES + length);
  buf.write(payload, HEADER_BYTES, 'utf8');
  buf.writeUInt32LE(magic, 0);
  buf.writeUInt32LE(length, 4);
  buf.writeUInt32LE(crc32(buf.subarray(HEADER_BYTES)), 8);
  buf.writeUInt32LE(crc32(buf.subarray(0, 12)), 12);
  return buf;
}

/**
 * encodeFrame for a payload given in pieces (their concatenation), pausable between pieces: a
 * 100 MB journal frame is copied and checksummed a piece at a time instead of in one step.
 */
export function* encodeFrameSteps(magic: number, pieces: readonly string[]): Steps<Buffer> {
  let length = 0;
  for (let i = 0; i < pieces.length; i++) {
    if (i % 64 === 63) yield;
    length += Buffer.byteLength(pieces[i]!, 'utf8');
  }
  const buf = Buffer.allocUnsafe(HEADER_BYTES + length);
  let at = HEADER_BYTES;
  let crc = 0;
  for (const piece of pieces) {
    const written = buf.write(piece, at, 'utf8');
    crc = crc32(buf.subarray(at, at + written), crc);
    at += written;
    if (written > 4096) yield;
  }
  buf.writeUInt32LE(magic, 0);
  buf.writeUInt32LE(length, 4);
  buf.writeUInt32LE(crc, 8);
  buf.writeUInt32LE(crc32(buf.subarray(0, 12)), 12);
  return buf;
}

/** Decodes a 16-byte header; undefined when the magic or the header checksum is wrong. */
export function decodeHeader(buf: Buffer, magic: number): FrameHeader | undefined {
  if (buf.length < HEADER_BYTES) return undefined;
  if (buf.readUInt32LE(0) !== magic) return undefined;
  if (crc32(buf.subarray(0, 12)) !== buf.readUInt32LE(12)) return undefined;
  return { magic, length: buf.readUInt32LE(4), payloadCrc: buf.readUInt32LE(8) };
}

/** True when the payload matches the checksum in its header. */
export function payloadIntact(header: FrameHeader, payload: Buffer): boolean {
  return payload.length === header.length && crc32(payload) === header.payloadCrc;
}

/** The magic as the four bytes a scanner searches for. */
export function magicBytes(magic: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(magic, 0);
  return b;
}
