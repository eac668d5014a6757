/**
 * The import formats and how a file's content reaches its reader: format names (guessed by
 * format-detection.ts), the format a content type implies, and decoding bytes (UTF-16 when the bytes show it,
 * else UTF-8, or Windows-1252 for the older Outlook and Excel exports that are not UTF-8; an .xlsx
 * workbook's first sheet as CSV).
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
import { utf16Of } from './text-encoding.js';
import type { ImportFormat } from './format-detection.js';
import { looksLikeXlsx, XLSX_CONTENT_TYPE, xlsxToCsv } from './xlsx.js';

export { utf16Bom, utf16Of, UTF16_SNIFF_BYTES } from './text-encoding.js';
export { IMPORT_FORMATS, detectFormat, formatFromContent, formatFromFileName, type ImportFormat } from './format-detection.js';
/** The formats read by this module (json is the network document, imported as it is). */
export type FileFormat = Exclude<ImportFormat, 'json'>;

export interface ReadOptions {
  /** Column mapping for people/interactions/referrals: "name=Full Name,email=E-mail". */
  map?: string;
  dateOrder?: DateOrder;
  onProgress?: (fraction: number) => void;
}

/**
 * Reads file text (whole or in parts) in `format` into drafts. Throws ImportFormatError when the
 * file cannot be read at all: text still holding a NUL character (refuseNulText), or a file with
 * no rows or cards to read (noRecords).
 */
export async function readImport(format: FileFormat, text: TextParts, options: ReadOptions = {}): Promise<ParsedImport> {
  if (format !== 'people' && format !== 'interactions' && format !== 'referrals' && options.map) {
    throw new ImportFormatError(`a column mapping applies to people, interactions and referrals CSV files, not ${format}`, 'map');
  }
  refuseNulText(text);
  const parsed = await readRows(format, text, options);
  if (parsed.rowsRead === 0) throw noRecords();
  return parsed;
}

/**
 * A file with nothing to import (a header line and no row below it, a sheet with only its header,
 * blank lines not counting) is refused, over HTTP (400) and on the CLI (exit 2) alike, as a file
 * without a header or a vCard without a card is: the one rule is that an import of a file that
 * holds no records is an error, never a report of nothing (docs/CLI.md, docs/API.md).
 */
export function noRecords(): ImportFormatError {
  return new ImportFormatError('the file holds no rows: nothing below its header line (blank lines do not count), so there is nothing to import', undefined, 'check that it is the file you meant: a CSV file or sheet needs its header line and at least one row below it');
}

/** The text read by the format's reader. */
async function readRows(format: FileFormat, text: TextParts, options: ReadOptions): Promise<ParsedImport> {
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
 * Text of a file: UTF-16 when its start says so (utf16Of: a byte order mark, or the NUL bytes of
 * UTF-16 without one), UTF-8 when the bytes are valid UTF-8, else each byte outside a UTF-8
 * sequence as Windows-1252 (a superset of Latin-1; graph/support/lenient-text.ts).
 */
export function decodeBytes(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) return decodeWhole(new TextDecoder(utf16), bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeLeniently(bytes);
  }
}

export const SAVE_AS_UTF8 = 'save the file as UTF-8 (in Excel: "CSV UTF-8"; in a text editor: "UTF-8" encoding) and import it again';

/**
 * Refuses text that still holds a NUL character once decoded: no CSV, vCard or sheet has one,
 * and UTF-8 lets it through (it is a valid character), so a UTF-16 or UTF-32 file not recognised
 * as such, or a file that is not text at all, would otherwise import as people named
 * "\0Ü\0m\0i\0t". Names the line of the first one.
 */
export function refuseNulText(text: TextParts): void {
  const parts = typeof text === 'string' ? [text] : text;
  const at = parts.findIndex((part) => part.includes('\0'));
  if (at === -1) return;
  const before = parts.slice(0, at).join('') + parts[at]!.slice(0, parts[at]!.indexOf('\0'));
  const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  throw new ImportFormatError(
    `the file holds a NUL character (line ${line}), so it is not UTF-8 or Windows-1252 text: a UTF-16 or UTF-32 file not recognised as such, or not a text file at all; nothing was imported`,
    undefined,
    SAVE_AS_UTF8,
  );
}
