/**
 * PUT /api/me/password over real HTTP: a signed-in account changes its own password. The current
 * password is checked (a wrong one is a 400 on `current`, counted with failed sign-ins against the
 * same limits), the new one follows the rule of `refnet users create`, the CSRF rule applies, every
 * other session of the account ends and this one goes on under a new id. A key or local mode has
 * no password: 409 saying why (a read key is refused by scope first, 403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { PASSWORD_MIN } from '../../api/security/password-rules.js';
import { isProblem } from '../api/harness.js';
import { addAccount, sessionCookieOf, signedIn, startAccountsApi, type AccountsApi } from './accounts-support.js';

const OLD = 'the first long passphrase';
const NEW = 'a brand new long passphrase';

describe('changing one\'s own password', () => {
  let api: AccountsApi;
  let keys: Record<'read' | 'write' | 'admin', string>;
  beforeAll(async () => {
    api = await startAccountsApi({ signInLimits: { perAccount: 3, perAddress: 50, windowMs: 60_000 } });
  });
  afterAll(() => api.close());

  it('when the server is in local mode, then there is no password to change: 409 saying so', async () => {
    const r = await api.call('PUT', '/api/me/password', { current: OLD, password: NEW });
    expect(isProblem(r, 409, 'conflict')).toBe(true);
    expect(r.body.detail).toMatch(/local mode has no accounts/);
  });

  it('when an API key asks, then a read key is refused by scope (403) and a write or admin key is told a key has no password (409)', async () => {
    const file = keysFilePath({ REFNET_DATA: api.dir });
    keys = {
      read: (await createKey(file, { scope: 'read', name: 'reader' })).token,
      write: (await createKey(file, { scope: 'write', name: 'writer' })).token,
      admin: (await createKey(file, { scope: 'admin', name: 'admin' })).token,
    };
    const as = (token: string) => api.call('PUT', '/api/me/password', { current: OLD, password: NEW }, { authorization: `Bearer ${token}` });
    expect(isProblem(await as(keys.read), 403, 'forbidden')).toBe(true);
    for (const token of [keys.write, keys.admin]) {
      const r = await as(token);
      expect(isProblem(r, 409, 'conflict')).toBe(true);
      expect(r.body.detail).toMatch(/API key has no password/);
    }
  });

  it('when a member changes their password, then this session goes on under a new id, their other sessions end, and only the new password signs in', async () => {
    const here = await signedIn(api, { email: 'Mia@Example.org', person: 'p001', role: 'member', password: OLD });
    const elsewhere = api.browser();
    expect((await elsewhere.signIn('mia@example.org', OLD)).status).toBe(200);
    const oldCookie = here.cookie!;

    const r = await here.call('PUT', '/api/me/password', { current: OLD, password: NEW });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ person: 'p001', role: 'member', email: 'mia@example.org', csrfToken: here.csrf });
    expect(r.headers.get('cache-control')).toBe('no-store');
    const renewed = sessionCookieOf(r);
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(oldCookie);
    here.cookie = renewed; // as the browser keeps it

    // This browser stays signed in, and its CSRF token still works for a write.
    expect((await here.call('GET', '/api/me')).body.email).toBe('mia@example.org');
    expect((await here.call('POST', '/api/me/week/dismissals', { row: 'dormant:p002', kind: 'not_relevant' })).status).toBe(201);
    // The id it had before, and every other session of the account, have ended.
    expect(isProblem(await api.call('GET', '/api/me', undefined, { cookie: oldCookie }), 401)).toBe(true);
    expect(isProblem(await elsewhere.call('GET', '/api/me'), 401)).toBe(true);
    // The old password no longer signs in; the new one does.
    expect(isProblem(await api.browser().signIn('mia@example.org', OLD), 401)).toBe(true);
    expect((await api.browser().signIn('mia@example.org', NEW)).status).toBe(200);
    // Nowhere in an answer or the accounts file is the password in clear.
    expect(JSON.stringify(r.body)).not.toContain(NEW);
  });

  it('when the write lacks the CSRF token, then 403 and the password is unchanged', async () => {
    const b = await signedIn(api, { email: 'csrf@example.org', person: 'p002', role: 'member', password: OLD });
    const r = await b.call('PUT', '/api/me/password', { current: OLD, password: NEW }, { csrf: false });
    expect(isProblem(r, 403, 'forbidden')).toBe(true);
    expect(r.body.detail).toMatch(/X-CSRF-Token/);
    expect((await b.call('GET', '/api/me')).status).toBe(200);
    expect((await api.browser().signIn('csrf@example.org', OLD)).status).toBe(200);
  });

  it('when the new password breaks the rule, the body is not {current, password}, or the new one is the current one, then 400 on that field and nothing changes', async () => {
    const b = await signedIn(api, { email: 'rules@example.org', person: 'p003', role: 'organiser', password: OLD });
    const short = await b.call('PUT', '/api/me/password', { current: OLD, password: 'x'.repeat(PASSWORD_MIN - 1) });
    expect(isProblem(short, 400, 'validation')).toBe(true);
    expect(short.body.errors).toEqual([{ path: '/password', message: `a password needs at least ${PASSWORD_MIN} characters` }]);
    const long = await b.call('PUT', '/api/me/password', { current: OLD, password: 'x'.repeat(1025) });
    expect(long.body.errors).toEqual([{ path: '/password', message: 'a password has at most 1024 characters' }]);
    const missing = await b.call('PUT', '/api/me/password', { password: NEW });
    expect(missing.body.errors).toEqual([{ path: '/current', message: 'is required' }]);
    const extra = await b.call('PUT', '/api/me/password', { current: OLD, password: NEW, email: 'other@example.org' });
    expect(isProblem(extra, 400)).toBe(true);
    const same = await b.call('PUT', '/api/me/password', { current: OLD, password: OLD });
    expect(same.body.errors).toEqual([{ path: '/password', message: 'the new password is the same as the current one' }]);
    expect((await b.call('GET', '/api/me')).status).toBe(200);
    expect((await api.browser().signIn('rules@example.org', OLD)).status).toBe(200);
  });

  it('when the current password is wrong, then 400 on `current`, and wrong ones count with failed sign-ins: past the limit even the right one is refused 429', async () => {
    await addAccount(api.dir, { email: 'guess@example.org', person: 'p004', role: 'member', password: OLD });
    const b = api.browser();
    expect((await b.signIn('guess@example.org', OLD)).status).toBe(200);
    const wrong = await b.call('PUT', '/api/me/password', { current: 'not the password', password: NEW });
    expect(isProblem(wrong, 400, 'validation')).toBe(true);
    expect(wrong.body.errors).toEqual([{ path: '/current', message: 'this is not your current password' }]);
    // A refused new password is answered before the current one is checked: it guesses nothing, counts nothing.
    for (let i = 0; i < 4; i++) expect((await b.call('PUT', '/api/me/password', { current: `guess ${i}`, password: 'short' })).body.errors[0].path).toBe('/password');
    // One wrong change above and one failed sign-in here: the third wrong password reaches the limit of 3.
    expect((await api.browser().signIn('guess@example.org', 'another wrong guess')).status).toBe(401);
    expect((await b.call('PUT', '/api/me/password', { current: 'a third guess', password: NEW })).status).toBe(400);
    const limited = await b.call('PUT', '/api/me/password', { current: OLD, password: NEW });
    expect(isProblem(limited, 429, 'too-many-requests')).toBe(true);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Signing in to that account is limited by the same count; the session itself still works.
    expect(isProblem(await api.browser().signIn('guess@example.org', OLD), 429)).toBe(true);
    expect((await b.call('GET', '/api/me')).status).toBe(200);
  });
});
