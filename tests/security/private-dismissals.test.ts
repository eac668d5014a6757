/**
 * A dismissal says which row of "this week" its owner hid, and the row key names the people of
 * the row: a row about another member's private contact (`dormant:z1`, `intro:bob:z1`, a slip of
 * a referral with z1) is withheld with that contact, in the export as in every answer naming it
 * (docs/SECURITY.md): who the contact is, and whose, must not leak through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { dismissalId } from '../../graph/service/dismissals.js';
import { call } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi } from './accounts-support.js';
import { hidden, namesNoneOf, person } from './withheld-support.js';

const PASSWORD = 'correct horse battery';
const at = '2024-05-01T10:00:00Z';
const network = {
  people: [person('ann'), person('bob'), person('root'), hidden('z1'), hidden('zz 2')],
  interactions: [
    { id: 'i1', a: 'ann', b: 'z1', kind: 'met', at: '2024-04-01' },
    { id: 'i2', a: 'ann', b: 'bob', kind: 'met', at: '2024-04-01' },
  ],
  referrals: [{ id: 'r-secret', from: 'ann', to: 'z1', at: '2024-04-02', status: 'passed' }],
  dismissals: [
    { id: dismissalId('ann', 'dormant:z1'), person: 'ann', row: 'dormant:z1', kind: 'not_relevant', at },
    { id: dismissalId('ann', 'dormant:zz%202'), person: 'ann', row: 'dormant:zz%202', kind: 'not_relevant', at },
    { id: dismissalId('ann', 'intro:bob:z1'), person: 'ann', row: 'intro:bob:z1', kind: 'not_relevant', at },
    { id: dismissalId('ann', 'slip:r-secret'), person: 'ann', row: 'slip:r-secret', kind: 'not_relevant', at },
    { id: dismissalId('ann', 'dormant:bob'), person: 'ann', row: 'dormant:bob', kind: 'not_relevant', at },
  ],
};

describe('dismissals of rows about a private contact', () => {
  let api: AccountsApi;
  beforeAll(async () => {
    api = await startAccountsApi({ sample: false });
    const imported = await api.call('POST', '/api/import', network);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  });
  afterAll(() => api.close());

  it('when someone who does not see the contact exports, then the dismissals naming it (or a referral with it) are left out, the others kept', async () => {
    const bob = await signedIn(api, { email: 'bob@example.org', person: 'bob', role: 'organiser', password: PASSWORD });
    const token = (await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'write', name: 'writer' })).token;
    const asKey = await call(api.url, 'GET', '/api/export', undefined, { authorization: `Bearer ${token}` });
    for (const r of [await bob.call('GET', '/api/export'), asKey]) {
      expect(r.status).toBe(200);
      expect(r.body.dismissals.map((d: { row: string }) => d.row)).toEqual(['dormant:bob']);
      namesNoneOf(['z1'])(r);
      expect(JSON.stringify(r.body)).not.toMatch(/r-secret|zz%202/);
    }
  });

  it('when someone dismisses or brings back a row of a private contact\'s week, then the 404 is word for word that of an id no one has', async () => {
    const bob = await signedIn(api, { email: 'bob2@example.org', person: 'bob', role: 'member', password: PASSWORD });
    const token = (await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'write', name: 'writer2' })).token;
    const asKey = (method: string, path: string, body?: unknown) => call(api.url, method, path, body, { authorization: `Bearer ${token}` });
    for (const who of [bob.call.bind(bob), asKey]) {
      const answers = async (id: string) => {
        const post = await who('POST', `/api/people/${encodeURIComponent(id)}/week/dismissals`, { row: 'dormant:bob', kind: 'not_relevant' });
        const del = await who('DELETE', `/api/people/${encodeURIComponent(id)}/week/dismissals/dormant%3Abob`);
        return [post, del].map((r) => ({ status: r.status, type: r.body?.type, detail: String(r.body?.detail).replaceAll(id, 'ID') }));
      };
      const hiddenOne = await answers('z1');
      expect(hiddenOne[0]!.status).toBe(404);
      expect(hiddenOne).toEqual(await answers('nobody-at-all'));
    }
  });

  it('when the owner or an admin exports, then every dismissal is there', async () => {
    const ann = await signedIn(api, { email: 'ann@example.org', person: 'ann', role: 'member', password: PASSWORD });
    const admin = await signedIn(api, { email: 'root@example.org', person: 'root', role: 'admin', password: PASSWORD });
    for (const who of [ann, admin]) expect((await who.call('GET', '/api/export')).body.dismissals).toHaveLength(5);
  });
});
