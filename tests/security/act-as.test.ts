/**
 * An admin key acting as a person (api/security/act-as.ts): with `Refnet-Act-As`, the routes that
 * act as "me" (intro requests, the week) act as that person; a narrower key may not, and without
 * the header a key is still nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirWithKeys, isProblem, startSecureApi, type SecureApi } from './security-api.js';

let api: SecureApi;
let tokens: Awaited<ReturnType<typeof dataDirWithKeys>>['tokens'];
beforeAll(async () => {
  const made = await dataDirWithKeys(['admin', 'write']);
  tokens = made.tokens;
  api = await startSecureApi(made.dir);
  const doc = {
    people: [{ id: 'r', name: 'Rita Requester' }, { id: 'c', name: 'Carl Connector' }, { id: 't', name: 'Tara Target' }],
    interactions: [{ id: 'i1', a: 'r', b: 'c', kind: 'call', at: '2024-01-01' }, { id: 'i2', a: 'c', b: 't', kind: 'met', at: '2024-01-02' }],
  };
  expect((await api.as(tokens.admin!.token, 'POST', '/api/import', doc)).status).toBe(200);
});
afterAll(() => api.close());

describe('an admin key acting as a person', () => {
  it('when an admin key sends Refnet-Act-As, then intro requests are asked, listed and answered as that person', async () => {
    const admin = tokens.admin!.token;
    expect(isProblem(await api.as(admin, 'GET', '/api/intro-requests'), 409)).toBe(true); // a key alone is nobody
    const asked = await api.as(admin, 'POST', '/api/intro-requests', { connector: 'c', target: 't' }, { 'refnet-act-as': 'r' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ requester: 'r', connector: 'c', target: 't', status: 'asked' });
    expect((await api.as(admin, 'GET', '/api/intro-requests', undefined, { 'refnet-act-as': 'c' })).body.ofMe.map((q: { id: string }) => q.id)).toEqual([asked.body.id]);
    // moves are still each person's own: the requester cannot accept for the connector
    const move = (as: string) => api.as(admin, 'POST', `/api/intro-requests/${encodeURIComponent(asked.body.id)}/status`, { status: 'accepted' }, { 'refnet-act-as': as });
    expect(isProblem(await move('r'), 403)).toBe(true);
    expect((await move('c')).body.status).toBe('accepted');
    expect((await api.as(admin, 'GET', '/api/me/week', undefined, { 'refnet-act-as': 'r' })).body.person.id).toBe('r');
  });

  it('when a narrower key sends Refnet-Act-As, then 403 saying only an admin key may; nothing is written', async () => {
    const r = await api.as(tokens.write!.token, 'POST', '/api/intro-requests', { connector: 'c', target: 't' }, { 'refnet-act-as': 't' });
    expect(isProblem(r, 403)).toBe(true);
    expect(r.body.detail).toContain('only an admin API key acts as a person');
    expect((await api.as(tokens.admin!.token, 'GET', '/api/intro-requests', undefined, { 'refnet-act-as': 't' })).body.byMe).toEqual([]);
  });
});
