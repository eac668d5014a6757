/**
 * An account and the person it is are written in step: creating an account for a person while
 * that person is deleted ends with one of the two refused, never an account of a deleted person
 * (which would sign in as nobody, and as whoever later gets the id). Before, the person was
 * checked, then the password hashed (a long wait by design), and a delete arriving meanwhile
 * found no account and went through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { isProblem, type Reply } from '../api/harness.js';
import { startAccountsApi, type AccountsApi } from './accounts-support.js';

describe('an account created while its person is deleted', () => {
  let api: AccountsApi;
  let asAdmin: (method: string, path: string, body?: unknown) => Promise<Reply>;
  beforeAll(async () => {
    // A real hashing cost: the password takes a moment to hash, as in production.
    api = await startAccountsApi({ sample: false, env: { PASSWORD_HASH_COST: '16' } });
    const people = ['ann', 'bob', ' bob '].map((id) => ({ id, name: id.toUpperCase() }));
    const token = (await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'admin', name: 'admin' })).token;
    asAdmin = (method, path, body) => api.call(method, path, body, { authorization: `Bearer ${token}` });
    expect((await asAdmin('POST', '/api/import', { people })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when the delete arrives while the account is being created, then either the account or the delete is refused, and no account names a deleted person', async () => {
    const created = asAdmin('POST', '/api/admin/accounts', { email: 'ann@example.org', password: 'a long enough passphrase', person: 'ann', role: 'admin' });
    const deleted = asAdmin('DELETE', '/api/people/ann');
    const [account, removal] = await Promise.all([created, deleted]);
    const outcome = `account ${account.status} ${account.body?.detail ?? ''} / delete ${removal.status} ${removal.body?.detail ?? ''}`;
    expect(account.status === 201 && removal.status === 200, outcome).toBe(false);
    if (account.status === 201) {
      expect(isProblem(removal, 409, 'conflict'), outcome).toBe(true);
      expect(removal.body.detail).toMatch(/an account \(ann@example\.org\) belongs to ANN/);
    } else {
      expect(removal.status, outcome).toBe(200);
      expect(isProblem(account, 400, 'validation'), outcome).toBe(true);
      expect(account.body.errors).toEqual([{ path: '/person', message: 'there is no person "ann" in the network' }]);
    }
  });

  it('when an account names a person whose id has spaces around it, then the account is that person, not the one without them', async () => {
    const created = await asAdmin('POST', '/api/admin/accounts', { email: 'spaced@example.org', password: 'a long enough passphrase', person: ' bob ', role: 'admin' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.person).toBe(' bob ');
  });
});
