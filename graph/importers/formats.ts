/**
 * The import formats and how a file's content reaches its reader: format names (guessed by
 * format-detection.ts), the format a content type implies, and decoding bytes (UTF-8, or Windows-1252 for the
 * older Outlook and Excel exports that are not UTF-8; an .xlsx workbook's first sheet as CSV).
 */
import { TextDecoder } from 'node:util';
import { parseColumnMap } from './column-map.js';
import type { TextParts } from './csv-rows.js';
import type { DateOrder } from './dates.js';
import { ImportFormatError, type ParsedImport } from './drafts.js';
import { readGenericCsv } from './generic-csv.js';
import { looksLikeLinkedInExport, readLinkedInConnections } from './linkedin.js';
import { runInSlices } from '../support/time-slices.js';
import { decodeWhole } from '../support/whole-text.js';
import { decodeLeniently } from '../support/lenient-text.js';
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

/** Reads file text (whole or in parts) in `format` into drafts. Throws ImportFormatError when the file cannot be read at all. */
export async function readImport(format: FileFormat, text: TextParts, options: ReadOptions = {}): Promise<ParsedImport> {
  if (format !== 'people' && format !== 'interactions' && format !== 'referrals' && options.map) {
    throw new ImportFormatError(`a column mapping applies to people, interactions and referrals CSV files, not ${format}`, 'map');
  }
  // LinkedIn's export sent as a people list (the upload form's default) is read as what it is.
  if (format === 'people' && !options.map && looksLikeLinkedInExport(text)) format = 'linkedin';
  switch (format) {
    case 'linkedin':
      return readLinkedInConnections(text, { ...(options.onProgress && { onProgress: options.onProgress }), ...(options.dateOrder && { dateOrder: options.dateOrder }) });
    case 'vcard': {
      const parsed = await runInSlices(readVCardSteps(typeof text === 'string' ? text : text.join('')));
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
  return looksLikeXlsx(bytes) ? xlsxToCsv(bytes) : decodeBytes(bytes);
}

/**
 * Text of a file: UTF-16 when it starts with a UTF-16 byte order mark (Excel's "Unicode text"),
 * UTF-8 when the bytes are valid UTF-8, else each byte outside a UTF-8 sequence as Windows-1252
 * (a superset of Latin-1; graph/support/lenient-text.ts).
 */
export function decodeBytes(bytes: Uint8Array): string {
  const bom = utf16Bom(bytes);
  if (bom) return decodeWhole(new TextDecoder(bom), bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeLeniently(bytes);
  }
}

/** The UTF-16 encoding a byte order mark at the start names, if there is one. */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}
