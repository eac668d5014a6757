/**
 * An organiser deletes a group they organise that hosts events (docs/DOMAIN.md, Deleting):
 * the events are not the group's to take along — they stay, no longer hosted, with their
 * attendance — and un-hosting them is part of the delete the organiser may make. What the
 * organiser could not do before (every such delete was a 403 on the events) now goes through,
 * in one write; the rules around it stay: a group with a member they cannot see is still a 403
 * with a count, a group they do not organise (or no longer do) is refused naming the group, and
 * un-hosting an event on its own stays an admin's write.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';
import { hidden, namesNoneOf, person } from './withheld-support.js';

const PASSWORD = 'correct horse battery';

// Bob organises g1 (with Mia; it hosts e1, attended by Bob and Ann's private contact z1, and e2)
// and g2 (with Ann's private contact z2; it hosts e3). He was a member of g3 until 2024 (it hosts
// e4). h1 hosts e5, Bob is no member of it. e6 has no host.
const network = {
  people: [person('ann'), person('root'), person('bob'), person('mia'), hidden('z1'), hidden('z2')],
  groups: [
    { id: 'g1', name: 'Chapter One' },
    { id: 'g2', name: 'Chapter Two' },
    { id: 'g3', name: 'Chapter Three' },
    { id: 'h1', name: 'Other Chapter' },
  ],
  memberships: [
    { person: 'bob', group: 'g1', since: '2024-01-01' },
    { person: 'mia', group: 'g1', since: '2024-01-01' },
    { person: 'bob', group: 'g2', since: '2024-01-01' },
    { person: 'z2', group: 'g2', since: '2024-01-01' },
    { person: 'bob', group: 'g3', since: '2023-01-01', until: '2024-01-01' },
    { person: 'mia', group: 'h1', since: '2024-01-01' },
  ],
  events: [
    { id: 'e1', name: 'Breakfast', at: '2024-05-01', group: 'g1', location: 'Berlin' },
    { id: 'e2', name: 'Lunch', at: '2024-05-08', group: 'g1' },
    { id: 'e3', name: 'Dinner', at: '2024-05-15', group: 'g2' },
    { id: 'e4', name: 'Old meeting', at: '2023-05-15', group: 'g3' },
    { id: 'e5', name: 'Elsewhere', at: '2024-05-15', group: 'h1' },
    { id: 'e6', name: 'Open day', at: '2024-06-01' },
  ],
  attendance: [
    { person: 'bob', event: 'e1' },
    { person: 'z1', event: 'e1' },
    { person: 'mia', event: 'e2' },
  ],
};
const namesNone = namesNoneOf(['z1', 'z2']);

describe('an organiser deletes a group that hosts events', () => {
  let api: AccountsApi;
  let bob: Browser;
  let mia: Browser;
  let admin: Browser;
  const everything = async () => (await admin.call('GET', '/api/export')).body as typeof network & Record<string, unknown>;

  beforeEach(async () => {
    await api?.close();
    api = await startAccountsApi({ sample: false });
    const imported = await api.call('POST', '/api/import', network);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    bob = await signedIn(api, { email: 'bob@example.org', person: 'bob', role: 'organiser', password: PASSWORD });
    mia = await signedIn(api, { email: 'mia@example.org', person: 'mia', role: 'member', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'root', role: 'admin', password: PASSWORD });
  });
  afterAll(() => api.close());

  async function refusedWith(r: Reply, before: unknown, detail: RegExp): Promise<void> {
    expect(isProblem(r, 403, 'forbidden'), `${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    expect(r.body.detail).toMatch(detail);
    namesNone(r);
    expect(await everything()).toEqual(before);
  }

  it('when he organises it and sees everyone in it, then it is deleted with its memberships, and its events stay, unhosted, with their attendance', async () => {
    const before = await everything();
    const r = await bob.call('DELETE', '/api/groups/g1');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.deleted).toEqual({ groups: 1, memberships: 2 });
    const after = await everything();
    expect(after.groups.map((g) => g.id)).toEqual(['g2', 'g3', 'h1']);
    expect(after.events).toEqual([
      { id: 'e1', name: 'Breakfast', at: '2024-05-01', location: 'Berlin' },
      { id: 'e2', name: 'Lunch', at: '2024-05-08' },
      ...before.events.slice(2),
    ]);
    // attendance is untouched, a private contact's included: the events stay, so do their ties
    expect(after.attendance).toEqual(before.attendance);
    expect(after.memberships).toEqual(before.memberships.filter((m) => m.group !== 'g1'));
  });

  it('when the group he organises has a member he cannot see, then 403 with the count, and nothing changes: the events keep their host', async () => {
    const before = await everything();
    await refusedWith(await bob.call('DELETE', '/api/groups/g2'), before, /1 record naming it is not visible to you/);
  });

  it('when he does not organise the group, or no longer does, then 403 naming the group, nothing changes', async () => {
    const before = await everything();
    await refusedWith(await bob.call('DELETE', '/api/groups/h1'), before, /only an organiser of the group or an admin writes group Other Chapter/);
    await refusedWith(await bob.call('DELETE', '/api/groups/g3'), before, /only an organiser of the group or an admin writes group Chapter Three/);
    await refusedWith(await mia.call('DELETE', '/api/groups/g1'), before, /only an organiser of the group or an admin writes group Chapter One/);
  });

  it('when he un-hosts or moves an event on its own, then the rules are as before: only between groups he organises', async () => {
    const before = await everything();
    await refusedWith(await bob.call('PATCH', '/api/events/e2', { group: null }), before, /event Lunch on 2024-05-08/);
    await refusedWith(await bob.call('PUT', '/api/events/e2', { name: 'Lunch', at: '2024-05-08' }), before, /event Lunch on 2024-05-08/);
    await refusedWith(await bob.call('PATCH', '/api/events/e2', { group: 'h1' }), before, /event Lunch on 2024-05-08/);
    await refusedWith(await bob.call('PATCH', '/api/events/e6', { group: 'g1' }), before, /event Open day on 2024-06-01/);
    // once the group is gone, its former events are no organiser's: an admin's
    expect((await bob.call('DELETE', '/api/groups/g1')).status).toBe(200);
    const now = await everything();
    await refusedWith(await bob.call('PATCH', '/api/events/e2', { name: 'Late lunch' }), now, /event Lunch on 2024-05-08/);
    expect((await admin.call('PATCH', '/api/events/e2', { group: 'g2' })).status).toBe(200);
  });

  it('when an admin deletes a hosting group, then its events stay unhosted, as before', async () => {
    const r = await admin.call('DELETE', '/api/groups/g2');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.deleted).toEqual({ groups: 1, memberships: 2 });
    expect((await everything()).events).toContainEqual({ id: 'e3', name: 'Dinner', at: '2024-05-15' });
  });
});
