/**
 * The import formats and how a file's content reaches its reader: format names (guessed by
 * format-detection.ts), the format a content type implies, and decoding bytes (UTF-8, or Windows-1252 for the
 * older Outlook and Excel exports that are not UTF-8; an .xlsx workbook's first sheet as CSV).
 */
import { TextDecoder } from 'node:util';
import { parseColumnMap } from './column-map.js';
import type { DateOrder } from './dates.js';
import { ImportFormatError, type ParsedImport } from './drafts.js';
import { readGenericCsv } from './generic-csv.js';
import { looksLikeLinkedInExport, readLinkedInConnections } from './linkedin.js';
import { TimeSlicer, runInSlices } from '../support/time-slices.js';
import { readVCardSteps } from './vcard.js';
import type { ImportFormat } from './format-detection.js';
import { looksLikeXlsx, XLSX_CONTENT_TYPE, xlsxToCsv } from './xlsx.js';

export { IMPORT_FORMATS, detectFormat, formatFromContent, formatFromFileName, type ImportFormat } from './format-detection.js';
/** The formats read by this module (json is the network document, imported as it is). */
export type FileFormat = Exclude<ImportFormat, 'json'>;

export interface ReadOptions {
  /** Column mapping for people/interactions/referrals: "name=Full Name,email=E-mail". */
  map?: string;
  dateOrder?: DateOrder;
  onProgress?: (fraction: number) => void;
}

/** Reads file text in `format` into drafts. Throws ImportFormatError when the file cannot be read at all. */
export async function readImport(format: FileFormat, text: string, options: ReadOptions = {}): Promise<ParsedImport> {
  if (format !== 'people' && format !== 'interactions' && format !== 'referrals' && options.map) {
    throw new ImportFormatError(`a column mapping applies to people, interactions and referrals CSV files, not ${format}`, 'map');
  }
  // LinkedIn's export sent as a people list (the upload form's default) is read as what it is.
  if (format === 'people' && !options.map && looksLikeLinkedInExport(text)) format = 'linkedin';
  switch (format) {
    case 'linkedin':
      return readLinkedInConnections(text, { onProgress: options.onProgress });
    case 'vcard': {
      const parsed = await runInSlices(readVCardSteps(text));
      options.onProgress?.(1);
      return parsed;
    }
    default:
      return readGenericCsv(format, text, {
        map: parseColumnMap(options.map),
        ...(options.dateOrder && { dateOrder: options.dateOrder }),
        ...(options.onProgress && { onProgress: options.onProgress }),
      });
  }
}

/** The format a request's content type implies, if it implies one (CSV needs ?format=). */
export function formatFromContentType(type: string): ImportFormat | 'csv' | 'xlsx' | undefined {
  const t = type.split(';')[0]!.trim().toLowerCase();
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (t === 'text/vcard' || t === 'text/x-vcard' || t === 'text/directory') return 'vcard';
  if (t === 'text/csv' || t === 'application/csv' || t === 'text/comma-separated-values') return 'csv';
  if (t === XLSX_CONTENT_TYPE) return 'xlsx';
  return undefined;
}

/** A file's text for readImport: an Excel workbook's first sheet as CSV, anything else decoded (decodeBytes). */
export async function fileText(bytes: Uint8Array): Promise<string> {
  return looksLikeXlsx(bytes) ? xlsxToCsv(bytes) : decodeBytesInSlices(bytes);
}

/** Text of a file: UTF-8 when the bytes are valid UTF-8, else Windows-1252 (a superset of Latin-1). */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Bytes decoded per step by decodeBytesInSlices (about a millisecond). */
const DECODE_CHUNK = 1 << 20;

/**
 * decodeBytes a chunk at a time with pauses (graph/support/time-slices.ts): decoding a 60 MB
 * upload in one step holds the event loop for about 100 ms. Gives exactly decodeBytes' text.
 */
export async function decodeBytesInSlices(bytes: Uint8Array, slicer = new TimeSlicer()): Promise<string> {
  const inSlices = async (decoder: TextDecoder, stream: boolean) => {
    const parts: string[] = [];
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK) {
      const end = Math.min(bytes.length, at + DECODE_CHUNK);
      // stream: a UTF-8 character split between two chunks is completed by the next one. A
      // single-byte encoding needs no stream, and Node decodes windows-1252 differently in stream
      // mode (0x80–0x9f as their Windows characters) than decodeBytes does: keep to decodeBytes.
      parts.push(decoder.decode(bytes.subarray(at, end), { stream: stream && end < bytes.length }));
      await slicer.maybePause();
    }
    return parts.join('');
  };
  try {
    return await inSlices(new TextDecoder('utf-8', { fatal: true }), true);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return inSlices(new TextDecoder('windows-1252'), false);
  }
}
