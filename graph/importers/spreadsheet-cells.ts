/**
 * Cells a spreadsheet wrote in place of a value, in any CSV file or sheet: a formula's error
 * (#REF!, #DIV/0!, #N/A…, as Excel writes it into a CSV export and as xlsx.ts writes an error
 * cell). It is not data: in a column the row cannot do without (a name, the people of an
 * interaction, a date, a value, an id) it skips the row, elsewhere it is left out with a warning.
 * Never a person named "#REF!", never an error read as an empty cell without a word. Any other
 * text is the user's, whatever its spelling: a name TRUE (a yes/no cell) is a name.
 */
import type { CsvRow } from './csv-rows.js';
import type { RowWarning } from './drafts.js';

/** Excel's error values (and Google Sheets' and LibreOffice's, which share them). */
const FORMULA_ERRORS: ReadonlySet<string> = new Set([
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!',
  '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#EXTERNAL!', '#PYTHON!', '#ERROR!',
]);

/** The formula error a cell holds, if it holds one (LibreOffice also writes "Err:502" and the like). */
export function formulaError(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  return (v.charCodeAt(0) === 0x23 && FORMULA_ERRORS.has(v)) || /^Err:\d{3}$/.test(v) ? v : undefined;
}

/** How a column's cell matters to its row. */
export interface ScreenedColumn {
  header: string;
  /** The row cannot be imported without this cell's value: an error in it skips the row. */
  essential: boolean;
}

/**
 * Checks a row's cells in `columns`: returns the reason to skip it, or, when it is kept, blanks
 * each non-essential cell holding a formula error (the readers then see an empty cell) after a
 * warning naming the column and the error.
 */
export function screenRow(row: CsvRow, columns: readonly ScreenedColumn[], warnings: RowWarning[]): string | undefined {
  for (const c of columns) {
    const raw = row.cells[c.header];
    if (raw === undefined || raw === '') continue;
    if (!c.essential) continue;
    const error = formulaError(raw);
    if (error) return `${c.header}: the formula error ${error} instead of a value (fix the formula in the sheet, or type the value)`;
  }
  for (const c of columns) {
    if (c.essential) continue;
    const error = formulaError(row.cells[c.header]);
    if (!error) continue;
    warnings.push({ row: row.line, message: `${c.header}: the formula error ${error} instead of a value; left out` });
    row.cells[c.header] = '';
  }
  return undefined;
}
