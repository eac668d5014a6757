/**
 * What the import dialog reads of a chosen file before anything is sent: what kind of file it is
 * (one refnet imports, an Excel workbook, or something else, said in words), its format when the
 * file shows it, and a CSV's header row, decoded as the server decodes an upload (UTF-16 when its
 * start shows it, else UTF-8, else Windows-1252), so the columns offered are the server's columns.
 */
import { detectFormat, looksLikeXlsx, type ImportFormat } from '../../../graph/importers/format-detection.js';
import { splitHeaderLine } from '../../../graph/importers/delimiter.js';
import { utf16Of } from '../../../graph/importers/text-encoding.js';

/** Bytes read for the format and the header (a LinkedIn export has a few lines of notes above its header). */
const HEAD_BYTES = 64 * 1024;

export interface FileHead {
  /** the format the file shows, when it does */
  format?: ImportFormat;
  /** an .xlsx workbook: its sheet is read by the server */
  xlsx: boolean;
  /** a CSV's first line split into its column names (none for a workbook, a vCard or a document) */
  header: string[];
  /** why this file cannot be imported at all, in words; undefined when it can be tried */
  refusal?: string;
}

/** File name endings of files that are surely no import: said so rather than sent. */
const NOT_IMPORTED: [RegExp, string][] = [
  [/\.xls$/i, 'an Excel 97–2003 workbook (.xls): save it as .xlsx or as CSV UTF-8 in Excel, then import that file'],
  [/\.(?:numbers|ods)$/i, 'a spreadsheet in a format refnet does not read: export it as CSV or .xlsx first'],
  [/\.(?:pdf|docx?|rtf|pages|odt)$/i, 'a document, not a list of records: refnet imports CSV, vCard (.vcf), Excel (.xlsx) and refnet network documents (.json)'],
  [/\.(?:png|jpe?g|gif|webp|heic|bmp|tiff?|svg)$/i, 'an image, not a list of records: refnet imports CSV, vCard (.vcf), Excel (.xlsx) and refnet network documents (.json)'],
  [/\.(?:zip|gz|tgz|7z|rar)$/i, 'a compressed archive: unpack it and import the CSV, vCard or .json inside'],
];

function decode(bytes: Uint8Array, whole: boolean): string {
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  // A part of a file ends at its last line end, so a character the cut splits does not look like Windows-1252.
  const lineEnd = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d));
  const text = whole || lineEnd <= 0 ? bytes : bytes.subarray(0, lineEnd);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    return new TextDecoder('windows-1252').decode(text);
  }
}

/** Reads the start of `file`: its kind, its format if it shows, its header row. */
export async function readFileHead(file: Blob & { name: string }): Promise<FileHead> {
  const refused = NOT_IMPORTED.find(([re]) => re.test(file.name));
  if (refused) return { xlsx: false, header: [], refusal: `The file ${file.name} is ${refused[1]}.` };
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  if (bytes.length === 0) return { xlsx: false, header: [], refusal: `The file ${file.name} is empty: there is nothing in it to import.` };
  const xlsx = /\.xlsx$/i.test(file.name) || looksLikeXlsx(bytes);
  if (xlsx) return { format: detectFormat(file.name, '') ?? 'people', xlsx: true, header: [] };
  const text = decode(bytes, file.size <= HEAD_BYTES).replace(/^\uFEFF/, '');
  if (text.includes('\0')) {
    return { xlsx: false, header: [], refusal: `The file ${file.name} is not a text file (it holds binary data): refnet imports CSV, vCard (.vcf), Excel (.xlsx) and refnet network documents (.json).` };
  }
  const format = detectFormat(file.name, text);
  const first = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const header = format === undefined || format === 'people' || format === 'interactions' || format === 'referrals' ? splitHeaderLine(first).filter((c) => c !== '') : [];
  return { format, xlsx: false, header };
}
