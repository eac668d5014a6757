/**
 * Which import format a file is, from its name and then its first lines: the one rule the CLI
 * (`refnet import FILE`) and the browser's import dialog share. Pure (no Node modules), so the
 * pages bundle it as it is. A CSV that is not a LinkedIn export cannot be told apart from the
 * others (people, interactions, referrals): the caller asks.
 */
import { splitHeaderLine } from './delimiter.js';

export const IMPORT_FORMATS = ['json', 'linkedin', 'vcard', 'people', 'interactions', 'referrals'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The format a file name suggests: .vcf → vcard, .json → json, Connections.csv → linkedin, an
 * Excel workbook → people (a LinkedIn export inside is recognised by its header, readImport).
 */
export function formatFromFileName(path: string): ImportFormat | undefined {
  const base = path.split(/[\\/]/).pop()!.toLowerCase();
  if (base.endsWith('.xlsx')) return 'people';
  if (base.endsWith('.vcf') || base.endsWith('.vcard')) return 'vcard';
  if (base.endsWith('.json')) return 'json';
  if (/^connections.*\.csv$/.test(base)) return 'linkedin';
  return undefined;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** True when the bytes are a ZIP container (every .xlsx is one), judged by its signature. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Lines looked at for a LinkedIn header: LinkedIn writes a few "Notes:" lines above it. */
const HEADER_SEARCH_LINES = 20;
/** Characters of the start of a file looked at for that header, however large the file is. */
export const HEADER_SEARCH_CHARS = 64 * 1024;
/** Columns only LinkedIn's connections export has together: how it is recognised, whatever its name. */
export const LINKEDIN_SIGNATURE = ['First Name', 'Last Name', 'Connected On'] as const;

/**
 * True when the start of a text is LinkedIn's connections export: a line among the first ones
 * (below the "Notes:" lines) holding First Name, Last Name and Connected On, in any case, split on
 * its own delimiter (a spreadsheet saved it with ";" or tab) and with any line ending (old Mac
 * exports end lines with a lone CR). The one rule for the CLI, the browser's dialog and the
 * server's importer (linkedin.ts).
 */
export function looksLikeLinkedInHeader(start: string): boolean {
  const lines = start.slice(0, HEADER_SEARCH_CHARS).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, HEADER_SEARCH_LINES);
  return lines.some((line) => {
    const cells = splitHeaderLine(line).map((c) => c.toLowerCase());
    return LINKEDIN_SIGNATURE.every((h) => cells.includes(h.toLowerCase()));
  });
}

/** The format a file's text shows: a vCard, a JSON document, or LinkedIn's Connections header. */
export function formatFromContent(text: string): ImportFormat | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^BEGIN:VCARD\b/i.test(start)) return 'vcard';
  if (start.startsWith('{')) return 'json';
  return looksLikeLinkedInHeader(start) ? 'linkedin' : undefined;
}

/** The file's format by its name, else by its content; undefined when only the user can say. */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  return formatFromFileName(fileName) ?? formatFromContent(text);
}
