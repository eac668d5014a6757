/**
 * The OpenAPI document covers every operation the service answers, with real response schemas,
 * and the response check (used by every test harness and the fuzzer) rejects what breaks it.
 */
import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../support/openapi-check.js';
import { operationsOf } from '../../../scripts/fuzz/openapi-document.js';
import { responseChecker } from '../../../scripts/fuzz/response-check.js';

const doc = OPENAPI_DOCUMENT;
const check = responseChecker(doc);
const problem = (status: number) => ({ type: 'urn:refnet:problem:x', title: 'X', status, requestId: 'r' });

describe('the OpenAPI document', () => {
  it('when read, then it documents the map, whoami, admin routes and CSV/vCard import bodies', () => {
    for (const [path, method] of [['/api/map', 'get'], ['/api/map/sample', 'get'], ['/api/whoami', 'get'], ['/api/admin/keys', 'get'], ['/api/admin/keys/{id}', 'delete'], ['/api/admin/compact', 'post']] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const content = doc.paths['/api/import']!.post!.requestBody!.content;
    expect(Object.keys(content)).toEqual(expect.arrayContaining(['application/json', 'text/csv', 'text/vcard']));
  });

  it('when read, then every /api operation documents 401, 403, 429, 500 and 503 as problems, and every analytics read its 503', () => {
    const ops = operationsOf(doc).filter((o) => o.path.startsWith('/api/'));
    expect(ops.length).toBeGreaterThan(30);
    for (const o of ops) {
      for (const status of ['401', '403', '429', '500', '503']) {
        expect(Object.keys(o.op.responses[status]?.content ?? {}), `${o.method} ${o.path} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  it('when read, then lists with a category filter document allowAbsent and the 400 for a value no one holds, and lists with an id filter the 404', () => {
    type Op = { parameters?: { name: string; in: string }[]; responses: Record<string, { description: string }> };
    const list = (path: string) => doc.paths[path]!.get as unknown as Op;
    for (const path of ['/api/people', '/api/companies', '/api/groups']) {
      expect(list(path).parameters!.map((p) => p.name), path).toContain('allowAbsent');
      expect(list(path).responses['400']!.description, path).toMatch(/value no one holds/);
    }
    for (const path of ['/api/people', '/api/events', '/api/memberships', '/api/attendance', '/api/interactions', '/api/referrals']) {
      expect(list(path).responses['404']?.description, path).toMatch(/filter names no record/);
    }
    for (const path of ['/api/companies', '/api/groups']) expect(list(path).responses['404'], path).toBeUndefined();
    expect(list('/api/events').parameters!.map((p) => p.name)).not.toContain('allowAbsent');
  });

  it('when read, then no success response is an empty object: each names its members', () => {
    const empty: string[] = [];
    for (const o of operationsOf(doc)) {
      for (const [status, r] of Object.entries(o.op.responses)) {
        if (Number(status) >= 300 || !r.content) continue;
        const schema = r.content['application/json']?.schema as { $ref?: string; properties?: object; anyOf?: unknown[] } | undefined;
        const named = schema?.$ref !== undefined || Object.keys(schema?.properties ?? {}).length > 0 || (schema?.anyOf?.length ?? 0) > 0;
        if (!named) empty.push(`${o.method} ${o.path} ${status}`);
      }
    }
    expect(empty).toEqual([]);
  });
});

describe('the response check', () => {
  const metrics = { asOf: '2026-01-01T00:00:00.000Z', people: 0, ties: 0 };

  it('when a body misses a documented member or has the wrong type, then it names the path and the member', () => {
    const v = check({ method: 'GET', url: '/api/metrics/network', status: 200, contentType: 'application/json', body: metrics });
    expect(v).toMatch(/GET \/api\/metrics\/network → 200: body does not match.*\/reciprocity/);
    const wrong = check({ method: 'GET', url: '/api/whoami', status: 200, contentType: 'application/json', body: { mode: 'local', scope: 'read' } });
    expect(wrong).toMatch(/does not match/);
  });

  it('when a response is documented, then it passes, including problems with extension members and query strings', () => {
    expect(check({ method: 'GET', url: '/api/whoami?x=1', status: 200, contentType: 'application/json; charset=utf-8', body: { mode: 'local', scope: 'admin' } })).toBeUndefined();
    expect(check({ method: 'GET', url: '/api/paths', status: 503, contentType: 'application/problem+json', body: { ...problem(503), warmingUp: true } })).toBeUndefined();
    expect(check({ method: 'DELETE', url: '/api/memberships/p1/g1', status: 204, contentType: null, body: undefined })).toBeUndefined();
  });

  it('when a 400 names values no one holds, then `errors[].unknown` is documented: each value with its near misses, a list of strings', () => {
    const invalid = (unknown: unknown) => ({ ...problem(400), errors: [{ path: '/query/target', message: 'no one has industry "lwa"', unknown }] });
    const gap = (body: object) => check({ method: 'GET', url: '/api/reports/diversity-gap?person=me&dimension=industry&target=lwa', status: 400, contentType: 'application/problem+json', body });
    expect(gap(invalid([{ value: 'lwa', didYouMean: ['law'] }, { value: 'consulting', didYouMean: [] }]))).toBeUndefined();
    expect(gap(invalid([{ value: 'lwa', didYouMean: 'law' }]))).toMatch(/does not match/);
    expect(gap(invalid([{ didYouMean: ['law'] }]))).toMatch(/does not match/);
  });

  it('when a status or content type is not documented, or an error is not a problem, then it says so', () => {
    expect(check({ method: 'GET', url: '/healthz', status: 404, contentType: 'application/problem+json', body: problem(404) })).toMatch(/status not documented/);
    expect(check({ method: 'GET', url: '/api/whoami', status: 200, contentType: 'text/html', body: '<p>' })).toMatch(/content type "text\/html" not documented/);
    expect(check({ method: 'GET', url: '/api/nowhere', status: 404, contentType: 'text/plain', body: 'no' })).toMatch(/not application\/problem\+json/);
    expect(check({ method: 'GET', url: '/api/nowhere', status: 404, contentType: 'application/problem+json', body: { title: 1 } })).toMatch(/does not match/);
  });
});
