/**
 * Lists cut to N, for a member when another member's private contacts would rank first
 * (docs/SECURITY.md, Private contacts: "Lists are ranked among the people you see"). Ann's private
 * contacts are placed where they win every ranking: Carl's strongest and most overdue ties, the
 * industry Bob lacks and the chapter's open seat nearest him, the network's best broker and
 * best-connected person. Bob, a member who does not see them, must still get N rows of people he
 * sees: ranked among everyone and filtered afterwards, each of these lists came back short or
 * empty. Each test first checks, through an admin (who sees everyone), that the private contacts
 * do take the first places — so the old cut-then-filter answer would have been short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';
import { getWarm, hidden, namesNoneOf, person } from './withheld-support.js';

const PASSWORD = 'correct horse battery';
const AS_OF = '2026-12-01';
const RECENT = '2026-11-01';
let auto = 0;
const tie = (a: string, b: string, at = RECENT, kind = 'one_to_one') => ({ id: `i${++auto}`, a, b, kind, at });
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

// Carl's ties, all dormant: to Ann's private contacts z1 and z2 one-to-ones (stronger) gone quiet
// longer; to v1–v3, who Bob sees, a single meeting. Industries A and B trade referrals (ra → rb).
const carl = {
  people: [person('carl'), hidden('z1', { industry: 'A' }), hidden('z2', { industry: 'A' }), person('v1', { industry: 'A' }), person('v2', { industry: 'B' }), person('v3', { industry: 'B' }), person('ra', { industry: 'A' }), person('rb', { industry: 'B' })],
  interactions: [
    ...['z1', 'z2'].flatMap((z) => [tie('carl', z, '2025-06-01'), tie('carl', z, '2026-02-01')]),
    ...['v1', 'v2', 'v3'].map((v) => tie('carl', v, '2026-08-01', 'met')),
  ],
  referrals: [{ id: 'r-ab', from: 'ra', to: 'rb', at: '2026-06-01', status: 'passed' }],
};
// Bob (a lawyer, organiser of chapter g1 with Mia) knows Hugo, and Ann's locksmiths z6–z8.
// Hugo knows Ann's forensics people z3–z5, the locksmiths k1–k3, Dan (who knows the forensics
// people f1–f3) and the head of a chain c1–c12. Lawyers send locksmiths referrals (rl → rk).
const bob = {
  people: [
    person('ann'), person('bob', { industry: 'Law', profession: 'Lawyer' }), person('mia', { profession: 'Lawyer' }), person('hugo', { industry: 'Law' }), person('dan'), person('root'),
    ...range('z', 8).slice(2, 5).map((id) => hidden(id, { industry: 'Forensics' })),
    ...range('f', 3).map((id) => person(id, { industry: 'Forensics' })),
    ...range('z', 8).slice(5).map((id) => hidden(id, { profession: 'Locksmith' })),
    ...range('k', 3).map((id) => person(id, { profession: 'Locksmith' })),
    person('rl', { profession: 'Lawyer' }), person('rk', { profession: 'Locksmith' }),
    ...range('c', 12).map((id) => person(id)),
  ],
  groups: [{ id: 'g1', name: 'Chapter One' }],
  memberships: [{ person: 'bob', group: 'g1', since: '2026-01-01' }, { person: 'mia', group: 'g1', since: '2026-01-01' }],
  interactions: [
    ...['z6', 'z7', 'z8'].map((z) => tie('bob', z)),
    tie('bob', 'hugo'), tie('bob', 'mia'), tie('hugo', 'ann'), tie('hugo', 'dan'),
    ...['z3', 'z4', 'z5', 'k1', 'k2', 'k3'].map((x) => tie('hugo', x)),
    ...['f1', 'f2', 'f3'].map((f) => tie('dan', f)),
    tie('hugo', 'c1'), ...range('c', 11).map((c, i) => tie(c, `c${i + 2}`)),
  ],
  referrals: [{ id: 'r-lk', from: 'rl', to: 'rk', at: '2026-06-01', status: 'passed' }],
};
// Ann's private contact z9, a contact of Hugo's, is the hub of twelve people Bob sees: one of the
// best brokers, and the best-connected person of the network.
const hub = {
  people: [hidden('z9'), ...range('l', 12).map((id) => person(id))],
  interactions: [tie('z9', 'hugo'), ...range('l', 12).map((l) => tie('z9', l))],
};
const network = {
  people: [...carl.people, ...bob.people, ...hub.people],
  groups: bob.groups,
  memberships: bob.memberships,
  interactions: [...carl.interactions, ...bob.interactions, ...hub.interactions],
  referrals: [...carl.referrals, ...bob.referrals],
};
const HIDDEN = network.people.filter((p) => 'privateTo' in p).map((p) => p.id);
const isHidden = (id: string) => HIDDEN.includes(id);

describe('lists cut to N, for a member withheld from the people who would rank first', () => {
  let api: AccountsApi;
  let member: Browser;
  let admin: Browser;

  /** The answer as of AS_OF, once the analytics have warmed up. */
  const get = (who: Browser, path: string) => getWarm(who, path, AS_OF);
  const namesNone = namesNoneOf(HIDDEN);
  /** The list `pick` reads from the answer, as the admin (everyone) and as Bob, whose answer must name no private contact. */
  async function lists<T>(path: string, pick: (r: Reply) => T): Promise<{ everyone: T; bobs: T }> {
    const bobs = await get(member, path);
    namesNone(bobs);
    return { everyone: pick(await get(admin, path)), bobs: pick(bobs) };
  }

  beforeAll(async () => {
    api = await startAccountsApi({ sample: false });
    const imported = await api.call('POST', '/api/import', network);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    member = await signedIn(api, { email: 'bob@example.org', person: 'bob', role: 'organiser', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'root', role: 'admin', password: PASSWORD });
  });
  afterAll(() => api.close());

  it('when Carl\'s best introductions pair Ann\'s private contacts, then Bob still gets `limit` of them, between people he sees', async () => {
    const { everyone, bobs } = await lists('/api/people/carl/introductions?limit=2', (r) => (r.body.introductions as { a: string; b: string }[]).map((i) => [i.a, i.b]));
    expect(everyone.flat().some(isHidden)).toBe(true);
    expect(bobs).toEqual([['v1', 'v2'], ['v1', 'v3']]);
  });

  it('when Carl\'s most overdue ties are to Ann\'s private contacts, then Bob\'s re-networking queue still has `limit` rows', async () => {
    const { everyone, bobs } = await lists('/api/renetworking?person=carl&limit=2', (r) => (r.body.queue as { person: string }[]).map((i) => i.person));
    expect(everyone).toEqual(['z1', 'z2']);
    expect(bobs).toHaveLength(2);
    expect(bobs.every((p) => ['v1', 'v2', 'v3'].includes(p))).toBe(true);
  });

  it('when Carl\'s week would list Ann\'s private contacts first, then Bob sees `limit` rows of dormant ties and introductions', async () => {
    const rows = (section: string) => (r: Reply) => (r.body[section] as { person: { id: string }; other?: { id: string } }[]).map((x) => (x.other ? [x.person.id, x.other.id] : [x.person.id]));
    const dormant = await lists('/api/people/carl/week?limit=2', rows('dormant'));
    expect(dormant.everyone.flat().every(isHidden)).toBe(true);
    expect(dormant.bobs).toHaveLength(2);
    const introductions = await lists('/api/people/carl/week?limit=2', rows('introductions'));
    expect(introductions.everyone.flat().some(isHidden)).toBe(true);
    expect(introductions.bobs).toEqual([['v1', 'v2'], ['v1', 'v3']]);
  });

  it('when the nearest people in an industry Bob lacks are Ann\'s private contacts, then the gap still lists 3 candidates he sees', async () => {
    const gap = (r: Reply) => (r.body.missing as { category: string; candidates: { person: string }[] }[]).find((g) => g.category === 'Forensics')!.candidates.map((c) => c.person);
    expect(await lists('/api/reports/diversity-gap?person=bob&dimension=industry', gap)).toEqual({ everyone: ['z3', 'z4', 'z5'], bobs: ['f1', 'f2', 'f3'] });
  });

  it('when the locksmiths nearest Bob\'s chapter are Ann\'s private contacts, then its open seat still lists 3 candidates he sees', async () => {
    const seat = (r: Reply) => (r.body.openSeats as { profession: string; candidates: { person: string }[] }[]).find((s) => s.profession === 'Locksmith')!.candidates.map((c) => c.person);
    expect(await lists('/api/groups/g1/report', seat)).toEqual({ everyone: ['z6', 'z7', 'z8'], bobs: ['k1', 'k2', 'k3'] });
  });

  it('when Ann\'s private contact is among the network\'s best brokers, then Bob\'s top brokers are still 10 people he sees, in the same order', async () => {
    let all = await get(admin, '/api/metrics/network');
    while (all.body.betweennessInfo.status !== 'fresh') all = await get(admin, '/api/metrics/network');
    const brokers = (r: Reply) => (r.body.topBrokers as { person: string }[]).map((b) => b.person);
    const seen = brokers(all).filter((p) => !isHidden(p));
    expect(seen.length).toBeLessThan(10);
    const r = await get(member, '/api/metrics/network');
    expect(brokers(r)).toHaveLength(10);
    expect(brokers(r).some(isHidden)).toBe(false);
    expect(brokers(r).slice(0, seen.length)).toEqual(seen);
    expect(r.body.people).toBe(all.body.people); // the counts still count everyone
    namesNone(r);
  });

  it('when the map is cut to an ego view, then Bob gets maxNodes people he sees, around the best-connected person he sees, and only when what he sees does not fit', async () => {
    const ids = (r: Reply) => (r.body.nodes as { id: string }[]).map((n) => n.id);
    // Bob's contacts in id order (the snapshot's): hugo, mia, then Ann's private z6–z8, which take
    // the admin's last seat; Bob's goes to the first person he sees two steps out (Hugo's contact Ann).
    const ego = '/api/map?view=ego&person=bob&radius=2&maxNodes=4';
    expect(ids(await get(admin, ego)).some(isHidden)).toBe(true);
    const mine = await get(member, ego);
    expect(ids(mine).sort()).toEqual(['ann', 'bob', 'hugo', 'mia']);
    namesNone(mine);

    // Too large to draw whole: the view centres on the best-connected person, and names them.
    const auto = '/api/map?maxNodes=5';
    expect((await get(admin, auto)).body.view.person).toBe('z9');
    const r = await get(member, auto);
    expect(r.body.view).toMatchObject({ kind: 'ego', person: 'hugo' });
    expect(r.body.filtered.reason).toContain('Hugo Person');
    expect(ids(r)).toHaveLength(5);
    namesNone(r);

    // Room for everyone Bob sees but not for everyone: he gets the whole network he sees.
    const room = `/api/map?maxNodes=${network.people.length - HIDDEN.length}`;
    expect((await get(admin, room)).body.view.kind).toBe('ego');
    const whole = await get(member, room);
    expect(whole.body.view.kind).toBe('all');
    expect(ids(whole).sort()).toEqual(network.people.map((p) => p.id).filter((id) => !isHidden(id)).sort());
  });
});
