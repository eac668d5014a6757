import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi();
});
afterEach(() => api.close());

const seed = {
  people: [
    { id: 'ann', name: 'Ann Archer', industry: 'Law' },
    { id: 'bob', name: 'Bob Baker', industry: 'Finance' },
    { id: 'cy', name: 'Cy Cole' },
  ],
  groups: [{ id: 'bni', name: 'BNI Central' }],
  events: [{ id: 'brk', name: 'Breakfast', at: '2024-03-01', group: 'bni' }],
  memberships: [{ person: 'ann', group: 'bni' }, { person: 'bob', group: 'bni' }],
  attendance: [{ person: 'ann', event: 'brk' }, { person: 'cy', event: 'brk' }],
  interactions: [{ id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: '2024-03-02' }, { id: 'i2', a: 'bob', b: 'cy', kind: 'call', at: '2024-03-03' }],
  referrals: [{ id: 'r1', from: 'ann', to: 'bob', at: '2024-03-04', status: 'passed' }],
};

describe('people, companies, groups, events', () => {
  it('when a person is POSTed, then 201 with Location, and GET returns it', async () => {
    const r = await api.call('POST', '/api/people', { id: 'dee', name: 'Dee Dunn', email: 'dee@example.com' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/people/dee');
    expect((await api.call('GET', '/api/people/dee')).body).toStrictEqual({ id: 'dee', name: 'Dee Dunn', email: 'dee@example.com' });
  });

  it('when a person is POSTed without an id, then one is generated', async () => {
    const r = await api.call('POST', '/api/people', { name: 'No Id' });
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^p-/);
    expect((await api.call('GET', `/api/people/${r.body.id}`)).status).toBe(200);
  });

  it('when an existing id is POSTed again, then 409 conflict and the record is unchanged', async () => {
    await api.call('POST', '/api/companies', { id: 'acme', name: 'Acme' });
    const r = await api.call('POST', '/api/companies', { id: 'acme', name: 'Other' });
    expect(isProblem(r, 409, 'conflict')).toBe(true);
    expect(r.body.detail).toMatch(/acme/); // names the id that exists
    expect((await api.call('GET', '/api/companies/acme')).body.name).toBe('Acme');
  });

  it('when a body is invalid, then 400 lists every field with its pointer', async () => {
    const r = await api.call('POST', '/api/people', { id: '', name: '  ', email: 'not-an-email', tags: 'x' });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/email', '/id', '/name', '/tags']);
  });

  it('when PUT targets a new id, then 201; again with other fields, then 200 replaced', async () => {
    const created = await api.call('PUT', '/api/groups/chamber', { name: 'Chamber' });
    expect(created.status).toBe(201);
    expect(created.body).toStrictEqual({ id: 'chamber', name: 'Chamber' });
    const replaced = await api.call('PUT', '/api/groups/chamber', { id: 'chamber', name: 'City Chamber', kind: 'chamber' });
    expect(replaced.status).toBe(200);
    expect((await api.call('GET', '/api/groups/chamber')).body).toStrictEqual({ id: 'chamber', name: 'City Chamber', kind: 'chamber' });
  });

  it('when PUT carries an id different from the URL, then 400 on /id', async () => {
    const r = await api.call('PUT', '/api/groups/a', { id: 'b', name: 'B' });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual([{ path: '/id', message: expect.stringContaining('"a"') }]);
  });

  it('when PATCH sets and removes fields (merge patch), then only those change and the result is validated', async () => {
    await api.call('POST', '/api/people', { id: 'eve', name: 'Eve', industry: 'Law', attributes: { club: 'A', dept: 'X' } });
    const r = await api.call('PATCH', '/api/people/eve', { industry: null, title: 'Partner', attributes: { dept: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(r.status).toBe(200);
    expect(r.body).toStrictEqual({ id: 'eve', name: 'Eve', title: 'Partner', attributes: { club: 'A' } });
    const bad = await api.call('PATCH', '/api/people/eve', { email: 'nope' });
    expect(isProblem(bad, 400, 'validation')).toBe(true);
    expect(bad.body.errors[0].path).toBe('/email');
    const renamed = await api.call('PATCH', '/api/people/eve', { id: 'other' });
    expect(isProblem(renamed, 400, 'validation')).toBe(true);
  });

  it('when an event names an unknown group, then 400 naming the id and nothing is written', async () => {
    const r = await api.call('POST', '/api/events', { id: 'ev', name: 'Mixer', at: '2024-01-01', group: 'nope' });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual([{ path: '/group', message: 'unknown group "nope"' }]);
    expect((await api.call('GET', '/api/events/ev')).status).toBe(404);
  });

  it('when an id is "." or "..", or holds half of a surrogate pair (no URL can address them: no client could read, change or delete the record), then 400 on create, import and reference alike, nothing written; any other spelling is an id', async () => {
    const before = (await api.call('GET', '/api/export')).body;
    for (const id of ['.', '..', 'lone\ud800', '\udc00x', 'a\udbff']) {
      const created = await api.call('POST', '/api/people', { id, name: 'Dot' });
      expect(isProblem(created, 400, 'validation'), `POST ${id}: ${created.status}`).toBe(true);
      expect(created.body.errors).toEqual([{ path: '/id', message: expect.stringMatching(/URL/) }]);
      expect(isProblem(await api.call('POST', '/api/groups', { id, name: 'Dot' }), 400, 'validation')).toBe(true);
      expect(isProblem(await api.call('POST', '/api/import', { people: [{ id, name: 'Dot' }] }), 400, 'validation')).toBe(true);
      expect(isProblem(await api.call('POST', '/api/interactions', { id, a: 'x', b: 'y', kind: 'met', at: '2024-01-01' }), 400, 'validation')).toBe(true);
    }
    expect((await api.call('GET', '/api/export')).body).toEqual(before);
    for (const id of ['...', '.x', 'x.', '. ', '%2E', 'pair 😀']) {
      const created = await api.call('POST', '/api/people', { id, name: 'Dots' });
      expect(created.status, id).toBe(201);
      expect((await api.call('GET', `/api/people/${encodeURIComponent(id)}`)).body.id).toBe(id);
      expect((await api.call('DELETE', `/api/people/${encodeURIComponent(id)}`)).status).toBe(200);
    }
    expect((await api.call('GET', '/api/export')).body.people).toEqual([]);
  });

  it('when an unknown id is read, patched or deleted, then 404 problem', async () => {
    expect(isProblem(await api.call('GET', '/api/people/ghost'), 404)).toBe(true);
    expect(isProblem(await api.call('PATCH', '/api/people/ghost', { name: 'x' }), 404)).toBe(true);
    expect(isProblem(await api.call('DELETE', '/api/people/ghost'), 404)).toBe(true);
  });
});

describe('concurrent writes', () => {
  it('when the same id is POSTed 20 times at once, then exactly one 201 and the rest 409', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => api.call('POST', '/api/people', { id: 'race', name: `Racer ${i}` })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
  });

  it('when a person is deleted while links to them are being added, then no link is left dangling', async () => {
    await api.call('POST', '/api/import', seed);
    const writes = [
      api.call('DELETE', '/api/people/cy'),
      ...Array.from({ length: 10 }, (_, i) => api.call('POST', '/api/interactions', { a: 'ann', b: 'cy', kind: 'call', at: `2024-05-${String(i + 1).padStart(2, '0')}` })),
      api.call('POST', '/api/memberships', { person: 'cy', group: 'bni' }),
      api.call('POST', '/api/referrals', { from: 'cy', to: 'bob', at: '2024-05-01', status: 'passed' }),
    ];
    const replies = await Promise.all(writes);
    expect(replies.every((r) => [200, 201].includes(r.status) || isProblem(r, 400, 'validation'))).toBe(true);
    const { body } = await api.call('GET', '/api/export');
    const people = new Set(body.people.map((p: { id: string }) => p.id));
    expect(people.has('cy')).toBe(false);
    for (const i of body.interactions) expect(people.has(i.a) && people.has(i.b)).toBe(true);
    for (const m of body.memberships) expect(people.has(m.person)).toBe(true);
    for (const f of body.referrals) expect(people.has(f.from) && people.has(f.to)).toBe(true);
  });
});

describe('cascading deletes', () => {
  beforeEach(async () => {
    expect((await api.call('POST', '/api/import', seed)).status).toBe(200);
  });

  it('when a person is deleted, then their memberships, attendance, interactions and referrals go in the same write', async () => {
    const r = await api.call('DELETE', '/api/people/ann');
    expect(r.status).toBe(200);
    expect(r.body.deleted).toStrictEqual({ people: 1, memberships: 1, attendance: 1, interactions: 1, referrals: 1 });
    const { body } = await api.call('GET', '/api/export');
    expect(body.people.map((p: { id: string }) => p.id)).toEqual(['bob', 'cy']);
    expect(body.memberships).toEqual([{ person: 'bob', group: 'bni' }]);
    expect(body.attendance).toEqual([{ person: 'cy', event: 'brk' }]);
    expect(body.interactions.map((i: { id: string }) => i.id)).toEqual(['i2']);
    expect(body.referrals).toEqual([]);
  });

  it('when a group is deleted, then its memberships go and its events stay, no longer hosted', async () => {
    const r = await api.call('DELETE', '/api/groups/bni');
    expect(r.body.deleted).toStrictEqual({ groups: 1, memberships: 2 });
    const { body } = await api.call('GET', '/api/export');
    expect(body.memberships).toEqual([]);
    expect(body.events).toEqual([{ id: 'brk', name: 'Breakfast', at: '2024-03-01' }]);
  });

  it('when an event is deleted, then its attendance goes', async () => {
    const r = await api.call('DELETE', '/api/events/brk');
    expect(r.body.deleted).toStrictEqual({ events: 1, attendance: 2 });
    expect((await api.call('GET', '/api/export')).body.attendance).toEqual([]);
  });
});

describe('memberships, attendance, interactions, referrals', () => {
  beforeEach(async () => {
    expect((await api.call('POST', '/api/import', seed)).status).toBe(200);
  });

  it('when a membership is added, then 201; added again with dates, then 200 replaced; deleted, then 204 and gone', async () => {
    expect((await api.call('POST', '/api/memberships', { person: 'cy', group: 'bni' })).status).toBe(201);
    const again = await api.call('POST', '/api/memberships', { person: 'cy', group: 'bni', since: '2023-01-01' });
    expect(again.status).toBe(200);
    expect((await api.call('GET', '/api/memberships?person=cy')).body.items).toEqual([{ person: 'cy', group: 'bni', since: '2023-01-01' }]);
    expect((await api.call('DELETE', '/api/memberships/cy/bni')).status).toBe(204);
    expect((await api.call('GET', '/api/memberships?person=cy')).body.items).toEqual([]);
    expect(isProblem(await api.call('DELETE', '/api/memberships/cy/bni'), 404)).toBe(true);
  });

  it('when a link names an unknown person, group or event, then 400 naming each id', async () => {
    const m = await api.call('POST', '/api/memberships', { person: 'zed', group: 'nogroup' });
    expect(isProblem(m, 400, 'validation')).toBe(true);
    expect(m.body.errors).toEqual([
      { path: '/person', message: 'unknown person "zed"' },
      { path: '/group', message: 'unknown group "nogroup"' },
    ]);
    const a = await api.call('POST', '/api/attendance', { person: 'ann', event: 'noevent' });
    expect(a.body.errors).toEqual([{ path: '/event', message: 'unknown event "noevent"' }]);
    const i = await api.call('POST', '/api/interactions', { a: 'ann', b: 'ghost', kind: 'met', at: '2024-01-01' });
    expect(i.body.errors).toEqual([{ path: '/b', message: 'unknown person "ghost"' }]);
    const f = await api.call('POST', '/api/referrals', { from: 'ghost', to: 'ann', at: '2024-01-01', status: 'passed' });
    expect(f.body.errors).toEqual([{ path: '/from', message: 'unknown person "ghost"' }]);
    expect((await api.call('GET', '/api/export')).body.memberships).toHaveLength(2);
  });

  it('when attendance is added and removed, then the export follows', async () => {
    expect((await api.call('POST', '/api/attendance', { person: 'bob', event: 'brk' })).status).toBe(201);
    expect((await api.call('GET', '/api/attendance?event=brk')).body.items).toHaveLength(3);
    expect((await api.call('DELETE', '/api/attendance/bob/brk')).status).toBe(204);
    expect((await api.call('GET', '/api/attendance?event=brk')).body.items).toHaveLength(2);
  });

  it('when an interaction is POSTed without id, then it gets one; with a taken id, then 409; a self-interaction is 400', async () => {
    const r = await api.call('POST', '/api/interactions', { a: 'ann', b: 'cy', kind: 'met', at: '2024-04-01' });
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^ix-/);
    expect(isProblem(await api.call('POST', '/api/interactions', { id: 'i1', a: 'ann', b: 'cy', kind: 'met', at: '2024-04-01' }), 409)).toBe(true);
    const self = await api.call('POST', '/api/interactions', { a: 'ann', b: 'ann', kind: 'met', at: '2024-04-01' });
    expect(isProblem(self, 400, 'validation')).toBe(true);
    expect((await api.call('DELETE', `/api/interactions/${r.body.id}`)).status).toBe(200);
    expect((await api.call('GET', `/api/interactions/${r.body.id}`)).status).toBe(404);
  });

  it('when a self-referral is POSTed, then 400 on /to and nothing is written', async () => {
    const r = await api.call('POST', '/api/referrals', { from: 'bob', to: 'bob', at: '2024-04-01', status: 'passed' });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual([{ path: '/to', message: 'a referral cannot go from a person to themselves' }]);
    expect((await api.call('GET', '/api/referrals')).body.items).toHaveLength(1);
  });

  it('when a referral status is PATCHed forward, then it changes; backwards or after closing, then 409', async () => {
    expect((await api.call('PATCH', '/api/referrals/r1', { status: 'contacted' })).body.status).toBe('contacted');
    expect(isProblem(await api.call('PATCH', '/api/referrals/r1', { status: 'passed' }), 409)).toBe(true);
    const won = await api.call('PATCH', '/api/referrals/r1', { status: 'won', value: 2500 });
    expect(won.body).toMatchObject({ status: 'won', value: 2500 });
    expect(isProblem(await api.call('PATCH', '/api/referrals/r1', { status: 'lost' }), 409)).toBe(true);
    expect(isProblem(await api.call('PATCH', '/api/referrals/r1', { status: 'maybe' }), 400)).toBe(true);
    expect((await api.call('GET', '/api/referrals/r1')).body).toMatchObject({ status: 'won', value: 2500 });
  });
});
