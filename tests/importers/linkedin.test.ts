import { describe, expect, it } from 'vitest';
import { readImport } from '../../graph/importers/formats.js';
import { ImportFormatError } from '../../graph/importers/drafts.js';
import { readLinkedInConnections } from '../../graph/importers/linkedin.js';
import { fixture } from './helpers.js';

describe('readLinkedInConnections on a real-format export (BOM, CRLF, notes preamble)', () => {
  const parsed = readLinkedInConnections(fixture('linkedin/Connections.csv'));

  it('when the export has notes above the header, then every data row is read with its file line number', async () => {
    const p = await parsed;
    expect(p.rowsRead).toBe(12);
    expect(p.people[0]).toMatchObject({ row: 5, name: 'Jürgen Müller', company: 'Acme GmbH', title: 'Head of Sales DACH', metOn: '2024-03-15' });
    expect(p.people[0]!.attributes).toEqual({ linkedin: 'https://www.linkedin.com/in/juergen-mueller-4a1b2c' });
    expect(p.people[0]!.metOn).toBe('2024-03-15');
  });

  it('when a field holds commas, doubled quotes or a line break, then it is read whole', async () => {
    const p = await parsed;
    const byName = new Map(p.people.map((d) => [d.name, d]));
    expect(byName.get('María José García')?.company).toBe('Soluciones Norte, S.L.');
    expect(byName.get('Sam "The Closer" Lee')).toMatchObject({ company: 'Lee, Lee & Park', title: 'VP "Growth"' });
    expect(byName.get('Zoë Ångström')?.title).toBe('Founder\n(stealth)');
  });

  it('when the row after a multi-line field is read, then its line number accounts for the extra line', async () => {
    const p = await parsed;
    expect(p.skipped.find((s) => s.reason.startsWith('no first'))?.row).toBe(12);
  });

  it('when emails are missing or invalid, then the person is still imported and the bad email is a warning', async () => {
    const p = await parsed;
    expect(p.people.find((d) => d.name === 'Priya Patel')?.emails).toEqual([]);
    expect(p.people.find((d) => d.name === 'Aisha Bello')?.emails).toEqual([]);
    expect(p.warnings).toContainEqual({ row: 15, message: '"not-an-email" is not a valid email address; left out' });
    expect(p.warnings).toContainEqual({ row: 15, message: 'Connected On not a date: "31 Feb 2024"; left out' });
  });

  it('when a row has no name or too many fields, then it is skipped with its line and the reason', async () => {
    const p = await parsed;
    expect(p.skipped).toEqual([
      { row: 12, reason: 'no first or last name (LinkedIn hides names of restricted profiles)' },
      { row: 16, reason: 'has 9 fields but the header has 7 (a comma outside quotes?)' },
    ]);
    expect(p.people).toHaveLength(10);
  });

  it('when names are non-ASCII and URLs are country subdomains or percent-encoded, then both survive', async () => {
    const p = await parsed;
    expect(p.people.map((d) => d.name)).toEqual(expect.arrayContaining(['王伟', 'Łukasz Żółć']));
    expect(p.people.find((d) => d.name === 'Priya Patel')?.attributes.linkedin).toBe('https://www.linkedin.com/in/priyapatel');
    expect(p.people.find((d) => d.name === '王伟')?.attributes.linkedin).toBe('https://www.linkedin.com/in/wang-wei-王伟');
  });
});

describe('readLinkedInConnections on other inputs', () => {
  it('when the older export without a URL column is read, then the rows still import', async () => {
    const p = await readLinkedInConnections('First Name,Last Name,Email Address,Company,Position,Connected On\nAna,Souza,ana@x.example,Souza,Broker,1 Jan 2020\n');
    expect(p.people).toEqual([
      { row: 2, name: 'Ana Souza', emails: ['ana@x.example'], company: 'Souza', title: 'Broker', metOn: '2020-01-01', attributes: {} },
    ]);
  });
  it('when the file has no LinkedIn header, then it is refused as a whole with the expected columns', async () => {
    await expect(readLinkedInConnections('Name,Email\nAna,ana@x.example\n')).rejects.toThrow(ImportFormatError);
    await expect(readLinkedInConnections('Name,Email\n')).rejects.toThrow(/not a LinkedIn connections export.*First Name, Last Name/);
  });
  it('when a quote is never closed, then its row is reported and the rows after it are read', async () => {
    const p = await readLinkedInConnections('First Name,Last Name\nAna,Souza\n"Ben,Carter\nChloé,Dubois\n');
    expect(p.people.map((d) => d.name)).toEqual(['Ana Souza', 'Chloé Dubois']);
    expect(p.skipped).toEqual([{ row: 3, reason: expect.stringMatching(/unreadable CSV: .*quote/i) }]);
  });
  it('when Connected On holds slash dates (an export saved from a spreadsheet), then a date order given settles them, as for other CSV files', async () => {
    const text = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Souza,,,Acme,CEO,03/04/2024\n';
    const unsure = await readImport('linkedin', text);
    expect(unsure.people[0]!.metOn).toBeUndefined();
    expect(unsure.warnings).toEqual([{ row: 2, message: expect.stringMatching(/ambiguous/) }]);
    expect((await readImport('linkedin', text, { dateOrder: 'mdy' })).people[0]!.metOn).toBe('2024-03-04');
    expect((await readImport('people', text, { dateOrder: 'dmy' })).people[0]!.metOn).toBe('2024-04-03');
  });
  it('when progress is asked for, then it is reported up to 1', async () => {
    const seen: number[] = [];
    await readLinkedInConnections(fixture('linkedin/Connections.csv'), { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
  });
});

describe('a LinkedIn export edited in a spreadsheet', () => {
  it('when a name cell holds a formula error, then the row is skipped saying so (a name TRUE is a name); an error elsewhere is a warning and the field left out', async () => {
    const text = [
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      '#REF!,Lee,,,Acme,CTO,15 Mar 2024',
      'TRUE,Lee,,,Acme,CTO,15 Mar 2024',
      'Ana,Lima,,,#N/A,CEO,15 Mar 2024',
      '',
    ].join('\n');
    const parsed = await readLinkedInConnections(text);
    expect(parsed.skipped).toEqual([
      { row: 2, reason: expect.stringMatching(/^First Name: the formula error #REF! instead of a value/) },
    ]);
    expect(parsed.people).toMatchObject([{ name: 'TRUE Lee' }, { name: 'Ana Lima', title: 'CEO' }]);
    expect(parsed.people[1]!.company).toBeUndefined();
    expect(parsed.warnings).toEqual([{ row: 4, message: 'Company: the formula error #N/A instead of a value; left out' }]);
  });
});
