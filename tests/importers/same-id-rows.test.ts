/**
 * Rows become one person when they are the same person, whatever their name is made of: a name
 * with no letter or digit ("!!!") is a name like any other, so repeating it merges the rows, and
 * two groups of rows that would end up under one id (both matching one stored person) are one
 * person too. A file import never fails on a duplicate id at a document path the user never wrote.
 */
import { describe, expect, it } from 'vitest';
import { emptyParsed, type ParsedImport, type PersonDraft } from '../../graph/importers/drafts.js';
import { readImport } from '../../graph/importers/formats.js';
import { planFileImport } from '../../graph/importers/plan.js';
import { personSchema } from '../../graph/schema.js';
import { network } from './helpers.js';

const draft = (row: number, fields: Partial<PersonDraft> & { name: string }): PersonDraft => ({ row, emails: [], attributes: {}, ...fields });
const parsedOf = (...people: PersonDraft[]): ParsedImport => ({ ...emptyParsed('people'), rowsRead: people.length, people });

async function planCsv(csv: string, people = network()) {
  return planFileImport(await readImport('people', csv), people);
}

describe('rows whose names have no letters', () => {
  for (const name of ['!!!', '?', '...', '—', '😀', '\u0301', '★ ★', '#!']) {
    it(`when "${name}" is on two rows, then they merge as same-name rows`, async () => {
      const p = await planCsv(`name,email\n"${name}",\n"${name}",\n`);
      expect(p.document.people).toHaveLength(1);
      expect(personSchema.safeParse(p.document.people[0]).success).toBe(true);
      expect(p.report.duplicates).toEqual({ withinImport: 1, intoExisting: 0 });
      expect(p.report.merges).toMatchObject([{ rows: [2, 3], existing: false, matchedOn: ['name+company'] }]);
    });
  }

  it('when different letterless names or companies are on the rows, then each is a person with a valid id of its own', async () => {
    const p = await planCsv('name,company\n!!!,\n???,\n!!!,Acme\n!!!,Beta\n😀,\n😃,\n');
    const ids = p.document.people.map((x) => x.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    for (const person of p.document.people) expect(personSchema.safeParse(person).success, person.id).toBe(true);
    expect(p.report.duplicates.withinImport).toBe(0);
  });

  it('when a letterless name was imported before, then the same row again updates that person', async () => {
    const first = await planCsv('name,company\n!!!,Acme\n');
    const again = await planCsv('name,company,title\n!!!,Acme,CEO\n', network(first.document.people));
    expect(again.document.people).toEqual([{ ...first.document.people[0], title: 'CEO' }]);
    expect(again.report.duplicates).toEqual({ withinImport: 0, intoExisting: 1 });
  });
});

describe('groups of rows that would end up under one id', () => {
  it('when two rows with no key in common both match one stored person, then they are merged into that person', () => {
    const stored = { id: 'p1', name: 'Ann Archer', email: 'ann@example.org', company: 'Acme' };
    const p = planFileImport(parsedOf(draft(2, { name: 'A. Archer', emails: ['ann@example.org'] }), draft(3, { name: 'Ann Archer', company: 'Acme', title: 'CFO' })), network([stored]));
    expect(p.document.people).toEqual([{ ...stored, title: 'CFO' }]);
    expect(p.report.merges).toMatchObject([{ id: 'p1', rows: [2, 3], existing: true }]);
    expect(p.report.duplicates).toEqual({ withinImport: 1, intoExisting: 1 });
  });
});
