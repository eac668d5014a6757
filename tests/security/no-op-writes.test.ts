/**
 * Permission never hangs on whether a write changes anything (graph/service/permissions.ts): a
 * member re-sending someone else's record exactly as it is stored — by POST (memberships,
 * attendance), PUT or PATCH — is refused 403 like an edit would be, not answered 200 "replaced"; sharing
 * a person (POST /api/people/{id}/share) is refused to whoever is neither its owner nor an admin, the
 * person already shared or not. Their own
 * records re-sent unchanged stay a 200 that writes nothing. An import makes the store hold a
 * document: records it restates as stored are no write of them, and only its changes are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFilePath } from '../../api/security/key-file.js';
import { createKey } from '../../api/security/keys.js';
import { isProblem, type Reply } from '../api/harness.js';
import { signedIn, startAccountsApi, type AccountsApi, type Browser } from './accounts-support.js';

type Rec = Record<string, unknown>;

describe('a write the caller may not make is refused even when it changes nothing', () => {
  let api: AccountsApi;
  let mem: Browser;
  let all: Record<string, Rec[]>;
  const ME = 'p002';
  const notMine = (collection: string, involves: (r: Rec) => boolean) => all[collection]!.find((r) => !involves(r))!;
  const exported = async () => JSON.stringify((await mem.call('GET', '/api/export')).body);

  beforeAll(async () => {
    api = await startAccountsApi();
    all = (await api.call('GET', '/api/export')).body;
    mem = await signedIn(api, { email: 'mem@example.org', person: ME, role: 'member', password: 'correct horse battery' });
  });
  afterAll(() => api.close());

  it('when a member re-posts another person\'s membership or attendance unchanged, then 403 and not 200 "replaced"', async () => {
    const membership = notMine('memberships', (m) => m.person === ME);
    const attendance = notMine('attendance', (a) => a.person === ME);
    for (const [path, record] of [['/api/memberships', membership], ['/api/attendance', attendance]] as const) {
      const r = await mem.call('POST', path, record);
      expect(isProblem(r, 403), `${path} ${JSON.stringify(record)}: ${r.status}`).toBe(true);
      expect(r.body.detail).toMatch(/writes only records they take part in/);
    }
  });

  it('when a member PUTs or PATCHes (with nothing to change) a record of any kind that is not theirs, then 403', async () => {
    const others: [string, Rec][] = [
      ['people', notMine('people', (p) => p.id === ME)],
      ['companies', all.companies![0]!],
      ['groups', all.groups![0]!],
      ['events', all.events![0]!],
      ['interactions', notMine('interactions', (i) => i.a === ME || i.b === ME)],
      ['referrals', notMine('referrals', (r) => r.from === ME || r.to === ME)],
    ];
    for (const [collection, record] of others) {
      const path = `/api/${collection}/${encodeURIComponent(String(record.id))}`;
      const put = await mem.call('PUT', path, record);
      expect(isProblem(put, 403), `PUT ${path}: ${put.status}`).toBe(true);
      const patch = await mem.call('PATCH', path, {});
      expect(isProblem(patch, 403), `PATCH ${path}: ${patch.status}`).toBe(true);
    }
  });

  it('when a member imports a document restating other people\'s records as stored, beside a new record of their own, then only their record is written', async () => {
    const others = {
      people: [notMine('people', (p) => p.id === ME)],
      groups: [all.groups![0]!],
      memberships: [notMine('memberships', (m) => m.person === ME)],
      attendance: [notMine('attendance', (a) => a.person === ME)],
      referrals: [notMine('referrals', (r) => r.from === ME || r.to === ME)],
    };
    const other = String(others.people[0]!.id);
    const mine = { id: 'i-no-op-import-own', a: ME, b: other, kind: 'call', at: '2026-01-05T10:00:00Z' };
    const r = await mem.call('POST', '/api/import', { ...others, interactions: [mine] });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body.unchanged).toMatchObject({ people: 1, groups: 1, memberships: 1, attendance: 1, referrals: 1 });
    expect(r.body.created).toMatchObject({ interactions: 1, people: 0 });
    expect((await mem.call('GET', '/api/interactions/i-no-op-import-own')).status).toBe(200);
  });

  it('when a member imports a document that changes another person\'s record, then 403 and nothing is written, even beside records of their own', async () => {
    const before = await exported();
    const own = all.interactions!.find((i) => i.a === ME || i.b === ME)!;
    const theirs = notMine('interactions', (i) => i.a === ME || i.b === ME);
    for (const doc of [
      { interactions: [{ ...own, note: 'mine, changed' }, { ...theirs, note: 'changed by someone else' }] },
      { people: [{ ...notMine('people', (p) => p.id === ME), name: 'Renamed By Another' }] },
      { memberships: [{ ...notMine('memberships', (m) => m.person === ME), since: '2020-02-02' }] },
    ]) {
      const r = await mem.call('POST', '/api/import', doc);
      expect(isProblem(r, 403), `${JSON.stringify(doc).slice(0, 200)}: ${r.status}`).toBe(true);
    }
    expect(await exported()).toEqual(before);
  });

  it('when a member re-sends their own records unchanged, then 200 and nothing is written', async () => {
    const before = await exported();
    const interaction = all.interactions!.find((i) => i.a === ME || i.b === ME)!;
    const membership = all.memberships!.find((m) => m.person === ME)!;
    const attendance = all.attendance!.find((a) => a.person === ME)!;
    expect((await mem.call('PUT', `/api/interactions/${String(interaction.id)}`, interaction)).status).toBe(200);
    expect((await mem.call('PATCH', `/api/interactions/${String(interaction.id)}`, {})).status).toBe(200);
    expect((await mem.call('POST', '/api/memberships', membership)).status).toBe(200);
    expect((await mem.call('POST', '/api/attendance', attendance)).status).toBe(200);
    const imported = await mem.call('POST', '/api/import', { interactions: [interaction], attendance: [attendance] });
    expect(imported.status).toBe(200);
    expect(imported.body.unchanged).toMatchObject({ interactions: 1, attendance: 1 });
    expect(await exported()).toEqual(before);
  });
});

describe('sharing a person is for its owner or an admin, whether or not it is shared already', () => {
  let api: AccountsApi;
  let mem: Browser;
  let other: Browser;
  let admin: Browser;
  let writeKey: (method: string, path: string, body?: unknown) => Promise<Reply>;
  const ME = 'p002';
  const OTHER = 'p003';
  const share = (as: Browser, id: string) => as.call('POST', `/api/people/${encodeURIComponent(id)}/share`);

  beforeAll(async () => {
    api = await startAccountsApi();
    const token = (await createKey(keysFilePath({ REFNET_DATA: api.dir }), { scope: 'write', name: 'writer' })).token;
    writeKey = (method, path, body) => api.call(method, path, body, { authorization: `Bearer ${token}` });
    mem = await signedIn(api, { email: 'mem@example.org', person: ME, role: 'member', password: 'correct horse battery' });
    other = await signedIn(api, { email: 'other@example.org', person: OTHER, role: 'member', password: 'correct horse battery' });
    admin = await signedIn(api, { email: 'root@example.org', person: 'p004', role: 'admin', password: 'correct horse battery' });
  });
  afterAll(() => api.close());

  it('when a member who does not own a shared person shares it, then 403 as their PUT of the same body is, and nothing is written', async () => {
    const person = (await mem.call('GET', `/api/people/${OTHER}`)).body;
    expect(person.privateTo).toBeUndefined();
    const put = await mem.call('PUT', `/api/people/${OTHER}`, person);
    expect(isProblem(put, 403)).toBe(true);
    const shared = await share(mem, OTHER);
    expect(isProblem(shared, 403), `${shared.status} ${JSON.stringify(shared.body)}`).toBe(true);
    expect(shared.body.type).toBe(put.body.type);
    expect(shared.body.detail).toMatch(/only the owner of a private contact or an admin shares it/);
    // Their own record is no private contact of theirs: nothing of it is theirs to share either.
    expect(isProblem(await share(mem, ME), 403)).toBe(true);
    // A write key sees the shared network only and owns nothing.
    expect(isProblem(await writeKey('POST', `/api/people/${OTHER}/share`), 403)).toBe(true);
    expect((await admin.call('GET', `/api/people/${OTHER}`)).body).toStrictEqual(person);
  });

  it("when a member shares another member's private contact, then 404 like an unknown id, not 403 (its existence does not leak)", async () => {
    expect((await other.call('POST', '/api/people', { id: 'other-contact', name: 'Olga Hidden', privateTo: OTHER })).status).toBe(201);
    const unknown = await share(mem, 'no-such-person');
    const hidden = await share(mem, 'other-contact');
    expect(isProblem(unknown, 404)).toBe(true);
    expect(isProblem(hidden, 404)).toBe(true);
    expect(hidden.body.type).toBe(unknown.body.type);
    expect(hidden.body.detail.replace('other-contact', 'X')).toBe(unknown.body.detail.replace('no-such-person', 'X'));
    expect(isProblem(await writeKey('POST', '/api/people/other-contact/share'), 404)).toBe(true);
    expect((await other.call('GET', '/api/people/other-contact')).body.privateTo).toBe(OTHER);
  });

  it('when the owner shares their private contact, then 200 and it is shared; shared, it is no longer theirs to share again; an admin may share any person, shared or not', async () => {
    expect((await mem.call('POST', '/api/people', { id: 'mem-contact', name: 'Mina Mine', privateTo: ME })).status).toBe(201);
    const shared = await share(mem, 'mem-contact');
    expect(shared.status).toBe(200);
    expect(shared.body.privateTo).toBeUndefined();
    expect(isProblem(await share(mem, 'mem-contact'), 403)).toBe(true);
    expect((await other.call('GET', '/api/people/mem-contact')).status).toBe(200);
    expect((await share(admin, 'mem-contact')).status).toBe(200);
    expect((await admin.call('POST', '/api/people', { id: 'admin-shares', name: 'Ada Private', privateTo: OTHER })).status).toBe(201);
    expect((await share(admin, 'admin-shares')).body.privateTo).toBeUndefined();
  });
});
