/**
 * An admin key acting as a person (api/security/act-as.ts): with `Refnet-Act-As`, the routes that
 * act as "me" (intro requests, the week) act as that person; a narrower key may not, and without
 * the header a key is still nobody.
 */
import { request } from 'node:http';
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

/** A GET with one header line per value (fetch would join two headers of one name into one line). */
function rawGet(path: string, headers: Record<string, string | string[]>): Promise<{ status: number; body: { detail?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(api.url + path, { method: 'GET' }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { detail?: string } });
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.on('error', reject);
    req.end();
  });
}

describe('a Refnet-Act-As header that names no one person', () => {
  const ME_ROUTES = ['/api/me', '/api/me/week', '/api/intro-requests'];

  it('when it is empty, then 400 naming the header on every "me" route, never taken as no header', async () => {
    for (const path of ME_ROUTES) {
      const r = await api.as(tokens.admin!.token, 'GET', path, undefined, { 'refnet-act-as': '' });
      expect(isProblem(r, 400), path).toBe(true);
      expect(r.body.detail, path).toBe('the Refnet-Act-As header is empty: give the id of the person to act as, or leave the header out');
    }
  });

  it('when it is sent twice, then 400 "give one Refnet-Act-As header", never one joined unknown person', async () => {
    for (const path of ME_ROUTES) {
      const r = await rawGet(path, { authorization: `Bearer ${tokens.admin!.token}`, 'refnet-act-as': ['r', 'c'] });
      expect(r.status, path).toBe(400);
      expect(r.body.detail, path).toMatch(/^give one Refnet-Act-As header, not 2:/);
    }
  });
});

describe('GET /api/me decides who the request is as the other "me" routes do', () => {
  it('when an admin key acts as a person, then /api/me names that person, as /api/me/week does', async () => {
    const admin = tokens.admin!.token;
    const me = await api.as(admin, 'GET', '/api/me', undefined, { 'refnet-act-as': 'r' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ person: 'r', name: 'Rita Requester', role: null, key: { scope: 'admin' } });
    expect((await api.as(admin, 'GET', '/api/me')).body).toMatchObject({ person: null, name: null, key: { scope: 'admin' } });
    const unknown = await api.as(admin, 'GET', '/api/me', undefined, { 'refnet-act-as': 'nobody' });
    expect(isProblem(unknown, 404)).toBe(true);
    expect((await api.as(admin, 'GET', '/api/me/week', undefined, { 'refnet-act-as': 'nobody' })).status).toBe(404);
  });

  it('when a narrower key sends the header to /api/me, then 403 as on /api/me/week', async () => {
    for (const path of ['/api/me', '/api/me/week']) {
      const r = await api.as(tokens.write!.token, 'GET', path, undefined, { 'refnet-act-as': 'r' });
      expect(isProblem(r, 403), path).toBe(true);
      expect(r.body.detail).toContain('only an admin API key acts as a person');
    }
  });
});
