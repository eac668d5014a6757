/**
 * Security of accounts and sessions over real HTTP: session fixation (a new id at every sign-in,
 * a pre-set cookie never honoured), idle and absolute expiry (an injected clock, no sleeps), CSRF,
 * password hashes never in logs or exports, the sign-in rate limit, one identical answer for every
 * failed sign-in, authentication required on loopback once an account exists, local mode's "me",
 * and the roles on writes (organiser, import).
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_REDACTION } from '../../api/security/index.js';
import { accountsFilePath } from '../../api/security/account-file.js';
import { createAccount, disableAccount } from '../../api/security/accounts.js';
import { createKey } from '../../api/security/keys.js';
import { keysFilePath } from '../../api/security/key-file.js';
import { localMeFilePath, readLocalMe } from '../../api/security/local-me.js';
import { isProblem, type Reply } from '../api/harness.js';
import { addAccount, sessionCookieOf, startAccountsApi, type AccountsApi } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
const today = () => new Date().toISOString().slice(0, 10);

describe('session fixation and rotation', () => {
  let api: AccountsApi;
  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'ann@example.org', person: 'p001', role: 'member', password: PASSWORD });
  });
  afterAll(() => api.close());

  it('when a client presents a session id the server never issued, then it is not honoured, and sign-in answers with a different one', async () => {
    const planted = `refnet_session=${randomBytes(32).toString('base64url')}`;
    expect(isProblem(await api.call('GET', '/api/me', undefined, { cookie: planted }), 401)).toBe(true);
    const signIn = await api.call('POST', '/api/session', { email: 'ann@example.org', password: PASSWORD }, { cookie: planted });
    expect(signIn.status).toBe(200);
    const issued = sessionCookieOf(signIn)!;
    expect(issued).not.toBe(planted);
    expect((await api.call('GET', '/api/me', undefined, { cookie: issued })).status).toBe(200);
    expect(isProblem(await api.call('GET', '/api/me', undefined, { cookie: planted }), 401)).toBe(true);
  });

  it('when a signed-in client signs in again, then it gets a new id and the old one stops working', async () => {
    const browser = api.browser();
    await browser.signIn('ann@example.org', PASSWORD);
    const first = browser.cookie!;
    await browser.signIn('ann@example.org', PASSWORD);
    expect(browser.cookie).not.toBe(first);
    expect(isProblem(await api.call('GET', '/api/me', undefined, { cookie: first }), 401)).toBe(true);
    expect((await browser.call('GET', '/api/me')).status).toBe(200);
  });

  it('when the request came over HTTPS through a trusted proxy, then the cookie is Secure', async () => {
    const proxied = await startAccountsApi({ env: { TRUST_PROXY: 'loopback' }, sample: false });
    try {
      await addAccount(proxied.dir, { email: 'ann@example.org', person: 'p001', role: 'member', password: PASSWORD });
      const r = await proxied.call('POST', '/api/session', { email: 'ann@example.org', password: PASSWORD }, { 'x-forwarded-proto': 'https' });
      expect(r.headers.getSetCookie().find((c) => c.startsWith('refnet_session='))).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });
});

describe('session expiry', () => {
  let api: AccountsApi;
  let now = Date.now();
  beforeAll(async () => {
    api = await startAccountsApi({ clock: () => now, env: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' }, sample: false });
    await addAccount(api.dir, { email: 'ann@example.org', person: 'p001', role: 'member', password: PASSWORD });
  });
  afterAll(() => api.close());
  const minutes = (n: number) => n * 60_000;

  it('when a session is idle longer than the idle timeout, then it has ended', async () => {
    now = Date.now() + minutes(1);
    const browser = api.browser();
    await browser.signIn('ann@example.org', PASSWORD);
    now += minutes(29);
    expect((await browser.call('GET', '/api/me')).status).toBe(200);
    now += minutes(30);
    expect(isProblem(await browser.call('GET', '/api/me'), 401)).toBe(true);
  });

  it('when a session is kept active past the absolute lifetime, then it ends anyway', async () => {
    now = Date.now() + minutes(1);
    const browser = api.browser();
    await browser.signIn('ann@example.org', PASSWORD);
    for (let t = 25; t < 120; t += 25) {
      now += minutes(25);
      expect((await browser.call('GET', '/api/me')).status, `after ${t} min`).toBe(200);
    }
    now += minutes(25); // 125 min after sign-in, 25 min after the last request
    expect(isProblem(await browser.call('GET', '/api/me'), 401)).toBe(true);
  });
});

describe('CSRF', () => {
  let api: AccountsApi;
  beforeAll(async () => {
    api = await startAccountsApi();
    await addAccount(api.dir, { email: 'ann@example.org', person: 'p001', role: 'admin', password: PASSWORD });
  });
  afterAll(() => api.close());

  it('when a cookie-authenticated write lacks the token or carries a wrong one, then it is refused 403 for every method and nothing changes', async () => {
    const browser = api.browser();
    await browser.signIn('ann@example.org', PASSWORD);
    const other = api.browser();
    await other.signIn('ann@example.org', PASSWORD);
    const writes: [string, string, unknown?][] = [
      ['POST', '/api/people', { id: 'p-new', name: 'New' }],
      ['PUT', '/api/people/p001', { name: 'Renamed' }],
      ['PATCH', '/api/people/p001', { name: 'Renamed' }],
      ['DELETE', '/api/people/p002'],
      ['POST', '/api/memberships', { person: 'p001', group: 'g1' }],
      ['POST', '/api/import', { people: [{ id: 'p-new', name: 'New' }] }],
      ['DELETE', '/api/session'],
    ];
    for (const [method, path, body] of writes) {
      const none = await browser.call(method, path, body, { csrf: false });
      expect(isProblem(none, 403), `${method} ${path} without token → ${none.status}`).toBe(true);
      const wrong = await browser.call(method, path, body, { csrf: false, headers: { 'x-csrf-token': other.csrf! } });
      expect(isProblem(wrong, 403), `${method} ${path} with another session's token → ${wrong.status}`).toBe(true);
    }
    expect((await browser.call('GET', '/api/people/p001')).body.name).not.toBe('Renamed');
    expect((await browser.call('GET', '/api/people/p002')).status).toBe(200);
    expect((await browser.call('GET', '/api/people/p-new')).status).toBe(404);
    expect((await browser.call('PATCH', '/api/people/p001', { title: 'Chair' })).status).toBe(200);
  });

  it('when an API key writes, then no CSRF token is needed', async () => {
    const { token } = await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'write', name: 'machine' });
    const r = await api.call('PATCH', '/api/people/p003', { title: 'Keyed' }, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
  });
});

describe('failed sign-ins', () => {
  let api: AccountsApi;
  beforeAll(async () => {
    api = await startAccountsApi({ sample: false, signInLimits: { perAccount: 3, perAddress: 8, windowMs: 60_000 } });
    await addAccount(api.dir, { email: 'ann@example.org', person: 'p001', role: 'member', password: PASSWORD });
    await addAccount(api.dir, { email: 'gone@example.org', person: 'p002', role: 'member', password: PASSWORD });
    await disableAccount(accountsFilePath({ REFNET_DATA: api.dir }), 'gone@example.org');
  });
  afterAll(() => api.close());
  const stable = (r: Reply) => {
    const { requestId: _r, instance: _i, ...rest } = r.body as Record<string, unknown>;
    return { status: r.status, type: r.headers.get('content-type'), body: rest, cookie: r.headers.getSetCookie().length };
  };

  it('when the email is unknown, the password wrong or the account disabled, then the answer is the same', async () => {
    const unknown = await api.call('POST', '/api/session', { email: 'nobody@example.org', password: PASSWORD });
    const wrong = await api.call('POST', '/api/session', { email: 'ann@example.org', password: 'not the password' });
    const disabled = await api.call('POST', '/api/session', { email: 'gone@example.org', password: PASSWORD });
    expect(isProblem(unknown, 401)).toBe(true);
    expect(stable(wrong)).toEqual(stable(unknown));
    expect(stable(disabled)).toEqual(stable(unknown));
    expect(stable(unknown).cookie).toBe(0);
  });

  it('when an account fails too often, then it is limited (429, Retry-After) even with the right password; other accounts are limited per address', async () => {
    // ann has 1 failure from the test above; 2 more reach the per-account limit of 3
    for (let i = 0; i < 2; i++) expect((await api.call('POST', '/api/session', { email: 'Ann@example.org', password: `wrong ${i} xxxxxxxx` })).status).toBe(401);
    const limited = await api.call('POST', '/api/session', { email: 'ann@example.org', password: PASSWORD });
    expect(isProblem(limited, 429)).toBe(true);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // a malformed body guesses nothing and is not counted
    for (let i = 0; i < 5; i++) expect((await api.call('POST', '/api/session', { email: 'x@example.org' })).status).toBe(400);
    // the address has 5 failed sign-ins counted (3 of the first test, 2 above; not the 429): other accounts may try up to 8
    for (const who of ['x1', 'x2', 'x3']) expect((await api.call('POST', '/api/session', { email: `${who}@example.org`, password: 'wrong password' })).status).toBe(401);
    expect(isProblem(await api.call('POST', '/api/session', { email: 'x4@example.org', password: 'wrong password' }), 429)).toBe(true);
  });
});

describe('failed sign-ins take as long whether or not the email exists', () => {
  it('when the email is unknown, then a dummy hash of the same cost is checked, so the answer does not come measurably sooner', async () => {
    const api = await startAccountsApi({ sample: false, env: { PASSWORD_HASH_COST: '15' } });
    try {
      await createAccount(accountsFilePath({ REFNET_DATA: api.dir }), { email: 'ann@example.org', person: 'p001', role: 'member', password: PASSWORD, cost: 15 });
      const timed = async (email: string) => {
        const t0 = performance.now();
        expect((await api.call('POST', '/api/session', { email, password: 'not the password' })).status).toBe(401);
        return performance.now() - t0;
      };
      await timed('warm-up@example.org'); // the dummy hash is made on first use
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
      const unknown = median([await timed('u1@example.org'), await timed('u2@example.org'), await timed('u3@example.org')]);
      const wrong = median([await timed('ann@example.org'), await timed('ann@example.org'), await timed('ann@example.org')]);
      // scrypt at N = 2^15 takes tens of milliseconds; an answer without it would take about one
      expect(unknown).toBeGreaterThan(wrong * 0.3);
    } finally {
      await api.close();
    }
  });
});

describe('password hashes stay secret', () => {
  it('when people sign in, fail and write, then neither the log, nor an export, nor a backup, nor any answer holds a password or a hash', async () => {
    let logged = '';
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { logged += chunk.toString(); done(); } });
    const logger = pino({ level: 'trace', ...LOG_REDACTION }, sink);
    const api = await startAccountsApi({ logger });
    try {
      await addAccount(api.dir, { email: 'ann@example.org', person: 'p001', role: 'admin', password: PASSWORD });
      const answers: string[] = [];
      const browser = api.browser();
      answers.push(JSON.stringify((await browser.signIn('ann@example.org', 'wrong password')).body));
      answers.push(JSON.stringify((await browser.signIn('ann@example.org', PASSWORD)).body));
      answers.push(JSON.stringify((await browser.call('GET', '/api/me')).body));
      answers.push(JSON.stringify((await browser.call('POST', '/api/interactions', { a: 'p001', b: 'p002', kind: 'call', at: today() })).body));
      const exported = await browser.call('GET', '/api/export');
      expect(exported.status).toBe(200);
      const backup = await browser.call('GET', '/api/admin/backup');
      expect(backup.status).toBe(200);
      answers.push(JSON.stringify(exported.body), JSON.stringify(backup.body));
      logger.info({ account: { email: 'ann@example.org', hash: 'scrypt$12$8$1$aaaa$bbbb' }, password: PASSWORD }, 'a careless log call');
      for (const text of [logged, ...answers]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain('scrypt$');
      }
      expect(logged).toContain('a careless log call');
      expect(logged).toContain('[redacted]');
    } finally {
      await api.close();
    }
  });
});

describe('local mode and "me"', () => {
  it('when there is no account and no key, then /api/me asks who you are, PUT remembers it owner-only, and the first account ends local mode', async () => {
    const api = await startAccountsApi();
    try {
      expect((await api.call('GET', '/api/me')).body).toEqual({ person: null, name: null, role: 'admin', local: true });
      expect(isProblem(await api.call('PUT', '/api/me', { person: 'no-such-person' }), 400)).toBe(true);
      const chosen = await api.call('PUT', '/api/me', { person: 'p001' });
      expect(chosen.status).toBe(200);
      expect(chosen.body).toMatchObject({ person: 'p001', role: 'admin', local: true });
      expect((await api.call('GET', '/api/me')).body).toEqual(chosen.body);
      const file = localMeFilePath({ REFNET_DATA: api.dir });
      expect(readLocalMe(file)).toBe('p001');
      expect((await stat(file)).mode & 0o777).toBe(0o600);

      await addAccount(api.dir, { email: 'ann@example.org', person: 'p001', role: 'admin', password: PASSWORD });
      expect(isProblem(await api.call('GET', '/api/me'), 401)).toBe(true);
      expect(isProblem(await api.call('PUT', '/api/me', { person: 'p002' }), 401)).toBe(true);
      const browser = api.browser();
      await browser.signIn('ann@example.org', PASSWORD);
      expect(isProblem(await browser.call('PUT', '/api/me', { person: 'p002' }), 409)).toBe(true);
      expect(readLocalMe(file)).toBe('p001');
    } finally {
      await api.close();
    }
  });
});

describe('roles on writes', () => {
  let api: AccountsApi;
  beforeAll(async () => {
    api = await startAccountsApi();
    // p001 belongs to g4 (and no other group) in the sample
    await addAccount(api.dir, { email: 'org@example.org', person: 'p001', role: 'organiser', password: PASSWORD });
    await addAccount(api.dir, { email: 'mem@example.org', person: 'p002', role: 'member', password: PASSWORD });
  });
  afterAll(() => api.close());

  it('when an organiser manages their group, then memberships and events of it are allowed and other groups refused', async () => {
    const org = api.browser();
    await org.signIn('org@example.org', PASSWORD);
    expect((await org.call('POST', '/api/memberships', { person: 'p010', group: 'g4' })).status).toBeLessThan(300);
    expect(isProblem(await org.call('POST', '/api/memberships', { person: 'p010', group: 'g1' }), 403)).toBe(true);
    expect((await org.call('POST', '/api/events', { id: 'e-org', name: 'Breakfast', at: today(), group: 'g4' })).status).toBe(201);
    expect(isProblem(await org.call('POST', '/api/events', { name: 'Elsewhere', at: today(), group: 'g1' }), 403)).toBe(true);
    expect((await org.call('POST', '/api/attendance', { person: 'p010', event: 'e-org' })).status).toBe(201);
  });

  it('when a member edits or deletes someone else’s records, then it is 403 and nothing changes; their own are fine', async () => {
    const mem = api.browser();
    await mem.signIn('mem@example.org', PASSWORD);
    const theirs = (await mem.call('GET', '/api/interactions?person=p003&limit=50')).body.items.find((i: { a: string; b: string }) => i.a !== 'p002' && i.b !== 'p002');
    expect(isProblem(await mem.call('PATCH', `/api/interactions/${encodeURIComponent(theirs.id)}`, { note: 'mine now' }), 403)).toBe(true);
    expect(isProblem(await mem.call('DELETE', `/api/interactions/${encodeURIComponent(theirs.id)}`), 403)).toBe(true);
    expect(isProblem(await mem.call('PATCH', '/api/people/p003', { title: 'Boss' }), 403)).toBe(true);
    expect(isProblem(await mem.call('DELETE', '/api/people/p003'), 403)).toBe(true);
    expect(isProblem(await mem.call('POST', '/api/memberships', { person: 'p003', group: 'g1' }), 403)).toBe(true);
    expect(isProblem(await mem.call('POST', '/api/companies', { name: 'Acme' }), 403)).toBe(true);
    // moving one of your own interactions onto two other people is refused like creating it
    const own = await mem.call('POST', '/api/interactions', { a: 'p002', b: 'p003', kind: 'call', at: today() });
    expect(own.status).toBe(201);
    expect(isProblem(await mem.call('PATCH', `/api/interactions/${encodeURIComponent(own.body.id)}`, { a: 'p004' }), 403)).toBe(true);
    expect((await mem.call('GET', `/api/interactions/${encodeURIComponent(theirs.id)}`)).body).toEqual(theirs);
    expect((await mem.call('PATCH', '/api/people/p002', { title: 'Plumber' })).status).toBe(200);
    // referral slips: given or received by them, not between others; their own attendance only
    const given = await mem.call('POST', '/api/referrals', { from: 'p002', to: 'p003', at: today(), status: 'passed', prospect: 'A roof' });
    expect(given.status).toBe(201);
    expect((await mem.call('POST', '/api/referrals', { from: 'p004', to: 'p002', at: today(), status: 'passed' })).status).toBe(201);
    expect(isProblem(await mem.call('POST', '/api/referrals', { from: 'p003', to: 'p004', at: today(), status: 'passed' }), 403)).toBe(true);
    expect((await mem.call('PATCH', `/api/referrals/${encodeURIComponent(given.body.id)}`, { status: 'won', value: 5660 })).status).toBe(200);
    expect((await mem.call('POST', '/api/attendance', { person: 'p002', event: 'e01' })).status).toBeLessThan(300);
    expect(isProblem(await mem.call('POST', '/api/attendance', { person: 'p003', event: 'e01' }), 403)).toBe(true);
    expect(isProblem(await mem.call('PUT', '/api/interactions/ix-forged', { a: 'p003', b: 'p004', kind: 'met', at: today() }), 403)).toBe(true);
    expect((await mem.call('DELETE', `/api/interactions/${encodeURIComponent(own.body.id)}`)).status).toBe(200);
  });

  it('when a member or organiser session asks for admin routes, then it is 403; whoami names the account', async () => {
    const mem = api.browser();
    await mem.signIn('mem@example.org', PASSWORD);
    expect((await mem.call('GET', '/api/whoami')).body).toEqual({ mode: 'session', email: 'mem@example.org', person: 'p002', role: 'member', scope: 'write' });
    expect(isProblem(await mem.call('GET', '/api/admin/keys'), 403)).toBe(true);
    expect(isProblem(await mem.call('GET', '/api/admin/backup'), 403)).toBe(true);
  });

  it('when a member imports a document touching other people’s records, then the whole import is refused and nothing is written', async () => {
    const mem = api.browser();
    await mem.signIn('mem@example.org', PASSWORD);
    const doc = { people: [{ id: 'p-contact', name: 'New Contact' }], interactions: [{ id: 'ix-mine', a: 'p002', b: 'p-contact', kind: 'met', at: today() }, { id: 'ix-theirs', a: 'p003', b: 'p004', kind: 'met', at: today() }] };
    expect(isProblem(await mem.call('POST', '/api/import', doc), 403)).toBe(true);
    expect((await mem.call('GET', '/api/people/p-contact')).status).toBe(404);
    const mine = { people: doc.people, interactions: [doc.interactions[0]] };
    expect((await mem.call('POST', '/api/import', mine)).status).toBe(200);
    expect((await mem.call('GET', '/api/interactions/ix-mine')).status).toBe(200);
  });
});
