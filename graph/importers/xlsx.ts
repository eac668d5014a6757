/**
 * Excel workbooks (.xlsx): the first sheet read by read-excel-file and written out as CSV text, so
 * a workbook goes through the same CSV readers (LinkedIn, people, interactions, referrals) as the
 * file Excel would have saved. Dates become ISO dates (ISO date-times when they have a time of
 * day); numbers their plain text (a number with three decimals with a fourth, 0); booleans TRUE
 * and FALSE, and a formula's error its error value (#REF!, #N/A…), as Excel's own CSV export
 * writes them, so the CSV readers report them by row (spreadsheet-cells.ts) instead of reading an
 * error as an empty cell or a yes/no as a name. Rows keep their sheet numbers (blank rows stay as
 * empty lines), so reports name Excel's rows.
 */
import { readSheet, type CellValue } from 'read-excel-file/node';
import { ImportFormatError } from './drafts.js';
import { boundedWorkbook, XLSX_UNZIPPED_LIMIT } from './xlsx-parts.js';

export { XLSX_UNZIPPED_LIMIT } from './xlsx-parts.js';

export { looksLikeXlsx, XLSX_CONTENT_TYPE } from './format-detection.js';

/**
 * The workbook's first sheet as CSV text. Throws ImportFormatError when it is not a readable
 * workbook, or when its parts expand to more than XLSX_UNZIPPED_LIMIT bytes (xlsx-parts.ts).
 */
export async function xlsxToCsv(bytes: Uint8Array): Promise<string> {
  const workbook = await boundedWorkbook(bytes, XLSX_UNZIPPED_LIMIT, errorCellsAsText);
  let rows: (CellValue | null)[][];
  try {
    rows = await readSheet(workbook);
  } catch (err) {
    throw new ImportFormatError(`not a readable Excel workbook (.xlsx): ${readerProblem(err)}`);
  }
  // Line N of the CSV is row N of the sheet, so an import report's rows are the ones Excel shows:
  // a blank row is an empty line (the CSV readers pass over it, as over the blank rows above the
  // header, instead of taking ",," for the header or a row), and a line break inside a cell is a
  // space (a quoted line break would move every later row one line down).
  return rows.map((row) => (row.every(isBlank) ? '' : row.map(csvCell).join(','))).join('\n') + '\n';
}

/**
 * What the reader found wrong, in words of our own: its messages name its internals, and any other
 * error (a RangeError from the engine, say) is no message for the person who sent the file.
 */
function readerProblem(err: unknown): string {
  const name = (err as Error | undefined)?.name;
  if (name === 'SheetNotFoundError') return 'it has no sheet';
  if (name === 'InvalidSpreadsheetError') return 'its workbook or sheet part is missing or damaged';
  return 'save it again from Excel, or save its first sheet as CSV (UTF-8) and import that file';
}

/** An error cell's type attribute (t="e"), in either quote. */
const ERROR_CELL = /(<c\b[^>]*?\st=)(["'])e\2/g;

/**
 * A worksheet part with each formula error cell (`<c t="e"><v>#REF!</v></c>`) turned into a
 * formula's text result (t="str"): read-excel-file reads an error cell as an empty one, without a
 * word, and its text is the error value Excel itself writes into a CSV export.
 */
function errorCellsAsText(name: string, data: Buffer): Buffer {
  if (!name.startsWith('xl/worksheets/') || (data.indexOf('t="e"') === -1 && data.indexOf("t='e'") === -1)) return data;
  return Buffer.from(data.toString('utf8').replace(ERROR_CELL, '$1$2str$2'), 'utf8');
}

const isBlank = (value: CellValue | null) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

function csvCell(value: CellValue | null): string {
  const text =
    value === null || value === undefined ? '' : value instanceof Date ? isoDate(value) : typeof value === 'number' ? numberText(value) : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value).replace(/\r\n|\r|\n/g, ' ');
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number as text the CSV readers take for that number: they read "1.250" as a thousands group
 * (values.ts), so a number with exactly three decimals gets a fourth, a 0 (1250.125 → 1250.1250).
 */
function numberText(n: number): string {
  const text = String(n);
  return /^-?\d+\.\d{3}$/.test(text) ? `${text}0` : text;
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
