/**
 * Every /api answer carries personal data or could: `Cache-Control: private, no-cache` keeps it out
 * of shared caches and has a browser revalidate (with the ETag) before reusing it; routes that
 * must never be stored (the signed-in user, backups) say no-store instead.
 */
import { get, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

describe('Cache-Control on /api answers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const seed = await api.call('POST', '/api/import', {
      people: [{ id: 'p1', name: 'Ada' }, { id: 'p2', name: 'Bo' }],
      groups: [{ id: 'p1', name: 'Chapter' }],
      referrals: [{ id: 'p1', from: 'p1', to: 'p2', at: '2026-01-01', status: 'passed', value: 5 }],
    });
    expect(seed.status).toBe(200);
  });
  afterAll(() => api.close());

  it('when every documented GET route is asked, then none may be kept by a shared cache', async () => {
    const doc = (await api.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(doc.paths).filter(([path, item]) => path.startsWith('/api/') && 'get' in item).map(([path]) => path.replace(/\{[^}]+\}/g, 'p1'));
    expect(paths.length).toBeGreaterThan(20);
    const seen: Record<string, string | null> = {};
    for (const path of paths) {
      const res = await fetch(`${api.url}${path}`);
      await res.arrayBuffer();
      seen[path] = res.headers.get('cache-control');
    }
    const strict = Object.fromEntries(Object.entries(seen).filter(([, v]) => v !== 'private, no-cache' && v !== 'no-store'));
    expect(strict).toEqual({});
    expect(seen['/api/export']).toBe('private, no-cache');
    expect(seen['/api/people/p1']).toBe('private, no-cache');
    expect(seen['/api/admin/backup']).toBe('no-store');
  });

  it('when a client revalidates with the ETag, then it gets 304, still private', async () => {
    const first = await fetch(`${api.url}/api/export`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request, which a server must answer in full.
    const again = await new Promise<IncomingMessage>((resolve, reject) => get(`${api.url}/api/export`, { headers: { 'if-none-match': etag! } }, resolve).on('error', reject));
    again.resume();
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('private, no-cache');
  });

  it('when an /api answer is a problem, then it is private too', async () => {
    const res = await fetch(`${api.url}/api/people/nobody`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
  });
});
