/**
 * What holds a person besides their records (docs/SECURITY.md, Private contacts; docs/DOMAIN.md,
 * Deleting): an account is a person, a member owns their private contacts. Deleting such a person
 * left an account signing in as nobody (and as whoever got the id next) and contacts private to
 * no one; an account could be someone's private contact, and a record could join a private
 * contact and a third person, who was then withheld from it; and a member could compute the id of
 * another member's private contact from its name and email.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';
import { derivedPersonId } from '../../graph/importers/person-keys.js';

const PASSWORD = 'correct horse battery';
const network = {
  people: [
    { id: 'ann', name: 'Ann Owner' }, { id: 'bob', name: 'Bob Other' }, { id: 'root', name: 'Root Admin' },
    { id: 'tmpx', name: 'Tmp X' }, { id: 'keeper', name: 'Keeper' },
    { id: 'priv1', name: 'Priv One', privateTo: 'ann' }, { id: 'priv2', name: 'Priv Two', privateTo: 'ann' },
  ],
};

describe('accounts and private contacts hold the people they name', () => {
  let api: AccountsApi;
  let admin: Browser;
  let ann: Browser;
  let bob: Browser;

  beforeAll(async () => {
    api = await startAccountsApi({ sample: false });
    expect((await api.call('POST', '/api/import', network)).status).toBe(200);
    admin = await signedIn(api, { email: 'root@example.org', person: 'root', role: 'admin', password: PASSWORD });
    ann = await signedIn(api, { email: 'ann@example.org', person: 'ann', role: 'member', password: PASSWORD });
    bob = await signedIn(api, { email: 'bob@example.org', person: 'bob', role: 'member', password: PASSWORD });
  });
  afterAll(() => api.close());

  it('when a person an account is is deleted, then 409 naming the account, and nothing is deleted; disabled, it goes', async () => {
    expect((await admin.call('POST', '/api/admin/accounts', { email: 'tmp@example.org', password: PASSWORD, person: 'tmpx' })).status).toBe(201);
    const r = await admin.call('DELETE', '/api/people/tmpx');
    expect(isProblem(r, 409, 'conflict'), JSON.stringify(r.body)).toBe(true);
    expect(r.body.detail).toMatch(/an account \(tmp@example\.org\) belongs to Tmp X: disable it or link it to another person first/);
    expect((await admin.call('GET', '/api/people/tmpx')).status).toBe(200);
    expect((await admin.call('PATCH', '/api/admin/accounts/tmp@example.org', { disabled: true })).status).toBe(200);
    expect((await admin.call('DELETE', '/api/people/tmpx')).status).toBe(200);
    // Enabled again, it would sign in as nobody: refused as a new link to nobody is.
    const again = await admin.call('PATCH', '/api/admin/accounts/tmp@example.org', { disabled: false });
    expect(isProblem(again, 400, 'validation')).toBe(true);
    expect(again.body.errors[0].path).toBe('/person');
  });

  it('when an owner of private contacts is deleted, then 409 with their count', async () => {
    const r = await admin.call('DELETE', '/api/people/ann');
    expect(isProblem(r, 409, 'conflict')).toBe(true);
    expect(r.body.detail).toMatch(/Ann Owner has 2 private contacts: share them or hand them over/);
  });

  it('when an account is linked to a private contact (create or change), then 400 on /person, nothing written', async () => {
    const created = await admin.call('POST', '/api/admin/accounts', { email: 'p1@example.org', password: PASSWORD, person: 'priv1' });
    expect(isProblem(created, 400, 'validation')).toBe(true);
    expect(created.body.errors).toEqual([{ path: '/person', message: expect.stringMatching(/^Priv One \(priv1\) is a private contact of Ann Owner: .*share the contact first/) }]);
    const changed = await admin.call('PATCH', '/api/admin/accounts/bob@example.org', { person: 'priv2' });
    expect(isProblem(changed, 400, 'validation')).toBe(true);
    const list = (await admin.call('GET', '/api/admin/accounts')).body.accounts as { email: string; person: string }[];
    expect(list.find((a) => a.email === 'bob@example.org')?.person).toBe('bob');
    expect(list.some((a) => a.email === 'p1@example.org')).toBe(false);
  });

  it('when an account holder is made private (PATCH, PUT, import), then 400 on privateTo, as for their own private contact', async () => {
    const patch = await admin.call('PATCH', '/api/people/bob', { privateTo: 'ann' });
    expect(isProblem(patch, 400, 'validation')).toBe(true);
    expect(patch.body.errors).toEqual([{ path: '/privateTo', message: expect.stringMatching(/an account \(bob@example\.org\) is this person/) }]);
    expect((await admin.call('PUT', '/api/people/bob', { id: 'bob', name: 'Bob Other', privateTo: 'ann' })).status).toBe(400);
    const doc = await admin.call('POST', '/api/import', { people: [{ id: 'bob', name: 'Bob Other', privateTo: 'ann' }] });
    expect(isProblem(doc, 400, 'validation')).toBe(true);
    expect(doc.body.errors[0].path).toBe('/people/0/privateTo');
    expect((await admin.call('GET', '/api/people/bob')).body.privateTo).toBeUndefined();
  });

  it('when a record joins a private contact and someone other than its owner, then 400 naming the field, nothing written; with the owner it is written', async () => {
    const r = await admin.call('POST', '/api/interactions', { id: 'i-join', a: 'priv1', b: 'bob', kind: 'call', at: '2026-01-02' });
    expect(isProblem(r, 400, 'validation'), JSON.stringify(r.body)).toBe(true);
    expect(r.body.errors).toEqual([{ path: '/b', message: expect.stringMatching(/^Bob Other is not the owner of the private contact Priv One .*share the contact first/) }]);
    expect((await admin.call('GET', '/api/interactions/i-join')).status).toBe(404);
    const referral = await admin.call('POST', '/api/referrals', { from: 'bob', to: 'priv1', at: '2026-01-02', status: 'passed' });
    expect(referral.body.errors?.[0]?.path).toBe('/from');
    expect((await admin.call('POST', '/api/groups', { id: 'g1', name: 'Chapter' })).status).toBe(201);
    const seat = await admin.call('POST', '/api/memberships', { person: 'priv1', group: 'g1' });
    expect(isProblem(seat, 400, 'validation')).toBe(true);
    expect(seat.body.errors[0].path).toBe('/person');
    expect((await admin.call('POST', '/api/interactions', { id: 'i-own', a: 'priv1', b: 'ann', kind: 'call', at: '2026-01-02' })).status).toBe(201);
    expect((await admin.call('POST', '/api/interactions', { id: 'i-two', a: 'priv1', b: 'priv2', kind: 'call', at: '2026-01-02' })).status).toBe(201);
    expect((await admin.call('PATCH', '/api/interactions/i-own', { b: 'bob' })).status).toBe(400);
  });

  it('when a merge removes an account holder, then the account and their private contacts become the kept person\'s', async () => {
    expect((await admin.call('POST', '/api/people', { id: 'dup', name: 'Dup' })).status).toBe(201);
    expect((await admin.call('POST', '/api/people', { id: 'dupc', name: 'Dup Contact', privateTo: 'dup' })).status).toBe(201);
    const dup = await signedIn(api, { email: 'dup@example.org', person: 'dup', role: 'member', password: PASSWORD });
    expect((await admin.call('POST', '/api/people/merge', { keep: 'keeper', remove: 'dup' })).status).toBe(200);
    const list = (await admin.call('GET', '/api/admin/accounts')).body.accounts as { email: string; person: string }[];
    expect(list.find((a) => a.email === 'dup@example.org')?.person).toBe('keeper');
    expect((await admin.call('GET', '/api/people/dupc')).body.privateTo).toBe('keeper');
    const me = await dup.call('GET', '/api/me');
    expect(me.body.person).toBe('keeper');
  });

  it('when a member imports a contact another member has privately, then its id is their own: not computable from name and email, no "-2"', async () => {
    const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Same\r\nEMAIL:zed@example.org\r\nEND:VCARD\r\n';
    const byAnn = await ann.call('POST', '/api/import?format=vcard', vcard, { headers: { 'content-type': 'text/vcard' } });
    expect(byAnn.status, JSON.stringify(byAnn.body)).toBe(200);
    const byBob = await bob.call('POST', '/api/import?format=vcard&dryRun=true', vcard, { headers: { 'content-type': 'text/vcard' } });
    expect(byBob.status, JSON.stringify(byBob.body)).toBe(200);
    const idOf = (r: { body: { changes: { kind: string; id: string }[] } }) => r.body.changes.find((c) => c.kind === 'person')!.id;
    const shared = derivedPersonId('Zed Same', { type: 'email', value: 'zed@example.org' });
    expect(idOf(byAnn)).not.toBe(shared);
    expect(idOf(byBob)).not.toBe(shared);
    expect(idOf(byBob)).not.toBe(idOf(byAnn));
    expect(idOf(byBob)).not.toMatch(/-2$/);
    // The id a shared import derives is free: creating it tells Bob nothing of Ann's contact.
    expect((await bob.call('POST', '/api/people', { id: shared, name: 'Zed Same' })).status).toBe(201);
  });
});
