/**
 * Issue #13's accounts contract over real HTTP, from a fresh app holding the bundled sample: a
 * member account for a person of the sample signs in, reads /api/me, logs an interaction involving
 * themselves (201), is refused one between two other people (403) and any cookie write without
 * X-CSRF-Token (403), and sees the new interaction in the analytics of their person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem } from '../api/harness.js';
import { addAccount, sampleDocument, startAccountsApi, type AccountsApi } from './accounts-support.js';

describe('a member signs in and logs their week over HTTP', () => {
  let api: AccountsApi;
  let me: { id: string; name: string };
  let stranger: string;
  let others: [string, string];
  beforeAll(async () => {
    api = await startAccountsApi();
    const doc = await sampleDocument();
    me = doc.people[0]!;
    const tied = new Set(doc.interactions.flatMap((i) => (i.a === me.id ? [i.b] : i.b === me.id ? [i.a] : [])));
    stranger = doc.people.find((p) => p.id !== me.id && !tied.has(p.id))!.id;
    const rest = doc.people.filter((p) => p.id !== me.id).map((p) => p.id);
    others = [rest[1]!, rest[2]!];
    await addAccount(api.dir, { email: 'Member@Example.org', person: me.id, role: 'member', password: 'correct horse battery' });
  });
  afterAll(() => api.close());

  it('when a member account exists, then the loopback server requires sign-in', async () => {
    expect(isProblem(await api.call('GET', '/api/people'), 401)).toBe(true);
    expect(isProblem(await api.call('GET', '/api/me'), 401)).toBe(true);
  });

  it('when the member signs in, then /api/me names their person, role, email and a CSRF token, and they can log and see their own interaction only', async () => {
    const browser = api.browser();
    const signIn = await browser.signIn('member@example.org', 'correct horse battery');
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('refnet_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain HTTP without a trusted proxy

    const who = await browser.call('GET', '/api/me');
    expect(who.status).toBe(200);
    expect(who.body).toEqual({ person: me.id, name: me.name, role: 'member', email: 'member@example.org', csrfToken: signIn.body.csrfToken });
    expect(who.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const before = await browser.call('GET', `/api/relationships/${encodeURIComponent(me.id)}/${encodeURIComponent(stranger)}`);
    expect(before.status).toBe(200);
    expect(before.body.tie).toBe(false);
    const metricsBefore = await browser.call('GET', `/api/people/${encodeURIComponent(me.id)}/metrics`);
    expect(metricsBefore.status).toBe(200);

    const today = new Date().toISOString().slice(0, 10);
    const mine = await browser.call('POST', '/api/interactions', { a: me.id, b: stranger, kind: 'one_to_one', at: today, note: 'coffee' });
    expect(mine.status).toBe(201);

    const theirs = await browser.call('POST', '/api/interactions', { a: others[0], b: others[1], kind: 'met', at: today });
    expect(isProblem(theirs, 403)).toBe(true);

    const noCsrf = await browser.call('POST', '/api/interactions', { a: me.id, b: stranger, kind: 'call', at: today }, { csrf: false });
    expect(isProblem(noCsrf, 403)).toBe(true);
    expect(noCsrf.body.detail).toMatch(/X-CSRF-Token/);

    const metrics = await browser.call('GET', `/api/people/${encodeURIComponent(me.id)}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body.visibility.degree).toBe(metricsBefore.body.visibility.degree + 1);
    const after = await browser.call('GET', `/api/relationships/${encodeURIComponent(me.id)}/${encodeURIComponent(stranger)}`);
    expect(after.body.tie).toBe(true);
    expect(after.body.vcp.evidence.oneToOnes).toBe(1);
    expect(after.body.vcp.evidence.lastContact.slice(0, 10)).toBe(today);
    // only the one interaction went in: the refused ones left nothing behind
    const list = await browser.call('GET', `/api/interactions?person=${encodeURIComponent(stranger)}&limit=500`);
    expect(list.body.items.filter((i: { a: string; b: string }) => [i.a, i.b].includes(me.id))).toHaveLength(1);
  });

  it('when the member merges two people they may not edit, or hides rows of someone else\'s week, then 403 and nothing changes; their own week they may', async () => {
    const browser = api.browser();
    await browser.signIn('member@example.org', 'correct horse battery');
    const exported = async () => JSON.stringify((await browser.call('GET', '/api/export')).body);
    const before = await exported();
    expect(isProblem(await browser.call('POST', '/api/people/merge', { keep: others[0], remove: others[1] }), 403)).toBe(true);
    // a row about someone they see: one naming no one is the 400 "unknown person" first, whoever's week it is (dismissal-withheld-answers.test.ts)
    const theirs = { row: `dormant:${encodeURIComponent(others[1])}`, kind: 'not_relevant' };
    expect(isProblem(await browser.call('POST', `/api/people/${encodeURIComponent(others[0])}/week/dismissals`, theirs), 403)).toBe(true);
    expect(await exported()).toBe(before);
    // a row names a person who exists (tests/security/dismissal-rows.test.ts)
    const mine = await browser.call('POST', '/api/me/week/dismissals', { row: `dormant:${encodeURIComponent(others[0])}`, kind: 'not_relevant' });
    expect(mine.status).toBe(201);
    expect((await browser.call('DELETE', `/api/me/week/dismissals/${encodeURIComponent(`dormant:${encodeURIComponent(others[0])}`)}`)).status).toBe(204);
  });

  it('when the member signs out, then the cookie no longer works', async () => {
    const browser = api.browser();
    await browser.signIn('member@example.org', 'correct horse battery');
    expect((await browser.call('DELETE', '/api/session')).status).toBe(204);
    expect(isProblem(await browser.call('GET', '/api/me'), 401)).toBe(true);
  });
});
