/**
 * Making a person private must never take anyone's own records out of their sight
 * (graph/service/contact-visibility.ts `visibilityChangeProblem`), by every way in: PATCH, PUT,
 * POST, a document import, a merge, and the service as the CLI calls it.
 *
 * - Nobody is their own private contact: `privateTo` equal to the person's own id is a 400 naming
 *   `/privateTo`, for members and admins alike (QA: a member making their own record private hid
 *   other members' interactions and referrals with them, and the member from their chapter report).
 * - A person someone else has records with (interactions, referrals, memberships, attendance,
 *   intro requests, dismissals of rows about them) cannot be made private: 400 naming how many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { TRUSTED_WRITER } from '../../graph/service/contact-visibility.js';
import { ValidationError } from '../../graph/service/errors.js';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';

/** The 400 of a refused privateTo, naming where. */
function refusedAt(reply: Reply, pointer: string, words: RegExp): void {
  expect(isProblem(reply, 400, 'validation'), JSON.stringify(reply.body)).toBe(true);
  expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain(pointer);
  expect(reply.body.detail).toMatch(words);
}

const OWN = /cannot be their own private contact/;
const OTHERS = /records? other people take part in/;

describe('privateTo never hides anyone\'s own records', () => {
  let api: AccountsApi;
  let alice: Browser;
  let bob: Browser;
  let olga: Browser;
  let admin: Browser;

  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'alice@example.org', person: 'p002', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'bob@example.org', person: 'p003', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'olga@example.org', person: 'p091', role: 'organiser', password: PASSWORD });
    await addAccount(api.dir, { email: 'root@example.org', person: 'p004', role: 'admin', password: PASSWORD });
    [alice, bob, olga, admin] = [api.browser(), api.browser(), api.browser(), api.browser()];
    expect((await alice.signIn('alice@example.org', PASSWORD)).status).toBe(200);
    expect((await bob.signIn('bob@example.org', PASSWORD)).status).toBe(200);
    expect((await olga.signIn('olga@example.org', PASSWORD)).status).toBe(200);
    expect((await admin.signIn('root@example.org', PASSWORD)).status).toBe(200);
    expect((await bob.call('POST', '/api/interactions', { id: 'ix-bob-alice', a: 'p003', b: 'p002', kind: 'call', at: '2026-01-05' })).status).toBe(201);
    expect((await bob.call('POST', '/api/referrals', { id: 'rf-bob-alice', from: 'p003', to: 'p002', at: '2026-01-06', status: 'passed', value: 5000 })).status).toBe(201);
  });
  afterAll(() => api.close());

  it('when a member makes their own record private to themselves by PATCH, PUT or an import, then 400 naming /privateTo, and bob and the organiser still see their records', async () => {
    const before = (await admin.call('GET', '/api/people/p002')).body;
    refusedAt(await alice.call('PATCH', '/api/people/p002', { privateTo: 'p002' }), '/privateTo', OWN);
    refusedAt(await alice.call('PUT', '/api/people/p002', { ...before, privateTo: 'p002' }), '/privateTo', OWN);
    refusedAt(await alice.call('POST', '/api/import', { people: [{ ...before, privateTo: 'p002' }] }), '/people/0/privateTo', OWN);
    expect((await admin.call('GET', '/api/people/p002')).body).toEqual(before);
    expect((await bob.call('GET', '/api/referrals/rf-bob-alice')).status).toBe(200);
    expect((await bob.call('PATCH', '/api/referrals/rf-bob-alice', { status: 'contacted' })).status).toBe(200);
    expect((await bob.call('GET', '/api/interactions/ix-bob-alice')).status).toBe(200);
    const report = await olga.call('GET', '/api/groups/g1/report');
    expect(report.status).toBe(200);
    expect(report.body.members.map((m: { person: string }) => m.person)).toContain('p002');
  });

  it('when an admin, or anyone creating a person, sets privateTo to the person\'s own id, then 400 alike', async () => {
    refusedAt(await admin.call('PATCH', '/api/people/p002', { privateTo: 'p002' }), '/privateTo', OWN);
    refusedAt(await admin.call('POST', '/api/people', { id: 'p-self', name: 'Self Ish', privateTo: 'p-self' }), '/privateTo', OWN);
    refusedAt(await alice.call('POST', '/api/people', { id: 'p-self', name: 'Self Ish', privateTo: 'p-self' }), '/privateTo', OWN);
    refusedAt(await admin.call('PUT', '/api/people/p-self', { name: 'Self Ish', privateTo: 'p-self' }), '/privateTo', OWN);
    refusedAt(await admin.call('POST', '/api/import', { people: [{ id: 'p-ok', name: 'Fine' }, { id: 'p-self', name: 'Self Ish', privateTo: 'p-self' }] }), '/people/1/privateTo', OWN);
    expect((await admin.call('GET', '/api/people/p-self')).status).toBe(404);
    expect((await admin.call('GET', '/api/people/p-ok')).status).toBe(404);
  });

  it('when the CLI (a trusted writer) makes a person their own private contact, then the service refuses it too', async () => {
    const service = api.refnet.service;
    await expect(service.patch('person', 'p002', { privateTo: 'p002' }, TRUSTED_WRITER)).rejects.toThrow(ValidationError);
    await expect(service.importDocument({ people: [{ id: 'p-cli', name: 'Cli Self', privateTo: 'p-cli' }] })).rejects.toThrow(OWN);
  });

  it('when an admin makes private to someone a person other people have records with, then 400 naming how many, and nothing changes', async () => {
    const before = (await admin.call('GET', '/api/people/p002')).body;
    const refused = await admin.call('PATCH', '/api/people/p002', { privateTo: 'p004' });
    refusedAt(refused, '/privateTo', OTHERS);
    expect(refused.body.detail).toMatch(/\d+ records/);
    refusedAt(await admin.call('PUT', '/api/people/p002', { ...before, privateTo: 'p004' }), '/privateTo', OTHERS);
    refusedAt(await admin.call('POST', '/api/import', { people: [{ ...before, privateTo: 'p004' }] }), '/people/0/privateTo', OTHERS);
    await expect(api.refnet.service.patch('person', 'p002', { privateTo: 'p004' })).rejects.toThrow(OTHERS);
    expect((await admin.call('GET', '/api/people/p002')).body).toEqual(before);
    expect((await bob.call('GET', '/api/referrals/rf-bob-alice')).status).toBe(200);
  });

  it('when the only records of a person are with the member they are made private to, or none, then it is allowed', async () => {
    expect((await admin.call('POST', '/api/people', { id: 'p-lone', name: 'Lone Contact' })).status).toBe(201);
    expect((await alice.call('POST', '/api/interactions', { id: 'ix-alice-lone', a: 'p002', b: 'p-lone', kind: 'met', at: '2026-01-07' })).status).toBe(201);
    const made = await admin.call('PATCH', '/api/people/p-lone', { privateTo: 'p002' });
    expect(made.status).toBe(200);
    expect((await alice.call('GET', '/api/interactions/ix-alice-lone')).status).toBe(200);
    expect((await bob.call('GET', '/api/people/p-lone')).status).toBe(404);
    // handing it to bob would take alice's interaction out of her sight
    refusedAt(await admin.call('PATCH', '/api/people/p-lone', { privateTo: 'p003' }), '/privateTo', OTHERS);
  });

  it('when someone hid a row of their week about a person, then making that person private is refused (their dismissal would vanish)', async () => {
    expect((await admin.call('POST', '/api/people', { id: 'p-hid', name: 'Hidden Row' })).status).toBe(201);
    expect((await alice.call('POST', '/api/interactions', { a: 'p002', b: 'p-hid', kind: 'met', at: '2026-01-07' })).status).toBe(201);
    expect((await bob.call('POST', '/api/me/week/dismissals', { row: 'dormant:p-hid', kind: 'not_relevant' })).status).toBe(201);
    refusedAt(await admin.call('PATCH', '/api/people/p-hid', { privateTo: 'p002' }), '/privateTo', /1 record other people take part in/);
  });
});
