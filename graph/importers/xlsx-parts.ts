/**
 * The parts of an .xlsx (a ZIP) the sheet reader reads, unzipped here under a cap on their size,
 * and handed to it again as a ZIP of stored (uncompressed) entries: a few hundred KB of deflate can
 * expand to gigabytes, and the reader (read-excel-file) inflates whatever the archive holds. The
 * cap is checked against the sizes the ZIP directory declares before anything is inflated, and
 * again while inflating, as a declared size can lie. Rebuilding the archive means the reader sees
 * exactly the bytes that were counted (a streaming unzipper reads the local headers, which could
 * name other entries than the directory).
 *
 * Why by hand and not with fflate's streaming Unzip (which would count bytes as well): it walks the
 * local headers and never reads the directory, so an archive cut short (in its directory, or
 * between entries) reads as a shorter archive and is imported, a damaged directory goes unnoticed,
 * the encryption flag is ignored, and the end of a data-descriptor entry is found by scanning its
 * compressed bytes for a signature. tests/importers/xlsx-damaged.test.ts pins what this gives.
 */
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { zipSync } from 'fflate';
import { ImportFormatError } from './drafts.js';

const inflate = promisify(inflateRaw);

/**
 * Most bytes a workbook's XML parts may expand to: twice the default upload limit (BODY_LIMIT,
 * 50 MB). A real workbook's XML is a few times its CSV, so this reads any sheet whose CSV would
 * itself be an upload, and keeps a decompression bomb from taking the server's memory and time.
 */
export const XLSX_UNZIPPED_LIMIT = 100 * 1024 * 1024;

const MB = 1024 * 1024;

export const tooLarge = (limit: number) =>
  new ImportFormatError(`the workbook expands to more than ${Math.round(limit / MB)} MB when unzipped; save its first sheet as CSV (UTF-8) and import that file instead`);

const unreadable = (why: string) => new ImportFormatError(`not a readable Excel workbook (.xlsx): ${why}`);

/** The parts read-excel-file reads (it passes over images, printer settings and the like). */
const isXmlPart = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/**
 * The workbook's XML parts as a ZIP of stored entries, each passed through `prepare` once counted.
 * Throws ImportFormatError when they would expand to more than `limit` bytes or the archive
 * cannot be read.
 */
export async function boundedWorkbook(bytes: Uint8Array, limit = XLSX_UNZIPPED_LIMIT, prepare: (name: string, data: Buffer) => Buffer = (_name, data) => data): Promise<Buffer> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = directory(zip).filter((e) => isXmlPart(e.name) && !e.name.endsWith('/'));
  if (entries.reduce((sum, e) => sum + e.declaredSize, 0) > limit) throw tooLarge(limit);
  const parts = new Map<string, Buffer>();
  let left = limit;
  for (const entry of entries) {
    const data = await partData(zip, entry, left, limit);
    left -= data.length;
    parts.set(entry.name, prepare(entry.name, data));
  }
  // Stored entries (level 0): the reader unzips them without inflating, with the ZIP library it uses itself.
  return Buffer.from(zipSync(Object.fromEntries(parts), { level: 0 }));
}

/** The central directory's entries. */
function directory(zip: Buffer): Entry[] {
  const end = endOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw unreadable('ZIP64 archives are not read; save it again from Excel');
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw unreadable('its ZIP directory is damaged');
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > zip.length) throw unreadable('its ZIP directory is damaged');
    if (flags & 1) throw unreadable('it is encrypted (password-protected); save it again without a password');
    const entry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    };
    if (entry.declaredSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw unreadable('ZIP64 archives are not read; save it again from Excel');
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Offset of the end-of-central-directory record (after it only a comment of up to 64 KB). */
function endOfDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw unreadable('it is not a complete ZIP archive');
}

/** An entry's bytes, unzipped, refused once they pass `left` (what the cap still allows). */
async function partData(zip: Buffer, entry: Entry, left: number, limit: number): Promise<Buffer> {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw unreadable('its ZIP entries are damaged');
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) throw unreadable('its ZIP entries are damaged');
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > left) throw tooLarge(limit);
    return data;
  }
  if (entry.method !== 8) throw unreadable('it uses a compression method Excel does not write');
  try {
    // zlib stops inflating at maxOutputLength, so a part that lies about its size costs at most the cap.
    const out = await inflate(data, { maxOutputLength: Math.max(1, left) });
    if (out.length > left) throw tooLarge(limit);
    return out;
  } catch (err) {
    if (err instanceof ImportFormatError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw unreadable('its ZIP entries are damaged');
  }
}

