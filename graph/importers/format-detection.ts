/**
 * Which import format a file is, from its name and then its first lines: the one rule the CLI
 * (`refnet import FILE`) and the browser's import dialog share. Pure (no Node modules), so the
 * pages bundle it as it is. A CSV that is not a LinkedIn export cannot be told apart from the
 * others (people, interactions, referrals): the caller asks.
 */
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

/** Lines looked at for a LinkedIn header: LinkedIn writes a few "Notes:" lines above it. */
const HEADER_SEARCH_LINES = 12;

/** The format a file's text shows: a vCard, a JSON document, or LinkedIn's Connections header. */
export function formatFromContent(text: string): ImportFormat | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^BEGIN:VCARD\b/i.test(start)) return 'vcard';
  if (start.startsWith('{')) return 'json';
  const lines = start.slice(0, 8192).split(/\r?\n/, HEADER_SEARCH_LINES);
  const isLinkedInHeader = (line: string) => {
    const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
    return cells.includes('first name') && cells.includes('last name') && (cells.includes('connected on') || cells.includes('url'));
  };
  return lines.some(isLinkedInHeader) ? 'linkedin' : undefined;
}

/** The file's format by its name, else by its content; undefined when only the user can say. */
export function detectFormat(fileName: string, text: string): ImportFormat | undefined {
  return formatFromFileName(fileName) ?? formatFromContent(text);
}
