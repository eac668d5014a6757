/**
 * Local mode's chosen "me" (PUT /api/me, kept in me.json) follows the person through the writes
 * that remove them: merged into another, "me" is the person kept; deleted, "me" is unchosen and
 * the home page asks again. Before, "me" named a person who no longer existed, and every /api/me
 * route answered for nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type TestApi } from './harness.js';

describe('local mode\'s "me" when that person is merged or deleted', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const people = [{ id: 'ann', name: 'Ann' }, { id: 'ann-dup', name: 'Ann (duplicate)' }, { id: 'bob', name: 'Bob' }];
    expect((await api.call('POST', '/api/import', { people, interactions: [{ id: 'i1', a: 'ann-dup', b: 'bob', kind: 'one_to_one', at: '2025-01-02' }] })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('when "me" is merged into another person, then "me" is the person kept, and their week answers', async () => {
    expect((await api.call('PUT', '/api/me', { person: 'ann-dup' })).status).toBe(200);
    expect((await api.call('POST', '/api/people/merge', { keep: 'ann', remove: 'ann-dup' })).status).toBe(200);
    const me = await api.call('GET', '/api/me');
    expect(me.body).toMatchObject({ person: 'ann', name: 'Ann', local: true });
    expect((await api.call('GET', '/api/me/week')).status).toBe(200);
  });

  it('when "me" is deleted, then "me" is unchosen: GET /api/me names nobody and the week asks to choose', async () => {
    expect((await api.call('PUT', '/api/me', { person: 'bob' })).status).toBe(200);
    expect((await api.call('DELETE', '/api/people/bob')).status).toBe(200);
    expect((await api.call('GET', '/api/me')).body).toMatchObject({ person: null, name: null, local: true });
    const week = await api.call('GET', '/api/me/week');
    expect(isProblem(week, 409, 'conflict')).toBe(true);
    expect(week.body.detail).toMatch(/before choosing "me"/);
  });

  it('when someone else is deleted, then "me" stays', async () => {
    expect((await api.call('POST', '/api/people', { id: 'cara', name: 'Cara' })).status).toBe(201);
    expect((await api.call('POST', '/api/people', { id: 'dan', name: 'Dan' })).status).toBe(201);
    expect((await api.call('PUT', '/api/me', { person: 'ann' })).status).toBe(200);
    expect((await api.call('DELETE', '/api/people/cara')).status).toBe(200);
    expect((await api.call('GET', '/api/me')).body.person).toBe('ann');
  });
});
