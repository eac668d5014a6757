/**
 * "Me" for a request that acts as no person (docs/API.md, "This week" and "Intro requests"): an API
 * key, or local mode before "who are you?" is answered. Every /api/me/… route and every intro
 * request route answers the same 409 (the caller lacks a person, not a sign-in), and its detail
 * says what to do on that route: the /api/people/{id}/… twin of a week route, and for intro
 * requests (which have no such twin) to act as a person.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { startAccountsApi, type AccountsApi } from '../security/accounts-support.js';
import { call, isProblem, startTestApi, type Reply, type TestApi } from './harness.js';

type Send = (method: string, path: string, body?: unknown) => Promise<Reply>;

/** Each route acting as "me", with what its 409 detail must point to. */
const ROUTES: { method: string; path: string; body?: unknown; hint: RegExp }[] = [
  { method: 'GET', path: '/api/me/week', hint: /\/api\/people\/\{id\}\/week\b/ },
  { method: 'GET', path: '/api/me/week?asOf=2024-06-30', hint: /\/api\/people\/\{id\}\/week\b/ },
  { method: 'POST', path: '/api/me/week/dismissals', body: { row: 'owed:someone', kind: 'not_relevant' }, hint: /POST \/api\/people\/\{id\}\/week\/dismissals/ },
  { method: 'DELETE', path: `/api/me/week/dismissals/${encodeURIComponent('owed:someone')}`, hint: /DELETE \/api\/people\/\{id\}\/week\/dismissals\/\{row\}/ },
  { method: 'GET', path: '/api/intro-requests', hint: /sign in/ },
  { method: 'POST', path: '/api/intro-requests', body: { connector: 'a', target: 'b' }, hint: /sign in/ },
  { method: 'POST', path: '/api/intro-requests/iq-1/status', body: { status: 'accepted' }, hint: /sign in/ },
];

async function expectNobody(send: Send) {
  for (const r of ROUTES) {
    const reply = await send(r.method, r.path, r.body);
    const label = `${r.method} ${r.path} → ${reply.status} ${reply.body?.detail}`;
    expect(isProblem(reply, 409, 'conflict'), label).toBe(true);
    expect(reply.body.detail, label).toMatch(/acts as no person/);
    expect(reply.body.detail, label).toMatch(r.hint);
    // an intro request route has no /week twin: pointing there sends the caller astray
    if (r.path.startsWith('/api/intro-requests')) expect(reply.body.detail, label).not.toMatch(/\/week/);
  }
}

describe('a request that acts as no person', () => {
  let accounts: AccountsApi;
  let local: TestApi;
  beforeAll(async () => {
    accounts = await startAccountsApi();
    local = await startTestApi();
  });
  afterAll(async () => {
    await accounts?.close();
    await local?.close();
  });

  it('when an API key (even an admin one) calls a "me" route, then 409 with the route\'s own hint', async () => {
    const keys = keysFilePath({ REFNET_DATA: accounts.dir });
    for (const scope of ['admin', 'write'] as const) {
      const token = (await createKey(keys, { scope, name: `${scope}-key` })).token;
      await expectNobody((method, path, body) => call(accounts.url, method, path, body, { authorization: `Bearer ${token}` }));
    }
  });

  it('when local mode has not chosen "me" yet, then the same 409 with the same hints', async () => {
    await expectNobody((method, path, body) => local.call(method, path, body));
  });

  it('when docs/API.md describes "me" without a person, then it gives the code\'s 409, never 401', () => {
    const api = readFileSync(new URL('../../docs/API.md', import.meta.url), 'utf8');
    const meRows = api.split('\n').filter((line) => /^\| \w+ \| `\/api\/me\/week/.test(line));
    expect(meRows.length).toBeGreaterThan(0);
    for (const row of meRows) expect(row).not.toMatch(/`401`/);
    expect(meRows.join('\n')).toMatch(/`409`/);
  });
});
