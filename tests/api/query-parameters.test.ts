/**
 * Query strings from careless clients, on every operation of the OpenAPI document: a parameter
 * given twice (`?k=1&k=2`) is a 400 naming it and saying to give it once (not "expected number,
 * received NaN"), and a parameter the operation does not document (`/api/people?industy=law`, a
 * typo; `/api/export?person=ann`, a filter it does not have) is a 400 naming it instead of an
 * unfiltered answer that looks filtered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../support/openapi-check.js';
import { isProblem, startTestApi, type TestApi } from './harness.js';

interface Operation {
  parameters?: { in: string; name: string }[];
}

/** Every documented operation: method, path (path parameters filled in) and its query parameter names. */
function operations(fill: string): { method: string; path: string; query: string[] }[] {
  const out: { method: string; path: string; query: string[] }[] = [];
  for (const [template, item] of Object.entries(OPENAPI_DOCUMENT.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && !p.name.includes('[')).map((p) => p.name);
      out.push({ method: method.toUpperCase(), path: template.replace(/\{[^}]+\}/g, encodeURIComponent(fill)), query });
    }
  }
  return out;
}

let api: TestApi;
const someone = 'qp-person';
beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
  expect((await api.call('POST', '/api/people', { id: someone, name: 'Quinn Param', industry: 'Law' })).status).toBe(201);
  expect((await api.call('POST', '/api/people', { id: 'qp-other', name: 'Olive Other', industry: 'Retail' })).status).toBe(201);
  expect((await api.call('PUT', '/api/me', { person: someone })).status).toBe(200);
});
afterAll(async () => {
  await api?.close();
});

describe('query parameters', () => {
  it('when any GET operation gets one of its query parameters twice, then 400 naming it, whatever the values', async () => {
    const gets = operations(someone).filter((o) => o.method === 'GET' && o.query.length > 0);
    expect(gets.length).toBeGreaterThan(10);
    for (const { path, query } of gets) {
      for (const name of query) {
        const r = await api.call('GET', `${path}?${name}=1&${name}=1`);
        expect(isProblem(r, 400, 'validation'), `${path} ?${name} twice: ${r.status}`).toBe(true);
        expect(r.body.errors, `${path} ?${name} twice`).toContainEqual({ path: `/query/${name}`, message: expect.stringMatching(/given 2 times; give it once/) });
      }
    }
  });

  it('when a list gets a parameter it does not have, then 400 naming it; its own filters still work', async () => {
    const lists = operations(someone).filter((o) => o.method === 'GET' && o.query.includes('cursor'));
    expect(lists.length).toBe(8);
    for (const { path } of lists) {
      const r = await api.call('GET', `${path}?industy=law`);
      expect(isProblem(r, 400, 'validation'), `${path}: ${r.status}`).toBe(true);
      expect(r.body.errors, path).toEqual([{ path: '/query', message: 'unknown field: industy' }]);
    }
    const filtered = await api.call('GET', '/api/people?industry=law');
    expect(filtered.body.items.map((p: { id: string }) => p.id)).toEqual([someone]);
  });

  it('when any /api operation gets a query parameter it does not document, then 400 naming it before anything is read or written', async () => {
    const before = (await api.call('GET', '/api/export')).body;
    const ops = operations(someone).filter((o) => o.path.startsWith('/api/'));
    expect(ops.length).toBeGreaterThan(60);
    for (const { method, path } of ops) {
      const r = await api.call(method, `${path}?fields=name`, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(isProblem(r, 400, 'validation'), `${method} ${path}?fields=name: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toBe(true);
      // Beside any other problem of the query (an operation with parameters lists them all).
      expect(r.body.errors, `${method} ${path}`).toContainEqual({ path: '/query', message: 'unknown field: fields' });
    }
    expect((await api.call('GET', '/api/export')).body).toEqual(before);
    // What an operation documents still passes: a where[DIMENSION] of /api/paths, any HEAD of a GET.
    expect((await api.call('GET', `/api/paths?from=${someone}&where[industry]=retail`)).status).toBe(200);
    expect((await api.call('HEAD', '/api/people?limit=1')).status).toBe(200);
  });
});
