/**
 * A row that matches two or more different people equally well (on the strongest key that matches
 * anyone) is merged into none of them: it is reported as ambiguous, naming every candidate, and
 * left out of the write. Stored people and earlier rows of the same file are judged alike.
 */
import { describe, expect, it } from 'vitest';
import { readImport } from '../../graph/importers/formats.js';
import { planFileImport, type FileImportPlan } from '../../graph/importers/plan.js';
import type { Person } from '../../graph/schema.js';
import { network } from './helpers.js';

const csv = async (text: string, people: Person[] = []) => planFileImport(await readImport('people', text), network(people));
const vcf = async (text: string, people: Person[] = []) => planFileImport(await readImport('vcard', text), network(people), { shared: true });
const card = (fields: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...fields, 'END:VCARD'].join('\r\n');

const ann: Person = { id: 'p-ann', name: 'Ann Lee', email: 'shared@x.example', company: 'Acme' };
const anna: Person = { id: 'p-anna', name: 'Anna Lee', email: 'shared@x.example', company: 'Globex' };

const writtenNames = (p: FileImportPlan) => p.document.people.map((x) => x.name);

describe('import deduplication: a tie on the strongest key is reported, not guessed', () => {
  it('when a CSV row has an email two stored people hold, then neither is changed and the report names both', async () => {
    for (const dryRun of [false, true]) {
      const parsed = await readImport('people', 'name,email,title\nA. Lee,SHARED@x.example,Broker\nBo Chan,bo@x.example,\n');
      const p = planFileImport(parsed, network([ann, anna]), { dryRun });
      expect(writtenNames(p)).toEqual(['Bo Chan']);
      expect(p.report.people).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect(p.report.merges).toEqual([]);
      expect(p.report.ambiguous).toEqual([
        {
          name: 'A. Lee',
          rows: [2],
          matchedOn: 'email',
          candidates: [
            { id: 'p-ann', name: 'Ann Lee', existing: true, rows: [], key: 'shared@x.example' },
            { id: 'p-anna', name: 'Anna Lee', existing: true, rows: [], key: 'shared@x.example' },
          ],
        },
      ]);
      expect(p.report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
      expect(p.report.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/^ambiguous: .*email.*Ann Lee \(id p-ann.*Anna Lee \(id p-anna/) }]);
      expect(p.report.changes.map((c) => c.label)).toEqual(['Bo Chan']);
    }
  });

  it('when the email ties, then a name and company matching one of them does not break the tie', async () => {
    const p = await csv('name,email,company\nAnn Lee,shared@x.example,Acme\n', [ann, anna]);
    expect(p.document.people).toEqual([]);
    expect(p.report.ambiguous).toMatchObject([{ rows: [2], matchedOn: 'email', candidates: [{ id: 'p-ann' }, { id: 'p-anna' }] }]);
  });

  it('when a row has two emails, each a different stored person\'s, then it is ambiguous on email', async () => {
    const bo: Person = { id: 'p-bo', name: 'Bo Chan', email: 'bo@x.example' };
    const cy: Person = { id: 'p-cy', name: 'Cy Diaz', email: 'cy@y.example', attributes: { otherEmails: 'cy2@y.example' } };
    const p = await csv('name,email\nB. C.,"bo@x.example; cy2@y.example"\n', [bo, cy]);
    expect(p.document.people).toEqual([]);
    expect(p.report.ambiguous).toEqual([
      {
        name: 'B. C.',
        rows: [2],
        matchedOn: 'email',
        candidates: [
          { id: 'p-bo', name: 'Bo Chan', existing: true, rows: [], key: 'bo@x.example' },
          { id: 'p-cy', name: 'Cy Diaz', existing: true, rows: [], key: 'cy2@y.example' },
        ],
      },
    ]);
  });

  it('when two stored people share a name and company, then a row with only that name and company is ambiguous', async () => {
    const one: Person = { id: 'p-js-1', name: 'John Smith', company: 'Big Corp' };
    const two: Person = { id: 'p-js-2', name: 'John Smith', company: 'Big Corp Inc.' };
    const p = await csv('name,company,title\nJohn Smith,Big Corp,CFO\n', [one, two]);
    expect(p.document.people).toEqual([]);
    expect(p.report.ambiguous).toEqual([
      {
        name: 'John Smith',
        rows: [2],
        matchedOn: 'name+company',
        candidates: [
          { id: 'p-js-1', name: 'John Smith', existing: true, rows: [], key: 'john smith|big' },
          { id: 'p-js-2', name: 'John Smith', existing: true, rows: [], key: 'john smith|big' },
        ],
      },
    ]);
  });

  it('when a row ties on a stronger key, then rows of the file that share its weaker key stay apart from it', async () => {
    // Row 5 shares only the name with row 4, which ties on email: it is a new person, not folded into the held row.
    const p = await csv('name,email\nAnn Lee,ann@x.example\nBo Chan,bo@x.example\nKim Ro,"ann@x.example; bo@x.example"\nKim Ro,kim@z.example\n');
    expect(p.report.ambiguous.map((a) => a.rows)).toEqual([[4]]);
    expect(p.document.people.map((x) => x.email)).toEqual(['ann@x.example', 'bo@x.example', 'kim@z.example']);
    expect(p.report.merges).toEqual([]);
  });

  it('when one stored person holds the key, then the row still merges into them', async () => {
    const p = await csv('name,email,title\nA. Lee,shared@x.example,Broker\n', [ann]);
    expect(p.report.ambiguous).toEqual([]);
    expect(p.document.people).toMatchObject([{ id: 'p-ann', title: 'Broker' }]);
  });

  it('when a CSV row\'s emails belong to two earlier rows that are different people, then it is ambiguous and they are kept', async () => {
    const p = await csv('name,email\nAnn Lee,ann@x.example\nBo Chan,bo@x.example\nA. B.,"ann@x.example; bo@x.example"\n');
    expect(writtenNames(p)).toEqual(['Ann Lee', 'Bo Chan']);
    const [annId, boId] = p.document.people.map((x) => x.id);
    expect(p.report.ambiguous).toEqual([
      {
        name: 'A. B.',
        rows: [4],
        matchedOn: 'email',
        candidates: [
          { id: annId, name: 'Ann Lee', existing: false, rows: [2], key: 'ann@x.example' },
          { id: boId, name: 'Bo Chan', existing: false, rows: [3], key: 'bo@x.example' },
        ],
      },
    ]);
    expect(p.report.duplicates).toEqual({ withinImport: 0, intoExisting: 0 });
    expect(p.report.skipped.map((s) => s.row)).toEqual([4]);
  });

  it('when the two earlier rows are one person by a weaker key, then the row is no tie and joins them', async () => {
    const p = await csv('name,email,company\nAnn Lee,ann@x.example,Acme\nAnn Lee,ann@y.example,Acme\nA. L.,"ann@x.example; ann@y.example",\n');
    expect(p.report.ambiguous).toEqual([]);
    expect(p.document.people).toHaveLength(1);
    expect(p.report.merges).toMatchObject([{ rows: [2, 3, 4] }]);
  });

  it('when same-named colleagues with different profiles are in the file, then a later row with the name alone is ambiguous', async () => {
    const p = await csv(
      'name,company,linkedin\nJohn Smith,Big Corp,https://www.linkedin.com/in/john-smith-1\nJohn Smith,Big Corp,https://www.linkedin.com/in/john-smith-2\nJohn Smith,Big Corp,\n',
    );
    expect(p.document.people).toHaveLength(2);
    expect(p.report.ambiguous).toMatchObject([{ rows: [4], matchedOn: 'name+company', candidates: [{ rows: [2], existing: false }, { rows: [3], existing: false }] }]);
    // A row with one of the profiles is that person's, not a tie.
    const q = await csv(
      'name,company,linkedin\nJohn Smith,Big Corp,https://www.linkedin.com/in/john-smith-1\nJohn Smith,Big Corp,https://www.linkedin.com/in/john-smith-2\nJohn Smith,Big Corp,https://www.linkedin.com/in/john-smith-2\n',
    );
    expect(q.report.ambiguous).toEqual([]);
    expect(q.report.merges).toMatchObject([{ rows: [3, 4] }]);
  });

  it('when a group of rows carries keys of two stored people, then all its rows are reported and none is written', async () => {
    const bo: Person = { id: 'p-bo', name: 'Bo Chan', email: 'bo@x.example' };
    const cy: Person = { id: 'p-cy', name: 'Cy Diaz', email: 'cy@y.example' };
    const p = await csv('name,email,company\nBo Chan,bo@x.example,Acme\nBo Chan,cy@y.example,Acme\n', [bo, cy]);
    expect(p.document.people).toEqual([]);
    expect(p.report.ambiguous).toMatchObject([{ rows: [2, 3], matchedOn: 'email', candidates: [{ id: 'p-bo' }, { id: 'p-cy' }] }]);
    expect(p.report.skipped.map((s) => s.row)).toEqual([2, 3]);
  });
});

describe('vCard import: ties are reported alike', () => {
  it('when a card has an email two stored people hold, then it is ambiguous and nobody is changed', async () => {
    const p = await vcf([card(['FN:A. Lee', 'EMAIL:shared@x.example', 'TITLE:Broker']), card(['FN:Bo Chan', 'EMAIL:bo@x.example'])].join('\r\n'), [ann, anna]);
    expect(writtenNames(p)).toEqual(['Bo Chan']);
    expect(p.report.ambiguous).toMatchObject([{ name: 'A. Lee', matchedOn: 'email', candidates: [{ id: 'p-ann', existing: true }, { id: 'p-anna', existing: true }] }]);
    expect(p.report.skipped).toEqual([{ row: p.report.ambiguous[0]!.rows[0], reason: expect.stringMatching(/^ambiguous: /) }]);
  });

  it('when a card\'s two emails belong to two earlier cards of the file, then it is ambiguous and both are kept', async () => {
    const p = await vcf(
      [card(['FN:Ann Lee', 'EMAIL:ann@x.example']), card(['FN:Bo Chan', 'EMAIL:bo@x.example']), card(['FN:A. B.', 'EMAIL:ann@x.example', 'EMAIL:bo@x.example'])].join('\r\n'),
    );
    expect(writtenNames(p)).toEqual(['Ann Lee', 'Bo Chan']);
    expect(p.report.ambiguous).toMatchObject([{ name: 'A. B.', matchedOn: 'email', candidates: [{ name: 'Ann Lee', existing: false }, { name: 'Bo Chan', existing: false }] }]);
  });
});
