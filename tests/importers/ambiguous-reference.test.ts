/**
 * Interaction and referral rows (and an import's owner) name people by id, email, LinkedIn URL or
 * name. A reference that two or more people hold is refused naming them all, never resolved to
 * whichever the index kept: the row is skipped and nothing is written for it.
 */
import { describe, expect, it } from 'vitest';
import { readImport } from '../../graph/importers/formats.js';
import { ImportFormatError } from '../../graph/importers/drafts.js';
import { PersonResolver } from '../../graph/importers/person-keys.js';
import { planFileImport } from '../../graph/importers/plan.js';
import type { Person } from '../../graph/schema.js';
import { network } from './helpers.js';

const ann: Person = { id: 'p-ann', name: 'Ann Lee', email: 'shared@x.example', company: 'Acme', attributes: { linkedin: 'https://www.linkedin.com/in/lee-shared' } };
const anna: Person = { id: 'p-anna', name: 'Anna Lee', email: 'other@x.example', company: 'Globex', attributes: { otherEmails: 'Shared@X.example', linkedin: 'https://www.linkedin.com/in/lee-shared' } };
const bo: Person = { id: 'p-bo', name: 'Bo Chan', email: 'bo@x.example', attributes: { linkedin: 'https://www.linkedin.com/in/bo-chan' } };
const people = [ann, anna, bo];

/** The reason is ambiguous and names both holders, in whichever order the network lists them. */
const namesBoth = /ambiguous(?=.*Ann Lee \(id p-ann\))(?=.*Anna Lee \(id p-anna\))/;

describe('a person reference held by several people is ambiguous, not a silent pick', () => {
  it('when an interaction row names an email two people hold (one as otherEmails), then the row is skipped naming both', async () => {
    const parsed = await readImport('interactions', 'Date,Member,Met With,Type\n2024-03-20,SHARED@x.example,bo@x.example,call\n2024-03-21,other@x.example,Bo Chan,call\n');
    for (const order of [people, [...people].reverse()]) {
      const p = planFileImport(parsed, network(order));
      expect(p.document.interactions.map((i) => [i.a, i.b])).toEqual([['p-anna', 'p-bo']]);
      expect(p.report.rows).toEqual({ read: 2, imported: 1, skipped: 1 });
      expect(p.report.skipped).toEqual([{ row: 2, reason: expect.stringMatching(namesBoth) }]);
      expect(p.report.skipped[0]!.reason).toContain('email');
      expect(p.report.changes.filter((c) => c.kind === 'interaction')).toHaveLength(1);
    }
  });

  it('when a referral row names a LinkedIn profile two people hold, written differently, then the row is skipped naming both', async () => {
    const parsed = await readImport('referrals', 'Date,Given By,Given To,Status\n2024-03-22,bo@x.example,http://uk.linkedin.com/in/Lee-Shared/?trk=x,passed\n');
    const p = planFileImport(parsed, network(people));
    expect(p.document.referrals).toEqual([]);
    expect(p.report.referrals).toEqual({ created: 0, updated: 0, unchanged: 0 });
    expect(p.report.skipped).toEqual([{ row: 2, reason: expect.stringMatching(namesBoth) }]);
    expect(p.report.skipped[0]!.reason).toContain('LinkedIn profile');
  });

  it('when an email or profile is held by one person only, then it still resolves to that person', async () => {
    const parsed = await readImport('interactions', 'Date,Member,Met With,Type\n2024-03-20,https://www.linkedin.com/in/bo-chan,other@x.example,call\n');
    const p = planFileImport(parsed, network(people));
    expect(p.report.skipped).toEqual([]);
    expect(p.document.interactions.map((i) => [i.a, i.b])).toEqual([['p-bo', 'p-anna']]);
  });

  it('when the owner of a LinkedIn import is an email two people hold, then the import is refused naming both', async () => {
    const parsed = await readImport('linkedin', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nCy,Diaz,,cy@y.example,,,01 Mar 2024\n');
    const plan = () => planFileImport(parsed, network(people), { owner: 'shared@x.example' });
    expect(plan).toThrow(ImportFormatError);
    expect(plan).toThrow(namesBoth);
  });

  it('the resolver names every holder of a shared key, however many, and a person holding a key twice once', () => {
    const many: Person[] = Array.from({ length: 25 }, (_, i) => ({ id: `p-${i}`, name: `Person ${i}`, email: 'team@x.example' }));
    const twice: Person = { id: 'p-twice', name: 'Twice', email: 'twice@x.example', attributes: { otherEmails: 'TWICE@x.example' } };
    const r = new PersonResolver([...many, twice]);
    const res = r.resolve('team@x.example');
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.reason).toMatch(/ambiguous: 25 different people/);
      expect(res.reason).toContain('Person 0 (id p-0)');
      expect(res.reason).toContain('and 5 more');
    }
    expect(r.resolve('twice@x.example')).toEqual({ ok: true, id: 'p-twice' });
    expect(r.resolve('p-3')).toEqual({ ok: true, id: 'p-3' });
  });
});
