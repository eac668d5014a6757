/** CSV text handed over in the parts it arrived in (an upload decoded chunk by chunk) reads exactly as the whole text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachCsvRow, readCsv, type CsvRow } from '../../graph/importers/csv-rows.js';
import { readImport } from '../../graph/importers/formats.js';

/** `text` cut at the given offsets. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(text.slice(from, p));
    from = p;
  }
  parts.push(text.slice(from));
  return parts;
}

const cellText = fc.oneof(fc.constantFrom('', 'a', 'Zoë 😀', 'x,y', 'say "hi"', 'two\r\nlines', 'cr\ronly', '__proto__'), fc.string({ maxLength: 8 }));
const csvText = fc
  .tuple(fc.array(fc.array(cellText, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.constantFrom(',', ';', '\t'))
  .map(([rows, eol, bom, sep]) => {
    const quote = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
    return `${bom ? '\uFEFF' : ''}${['name', 'email', 'company', 'title'].join(sep)}\n${rows.map((r) => r.map(quote).join(sep)).join(eol)}${eol}`;
  });

describe('CSV text in parts', () => {
  it('when the text (comma, semicolon or tab separated) is cut anywhere (inside quotes, between CR and LF, after a BOM), then the rows, lines and skips are those of the whole text', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.array(fc.nat(), { maxLength: 6 }), async (text, at) => {
        const parts = cut(text, at);
        expect(await readCsv(parts)).toEqual(await readCsv(text));
        // A text with no row below its header is refused (noRecords), whole or in parts alike.
        const outcome = (read: Promise<unknown>) => read.catch((err: unknown) => ({ refused: String(err) }));
        expect(await outcome(readImport('people', parts))).toEqual(await outcome(readImport('people', text)));
      }),
      { numRuns: 300 },
    );
  });

  it('when a LinkedIn export with notes above its header arrives in parts, then the header is still found', async () => {
    const text = 'Notes:\r\n"When exporting your connection data, you may notice…"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAna,Lima,,,Acme,CEO,15 Mar 2024\r\n';
    for (let i = 0; i <= text.length; i++) expect(await readImport('linkedin', cut(text, [i]))).toEqual(await readImport('linkedin', text));
  });

  it('when a semicolon-separated LinkedIn export sent as a people list arrives in parts, then it is recognised and read as LinkedIn, its delimiter found on the header line', async () => {
    const text = 'Notes:\r\n"When exporting your connection data; you may notice…"\r\n\r\nFirst Name;Last Name;URL;Email Address;Company;Position;Connected On\r\nAna;Lima;;;Acme, Inc.;CEO;15 Mar 2024\r\n';
    const whole = await readImport('linkedin', text);
    expect(whole.people).toMatchObject([{ name: 'Ana Lima', company: 'Acme, Inc.', title: 'CEO', metOn: '2024-03-15' }]);
    for (let i = 0; i <= text.length; i++) expect(await readImport('people', cut(text, [i]))).toEqual(whole);
  });

  it('when rows are handed over one by one, then none is kept and a handler error ends the read', async () => {
    const seen: CsvRow[] = [];
    const head = await forEachCsvRow(['name\nA', 'na\nBo\n'], () => (row) => void seen.push(row));
    expect(head).toMatchObject({ header: ['name'], rowCount: 2 });
    expect(seen.map((r) => [r.line, r.cells.name])).toEqual([[2, 'Ana'], [3, 'Bo']]);
    const many = `name\n${'x\n'.repeat(200_000)}`;
    let n = 0;
    await expect(forEachCsvRow([many], () => () => {
      if (++n === 5) throw new Error('row handler failed');
    })).rejects.toThrow('row handler failed');
  });
});

describe('CSV rows, a handler failing on the last row', () => {
  it('when the row that fails is flushed by the end of the text, then the read still rejects', async () => {
    await expect(forEachCsvRow('name\nA\nB', () => (row) => {
      if (row.cells.name === 'B') throw new Error('last row failed');
    })).rejects.toThrow('last row failed');
  });
});
