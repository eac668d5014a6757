/**
 * A dismissal hides a row of someone's week about people: the people (and the event, the referral)
 * its row key names must exist and be visible to the writer, by every way in — `POST
 * /api/me/week/dismissals`, `POST /api/people/{id}/week/dismissals` and an import — or it is a 400
 * "unknown person" in the words an id nobody holds gets (docs/SECURITY.md), so it never says a
 * hidden person is there. QA: a member could hide `dormant:nobody`, or a row about another
 * member's private contact, which then vanished from their own view (201, a silent drop).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, type Reply } from '../api/harness.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';

describe('a dismissal names only people its writer sees', () => {
  let api: AccountsApi;
  let alice: Browser;
  let bob: Browser;
  let admin: Browser;

  /** The 400 on `pointer` with exactly this message. */
  const refused = (r: Reply, pointer: string, message: string) => {
    expect(isProblem(r, 400, 'validation'), JSON.stringify(r.body)).toBe(true);
    expect(r.body.errors).toEqual([{ path: pointer, message }]);
  };

  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'alice@example.org', person: 'p002', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'bob@example.org', person: 'p003', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'root@example.org', person: 'p004', role: 'admin', password: PASSWORD });
    [alice, bob, admin] = [api.browser(), api.browser(), api.browser()];
    expect((await alice.signIn('alice@example.org', PASSWORD)).status).toBe(200);
    expect((await bob.signIn('bob@example.org', PASSWORD)).status).toBe(200);
    expect((await admin.signIn('root@example.org', PASSWORD)).status).toBe(200);
    expect((await bob.call('POST', '/api/people', { id: 'p-bobs', name: 'Bobs Secret', privateTo: 'p003' })).status).toBe(201);
    expect((await bob.call('POST', '/api/referrals', { id: 'rf-bobs', from: 'p003', to: 'p-bobs', at: '2026-01-02', status: 'passed' })).status).toBe(201);
  });
  afterAll(() => api.close());

  it('when a member hides a row about nobody, or about another member\'s private contact, then 400 in the same words, and nothing is stored', async () => {
    for (const base of ['/api/me/week/dismissals', '/api/people/p002/week/dismissals']) {
      const send = (row: string) => alice.call('POST', base, { row, kind: 'not_relevant' });
      refused(await send('dormant:nobody'), '/row', 'unknown person "nobody"');
      refused(await send('dormant:p-bobs'), '/row', 'unknown person "p-bobs"');
      refused(await send('owed:p-bobs'), '/row', 'unknown person "p-bobs"');
      refused(await send('intro:p003:p-bobs'), '/row', 'unknown person "p-bobs"');
      refused(await send('followUp:p-bobs:e01'), '/row', 'unknown person "p-bobs"');
      refused(await send('followUp:p003:no-such-event'), '/row', 'unknown event "no-such-event"');
      refused(await send('slip:rf-bobs'), '/row', 'unknown referral "rf-bobs"');
      refused(await send('slip:no-such-referral'), '/row', 'unknown referral "no-such-referral"');
    }
    const stored = (await admin.call('GET', '/api/export')).body.dismissals ?? [];
    expect(stored.filter((d: { person: string }) => d.person === 'p002')).toEqual([]);
  });

  it('when a member imports such a dismissal, then the import is refused naming its row', async () => {
    const at = '2026-01-03T00:00:00.000Z';
    const doc = (row: string) => ({ dismissals: [{ id: dismissalId('p002', row), person: 'p002', row, kind: 'not_relevant', at }] });
    refused(await alice.call('POST', '/api/import', doc('dormant:nobody')), '/dismissals/0/row', 'unknown person "nobody"');
    refused(await alice.call('POST', '/api/import', doc('intro:p003:p-bobs')), '/dismissals/0/row', 'unknown person "p-bobs"');
    refused(await alice.call('POST', '/api/import', doc('slip:rf-bobs')), '/dismissals/0/row', 'unknown referral "rf-bobs"');
    // a person the same document brings is known
    const withPerson = { people: [{ id: 'p-new', name: 'New One' }], ...doc('dormant:p-new') };
    expect((await alice.call('POST', '/api/import', withPerson)).status).toBe(200);
  });

  it('when the rows name people the writer sees, then they are hidden as before; bob may hide rows about his own contact', async () => {
    expect((await alice.call('POST', '/api/me/week/dismissals', { row: 'dormant:p003', kind: 'not_relevant' })).status).toBe(201);
    expect((await alice.call('POST', '/api/me/week/dismissals', { row: 'followUp:p003:e01', kind: 'not_relevant' })).status).toBe(201);
    expect((await bob.call('POST', '/api/me/week/dismissals', { row: 'dormant:p-bobs', kind: 'not_relevant' })).status).toBe(201);
    expect((await bob.call('POST', '/api/me/week/dismissals', { row: 'slip:rf-bobs', kind: 'not_relevant' })).status).toBe(201);
  });

  it('when a person a row was about is deleted, then the export leaves that dismissal out (it hides nothing), so the export imports back', async () => {
    expect((await admin.call('POST', '/api/people', { id: 'p-gone', name: 'Soon Gone' })).status).toBe(201);
    expect((await alice.call('POST', '/api/me/week/dismissals', { row: 'dormant:p-gone', kind: 'not_relevant' })).status).toBe(201);
    expect((await admin.call('DELETE', '/api/people/p-gone')).status).toBe(200);
    const doc = (await admin.call('GET', '/api/export')).body;
    expect(doc.dismissals.map((d: { row: string }) => d.row)).not.toContain('dormant:p-gone');
    expect((await admin.call('POST', '/api/import', doc)).status).toBe(200);
  });
});
