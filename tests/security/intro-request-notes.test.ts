/**
 * Who reads an intro request (graph/service/intro-requests.ts `introRequestSeenBy`, the one rule):
 * its requester and its connector read all of it, notes included; its target reads who asked whom
 * and how it stands, in `aboutMe`, never the requester's or the connector's notes; nobody else
 * (a member, an organiser, a key without the admin scope) reads it at all — `GET /api/export`
 * included (QA: any member read every request and its notes there). Admins read everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

const PASSWORD = 'correct horse battery';
const ASKING = 'confidential: I want to poach Carmen';
const ANSWER = 'between us: I owe alice one';

type Request = { id: string; note?: string; changes: { note?: string }[] };

describe('intro requests are read by the people in them, their notes by requester and connector only', () => {
  let api: AccountsApi;
  let alice: Browser; // requester p002
  let bob: Browser; // connector p003
  let carol: Browser; // target p004
  let olga: Browser; // an organiser with no part in it
  let admin: Browser;
  let id: string;

  const exported = async (who: Browser): Promise<Request[]> => {
    const r = await who.call('GET', '/api/export');
    expect(r.status).toBe(200);
    return (r.body.introRequests ?? []) as Request[];
  };

  beforeAll(async () => {
    api = await startAccountsApi();
    const accounts = [
      ['alice', 'p002', 'member'],
      ['bob', 'p003', 'member'],
      ['carol', 'p004', 'member'],
      ['olga', 'p091', 'organiser'],
      ['root', 'p005', 'admin'],
    ] as const;
    const browsers: Browser[] = [];
    for (const [name, person, role] of accounts) {
      await addAccount(api.dir, { email: `${name}@example.org`, person, role, password: PASSWORD });
      const b = api.browser();
      expect((await b.signIn(`${name}@example.org`, PASSWORD)).status).toBe(200);
      browsers.push(b);
    }
    [alice, bob, carol, olga, admin] = browsers as [Browser, Browser, Browser, Browser, Browser];
    expect((await alice.call('POST', '/api/interactions', { a: 'p002', b: 'p003', kind: 'call', at: '2026-01-02' })).status).toBe(201);
    expect((await bob.call('POST', '/api/interactions', { a: 'p003', b: 'p004', kind: 'call', at: '2026-01-02' })).status).toBe(201);
    const asked = await alice.call('POST', '/api/intro-requests', { connector: 'p003', target: 'p004', note: ASKING });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    id = asked.body.id;
    expect((await bob.call('POST', `/api/intro-requests/${id}/status`, { status: 'accepted', note: ANSWER })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when someone with no part in a request exports the network, then the request is not in it', async () => {
    expect((await exported(olga)).map((q) => q.id)).not.toContain(id);
  });

  it('when the target exports the network, then the request is not in it either, and aboutMe shows it without any note', async () => {
    expect((await exported(carol)).map((q) => q.id)).not.toContain(id);
    const mine = (await carol.call('GET', '/api/intro-requests')).body;
    const about = (mine.aboutMe as Request[]).find((q) => q.id === id)!;
    expect(about).toMatchObject({ requester: 'p002', connector: 'p003', target: 'p004', status: 'accepted' });
    expect(about.note).toBeUndefined();
    expect(about.changes.map((c) => c.note)).toEqual([undefined, undefined]);
    expect(JSON.stringify(mine)).not.toContain('poach');
    expect(JSON.stringify(mine)).not.toContain('owe alice');
  });

  it('when the requester, the connector or an admin exports, then the whole request is in it, notes included', async () => {
    for (const who of [alice, bob, admin]) {
      const q = (await exported(who)).find((x) => x.id === id);
      expect(q).toMatchObject({ note: ASKING, changes: [{}, { note: ANSWER }] });
    }
  });

  it('when the requester imports back their own export, then nothing is refused', async () => {
    const doc = (await alice.call('GET', '/api/export')).body;
    const again = await alice.call('POST', '/api/import', doc);
    expect(again.status, JSON.stringify(again.body).slice(0, 300)).toBe(200);
  });
});
