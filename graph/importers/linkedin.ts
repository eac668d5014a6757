/**
 * LinkedIn's connections export (Settings → Data privacy → Get a copy of your data →
 * Connections.csv). LinkedIn writes a few "Notes:" lines above the header, then
 * First Name, Last Name, URL, Email Address, Company, Position, Connected On ("15 Mar 2024").
 * Older exports have no URL column. Email is empty for most connections (members choose whether
 * to share it); names are empty for members who restrict their profile, and such rows cannot be
 * identified, so they are skipped with that reason.
 */
import { forEachCsvRow, textStart, type CsvRow, type TextParts } from './csv-rows.js';
import { HEADER_SEARCH_CHARS, LINKEDIN_SIGNATURE, looksLikeLinkedInHeader } from './format-detection.js';
import { addEmails, cell, emptyParsed, ImportFormatError, type ParsedImport, type PersonDraft } from './drafts.js';
import { parseDate, type DateOrder } from './dates.js';
import { normalizeLinkedInUrl } from './normalize.js';
import { fullName } from './person-name.js';
import { screenRow, type ScreenedColumn } from './spreadsheet-cells.js';

const REQUIRED = LINKEDIN_SIGNATURE.slice(0, 2);

/**
 * True when the text is LinkedIn's connections export (its header, possibly below the "Notes:"
 * lines, has First Name, Last Name and Connected On), whatever the file was sent as.
 */
export function looksLikeLinkedInExport(text: TextParts): boolean {
  // The header is within the first lines: look at the start of the text only, however large it is.
  return looksLikeLinkedInHeader(textStart(text, HEADER_SEARCH_CHARS));
}

export interface ReadOptions {
  onProgress?: (fraction: number) => void;
  /** How slash dates in Connected On read (an export edited in a spreadsheet); LinkedIn itself writes "15 Mar 2024". */
  dateOrder?: DateOrder;
}

/** The decoded last path segment of a profile URL ("wang-wei-王伟"), where a name's written order shows. */
function profileSlug(url: string | undefined): string | undefined {
  const slug = url?.split('/').filter(Boolean).pop();
  if (!slug) return undefined;
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** Reads Connections.csv text into person drafts. */
export async function readLinkedInConnections(text: TextParts, options: ReadOptions = {}): Promise<ParsedImport> {
  const isHeader = (cells: string[]) => REQUIRED.every((h) => cells.some((c) => c.toLowerCase() === h.toLowerCase()));
  const out = emptyParsed('linkedin');
  // Each row becomes a draft as soon as it is parsed (csv-rows.ts: no million row objects kept).
  const start = (header: string[]) => {
    // Header names are matched case-insensitively: the export has changed capitalisation before.
    const col = (name: string) => header.find((h) => h.toLowerCase() === name.toLowerCase());
    const [first, last, url, email, company, position, connected] = [
      'First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On',
    ].map(col);
    const columns: ScreenedColumn[] = [
      ...[first, last].map((header) => ({ header, essential: true })),
      ...[url, email, company, position, connected].map((header) => ({ header, essential: false })),
    ].filter((c): c is ScreenedColumn => c.header !== undefined);
    return (row: CsvRow) => {
      const { line, cells } = row;
      const problem = screenRow(row, columns, out.warnings);
      if (problem) {
        out.skipped.push({ row: line, reason: problem });
        return;
      }
      const get = (c: string | undefined) => (c ? cell(cells[c]) : undefined);
      // Family name (LinkedIn's Last Name) first and unspaced for CJK scripts ("李娜") unless the
      // profile URL spells the name the other way round; honorifics left out.
      const name = fullName(get(first), get(last), profileSlug(get(url)));
      if (!name) {
        out.skipped.push({ row: line, reason: 'no first or last name (LinkedIn hides names of restricted profiles)' });
        return;
      }
      const draft: PersonDraft = { row: line, name, emails: [], attributes: {} };
      addEmails(draft, [get(email) ?? ''], out.warnings);
      const co = get(company);
      if (co) draft.company = co;
      const title = get(position);
      if (title) draft.title = title;
      const profile = get(url);
      if (profile) {
        const norm = normalizeLinkedInUrl(profile);
        if (norm) draft.attributes.linkedin = norm;
        else out.warnings.push({ row: line, message: `"${profile}" is not a LinkedIn profile URL; left out` });
      }
      const on = get(connected);
      if (on) {
        const d = parseDate(on, options.dateOrder);
        // The date is the owner's tie to the contact (metOn), not a fact about the contact: kept on
        // the person, it would make a member's re-import rewrite people they may not edit.
        if (d.ok) draft.metOn = d.value;
        else out.warnings.push({ row: line, message: `Connected On ${d.reason}; left out` });
      }
      out.people.push(draft);
    };
  };
  let head;
  try {
    head = await forEachCsvRow(text, start, { isHeader, onProgress: options.onProgress });
  } catch (err) {
    if (err instanceof ImportFormatError) {
      throw new ImportFormatError(`not a LinkedIn connections export: ${err.message} (expected columns ${REQUIRED.join(', ')}, …)`);
    }
    throw err;
  }
  for (const skip of head.skipped) out.skipped.push(skip);
  out.rowsRead = head.rowCount + head.skipped.length;
  out.skipped.sort((a, b) => a.row - b.row);
  return out;
}
