import { describe, expect, it } from 'vitest';
import { parseColumnMap } from '../../graph/importers/column-map.js';
import { ImportFormatError } from '../../graph/importers/drafts.js';
import { readGenericCsv } from '../../graph/importers/generic-csv.js';
import { fixture } from './helpers.js';

const PEOPLE_MAP = parseColumnMap('name=Full Name,email=E-mail,company=Firm,attr.chapter=Chapter');

describe('parseColumnMap', () => {
  it('when a mapping names headers with spaces and commas, then each field gets its header', () => {
    expect(parseColumnMap('name=Full Name, email=E-mail,company=Firm, Inc. name,attr.club=Club')).toEqual({
      name: 'Full Name',
      email: 'E-mail',
      company: 'Firm, Inc. name',
      'attr.club': 'Club',
    });
    expect(parseColumnMap(undefined)).toEqual({});
  });
  it('when a mapping entry has no "=", then it is refused with the expected form', () => {
    expect(() => parseColumnMap('name')).toThrow(/write field=Header Name/);
  });
});

describe('readGenericCsv people', () => {
  it('when a people sheet is mapped, then mapped and recognised columns fill the drafts', async () => {
    const p = await readGenericCsv('people', fixture('csv/people.csv'), { map: PEOPLE_MAP });
    expect(p.rowsRead).toBe(6);
    expect(p.people[0]).toEqual({
      row: 2,
      name: 'Jürgen Müller',
      emails: ['Juergen.Mueller@acme.example'],
      company: 'ACME GmbH',
      title: 'Head of Sales DACH',
      industry: 'Manufacturing',
      profession: 'Sales',
      location: 'München',
      tags: ['bni', 'dach'],
      attributes: { chapter: 'Munich Central' },
    });
    expect(p.people.find((d) => d.name === 'Chloé Dubois')?.attributes.note).toBe('Said: "call me on Fridays"\nprefers WhatsApp');
    expect(p.people.find((d) => d.name === 'Ben Carter')?.emails).toEqual([]);
    expect(p.skipped).toEqual([{ row: 7, reason: 'no name' }]);
  });

  it('when a mapped header does not exist, then the file is refused listing the columns it has', async () => {
    await expect(readGenericCsv('people', fixture('csv/people.csv'), { map: { name: 'Nom' } })).rejects.toThrow(
      /column mapping name=Nom: the file has no column "Nom" \(columns: Full Name, E-mail/,
    );
  });

  it('when a mapping names an unknown field, then the file is refused listing the fields', async () => {
    await expect(readGenericCsv('people', 'Name\nAna\n', { map: { nickname: 'Name' } })).rejects.toThrow(/"nickname" is not a people field .*attr\.KEY/);
  });

  it('when a field is mapped to no column ("title="), then a column its name would be recognised in is not read for it', async () => {
    expect(parseColumnMap('title=,name=Who')).toEqual({ title: '', name: 'Who' });
    const p = await readGenericCsv('people', 'Who,Title,Job\nAna,Mrs,Architect\n', { map: parseColumnMap('title=,name=Who') });
    expect(p.people[0]!.title).toBeUndefined();
    // The column freed is read by no field (Job is no recognised name): the file says nothing of a title.
    expect(p.people[0]!.name).toBe('Ana');
    await expect(readGenericCsv('people', 'Name,Club\nAna,Rotary\n', { map: { 'attr.club': '' } })).rejects.toThrow(/attr\.club=: an attribute needs a column/);
    await expect(readGenericCsv('people', 'Name\nAna\n', { map: { nickname: '' } })).rejects.toThrow(/"nickname" is not a people field/);
  });

  it('when no column holds a name, then the file is refused with how to map one', async () => {
    await expect(readGenericCsv('people', 'Who,Mail\nAna,a@x.example\n')).rejects.toThrow(ImportFormatError);
    await expect(readGenericCsv('people', 'Who,Mail\nAna,a@x.example\n')).rejects.toThrow(/no column for name .*in a column mapping: name=Column/);
  });

  it('when first and last name columns are separate, then they are joined', async () => {
    const p = await readGenericCsv('people', 'First Name,Last Name,Email\nAna,Souza,"a@x.example; b@y.example"\n');
    expect(p.people[0]).toMatchObject({ name: 'Ana Souza', emails: ['a@x.example', 'b@y.example'] });
  });
});

describe('readGenericCsv interactions', () => {
  it('when a one-to-one log uses everyday kinds and dates, then valid rows are read and the rest skipped with reasons', async () => {
    const p = await readGenericCsv('interactions', fixture('csv/interactions.csv'));
    expect(p.interactions.map((i) => [i.row, i.a, i.b, i.kind, i.at])).toEqual([
      [2, 'juergen.mueller@acme.example', 'Ana Souza', 'one_to_one', '2024-03-20'],
      [3, 'Ana Souza', 'Ben Carter', 'call', '2024-03-21'],
      [5, 'Ben Carter', 'Nobody Known', 'call', '2024-04-05'],
      [6, 'Ana Souza', 'ana@souza-imoveis.example', 'call', '2024-04-06'],
      [8, 'Chloe Dubois', 'priya@brightside.co.uk', 'one_to_one', '2024-04-15'],
    ]);
    expect(p.interactions[0]!.note).toBe('Discussed intros to "logistics" firms, agreed to follow up');
    expect(p.skipped).toEqual([
      { row: 4, reason: 'Date: ambiguous date (day/month or month/day?), give the import a date order, dmy or mdy (dateOrder= over HTTP, --date-order on the command line): "03/04/2024"' },
      { row: 7, reason: 'unknown interaction kind "coffee" (use met, one_to_one, follow_up, call, message, introduction)' },
    ]);
  });

  it('when the date order is given, then an ambiguous slash date is read in that order', async () => {
    const p = await readGenericCsv('interactions', fixture('csv/interactions.csv'), { dateOrder: 'dmy' });
    expect(p.interactions.find((i) => i.row === 4)?.at).toBe('2024-04-03');
  });
});

describe('readGenericCsv referrals', () => {
  it('when referral slips have statuses, money and multi-line notes, then they are read; bad rows are skipped with reasons', async () => {
    const p = await readGenericCsv('referrals', fixture('csv/referrals.csv'));
    expect(p.referrals.map((r) => [r.row, r.id, r.from, r.to, r.status, r.value])).toEqual([
      [2, '1001', 'Ana Souza', 'Ben Carter', 'won', 1250],
      [3, '1002', 'Ben Carter', 'Ana Souza', 'contacted', undefined],
      [4, '1003', 'Jürgen Müller', 'Ana Souza', 'passed', undefined],
      [6, '1004', 'Ben Carter', 'Ghost Person', 'won', 500],
      [9, '1007', 'Priya Patel', 'Ben Carter', 'won', 1250.5],
    ]);
    expect(p.referrals[0]!.prospect).toBe('Hotel Lisboa, S.A.');
    expect(p.referrals[2]!.note).toBe('Multi-line\nnote');
    expect(p.skipped).toEqual([
      { row: 7, reason: 'unknown referral status "maybe" (use passed, contacted, won, lost)' },
      { row: 8, reason: 'Value: not an amount: "abc"' },
    ]);
  });
});

describe('readGenericCsv: broken quotes and repeated columns', () => {
  it('when a row opens a quote it never closes, then that row is reported and every row after it is still read', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['Name,Email', 'Ann,a@x.example', '', 'Bo,b@x.example', '"Broken,b@x.example', 'Cy,c@x.example', '', 'Di,d@x.example', 'Ed,e2@x.example'].join(eol);
      const p = await readGenericCsv('people', text);
      expect(p.people.map((d) => [d.row, d.name])).toEqual([[2, 'Ann'], [4, 'Bo'], [6, 'Cy'], [8, 'Di'], [9, 'Ed']]);
      expect(p.skipped).toEqual([{ row: 5, reason: expect.stringMatching(/quote opened in this row is never closed/) }]);
      expect(p.rowsRead).toBe(6);
    }
  });

  it('when quote after quote never closes, then reading on stops once the rest was read a few times over, and the lines left are reported by number', async () => {
    // Each `a","` line opens a quote the next one carries on: reading on after each one re-read the
    // rest of the file (quadratic: 8,000 such lines took 150 s). The rows before them are read.
    const broken = 3_000;
    const lines = ['Name,Email', 'Ann,a@x.example', 'Bo,b@x.example', ...Array.from({ length: broken }, () => 'a","')];
    const p = await readGenericCsv('people', lines.join('\n'));
    expect(p.people.map((d) => d.name)).toEqual(['Ann', 'Bo']);
    expect(p.skipped.length).toBeLessThanOrEqual(8);
    const rest = p.skipped.at(-1)!;
    expect(rest.reason).toMatch(new RegExp(`lines ${rest.row}–${lines.length} were not read`));
    expect(p.skipped.slice(0, -1).every((r, i) => r.row === 4 + i && /never closed/.test(r.reason))).toBe(true);
  });

  it('when the rows that open quotes they never close are the last ones, then each is reported on its own: reading on is cheap there', async () => {
    const good = Array.from({ length: 2_000 }, (_, i) => `P${i},p${i}@x.example`);
    const p = await readGenericCsv('people', ['Name,Email', ...good, 'a","', 'a","', 'a","', 'a","', 'a","', 'a","'].join('\n'));
    expect(p.people).toHaveLength(2_000);
    expect(p.skipped.map((r) => r.row)).toEqual([2_002, 2_003, 2_004, 2_005, 2_006, 2_007]);
    expect(p.skipped.every((r) => /never closed \(close it/.test(r.reason))).toBe(true);
  });

  it('when a quote stands inside a cell that does not start with one, then it is part of the cell and the row is read once', async () => {
    const p = await readGenericCsv('people', 'Name,Email\nMid "Jo" Name,m@x.example\nBo,b@x.example\n');
    expect(p.people.map((d) => d.name)).toEqual(['Mid "Jo" Name', 'Bo']);
    expect(p.skipped).toEqual([]);
    expect(p.rowsRead).toBe(2);
  });

  it('when a quote swallows the lines up to a later quote, then the name over several lines is refused, not imported', async () => {
    const p = await readGenericCsv('people', 'Name,Email\n"Ann,a\nBo,b\n"Cy,c\nDi,d\n');
    expect(p.people.map((d) => d.name)).toEqual(['Di']);
    expect(p.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/runs over lines 2–4/) }]);
  });

  it('when two columns a field is read from share a name, then the file is refused naming both; repeated columns nothing reads are fine', async () => {
    await expect(readGenericCsv('people', 'Name,Email,Email,Company\nAnn,a@x.example,b@x.example,Co\n')).rejects.toThrow(/columns 2 and 3 are both called "Email"/);
    await expect(readGenericCsv('people', 'Name,Email,Email,Company\nAnn,a@x.example,b@x.example,Co\n')).rejects.toBeInstanceOf(ImportFormatError);
    const p = await readGenericCsv('people', 'Name,Misc,Misc,,\nAnn,x,y,,\n');
    expect(p.people.map((d) => d.name)).toEqual(['Ann']);
  });
});
