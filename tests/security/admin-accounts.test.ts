/**
 * /api/admin/accounts over real HTTP: an admin (admin key, admin account, or local mode) lists,
 * creates, changes, disables and re-passwords accounts without a shell on the server. Members,
 * organisers and read/write keys are refused (403); a cookie write needs the CSRF token; emails are
 * matched as sign-in matches them; disabling or resetting ends the account's sessions; the last
 * enabled admin account can be neither disabled nor demoted; no answer holds a hash. The CLI's
 * use-cases (accounts.ts, what `refnet users …` runs) and the routes see each other's changes.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsFilePath } from '../../api/security/account-file.js';
import { createAccount, disableAccount, listAccounts, resetPassword } from '../../api/security/accounts.js';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { isProblem, type Reply } from '../api/harness.js';
import { addAccount, signedIn, startAccountsApi, TEST_COST, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'an admin long passphrase';
const MEMBER_PASSWORD = 'a member long passphrase';
const ACCOUNT_FIELDS = ['createdAt', 'email', 'id', 'passwordChangedAt', 'person', 'role'];

describe('account administration over HTTP', () => {
  let api: AccountsApi;
  let file: string;
  let keys: Record<'read' | 'write' | 'admin', string>;
  let ada: Browser;
  const withKey = (scope: keyof typeof keys, method: string, path: string, body?: unknown) => api.call(method, path, body, { authorization: `Bearer ${keys[scope]}` });
  beforeAll(async () => {
    api = await startAccountsApi();
    file = accountsFilePath({ REFNET_DATA: api.dir });
  });
  afterAll(() => api.close());

  it('when the server is in local mode, then the local user is the admin: the list is empty, and the first account created ends local mode', async () => {
    expect((await api.call('GET', '/api/admin/accounts')).body).toEqual({ accounts: [] });
    const created = await api.call('POST', '/api/admin/accounts', { email: ' Ada@Example.org ', password: PASSWORD, person: 'p001', role: 'admin' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ada@example.org', person: 'p001', role: 'admin' });
    expect(Object.keys(created.body).sort()).toEqual(ACCOUNT_FIELDS);
    expect(isProblem(await api.call('GET', '/api/admin/accounts'), 401)).toBe(true);
    ada = api.browser();
    expect((await ada.signIn('ada@example.org', PASSWORD)).status).toBe(200);
  });

  it('when keys or a member ask, then only an admin key passes: read and write keys and member or organiser sessions are refused 403 on every route', async () => {
    const keysFile = keysFilePath({ REFNET_DATA: api.dir });
    keys = {
      read: (await createKey(keysFile, { scope: 'read', name: 'reader' })).token,
      write: (await createKey(keysFile, { scope: 'write', name: 'writer' })).token,
      admin: (await createKey(keysFile, { scope: 'admin', name: 'admin' })).token,
    };
    const member = await signedIn(api, { email: 'mo@example.org', person: 'p002', role: 'member', password: MEMBER_PASSWORD });
    const organiser = await signedIn(api, { email: 'oz@example.org', person: 'p003', role: 'organiser', password: MEMBER_PASSWORD });
    const routes: [string, string, unknown][] = [
      ['GET', '/api/admin/accounts', undefined],
      ['POST', '/api/admin/accounts', { email: 'x@example.org', password: PASSWORD, person: 'p004' }],
      ['PATCH', '/api/admin/accounts/mo@example.org', { role: 'admin' }],
      ['PUT', '/api/admin/accounts/mo@example.org/password', { password: 'taken over passphrase' }],
    ];
    for (const [method, path, body] of routes) {
      for (const scope of ['read', 'write'] as const) expect(isProblem(await withKey(scope, method, path, body), 403, 'forbidden'), `${scope} key ${method} ${path}`).toBe(true);
      for (const who of [member, organiser]) expect(isProblem(await who.call(method, path, body), 403, 'forbidden'), `${method} ${path}`).toBe(true);
    }
    // Nothing they tried went through.
    expect(listAccounts(file).map((a) => [a.email, a.role])).toEqual([['ada@example.org', 'admin'], ['mo@example.org', 'member'], ['oz@example.org', 'organiser']]);
    expect((await api.browser().signIn('mo@example.org', MEMBER_PASSWORD)).status).toBe(200);
    const listed = await withKey('admin', 'GET', '/api/admin/accounts');
    expect(listed.status).toBe(200);
    expect(listed.body.accounts).toHaveLength(3);
  });

  it('when an admin lists the accounts, then every field `users list` shows is there and no password hash is anywhere in the answer', async () => {
    const r = await ada.call('GET', '/api/admin/accounts');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    for (const a of r.body.accounts) expect(Object.keys(a).sort()).toEqual(ACCOUNT_FIELDS);
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/scrypt|hash/);
    // The file does hold the hashes the answer leaves out.
    expect(await readFile(file, 'utf8')).toMatch(/"hash": "scrypt\$/);
  });

  it('when an admin creates an account, then it signs in; role defaults to member; a taken email (any letter case) is 409, an unknown person or a bad email or password is 400 on that field', async () => {
    const created = await ada.call('POST', '/api/admin/accounts', { email: 'Pia@Example.org', password: MEMBER_PASSWORD, person: 'p004' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'pia@example.org', person: 'p004', role: 'member' });
    expect((await api.browser().signIn('pia@example.org', MEMBER_PASSWORD)).status).toBe(200);

    const taken = await ada.call('POST', '/api/admin/accounts', { email: 'PIA@example.org', password: MEMBER_PASSWORD, person: 'p005' });
    expect(isProblem(taken, 409, 'conflict')).toBe(true);
    expect(taken.body.detail).toMatch(/pia@example\.org exists already/);
    const nobody = await ada.call('POST', '/api/admin/accounts', { email: 'new@example.org', password: MEMBER_PASSWORD, person: 'p-nobody' });
    expect(nobody.body.errors).toEqual([{ path: '/person', message: 'there is no person "p-nobody" in the network' }]);
    const badEmail = await ada.call('POST', '/api/admin/accounts', { email: 'not an email', password: MEMBER_PASSWORD, person: 'p005' });
    expect(isProblem(badEmail, 400, 'validation')).toBe(true);
    expect(badEmail.body.errors[0].path).toBe('/email');
    const weak = await ada.call('POST', '/api/admin/accounts', { email: 'new@example.org', password: 'short', person: 'p005' });
    expect(weak.body.errors).toEqual([{ path: '/password', message: 'a password needs at least 10 characters' }]);
    const badRole = await ada.call('POST', '/api/admin/accounts', { email: 'new@example.org', password: MEMBER_PASSWORD, person: 'p005', role: 'owner' });
    expect(badRole.body.errors[0].path).toBe('/role');
    expect(listAccounts(file).map((a) => a.email)).not.toContain('new@example.org');
  });

  it('when a cookie-authenticated admin write lacks the CSRF token, then 403 and nothing changes', async () => {
    const r = await ada.call('POST', '/api/admin/accounts', { email: 'csrf@example.org', password: MEMBER_PASSWORD, person: 'p005' }, { csrf: false });
    expect(isProblem(r, 403, 'forbidden')).toBe(true);
    expect(isProblem(await ada.call('PATCH', '/api/admin/accounts/pia@example.org', { disabled: true }, { csrf: false }), 403)).toBe(true);
    expect(listAccounts(file).find((a) => a.email === 'pia@example.org')!.disabledAt).toBeUndefined();
  });

  it('when an admin changes role or person, then the email is matched as sign-in matches it and the account\'s next request has the new role; an unknown account is 404, nothing to change or an unknown person 400', async () => {
    const pia = api.browser();
    expect((await pia.signIn('pia@example.org', MEMBER_PASSWORD)).status).toBe(200);
    const r = await ada.call('PATCH', `/api/admin/accounts/${encodeURIComponent(' PIA@Example.ORG ')}`, { role: 'organiser', person: 'p005' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: 'pia@example.org', role: 'organiser', person: 'p005' });
    expect((await pia.call('GET', '/api/me')).body).toMatchObject({ role: 'organiser', person: 'p005' });
    // By id, as the list shows it, too.
    expect((await ada.call('PATCH', `/api/admin/accounts/${r.body.id}`, { person: 'p004' })).body.person).toBe('p004');

    expect(isProblem(await ada.call('PATCH', '/api/admin/accounts/nobody@example.org', { role: 'member' }), 404, 'not-found')).toBe(true);
    expect(isProblem(await ada.call('PUT', '/api/admin/accounts/nobody@example.org/password', { password: MEMBER_PASSWORD }), 404, 'not-found')).toBe(true);
    expect((await ada.call('PATCH', '/api/admin/accounts/pia@example.org', {})).body.errors).toEqual([{ path: '', message: 'send at least one of role, person, disabled' }]);
    expect((await ada.call('PATCH', '/api/admin/accounts/pia@example.org', { person: 'p-nobody' })).body.errors).toEqual([{ path: '/person', message: 'there is no person "p-nobody" in the network' }]);
    expect(isProblem(await ada.call('PATCH', '/api/admin/accounts/pia@example.org', { disabled: 'yes' }), 400, 'validation')).toBe(true);
    expect(isProblem(await ada.call('PATCH', '/api/admin/accounts/pia@example.org', { hash: 'scrypt$x' }), 400, 'validation')).toBe(true);
  });

  it('when an admin disables an account, then its sessions end and it cannot sign in; enabled again it signs in, but no session from before comes back', async () => {
    const pia = api.browser();
    expect((await pia.signIn('pia@example.org', MEMBER_PASSWORD)).status).toBe(200);
    const off = await ada.call('PATCH', '/api/admin/accounts/pia@example.org', { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body.disabledAt).toMatch(/^\d{4}-/);
    expect(isProblem(await pia.call('GET', '/api/me'), 401)).toBe(true);
    expect(isProblem(await api.browser().signIn('pia@example.org', MEMBER_PASSWORD), 401)).toBe(true);

    // A session the server never saw presented while disabled (the CLI disabled it) must not come back either.
    const bob = await signedIn(api, { email: 'bob@example.org', person: 'p006', role: 'member', password: MEMBER_PASSWORD });
    await disableAccount(file, 'bob@example.org');
    expect((await ada.call('PATCH', '/api/admin/accounts/bob@example.org', { disabled: false })).body.disabledAt).toBeUndefined();
    expect(isProblem(await bob.call('GET', '/api/me'), 401)).toBe(true);

    const on = await ada.call('PATCH', '/api/admin/accounts/pia@example.org', { disabled: false });
    expect(on.body).not.toHaveProperty('disabledAt');
    expect(isProblem(await pia.call('GET', '/api/me'), 401)).toBe(true);
    expect((await api.browser().signIn('pia@example.org', MEMBER_PASSWORD)).status).toBe(200);
  });

  it('when an admin sets an account\'s password, then its sessions end, the old password stops working and the new one follows the rule', async () => {
    const pia = api.browser();
    expect((await pia.signIn('pia@example.org', MEMBER_PASSWORD)).status).toBe(200);
    expect((await ada.call('PUT', '/api/admin/accounts/pia@example.org/password', { password: 'short' })).body.errors).toEqual([{ path: '/password', message: 'a password needs at least 10 characters' }]);
    expect((await pia.call('GET', '/api/me')).status).toBe(200);
    const r = await ada.call('PUT', '/api/admin/accounts/pia@example.org/password', { password: 'set by the admin passphrase' });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toMatch(/scrypt|passphrase/);
    expect(isProblem(await pia.call('GET', '/api/me'), 401)).toBe(true);
    expect(isProblem(await api.browser().signIn('pia@example.org', MEMBER_PASSWORD), 401)).toBe(true);
    expect((await api.browser().signIn('pia@example.org', 'set by the admin passphrase')).status).toBe(200);
  });

  it('when the last enabled admin account would be disabled or demoted, then 409 says so and nothing changes, whoever asks; with a second admin it is allowed', async () => {
    const refusals: Reply[] = [
      await ada.call('PATCH', '/api/admin/accounts/ada@example.org', { disabled: true }),
      await ada.call('PATCH', '/api/admin/accounts/ada@example.org', { role: 'member' }),
      await withKey('admin', 'PATCH', '/api/admin/accounts/ada@example.org', { role: 'organiser', disabled: true }),
    ];
    for (const r of refusals) {
      expect(isProblem(r, 409, 'conflict')).toBe(true);
      expect(r.body.detail).toMatch(/ada@example\.org is the only enabled admin account/);
    }
    expect(listAccounts(file).find((a) => a.email === 'ada@example.org')).toMatchObject({ role: 'admin' });
    expect(listAccounts(file).find((a) => a.email === 'ada@example.org')!.disabledAt).toBeUndefined();
    expect((await ada.call('GET', '/api/me')).status).toBe(200);

    // A disabled admin does not count as one who can still manage accounts.
    await createAccount(file, { email: 'gone@example.org', person: 'p007', role: 'admin', password: PASSWORD, cost: TEST_COST });
    await disableAccount(file, 'gone@example.org');
    expect(isProblem(await ada.call('PATCH', '/api/admin/accounts/ada@example.org', { role: 'member' }), 409)).toBe(true);

    expect((await ada.call('PATCH', '/api/admin/accounts/mo@example.org', { role: 'admin' })).body.role).toBe('admin');
    const demoted = await ada.call('PATCH', '/api/admin/accounts/ada@example.org', { role: 'member' });
    expect(demoted.body.role).toBe('member');
    // Ada's session now has a member's scope.
    expect(isProblem(await ada.call('GET', '/api/admin/accounts'), 403)).toBe(true);
  });

  it('when the CLI\'s use-cases and the routes change the accounts file, then each sees the other\'s changes at once', async () => {
    // The CLI creates (as `users create`): the server lists it and it signs in.
    await addAccount(api.dir, { email: 'cli@example.org', person: 'p008', role: 'member', password: MEMBER_PASSWORD });
    const listed = (await withKey('admin', 'GET', '/api/admin/accounts')).body.accounts as { email: string }[];
    expect(listed.map((a) => a.email)).toContain('cli@example.org');
    const cli = api.browser();
    expect((await cli.signIn('cli@example.org', MEMBER_PASSWORD)).status).toBe(200);
    // The server changes it: the CLI's list shows it.
    expect((await withKey('admin', 'PATCH', '/api/admin/accounts/cli@example.org', { role: 'organiser' })).status).toBe(200);
    expect(listAccounts(file).find((a) => a.email === 'cli@example.org')!.role).toBe('organiser');
    // The CLI resets its password (as `users reset-password`): the server ends its session at once.
    await resetPassword(file, 'cli@example.org', 'reset on the server passphrase', { cost: TEST_COST });
    expect(isProblem(await cli.call('GET', '/api/me'), 401)).toBe(true);
    // The server creates one: the CLI's create refuses the same email.
    expect((await withKey('admin', 'POST', '/api/admin/accounts', { email: 'web@example.org', password: MEMBER_PASSWORD, person: 'p009' })).status).toBe(201);
    await expect(createAccount(file, { email: 'WEB@example.org', person: 'p009', role: 'member', password: MEMBER_PASSWORD, cost: TEST_COST })).rejects.toThrow(/exists already/);
  });
});
