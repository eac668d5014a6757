/**
 * An .xlsx import reports the rows Excel shows: the sheet's row numbers, with blank rows above the
 * header and between rows counted, and a cell holding line breaks not moving later rows down.
 */
import { describe, expect, it } from 'vitest';
import { fileText, readImport } from '../../graph/importers/formats.js';
import { workbook } from './xlsx-builder.js';

describe('row numbers of an Excel import', () => {
  it('when the header is below blank rows and blank rows separate the data, then skipped and imported rows carry their sheet rows', async () => {
    const sheet = new Map([
      [3, ['name', 'email', 'notes']],
      [4, ['Ann Archer', 'ann@example.org', 'first line\nsecond line\nthird line']],
      [6, ['', 'nobody@example.org', '']],
      [9, ['Cy Cole', 'cy@example.org', '']],
      [10, ['', '', 'a note with no one']],
    ]);
    const parsed = await readImport('people', await fileText(workbook(sheet)));
    expect(parsed.people.map((p) => [p.name, p.row])).toEqual([
      ['Ann Archer', 4],
      ['Cy Cole', 9],
    ]);
    expect(parsed.skipped.map((s) => s.row)).toEqual([6, 10]);
    expect(parsed.rowsRead).toBe(4);
  });

  it('when interactions are read from a sheet with a gap, then a bad row is reported at its sheet row', async () => {
    const sheet = new Map([
      [1, ['a', 'b', 'kind', 'at']],
      [2, ['p1', 'p2', 'meeting', '2026-01-05']],
      [3, ['p1', 'p3', 'call', 'Note\nspanning lines']],
      [5, ['p2', 'p3', 'meeting', 'not a date']],
    ]);
    const parsed = await readImport('interactions', await fileText(workbook(sheet)));
    expect(parsed.skipped.map((s) => s.row)).toEqual([3, 5]);
  });
});
