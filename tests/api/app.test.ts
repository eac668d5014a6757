import { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { createApp } from '../../api/app.js';
import { createRefnet } from '../../api/compose.js';
import { EmbeddedStore } from '../../graph/store/embedded/index.js';
import { ConfigError, loadConfig } from '../../api/config.js';
import { startServer } from '../../api/server.js';
import { call, isProblem, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('service endpoints', () => {
  it('when an unknown route is requested, then 404 problem+json naming it', async () => {
    const r = await api.call('GET', '/api/nothing-here');
    expect(isProblem(r, 404)).toBe(true);
    expect(r.body.type).toBe('urn:refnet:problem:not-found');
    expect(r.body.detail).toContain('/api/nothing-here');
    expect(r.body.instance).toBe('/api/nothing-here');
  });

  it('when a documented path is asked with a method it does not have, then 405 problem+json with an Allow header from the OpenAPI document', async () => {
    const del = await api.call('DELETE', '/api/people');
    expect(isProblem(del, 405)).toBe(true);
    expect(del.body.type).toBe('urn:refnet:problem:method-not-allowed');
    expect(del.headers.get('allow')!.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const post = await api.call('POST', '/api/people/someone', {});
    expect(isProblem(post, 405)).toBe(true);
    expect(post.headers.get('allow')!.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH', 'PUT']);
    const exp = await api.call('PUT', '/api/export', {});
    expect(exp.headers.get('allow')).toBe('GET, HEAD');
    expect(isProblem(await api.call('PATCH', '/api/metrics/network', {}), 405)).toBe(true);
    expect(isProblem(await api.call('DELETE', '/api/people/a/b/c'), 404)).toBe(true);
    // every documented method of a path is routed: none of them is refused as not allowed
    const doc = (await api.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item).filter((m) => ['get', 'put', 'post', 'delete', 'patch'].includes(m))) {
        const concrete = path.replace(/\{[^}]+\}/g, 'no-such-id');
        const reply = await api.call(method.toUpperCase(), concrete, method === 'get' || method === 'delete' ? undefined : {});
        expect([method, path, reply.status]).not.toEqual([method, path, 405]);
      }
    }
  });

  it('when /healthz and /readyz are asked, then both answer 200 with the store kind', async () => {
    expect((await api.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.call('GET', '/readyz')).body).toMatchObject({ status: 'ready', store: 'embedded' });
  });

  it('when a request carries X-Request-Id, then the response and problem echo it; otherwise one is generated', async () => {
    const r = await api.call('GET', '/api/people/missing', undefined, { 'x-request-id': 'req-123' });
    expect(r.headers.get('x-request-id')).toBe('req-123');
    expect(r.body.requestId).toBe('req-123');
    const fresh = await api.call('GET', '/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when any response is sent, then helmet security headers are present', async () => {
    const r = await api.call('GET', '/healthz');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    // Served over plain HTTP: the browser must not be told to fetch our own scripts over https.
    expect(r.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('when /api/openapi.json is fetched, then it documents every resource with its component schemas', async () => {
    const r = await api.call('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    for (const path of ['/api/import', '/api/export', '/api/people', '/api/people/{id}', '/api/referrals/{id}', '/api/memberships/{person}/{group}', '/readyz']) {
      expect(r.body.paths).toHaveProperty([path]);
    }
    expect(Object.keys(r.body.components.schemas)).toEqual(expect.arrayContaining(['Person', 'Referral', 'NetworkDocument', 'Problem']));
  });

  it('when /api/docs is opened, then a self-contained page and its script are served from this origin', async () => {
    const page = await api.call('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<script src="/api/docs/init.js">');
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)/);
    const script = await api.call('GET', '/api/docs/init.js');
    expect(script.status).toBe(200);
    expect(script.body).toContain("url: '/api/openapi.json'");
    // The script is a string inside a TypeScript template: make sure escaping left it valid JS
    // (compiled, not run).
    expect(() => new Script(script.body)).not.toThrow();
  });

  it('when a non-import body is over the JSON limit, then 413 problem', async () => {
    const r = await api.call('POST', '/api/people', { id: 'big', name: 'x', title: 'y'.repeat(2 * 1024 * 1024) });
    expect(isProblem(r, 413)).toBe(true);
  });
});

describe('failures', () => {
  it('when a route throws an unexpected error, then 500 problem with the request id and no internals', async () => {
    const boom = Router().get('/boom', () => {
      throw new Error('secret internals at /etc/passwd');
    });
    const logs: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
    const { refnet } = api;
    const app = createApp({ config: loadConfig({}), logger, store: refnet.store, network: refnet.network, service: refnet.service, routers: [boom] });
    const running = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const r = await call(running.url, 'GET', '/api/boom');
      expect(isProblem(r, 500)).toBe(true);
      expect(JSON.stringify(r.body)).not.toContain('secret');
      expect(r.body.detail).toContain('request id');
      const errorLines = logs.filter((l) => l.includes('secret internals'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toContain(r.body.requestId);
      expect(errorLines[0]).toContain('"stack"');
    } finally {
      await running.stop(1000);
    }
  });

  it('when the store is closed under the API, then data requests get 503 problem and /readyz 503, /healthz still 200', async () => {
    const other = await startTestApi();
    try {
      await other.call('POST', '/api/people', { id: 'a', name: 'A' });
      await other.refnet.store.close();
      const r = await other.call('GET', '/api/people');
      expect(isProblem(r, 503, 'store-unavailable')).toBe(true);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(isProblem(await other.call('POST', '/api/people', { id: 'b', name: 'B' }), 503, 'store-unavailable')).toBe(true);
      expect(isProblem(await other.call('GET', '/readyz'), 503)).toBe(true);
      expect((await other.call('GET', '/healthz')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('a full store', () => {
  it('when the store refuses a write for lack of space, then 507 problem, nothing written, and reads still work', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refnet-full-'));
    const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir }), {
      logger: pino({ level: 'silent' }),
      store: new EmbeddedStore(dir, { maxBytes: 4096, autoCompact: false }),
    });
    const running = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
    try {
      expect((await call(running.url, 'POST', '/api/people', { id: 'small', name: 'Small' })).status).toBe(201);
      const people = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}` }));
      const r = await call(running.url, 'POST', '/api/import', { people });
      expect(isProblem(r, 507)).toBe(true);
      expect(r.body.type).toBe('urn:refnet:problem:store-full');
      const exported = await call(running.url, 'GET', '/api/export');
      expect(exported.status).toBe(200);
      expect(exported.body.people).toEqual([{ id: 'small', name: 'Small' }]);
    } finally {
      await running.stop(1000);
      await refnet.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  it('when the environment is empty, then the defaults apply', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', REFNET_DATA: './.refnet', REFNET_STORE: 'embedded', BODY_LIMIT: '50mb' });
  });

  it('when values are invalid, then loading fails naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', REFNET_STORE: 'mysql', BODY_LIMIT: 'huge' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', REFNET_STORE: 'mysql', BODY_LIMIT: 'huge' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/REFNET_STORE/);
      expect((err as Error).message).toMatch(/BODY_LIMIT/);
    }
  });

  it('when a whole-number setting is not plain decimal digits (or is empty), then loading fails naming it and the value', () => {
    const settings = ['PORT', 'SHUTDOWN_TIMEOUT_MS', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS', 'PASSWORD_HASH_COST', 'RATE_LIMIT_PER_MINUTE', 'PRIVACY_MIN_COUNT'];
    for (const name of settings) {
      for (const bad of ['0x10', '1e1', ' 15', '15 ', '+15', '15.0', '', '0b11', 'Infinity', '1_5']) {
        let error: unknown;
        try {
          loadConfig({ [name]: bad });
        } catch (err) {
          error = err;
        }
        expect(error, `${name}=${JSON.stringify(bad)}`).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toContain(`${name}: expected a whole number in decimal digits`);
        expect((error as Error).message).toContain(`(got ${JSON.stringify(bad)})`);
      }
      expect(loadConfig({ [name]: '15' })[name as 'PORT']).toBe(15);
    }
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
    expect(() => loadConfig({ PORT: '65536' })).toThrow(/PORT: must be at most 65535/);
    expect(() => loadConfig({ PORT: '-1' })).toThrow(/PORT: must be at least 0/);
    // Other empty variables still mean unset.
    expect(loadConfig({ HOST: '', CURRENCY: '' })).toMatchObject({ HOST: '127.0.0.1', CURRENCY: 'EUR', PORT: 3000, SESSION_ABSOLUTE_HOURS: 168 });
  });

  it('when REFNET_STORE=neo4j has no NEO4J_URI, then loading fails saying so', () => {
    expect(() => loadConfig({ REFNET_STORE: 'neo4j' })).toThrow(ConfigError);
    expect(() => loadConfig({ REFNET_STORE: 'neo4j' })).toThrow(/NEO4J_URI/);
  });
});
