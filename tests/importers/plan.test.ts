import { describe, expect, it } from 'vitest';
import { ImportFormatError, emptyParsed, type ParsedImport, type PersonDraft } from '../../graph/importers/drafts.js';
import { readImport, type FileFormat } from '../../graph/importers/formats.js';
import { planFileImport, type ExistingNetwork, type FileImportPlan } from '../../graph/importers/plan.js';
import type { Person } from '../../graph/schema.js';
import { fixture, network } from './helpers.js';

/** A network that grows as plans are applied, the way the store would upsert them. */
function growing() {
  const people = new Map<string, Person>();
  const net: ExistingNetwork & { apply(plan: FileImportPlan): void } = {
    get people() {
      return people.values();
    },
    interactions: new Map(),
    referrals: new Map(),
    apply(plan) {
      for (const p of plan.document.people) people.set(p.id, p);
      for (const i of plan.document.interactions) (net.interactions as Map<string, unknown>).set(i.id!, i);
      for (const r of plan.document.referrals) (net.referrals as Map<string, unknown>).set(r.id!, r);
    },
  };
  return { net, people };
}

async function plan(format: FileFormat, path: string, net: ExistingNetwork, options: Parameters<typeof planFileImport>[2] & { map?: string } = {}) {
  const parsed = await readImport(format, fixture(path), options.map ? { map: options.map } : {});
  return planFileImport(parsed, net, options);
}

const draft = (row: number, fields: Partial<PersonDraft> & { name: string }): PersonDraft => ({ row, emails: [], attributes: {}, ...fields });
const parsedOf = (...people: PersonDraft[]): ParsedImport => ({ ...emptyParsed('people'), rowsRead: people.length, people });
const PEOPLE_MAP = 'name=Full Name,email=E-mail,company=Firm,attr.chapter=Chapter';

describe('planFileImport deduplication within one file', () => {
  it('when two rows share an email in different case, then they become one person and the merge is reported', () => {
    const p = planFileImport(parsedOf(draft(2, { name: 'Ana Souza', emails: ['Ana@X.example'] }), draft(3, { name: 'Ana S.', emails: ['ana@x.example'], title: 'Broker' })), network());
    expect(p.document.people).toEqual([{ id: expect.stringMatching(/^p-ana-souza-/), name: 'Ana Souza', email: 'Ana@X.example', title: 'Broker' }]);
    expect(p.report.duplicates).toEqual({ withinImport: 1, intoExisting: 0 });
    expect(p.report.merges).toEqual([
      { id: p.document.people[0]!.id, name: 'Ana Souza', rows: [2, 3], existing: false, matchedOn: ['email'], conflicts: [{ field: 'name', kept: 'Ana Souza', ignored: 'Ana S.', row: 3 }] },
    ]);
  });

  it('when names match after accents and case are stripped and the company differs only by legal form, then the rows merge', () => {
    const p = planFileImport(parsedOf(draft(2, { name: 'Jürgen Müller', company: 'Acme GmbH' }), draft(3, { name: 'JURGEN MULLER', company: 'ACME' })), network());
    expect(p.document.people).toHaveLength(1);
    expect(p.report.merges[0]!.matchedOn).toEqual(['name+company']);
    expect(p.report.merges[0]!.conflicts).toEqual([]);
  });

  it('when same-named colleagues have different LinkedIn profiles, then they stay two people and a warning says why', () => {
    const p = planFileImport(
      parsedOf(
        draft(2, { name: 'John Smith', company: 'Big Corp', attributes: { linkedin: 'https://www.linkedin.com/in/john-smith-1' } }),
        draft(3, { name: 'John Smith', company: 'Big Corp', attributes: { linkedin: 'https://www.linkedin.com/in/john-smith-2' } }),
      ),
      network(),
    );
    expect(p.document.people).toHaveLength(2);
    expect(p.report.warnings).toEqual([{ row: 3, message: 'same name and company as row 2 but a different LinkedIn profile; kept as two people' }]);
  });

  it('when a person has several emails across rows, then one is the email and the rest go to attributes.otherEmails', () => {
    const p = planFileImport(parsedOf(draft(2, { name: 'Ana', emails: ['a@x.example'] }), draft(3, { name: 'Ana', emails: ['a@x.example', 'b@y.example'] })), network());
    expect(p.document.people[0]).toMatchObject({ email: 'a@x.example', attributes: { otherEmails: 'b@y.example' } });
  });

  it('when a merged person would break the schema, then its rows are skipped with the schema message', () => {
    const p = planFileImport(parsedOf(draft(2, { name: 'Ana', company: 'x'.repeat(301) })), network());
    expect(p.document.people).toEqual([]);
    expect(p.report.skipped).toEqual([{ row: 2, reason: 'invalid person: company: at most 300 characters' }]);
    expect(p.report.rows).toEqual({ read: 1, imported: 0, skipped: 1 });
  });
});

describe('planFileImport across sources and re-imports', () => {
  it('when LinkedIn, Outlook, iOS, Google and a people sheet are imported in turn, then shared people are merged, not duplicated', async () => {
    const { net, people } = growing();
    const li = await plan('linkedin', 'linkedin/Connections.csv', net);
    net.apply(li);
    expect(li.report.people.created).toBe(9); // 10 rows, Jürgen twice
    const outlook = await plan('vcard', 'vcard/outlook.vcf', net);
    net.apply(outlook);
    expect(outlook.report.people).toEqual({ created: 1, updated: 1, unchanged: 0 }); // Jürgen merged by name+company
    expect(outlook.report.merges[0]).toMatchObject({ name: 'Jürgen Müller', existing: true, matchedOn: ['name+company'] });
    const ios = await plan('vcard', 'vcard/ios.vcf', net);
    net.apply(ios);
    // Priya matches her LinkedIn profile URL; Tom matches his email in another case.
    expect(ios.report.merges.map((m) => [m.name, m.matchedOn])).toEqual([
      ['Priya Patel', ['linkedin']],
      ['Tom O\'Brien', ['email']],
    ]);
    const google = await plan('vcard', 'vcard/google.vcf', net);
    net.apply(google);
    expect(google.report.merges.map((m) => [m.name, m.matchedOn])).toEqual([['María José García', ['email']]]);
    const sheet = await plan('people', 'csv/people.csv', net, { map: PEOPLE_MAP });
    net.apply(sheet);
    expect(sheet.report.duplicates.intoExisting).toBe(2); // Jürgen by email, Priya by email
    const all = [...people.values()];
    expect(all.filter((p) => p.name === 'Jürgen Müller')).toHaveLength(1);
    expect(all.filter((p) => p.name === 'Priya Patel')).toHaveLength(1);
    const jurgen = all.find((p) => p.name === 'Jürgen Müller')!;
    expect(jurgen).toMatchObject({
      email: 'juergen.mueller@acme.example',
      company: 'Acme GmbH',
      industry: 'Manufacturing',
      location: 'München, Bayern, Deutschland',
      attributes: expect.objectContaining({ linkedin: 'https://www.linkedin.com/in/juergen-mueller-4a1b2c', department: 'Vertrieb', chapter: 'Munich Central' }),
    });
    // The conflicting location from the sheet was kept out, and said so.
    expect(sheet.report.merges.find((m) => m.name === 'Jürgen Müller')?.conflicts).toContainEqual({ field: 'location', kept: 'München, Bayern, Deutschland', ignored: 'München', row: 2 });
  });

  it('when the same file is imported twice, then ids are the same and the second import changes nothing', async () => {
    const first = growing();
    const a = await plan('linkedin', 'linkedin/Connections.csv', first.net);
    first.net.apply(a);
    const again = await plan('linkedin', 'linkedin/Connections.csv', first.net);
    expect(again.document).toEqual({ people: [], interactions: [], referrals: [] });
    expect(again.report.people).toEqual({ created: 0, updated: 0, unchanged: 9 });
    const elsewhere = await plan('linkedin', 'linkedin/Connections.csv', network());
    expect(elsewhere.document.people.map((p) => p.id)).toEqual(a.document.people.map((p) => p.id));
  });

  it('when update is overwrite, then incoming values replace stored ones and the replaced value is reported', async () => {
    const stored: Person = { id: 'p-ana', name: 'Ana Souza', email: 'ana@x.example', title: 'Agent' };
    const p = planFileImport(parsedOf(draft(2, { name: 'Ana Souza', emails: ['ana@x.example'], title: 'Broker' })), network([stored]), { update: 'overwrite' });
    expect(p.document.people).toEqual([{ id: 'p-ana', name: 'Ana Souza', email: 'ana@x.example', title: 'Broker' }]);
    expect(p.report.changes).toEqual([{ op: 'update', kind: 'person', id: 'p-ana', label: 'Ana Souza', rows: [2], fields: ['title'] }]);
    const keep = planFileImport(parsedOf(draft(2, { name: 'Ana Souza', emails: ['ana@x.example'], title: 'Broker' })), network([stored]));
    expect(keep.document.people).toEqual([]);
    expect(keep.report.merges[0]!.conflicts).toEqual([{ field: 'title', kept: 'Agent', ignored: 'Broker', row: 2 }]);
  });
});

describe('planFileImport interactions, referrals and the owner', () => {
  it('when interaction and referral rows name people by email, name or accent-less name, then they resolve; unknown or self rows are skipped', async () => {
    const { net } = growing();
    net.apply(await plan('people', 'csv/people.csv', net, { map: PEOPLE_MAP }));
    const inter = await plan('interactions', 'csv/interactions.csv', net);
    expect(inter.document.interactions.map((i) => [i.kind, i.at])).toEqual([
      ['one_to_one', '2024-03-20'],
      ['call', '2024-03-21'],
      ['one_to_one', '2024-04-15'],
    ]);
    expect(inter.report.skipped.map((s) => s.row)).toEqual([4, 5, 6, 7]);
    expect(inter.report.skipped.find((s) => s.row === 5)?.reason).toMatch(/no person "Nobody Known".*import people first/);
    expect(inter.report.skipped.find((s) => s.row === 6)?.reason).toMatch(/are the same person/);
    net.apply(inter);
    expect((await plan('interactions', 'csv/interactions.csv', net)).report.interactions).toEqual({ created: 0, updated: 0, unchanged: 3 });

    const refs = await plan('referrals', 'csv/referrals.csv', net);
    expect(refs.document.referrals.map((r) => [r.id, r.status, r.value])).toEqual([
      ['1001', 'won', 1250],
      ['1002', 'contacted', undefined],
      ['1003', 'passed', undefined],
      ['1007', 'won', 1250.5],
    ]);
    expect(refs.report.skipped.map((s) => s.row)).toEqual([6, 7, 8]);
    expect(refs.report.rows).toEqual({ read: 7, imported: 4, skipped: 3 });
  });

  it('when an owner is given for a LinkedIn import, then each connection becomes a dated "met" interaction with the owner', async () => {
    const owner: Person = { id: 'me', name: 'Me Myself', email: 'me@example.com' };
    const p = await plan('linkedin', 'linkedin/Connections.csv', network([owner]), { owner: 'me@example.com' });
    expect(p.document.interactions).toHaveLength(8); // 9 people, Aisha's date is invalid
    expect(p.document.interactions[0]).toMatchObject({ a: 'me', kind: 'met', at: '2024-03-15', note: 'Connected on LinkedIn' });
  });

  it('when the owner cannot be found, then the import is refused as a whole', async () => {
    await expect(plan('linkedin', 'linkedin/Connections.csv', network(), { owner: 'ghost@example.com' })).rejects.toThrow(ImportFormatError);
  });

  it('when a referral sheet is re-imported with a new status, then the same referral is updated, not duplicated', () => {
    const people: Person[] = [{ id: 'a', name: 'Ana' }, { id: 'b', name: 'Ben' }];
    const row = { row: 2, from: 'a', to: 'b', at: '2024-01-01', prospect: 'Hotel' };
    const first = planFileImport({ ...emptyParsed('referrals'), rowsRead: 1, referrals: [{ ...row, status: 'passed' }] }, network(people));
    const stored = first.document.referrals[0]!;
    const second = planFileImport({ ...emptyParsed('referrals'), rowsRead: 1, referrals: [{ ...row, status: 'won', value: 900 }] }, network(people, [], [{ ...stored, id: stored.id! }]));
    expect(second.document.referrals).toEqual([{ ...stored, status: 'won', value: 900 }]);
    expect(second.report.referrals).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });
});
