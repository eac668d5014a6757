/**
 * Who may make whom a member of a group, over real HTTP (graph/service/permissions.ts). An
 * organiser manages the groups they currently belong to, and a member writes their own
 * memberships: together that let an organiser add themselves to any group and take it over. The
 * rules now: a non-admin may not give themselves membership time (from now on) in a group that
 * already has current members — no new membership, no reviving an ended one or bringing a future
 * one forward — by any path (POST /api/memberships, a document import, a merge); they may start a
 * group nobody belongs to, change the dates of the membership they have, and leave. "Current" is
 * the reports' rule (graph/analytics/dimensions.ts membershipActive) at the request's instant,
 * for write rights too: a membership not yet begun or already over grants nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem } from '../api/harness.js';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
const DAY = 24 * 3600 * 1000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const ASK = /group "g2" already has current members.*ask (one of )?its organisers? or an admin/;

// In the sample, p001 belongs to g4 only, p002 to g1 (and g2 from 2026-06-30), p003 to g4 and g5.
describe('an organiser cannot take over a group by joining it', () => {
  let api: AccountsApi;
  let org: Browser;
  let mem: Browser;
  let admin: Browser;
  const membership = async (person: string, group: string) =>
    (await admin.call('GET', `/api/memberships?person=${person}&limit=500`)).body.items.find((m: { group: string }) => m.group === group);

  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'org@example.org', person: 'p001', role: 'organiser', password: PASSWORD });
    await addAccount(api.dir, { email: 'mem@example.org', person: 'p002', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'root@example.org', person: 'p003', role: 'admin', password: PASSWORD });
    [org, mem, admin] = [api.browser(), api.browser(), api.browser()];
    expect((await org.signIn('org@example.org', PASSWORD)).status).toBe(200);
    expect((await mem.signIn('mem@example.org', PASSWORD)).status).toBe(200);
    expect((await admin.signIn('root@example.org', PASSWORD)).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when an organiser adds their own membership to a group with current members, then 403 telling them to ask its organiser or an admin, and they gain nothing', async () => {
    const reportBefore = (await org.call('GET', '/api/groups/g2/report')).body;
    expect(reportBefore.withheld).toContain('members');
    for (const body of [{ person: 'p001', group: 'g2' }, { person: 'p001', group: 'g2', since: day(30) }, { person: 'p001', group: 'g2', since: '2020-01-01', until: day(-1) }]) {
      const r = await org.call('POST', '/api/memberships', body);
      expect(isProblem(r, 403), JSON.stringify(body)).toBe(true);
      expect(r.body.detail).toMatch(ASK);
    }
    expect(await membership('p001', 'g2')).toBeUndefined();
    expect(isProblem(await org.call('PATCH', '/api/groups/g2', { name: 'Mine now' }), 403)).toBe(true);
    expect(isProblem(await org.call('DELETE', '/api/memberships/p010/g2'), 403)).toBe(true);
    expect((await org.call('GET', '/api/groups/g2/report')).body.withheld).toContain('members');
  });

  it('when a member adds their own membership to a group with current members, then 403 alike', async () => {
    const r = await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g4' });
    expect(isProblem(r, 403)).toBe(true);
    expect(r.body.detail).toMatch(/group "g4" already has current members/);
  });

  it('when the membership comes by a document import, then the whole import is refused and nothing is written', async () => {
    const doc = { people: [{ id: 'p-org-contact', name: 'A Contact' }], memberships: [{ person: 'p001', group: 'g2' }] };
    const r = await org.call('POST', '/api/import', doc);
    expect(isProblem(r, 403)).toBe(true);
    expect(r.body.detail).toMatch(ASK);
    expect(await membership('p001', 'g2')).toBeUndefined();
    expect((await admin.call('GET', '/api/people/p-org-contact')).status).toBe(404);
  });

  it('when the organiser merges a contact holding a seat in the group into themselves, then 403 and nothing moves', async () => {
    expect((await org.call('POST', '/api/people', { id: 'p-org-own', name: 'Own Contact', privateTo: 'p001' })).status).toBe(201);
    expect((await admin.call('POST', '/api/memberships', { person: 'p-org-own', group: 'g2' })).status).toBe(201);
    expect(isProblem(await org.call('POST', '/api/people/merge', { keep: 'p001', remove: 'p-org-own' }), 403)).toBe(true);
    expect(await membership('p001', 'g2')).toBeUndefined();
    expect(await membership('p-org-own', 'g2')).toBeDefined();
  });

  it('when the organiser tries a PUT of the membership key, then it is not a route and nothing is written', async () => {
    const r = await org.call('PUT', '/api/memberships/p001/g2', { person: 'p001', group: 'g2' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(await membership('p001', 'g2')).toBeUndefined();
  });

  it('when the organiser attends an event of the group, then that gives no rights over it', async () => {
    expect((await org.call('POST', '/api/attendance', { person: 'p001', event: 'e05' })).status).toBeLessThan(300);
    expect(isProblem(await org.call('PATCH', '/api/groups/g2', { name: 'Mine now' }), 403)).toBe(true);
    expect(isProblem(await org.call('POST', '/api/memberships', { person: 'p010', group: 'g2' }), 403)).toBe(true);
    expect((await org.call('GET', '/api/groups/g2/report')).body.withheld).toContain('members');
  });

  it('when an admin or the group’s own organiser adds a member, then it works as before', async () => {
    expect((await org.call('POST', '/api/memberships', { person: 'p010', group: 'g4' })).status).toBe(201);
    expect((await admin.call('POST', '/api/memberships', { person: 'p002', group: 'g5' })).status).toBe(201);
  });

  it('when a non-admin changes the dates of a membership they have, or leaves, then it is allowed; coming back is asking again', async () => {
    expect((await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g1', since: '2024-10-01', until: day(365) })).status).toBe(200);
    expect((await mem.call('DELETE', '/api/memberships/p002/g1')).status).toBe(204);
    expect(isProblem(await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g1' }), 403)).toBe(true);
  });

  it('when a non-admin edits an ended membership, then correcting its past is allowed and reviving it is refused', async () => {
    expect((await admin.call('POST', '/api/memberships', { person: 'p002', group: 'g6', since: '2023-01-01', until: day(-10) })).status).toBe(201);
    expect((await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g6', since: '2022-06-01', until: day(-20) })).status).toBe(200);
    for (const body of [{ person: 'p002', group: 'g6', since: '2022-06-01' }, { person: 'p002', group: 'g6', since: '2022-06-01', until: day(1) }]) {
      const r = await mem.call('POST', '/api/memberships', body);
      expect(isProblem(r, 403), JSON.stringify(body)).toBe(true);
      expect(r.body.detail).toMatch(/group "g6" already has current members/);
    }
    expect(await membership('p002', 'g6')).toMatchObject({ until: day(-20) });
  });

  it('when a non-admin holds a future membership, then moving it later is allowed and bringing it forward is refused', async () => {
    expect((await admin.call('POST', '/api/memberships', { person: 'p002', group: 'g3', since: day(30) })).status).toBe(201);
    expect((await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g3', since: day(40) })).status).toBe(200);
    expect(isProblem(await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g3', since: day(0) }), 403)).toBe(true);
    expect(await membership('p002', 'g3')).toMatchObject({ since: day(40) });
  });

  it('when a group has no current members, then a non-admin may join it and (as organiser) manage it; groups themselves are created by admins', async () => {
    // Today only an admin creates a group (an organiser organises only groups they already belong to).
    expect(isProblem(await org.call('POST', '/api/groups', { id: 'g-new', name: 'New Circle' }), 403)).toBe(true);
    expect((await admin.call('POST', '/api/groups', { id: 'g-new', name: 'New Circle' })).status).toBe(201);
    expect((await org.call('POST', '/api/memberships', { person: 'p001', group: 'g-new' })).status).toBe(201);
    expect((await org.call('PATCH', '/api/groups/g-new', { location: 'Berlin, DE' })).status).toBe(200);
    expect((await org.call('POST', '/api/memberships', { person: 'p010', group: 'g-new' })).status).toBe(201);
    // now it has members: a member joining it is refused
    expect(isProblem(await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g-new' }), 403)).toBe(true);
    // a group whose members all left is open again
    expect((await admin.call('POST', '/api/groups', { id: 'g-old', name: 'Old Circle' })).status).toBe(201);
    expect((await admin.call('POST', '/api/memberships', { person: 'p010', group: 'g-old', since: '2020-01-01', until: '2021-01-01' })).status).toBe(201);
    expect((await mem.call('POST', '/api/memberships', { person: 'p002', group: 'g-old' })).status).toBe(201);
  });
});

describe('write rights follow the current membership at the request’s instant', () => {
  let api: AccountsApi;
  let org: Browser;
  let admin: Browser;
  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'org@example.org', person: 'p001', role: 'organiser', password: PASSWORD });
    await addAccount(api.dir, { email: 'root@example.org', person: 'p003', role: 'admin', password: PASSWORD });
    [org, admin] = [api.browser(), api.browser()];
    expect((await org.signIn('org@example.org', PASSWORD)).status).toBe(200);
    expect((await admin.signIn('root@example.org', PASSWORD)).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when the organiser’s membership begins in the future, then they do not manage the group yet, as the report says', async () => {
    expect((await admin.call('POST', '/api/memberships', { person: 'p001', group: 'g3', since: day(7) })).status).toBe(201);
    expect((await org.call('GET', '/api/groups/g3/report')).body.withheld).toContain('members');
    expect(isProblem(await org.call('POST', '/api/memberships', { person: 'p010', group: 'g3' }), 403)).toBe(true);
    expect(isProblem(await org.call('PATCH', '/api/groups/g3', { name: 'Early' }), 403)).toBe(true);
    expect(isProblem(await org.call('POST', '/api/events', { name: 'Early breakfast', at: day(1), group: 'g3' }), 403)).toBe(true);
  });

  it('when the organiser’s membership ended, then they no longer manage the group', async () => {
    expect((await org.call('POST', '/api/memberships', { person: 'p010', group: 'g4' })).status).toBe(201);
    expect((await admin.call('POST', '/api/memberships', { person: 'p001', group: 'g4', since: '2022-03-19', until: day(-1) })).status).toBe(200);
    expect((await org.call('GET', '/api/groups/g4/report')).body.withheld).toContain('members');
    expect(isProblem(await org.call('DELETE', '/api/memberships/p010/g4'), 403)).toBe(true);
    expect(isProblem(await org.call('PATCH', '/api/groups/g4', { name: 'Still mine' }), 403)).toBe(true);
  });
});
