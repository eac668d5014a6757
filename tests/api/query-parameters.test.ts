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
  parameters?: { in: string; name: string; schema?: { type?: string; minimum?: number; maximum?: number } }[];
}

/** Every documented operation: method, path (path parameters filled in), its query parameter names and those that are integers (with their bounds). */
function operations(fill: string): { method: string; path: string; query: string[]; integers: { name: string; minimum?: number; maximum?: number }[] }[] {
  const out: ReturnType<typeof operations> = [];
  for (const [template, item] of Object.entries(OPENAPI_DOCUMENT.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      const params = (op.parameters ?? []).filter((p) => p.in === 'query' && !p.name.includes('['));
      const integers = params.filter((p) => p.schema?.type === 'integer').map((p) => ({ name: p.name, minimum: p.schema?.minimum, maximum: p.schema?.maximum }));
      out.push({ method: method.toUpperCase(), path: template.replace(/\{[^}]+\}/g, encodeURIComponent(fill)), query: params.map((p) => p.name), integers });
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

  it('when any integer query parameter is not plain decimal digits, then 400 naming it and showing a whole number; digits within its bounds pass', async () => {
    const gets = operations(someone).filter((o) => o.method === 'GET' && o.integers.length > 0);
    // limit of the lists, k and maxHops of paths, the map's radius, community, maxNodes, maxEdges, …
    expect(gets.flatMap((o) => o.integers).length).toBeGreaterThan(15);
    for (const { path, integers } of gets) {
      for (const { name, minimum, maximum } of integers) {
        for (const value of ['0x10', '1e1', '%205', '5%20', '5.0', '', '+5', '1_0', 'Infinity', 'NaN', 'ten', '0b1', '٣']) {
          const r = await api.call('GET', `${path}?${name}=${value}`);
          expect(isProblem(r, 400, 'validation'), `${path}?${name}=${value}: ${r.status}`).toBe(true);
          expect(r.body.errors, `${path}?${name}=${value}`).toContainEqual({ path: `/query/${name}`, message: expect.stringMatching(/^expected a whole number in decimal digits, e\.g\. \d+$/) });
        }
        // Out of bounds: told the bound, not that it is no number.
        if (minimum !== undefined) {
          const r = await api.call('GET', `${path}?${name}=${minimum - 1}`);
          expect(r.body.errors, `${path}?${name}=${minimum - 1}`).toContainEqual({ path: `/query/${name}`, message: `must be at least ${minimum}` });
        }
        const over = maximum === undefined ? '99999999999999999999' : String(maximum + 1);
        const r = await api.call('GET', `${path}?${name}=${over}`);
        expect(r.body.errors, `${path}?${name}=${over}`).toContainEqual({ path: `/query/${name}`, message: `must be at most ${maximum ?? Number.MAX_SAFE_INTEGER}` });
      }
    }
    const page = await api.call('GET', '/api/people?limit=1');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect((await api.call('GET', '/api/people?limit=002')).body.items).toHaveLength(2);
    expect((await api.call('GET', `/api/map?view=ego&person=${someone}&radius=1&maxNodes=10`)).status).toBe(200);
  });

  it('when any operation gets a query value whose percent-encoding or UTF-8 does not decode, then 400 naming the parameter, before anything is read', async () => {
    const ops = operations(someone).filter((o) => o.method === 'GET');
    expect(ops.length).toBeGreaterThan(30);
    for (const bad of ['%zz', '%E0%A4%A', '%', 'a%2', '%FF', '%C0%AF', '%ED%A0%80']) {
      for (const { path, query } of ops) {
        const name = query[0] ?? 'q';
        const r = await api.call('GET', `${path}?${name}=${bad}`);
        expect(isProblem(r, 400, 'validation'), `${path}?${name}=${bad}: ${r.status}`).toBe(true);
        expect(r.body.errors, `${path}?${name}=${bad}`).toEqual([{ path: `/query/${name}`, message: expect.stringMatching(/malformed percent-encoding/) }]);
      }
    }
    // The examples the testers gave, and the name of an encoded parameter as the route knows it.
    for (const q of ['q=%zz', 'q=%E0%A4%A', 'industry=Law&q=%zz', 'q=ok%20then%zz']) {
      const r = await api.call('GET', `/api/people?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.errors, q).toEqual([{ path: '/query/q', message: expect.stringMatching(/malformed percent-encoding/) }]);
    }
    expect((await api.call('GET', '/api/people?%71=%zz')).body.errors).toEqual([{ path: '/query/q', message: expect.stringMatching(/malformed percent-encoding/) }]);
    // Not only under /api, and not only for GET.
    expect(isProblem(await api.call('GET', '/healthz?x=%zz'), 400, 'validation')).toBe(true);
    const post = await api.call('POST', '/api/people?q=%zz', { id: 'never-written', name: 'Never Written' });
    expect(isProblem(post, 400, 'validation')).toBe(true);
    expect((await api.call('GET', '/api/people/never-written')).status).toBe(404);
    // Good encodings still decode: é, a space as + or %20, a literal % as %25.
    expect((await api.call('GET', '/api/people?q=Quinn+Param')).body.items.map((p: { id: string }) => p.id)).toEqual([someone]);
    expect((await api.call('GET', '/api/people?q=%51uinn%20P')).body.items.map((p: { id: string }) => p.id)).toEqual([someone]);
    expect((await api.call('GET', '/api/people?q=%C3%A9%25')).status).toBe(200);
  });

  it('when a query parameter name does not decode, then 400 saying so with the name as written', async () => {
    for (const q of ['%zz=1', '%zz', '%E0%A4%A=x', 'limit=1&%=2']) {
      const r = await api.call('GET', `/api/people?${q}`);
      expect(isProblem(r, 400, 'validation'), `${q}: ${r.status}`).toBe(true);
      const name = q.includes('&') ? '%' : q.split('=')[0]!;
      expect(r.body.errors, q).toEqual([{ path: '/query', message: expect.stringContaining(`the parameter name ${JSON.stringify(name)} has malformed percent-encoding`) }]);
    }
  });
});

describe('a query of many parameters', () => {
  const padding = '&'.repeat(1_200);

  it('when a parameter comes after a thousand empty ones, then it is read like any other: checked, and obeyed', async () => {
    const bad = await api.call('GET', `/api/people?${padding}limit=0x10`);
    expect(isProblem(bad, 400), JSON.stringify(bad.body)).toBe(true);
    expect(JSON.stringify(bad.body.errors)).toContain('/query/limit');
    expect(isProblem(await api.call('GET', `/api/people?${padding}industy=law`), 400)).toBe(true);
    expect(isProblem(await api.call('GET', `/api/people?limit=1${padding}limit=2`), 400)).toBe(true);
    const one = await api.call('GET', `/api/people?${padding}limit=1`);
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
  });

  it('when a file import says dryRun=true after a thousand empty parameters, then nothing is written', async () => {
    const r = await api.call('POST', `/api/import?format=people${padding}dryRun=true`, 'Name,Email\nDrew Dryrun,drew@x.example\n', { 'content-type': 'text/csv' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await api.call('GET', '/api/people?q=dryrun')).body.items).toEqual([]);
  });
});
