/**
 * A delete never destroys records its writer cannot see (docs/SECURITY.md, Private contacts):
 * deleting an event, a group or a person cascades to the records naming it, and when one of
 * those names another member's private contact, a non-admin's delete (an organiser's, a
 * member's, a write key's) is refused whole — 403, a count and no name — and nothing goes; so is
 * a merge that would move one. An admin's delete takes them all, as before.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { call, isProblem, type Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';
import { hidden, namesNoneOf, person } from './withheld-support.js';

const PASSWORD = 'correct horse battery';

// Bob organises chapter g1 (with Mia and Ann's private contact z1), g3 (with z1 too) and g2,
// where everyone is someone he sees (g1 hosts e1 and e2, g2 and g3 host no event). e1 (g1's) was attended by Ann's contacts z1 and z2,
// e2 (g1's) by Bob and Mia only; Mia met Ann's contact z3 once.
const network = {
  people: [person('ann'), person('root'), person('bob'), person('mia'), hidden('z1'), hidden('z2'), hidden('z3')],
  groups: [{ id: 'g1', name: 'Chapter One' }, { id: 'g2', name: 'Chapter Two' }, { id: 'g3', name: 'Chapter Three' }],
  memberships: [
    { person: 'bob', group: 'g1', since: '2024-01-01' },
    { person: 'mia', group: 'g1', since: '2024-01-01' },
    { person: 'z1', group: 'g1', since: '2024-01-01' },
    { person: 'bob', group: 'g2', since: '2024-01-01' },
    { person: 'mia', group: 'g2', since: '2024-01-01' },
    { person: 'bob', group: 'g3', since: '2024-01-01' },
    { person: 'z1', group: 'g3', since: '2024-01-01' },
  ],
  events: [
    { id: 'e1', name: 'Breakfast', at: '2024-05-01', group: 'g1' },
    { id: 'e2', name: 'Lunch', at: '2024-05-08', group: 'g1' },
    { id: 'e3', name: 'Dinner', at: '2024-05-15' },
  ],
  attendance: [
    { person: 'bob', event: 'e1' },
    { person: 'z1', event: 'e1' },
    { person: 'z2', event: 'e1' },
    { person: 'bob', event: 'e2' },
    { person: 'mia', event: 'e2' },
    { person: 'mia', event: 'e3' },
  ],
  interactions: [{ id: 'i-mz', a: 'mia', b: 'z3', kind: 'met', at: '2024-05-02' }],
};
const HIDDEN = ['z1', 'z2', 'z3'];
const namesNone = namesNoneOf(HIDDEN);

describe('deletes that would cascade to records the writer cannot see', () => {
  let api: AccountsApi;
  let bob: Browser;
  let mia: Browser;
  let admin: Browser;
  let asWriteKey: (method: string, path: string) => Promise<Reply>;
  let writeToken: string;
  const everything = async () => (await admin.call('GET', '/api/export')).body as unknown;

  beforeEach(async () => {
    await api?.close();
    api = await startAccountsApi({ sample: false });
    const imported = await api.call('POST', '/api/import', network);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    bob = await signedIn(api, { email: 'bob@example.org', person: 'bob', role: 'organiser', password: PASSWORD });
    mia = await signedIn(api, { email: 'mia@example.org', person: 'mia', role: 'member', password: PASSWORD });
    admin = await signedIn(api, { email: 'root@example.org', person: 'root', role: 'admin', password: PASSWORD });
    const write = (await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'write', name: 'writer' })).token;
    writeToken = write;
    asWriteKey = (method, path) => call(api.url, method, path, undefined, { authorization: `Bearer ${write}` });
  });
  afterAll(() => api.close());

  /** A refusal that counts the hidden records, names none of them, and leaves every record as it was. */
  async function refused(r: Reply, before: unknown, hiddenCount: number): Promise<void> {
    expect(isProblem(r, 403, 'forbidden'), `${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    expect(r.body.detail).toContain(`${hiddenCount} record${hiddenCount === 1 ? '' : 's'} naming it`);
    expect(r.body.detail).toMatch(/not visible to you/);
    namesNone(r);
    expect(await everything()).toEqual(before);
  }

  it('when an organiser deletes an event other members\' private contacts attended, then 403 with their count, and nothing is deleted', async () => {
    const before = await everything();
    await refused(await bob.call('DELETE', '/api/events/e1'), before, 2);
    // the event is still there for him, its attendance he sees too
    expect((await bob.call('GET', '/api/events/e1')).status).toBe(200);
    expect((await bob.call('GET', '/api/attendance?event=e1')).body.items).toEqual([{ person: 'bob', event: 'e1' }]);
  });

  it('when an organiser deletes a group with a member he cannot see, then 403 with the count, and the group and its memberships stay', async () => {
    const before = await everything();
    await refused(await bob.call('DELETE', '/api/groups/g3'), before, 1);
    expect((await bob.call('GET', '/api/memberships?group=g3')).body.items).toEqual([{ person: 'bob', group: 'g3', since: '2024-01-01' }]);
  });

  it('when a member deletes her own record and it names another member\'s private contact, then 403, nothing deleted', async () => {
    const before = await everything();
    await refused(await mia.call('DELETE', '/api/people/mia'), before, 1);
  });

  it('when a write key deletes an event private contacts attended, then 403 likewise', async () => {
    const before = await everything();
    await refused(await asWriteKey('DELETE', '/api/events/e1'), before, 2);
  });

  it('when a write key merges a person whose records name a private contact, then 403 with the count, nothing merged', async () => {
    const before = await everything();
    const r = await call(api.url, 'POST', '/api/people/merge', { keep: 'bob', remove: 'mia' }, { authorization: `Bearer ${writeToken}` });
    expect(isProblem(r, 403, 'forbidden'), `${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    expect(r.body.detail).toContain('1 record not visible to you');
    namesNone(r);
    expect(await everything()).toEqual(before);
  });

  it('when every record the delete reaches is one the organiser sees, then it cascades as before', async () => {
    const event = await bob.call('DELETE', '/api/events/e2');
    expect(event.status, JSON.stringify(event.body)).toBe(200);
    expect(event.body.deleted).toEqual({ events: 1, attendance: 2 });
    const group = await bob.call('DELETE', '/api/groups/g2');
    expect(group.status, JSON.stringify(group.body)).toBe(200);
    expect(group.body.deleted).toEqual({ groups: 1, memberships: 2 });
  });

  it('when an admin deletes the same event, group and person, then everything that names them goes with them', async () => {
    const event = await admin.call('DELETE', '/api/events/e1');
    expect(event.status).toBe(200);
    expect(event.body.deleted).toEqual({ events: 1, attendance: 3 });
    const group = await admin.call('DELETE', '/api/groups/g1');
    expect(group.status).toBe(200);
    expect(group.body.deleted).toEqual({ groups: 1, memberships: 3 });
    // Mia signs in: her record goes only once her account is disabled (docs/DOMAIN.md, Deleting).
    const held = await admin.call('DELETE', '/api/people/mia');
    expect(isProblem(held, 409, 'conflict')).toBe(true);
    expect(held.body.detail).toMatch(/an account \(mia@example\.org\) belongs to Mia Person: disable it or link it to another person first/);
    expect((await admin.call('PATCH', '/api/admin/accounts/mia@example.org', { disabled: true })).status).toBe(200);
    const mine = await admin.call('DELETE', '/api/people/mia');
    expect(mine.status).toBe(200);
    expect(mine.body.deleted).toEqual({ people: 1, memberships: 1, attendance: 2, interactions: 1 });
    expect((await admin.call('DELETE', '/api/groups/g3')).body.deleted).toEqual({ groups: 1, memberships: 2 });
    const doc = (await admin.call('GET', '/api/export')).body as { events: unknown[]; memberships: unknown[]; interactions: unknown[] };
    expect(doc.interactions).toEqual([]);
    expect(doc.memberships).toEqual([{ person: 'bob', group: 'g2', since: '2024-01-01' }]);
    // g1's other event stays, no longer hosted
    expect(doc.events).toContainEqual({ id: 'e2', name: 'Lunch', at: '2024-05-08' });
  });
});
