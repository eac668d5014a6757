/**
 * People put together, for a member when some of them are another member's private contacts
 * (docs/SECURITY.md, Private contacts): a group's coverage with its overlaps and a chapter's power
 * teams are made among the people the member sees, so an overlap or a team is two or more of them
 * — put together among everyone and filtered afterwards, they came back as one member, or none.
 * And a refusal to join a group does not tell a member that people they do not see are in it.
 * The overlap and team tests first check, through an admin (who sees everyone), that the private
 * contacts do make the overlap or team the old filter-afterwards answer would have broken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';
import { getWarm, hidden, namesNoneOf, person } from './withheld-support.js';

const PASSWORD = 'correct horse battery';
const AS_OF = '2026-12-01';
let auto = 0;
const tie = (a: string, b: string, at: string, kind = 'one_to_one') => ({ id: `i${++auto}`, a, b, kind, at });
/** Two recent one-to-ones: a strong tie. */
const strong = (a: string, b: string) => [tie(a, b, '2026-09-01'), tie(a, b, '2026-11-01')];

// Chapter g1: Bob (its organiser) and Mia, lawyers who work together; v1, a plumber, with Ann's
// private contacts z1 and z2, plumbers too; v2 with Ann's accountants z3 and z4. v1 and v2 met
// once, long ago. To everyone, the plumbers and the accountants overlap, and v1 and v2 each make a
// power team with two of Ann's contacts.
const CHAPTER = ['bob', 'mia', 'v1', 'v2', 'z1', 'z2', 'z3', 'z4'];
const network = {
  people: [
    person('ann'), person('root'),
    person('bob', { profession: 'Lawyer' }), person('mia', { profession: 'Lawyer' }), person('v1', { profession: 'Plumber' }), person('v2'),
    hidden('z1', { profession: 'Plumber' }), hidden('z2', { profession: 'Plumber' }), hidden('z3', { profession: 'Accountant' }), hidden('z4', { profession: 'Accountant' }),
    hidden('z5'),
  ],
  groups: [{ id: 'g1', name: 'Chapter One' }, { id: 'g-hidden', name: 'Ann\'s Circle' }, { id: 'g-hosting', name: 'Open Evenings' }, { id: 'g-seen', name: 'Mia\'s Circle' }],
  memberships: [
    ...CHAPTER.map((p) => ({ person: p, group: 'g1', since: '2026-01-01' })),
    { person: 'z5', group: 'g-hidden', since: '2026-01-01' },
    { person: 'mia', group: 'g-seen', since: '2026-01-01' },
  ],
  events: [{ id: 'e-open', name: 'Open evening', at: '2026-05-01', group: 'g-hosting' }],
  interactions: [
    ...strong('bob', 'mia'),
    ...strong('v1', 'z1'), ...strong('v1', 'z2'), ...strong('z1', 'z2'),
    ...strong('v2', 'z3'), ...strong('v2', 'z4'), ...strong('z3', 'z4'),
    tie('v1', 'v2', '2025-01-15', 'met'),
  ],
};
const HIDDEN = network.people.filter((p) => 'privateTo' in p).map((p) => p.id);
const isHidden = (id: string) => HIDDEN.includes(id);

describe('groups, for a member withheld from some of their members', () => {
  let api: AccountsApi;
  let member: Browser;
  let admin: Browser;

  /** The answer as of AS_OF, once the analytics have warmed up. */
  const get = (who: Browser, path: string) => getWarm(who, path, AS_OF);
  const namesNone = namesNoneOf(HIDDEN);

  beforeAll(async () => {
    api = await startAccountsApi({ sample: false });
    const imported = await api.call('POST', '/api/import', network);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    member = await signedIn(api, { email: 'bob@example.org', person: 'bob', role: 'organiser', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'root', role: 'admin', password: PASSWORD });
  });
  afterAll(() => api.close());

  type Coverage = { dimension: string; categories: Record<string, string[]>; overlaps: { category: string; members: string[] }[]; missing: string[]; herfindahl: number | null };
  const profession = (r: Reply) => (r.body.coverage as Coverage[]).find((c) => c.dimension === 'profession')!;

  it('when an overlap is Ann\'s private contacts and one member Bob sees, then Bob\'s group metrics have no such overlap, and every figure of the coverage is drawn from the members he sees', async () => {
    const everyone = profession(await get(admin, '/api/groups/g1/metrics'));
    const plumbers = everyone.overlaps.find((o) => o.category === 'Plumber')!;
    expect(plumbers.members.filter((m) => !isHidden(m))).toEqual(['v1']);
    expect(everyone.overlaps.find((o) => o.category === 'Accountant')!.members.every(isHidden)).toBe(true);

    const r = await get(member, '/api/groups/g1/metrics');
    namesNone(r);
    const bobs = profession(r);
    expect(bobs.overlaps).toEqual([{ category: 'Lawyer', members: ['bob', 'mia'] }]);
    expect(bobs.categories).toEqual({ Lawyer: ['bob', 'mia'], Plumber: ['v1'] });
    expect(bobs.missing).toEqual(['v2']);
    // Herfindahl is Σ share² of the categories he is shown (2 lawyers, 1 plumber), not of everyone's.
    expect(bobs.herfindahl).toBeCloseTo((2 / 3) ** 2 + (1 / 3) ** 2, 12);
    // The counts still count everyone.
    expect(r.body.members).toBe(CHAPTER.length);
  });

  it('when v1 and v2 each make a power team with Ann\'s private contacts, then Bob\'s teams are formed among the members he sees', async () => {
    const teams = (r: Reply) => (r.body.powerTeams as { members: string[] }[]).map((t) => t.members);
    const everyone = teams(await get(admin, '/api/groups/g1/report'));
    expect(everyone.filter((t) => t.filter((m) => !isHidden(m)).length === 1)).toEqual([['v1', 'z1', 'z2'], ['v2', 'z3', 'z4']]);

    const r = await get(member, '/api/groups/g1/report');
    namesNone(r);
    expect(teams(r)).toEqual([['bob', 'mia'], ['v1', 'v2']]);
  });

  it('when Bob joins a group whose only member he does not see, then the 403 does not say it has members: the words are those for a group that only hosts events', async () => {
    expect((await member.call('GET', '/api/memberships?group=g-hidden')).body.items).toEqual([]);
    const refusal = async (group: string) => {
      const r = await member.call('POST', '/api/memberships', { person: 'bob', group });
      expect(isProblem(r, 403), group).toBe(true);
      // the group is named by its name (a refusal names records as the pages do)
      const name = (await member.call('GET', `/api/groups/${group}`)).body.name as string;
      return (r.body.detail as string).replace(name, '…');
    };
    const words = await refusal('g-hidden');
    expect(words).not.toMatch(/has members|current, past or future/);
    expect(words).toMatch(/has already been started.*ask one of its organisers or an admin to add you/);
    expect(await refusal('g-hosting')).toBe(words);
    expect(await refusal('g-seen')).toBe(words);
    expect((await admin.call('GET', '/api/memberships?person=bob')).body.items.map((m: { group: string }) => m.group)).toEqual(['g1']);
  });
});
