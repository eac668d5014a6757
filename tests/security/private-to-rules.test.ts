/**
 * Who may set `privateTo`, over real HTTP (graph/service/permissions.ts, checked on the person
 * before and after the write): a member or organiser makes a person private only to themselves
 * (a contact of theirs: no one is their own private contact, private-to-records.test.ts),
 * and removes `privateTo` (shares) only on a record they own — their own record or their private
 * contact. Never private to someone else: not by PATCH, PUT, a document import or a file import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem } from '../api/harness.js';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
const ONLY_THEMSELVES = /makes a person private only to themselves/;

describe('privateTo only to oneself', () => {
  let api: AccountsApi;
  let mem: Browser;
  let admin: Browser;
  const person = async (id: string) => (await admin.call('GET', `/api/people/${id}`)).body;

  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'mem@example.org', person: 'p002', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'org@example.org', person: 'p001', role: 'organiser', password: PASSWORD });
    await addAccount(api.dir, { email: 'root@example.org', person: 'p003', role: 'admin', password: PASSWORD });
    [mem, admin] = [api.browser(), api.browser()];
    expect((await mem.signIn('mem@example.org', PASSWORD)).status).toBe(200);
    expect((await admin.signIn('root@example.org', PASSWORD)).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when a member makes their own record private to someone else by PATCH or PUT, then 403 saying only to themselves, and the record is unchanged', async () => {
    const before = await person('p002');
    const patched = await mem.call('PATCH', '/api/people/p002', { privateTo: 'p003' });
    expect(isProblem(patched, 403)).toBe(true);
    expect(patched.body.detail).toMatch(ONLY_THEMSELVES);
    const put = await mem.call('PUT', '/api/people/p002', { ...before, privateTo: 'p004' });
    expect(isProblem(put, 403)).toBe(true);
    expect(put.body.detail).toMatch(ONLY_THEMSELVES);
    expect(await person('p002')).toEqual(before);
  });

  it('when an organiser does the same, then 403 alike', async () => {
    const org = api.browser();
    await org.signIn('org@example.org', PASSWORD);
    expect(isProblem(await org.call('PATCH', '/api/people/p001', { privateTo: 'p002' }), 403)).toBe(true);
  });

  it('when a member imports a document or a file making people private to someone else, then the whole import is refused', async () => {
    const before = await person('p002');
    const doc = await mem.call('POST', '/api/import', { people: [{ ...before, privateTo: 'p003' }] });
    expect(isProblem(doc, 403)).toBe(true);
    expect(doc.body.detail).toMatch(ONLY_THEMSELVES);
    const contact = await mem.call('POST', '/api/import', { people: [{ id: 'p-theirs', name: 'Their Contact', privateTo: 'p003' }] });
    expect(isProblem(contact, 403)).toBe(true);
    expect(contact.body.detail).toMatch(ONLY_THEMSELVES);
    const csv = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On', 'Vera,Elsewhere,https://www.linkedin.com/in/vera-elsewhere,vera@elsewhere.example,Else Ltd,Buyer,01 Dec 2026'].join('\n');
    const file = await mem.call('POST', '/api/import?format=linkedin&owner=p003', csv, { headers: { 'content-type': 'text/csv' } });
    expect(isProblem(file, 403)).toBe(true);
    expect(await person('p002')).toEqual(before);
    expect((await admin.call('GET', '/api/people/p-theirs')).status).toBe(404);
    expect((await admin.call('GET', '/api/people?q=Elsewhere')).body.items).toEqual([]);
  });

  it('when a member makes a contact private to themselves, or shares a record they own, then it is allowed (their own record is never their own private contact: tests/security/private-to-records.test.ts)', async () => {
    expect(isProblem(await mem.call('PATCH', '/api/people/p002', { privateTo: 'p002' }), 400)).toBe(true);
    const shared = await mem.call('PATCH', '/api/people/p002', { privateTo: null });
    expect(shared.status).toBe(200);
    expect(shared.body.privateTo).toBeUndefined();
    expect((await mem.call('POST', '/api/people', { id: 'p-mine', name: 'My Contact', privateTo: 'p002' })).status).toBe(201);
    expect(isProblem(await mem.call('PATCH', '/api/people/p-mine', { privateTo: 'p003' }), 403)).toBe(true);
    const unshared = await mem.call('PATCH', '/api/people/p-mine', { privateTo: null });
    expect(unshared.status).toBe(200);
    expect((await person('p-mine')).privateTo).toBeUndefined();
    // once shared it is no longer theirs: they cannot make it private again
    expect(isProblem(await mem.call('PATCH', '/api/people/p-mine', { privateTo: 'p002' }), 403)).toBe(true);
    // nor anybody else's record, to themselves or to anyone
    expect(isProblem(await mem.call('PATCH', '/api/people/p004', { privateTo: 'p002' }), 403)).toBe(true);
  });

  it('when an admin sets privateTo to anyone (on a person no one else has records with), then it is allowed', async () => {
    expect((await admin.call('POST', '/api/people', { id: 'p-new', name: 'New Person' })).status).toBe(201);
    expect((await admin.call('PATCH', '/api/people/p-new', { privateTo: 'p004' })).status).toBe(200);
    expect((await admin.call('PATCH', '/api/people/p-new', { privateTo: null })).status).toBe(200);
  });

  it('when a member logs an interaction or a referral between two of their own private contacts, then it is allowed; between a contact and someone else it is not', async () => {
    for (const id of ['p-c1', 'p-c2']) expect((await mem.call('POST', '/api/people', { id, name: `Contact ${id}`, privateTo: 'p002' })).status).toBe(201);
    const met = await mem.call('POST', '/api/interactions', { id: 'ix-c1-c2', a: 'p-c1', b: 'p-c2', kind: 'met', at: '2026-01-02' });
    expect(met.status, JSON.stringify(met.body)).toBe(201);
    expect((await mem.call('POST', '/api/referrals', { id: 'rf-c1-c2', from: 'p-c1', to: 'p-c2', at: '2026-01-03', status: 'passed' })).status).toBe(201);
    expect((await mem.call('PATCH', '/api/interactions/ix-c1-c2', { note: 'at the club' })).status).toBe(200);
    expect(isProblem(await mem.call('POST', '/api/interactions', { a: 'p-c1', b: 'p005', kind: 'met', at: '2026-01-02' }), 403)).toBe(true);
    expect(isProblem(await mem.call('PATCH', '/api/interactions/ix-c1-c2', { b: 'p005' }), 403)).toBe(true);
    // in one import with the contacts it brings
    const doc = {
      people: [{ id: 'p-c3', name: 'Contact Three', privateTo: 'p002' }, { id: 'p-c4', name: 'Contact Four', privateTo: 'p002' }],
      interactions: [{ id: 'ix-c3-c4', a: 'p-c3', b: 'p-c4', kind: 'met', at: '2026-01-04' }],
    };
    const imported = await mem.call('POST', '/api/import', doc);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect((await mem.call('DELETE', '/api/interactions/ix-c3-c4')).status).toBe(200);
  });
});
