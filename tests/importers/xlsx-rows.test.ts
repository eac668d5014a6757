/**
 * An .xlsx import reports the rows Excel shows: the sheet's row numbers, with blank rows above the
 * header and between rows counted, and a cell holding line breaks not moving later rows down.
 */
import { describe, expect, it } from 'vitest';
import { fileText, readImport } from '../../graph/importers/formats.js';
import { workbook, type TestCell } from './xlsx-builder.js';

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

describe('cells that hold no value: formula errors and booleans', () => {
  it('when a cell holds a formula error, then its row reports it: skipped when the row needs the value, else a warning and the field left out, never an empty field without a word', async () => {
    const sheet = new Map<number, TestCell[]>([
      [1, ['name', 'email', 'company', 'notes']],
      [2, [{ error: '#REF!' }, 'ref@example.org', 'Acme', '']],
      [3, ['Dee Div', 'dee@example.org', { error: '#DIV/0!' }, 'kept']],
      [4, ['Nat Na', { error: '#N/A' }, 'Beta', '']],
    ]);
    const text = await fileText(workbook(sheet));
    // As Excel's own CSV export writes them.
    expect(text).toContain('#REF!,ref@example.org');
    const parsed = await readImport('people', text);
    expect(parsed.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/^name: the formula error #REF! instead of a value/) }]);
    expect(parsed.people.map((p) => [p.name, p.company ?? null, p.emails])).toEqual([
      ['Dee Div', null, ['dee@example.org']],
      ['Nat Na', 'Beta', []],
    ]);
    expect(parsed.warnings).toEqual([
      { row: 3, message: 'company: the formula error #DIV/0! instead of a value; left out' },
      { row: 4, message: 'email: the formula error #N/A instead of a value; left out' },
    ]);
  });

  it('when a referral sheet has a formula error in its value or date, then the row is skipped naming the column and the error', async () => {
    const sheet = new Map<number, TestCell[]>([
      [1, ['from', 'to', 'at', 'value']],
      [2, ['p1', 'p2', '2026-01-05', { error: '#VALUE!' }]],
      [3, ['p1', 'p2', { error: '#NAME?' }, '100']],
    ]);
    const parsed = await readImport('referrals', await fileText(workbook(sheet)));
    expect(parsed.referrals).toEqual([]);
    expect(parsed.skipped.map((s) => [s.row, s.reason.split(' instead')[0]])).toEqual([
      [2, 'value: the formula error #VALUE!'],
      [3, 'at: the formula error #NAME?'],
    ]);
  });

  it('when a cell holds a boolean, then it reads TRUE or FALSE as Excel exports it, text like any other (a name TRUE is a name)', async () => {
    const sheet = new Map<number, TestCell[]>([
      [1, ['name', 'company', 'attending']],
      [2, [true, 'Acme', '']],
      [3, ['Bo Bool', 'Beta', false]],
    ]);
    const text = await fileText(workbook(sheet));
    expect(text.split('\n').slice(1, 3)).toEqual(['TRUE,Acme,', 'Bo Bool,Beta,FALSE']);
    const parsed = await readImport('people', text, { map: 'attr.attending=attending' });
    expect(parsed.skipped).toEqual([]);
    expect(parsed.people.map((p) => [p.name, p.attributes.attending])).toEqual([['TRUE', undefined], ['Bo Bool', 'FALSE']]);
  });

  it('when a sheet holds a header and no row below it, then it is refused as a file with no rows, not read as an import of nothing', async () => {
    const text = await fileText(workbook(new Map<number, TestCell[]>([[2, ['name', 'email']]])));
    await expect(readImport('people', text)).rejects.toThrow(/the file holds no rows/);
  });
});
