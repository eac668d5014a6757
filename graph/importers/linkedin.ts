/**
 * LinkedIn's connections export (Settings → Data privacy → Get a copy of your data →
 * Connections.csv). LinkedIn writes a few "Notes:" lines above the header, then
 * First Name, Last Name, URL, Email Address, Company, Position, Connected On ("15 Mar 2024").
 * Older exports have no URL column. Email is empty for most connections (members choose whether
 * to share it); names are empty for members who restrict their profile, and such rows cannot be
 * identified, so they are skipped with that reason.
 */
import { forEachCsvRow, type CsvRow, type TextParts } from './csv-rows.js';
import { addEmails, cell, emptyParsed, ImportFormatError, type ParsedImport, type PersonDraft } from './drafts.js';
import { parseDate } from './dates.js';
import { normalizeLinkedInUrl } from './normalize.js';

const REQUIRED = ['First Name', 'Last Name'];

export interface ReadOptions {
  onProgress?: (fraction: number) => void;
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
    return ({ line, cells }: CsvRow) => {
      const get = (c: string | undefined) => (c ? cell(cells[c]) : undefined);
      const name = [get(first), get(last)].filter(Boolean).join(' ');
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
        const d = parseDate(on);
        if (d.ok) {
          draft.metOn = d.value;
          draft.attributes.connectedOn = d.value;
        } else out.warnings.push({ row: line, message: `Connected On ${d.reason}; left out` });
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
