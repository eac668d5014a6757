/**
 * The scope decision does not depend on how a path is spelled. Every operation of the published
 * OpenAPI document (so new routes are covered without touching this file), plus the admin routes,
 * is called with no key, a read, a write and an admin key, and in local mode, first in its
 * canonical spelling and then in every variant Express (or a proxy in front of it) might route
 * the same way: letter case, trailing and doubled slashes, percent-encoded letters and slashes,
 * dot segments, HEAD for GET, method-override headers. Each variant must be allowed or refused
 * (401/403) exactly as the canonical path is. Requests go over node:http so no client normalises
 * the path first.
 */
import { request, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, revokeKey } from '../../api/security/keys.js';
import { dataDirWithKeys, startSecureApi, type SecureApi } from './security-api.js';

type Decision = 'allowed' | 'unauthenticated' | 'forbidden';
interface Operation {
  method: string;
  path: string;
}
interface Variant {
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Always walked, whether or not the document lists them yet. */
const ADMIN_OPERATIONS: Operation[] = [
  { method: 'GET', path: '/api/admin/keys' },
  { method: 'DELETE', path: '/api/admin/keys/{id}' },
  { method: 'POST', path: '/api/admin/compact' },
  { method: 'GET', path: '/api/admin/backup' },
  { method: 'GET', path: '/api/whoami' },
];

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
let forwardedFor = 0;

/** One raw request; every no-key request comes from a fresh (trusted-proxy) address, so the failed-authentication limit never turns a 401 into a 429. */
function send(url: string, variant: Variant, token: string | undefined): Promise<number> {
  const { hostname, port } = new URL(url);
  forwardedFor++;
  const headers: Record<string, string> = { 'x-forwarded-for': `10.${(forwardedFor >> 16) & 255}.${(forwardedFor >> 8) & 255}.${forwardedFor & 255}`, ...variant.headers };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: hostname, port, method: variant.method, path: variant.path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function decision(status: number, what: string): Decision {
  // A 429 or a 500 would hide the decision: the walk must never cause one (503 while analytics warm up is an answer).
  expect(status === 429 || status === 500, `${what} → ${status}`).toBe(false);
  return status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'allowed';
}

/** The document's operations with each `{param}` filled by an id that exists nowhere (so nothing is changed). */
async function documentedOperations(api: SecureApi, token?: string): Promise<Operation[]> {
  const res = await fetch(`${api.url}/api/openapi.json`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => HTTP_METHODS.filter((m) => m in item).map((m) => ({ method: m.toUpperCase(), path })));
  for (const admin of ADMIN_OPERATIONS) if (!ops.some((o) => o.method === admin.method && o.path === admin.path)) ops.push(admin);
  return ops.map((o) => ({ ...o, path: o.path.replace(/\{[^}]+\}/g, 'zz9') }));
}

const swapCase = (s: string) => s.replace(/[a-z]/gi, (c, i: number) => (i % 2 ? c.toUpperCase() : c.toLowerCase()));
const pct = (c: string, upper = true) => `%${c.charCodeAt(0).toString(16)[upper ? 'toUpperCase' : 'toLowerCase']()}`;
const segments = (path: string) => path.split('/').slice(1);

/** Spellings of one operation that must get the canonical decision. */
function variants({ method, path }: Operation): Variant[] {
  const segs = segments(path);
  const join = (parts: string[]) => `/${parts.join('/')}`;
  const list: Variant[] = [
    { label: 'upper case', method, path: path.toUpperCase() },
    { label: 'mixed case', method, path: swapCase(path) },
    { label: 'only the second segment upper case', method, path: join(segs.map((s, i) => (i === 1 ? s.toUpperCase() : s))) },
    { label: 'trailing slash', method, path: `${path}/` },
    { label: 'upper case, trailing slash', method, path: `${path.toUpperCase()}/` },
    { label: 'first letter of each segment percent-encoded', method, path: join(segs.map((s) => pct(s[0]!) + s.slice(1))) },
    { label: 'every letter percent-encoded (lower-case hex)', method, path: path.replace(/[a-z]/gi, (c) => pct(c, false)) },
    { label: 'second segment percent-encoded', method, path: join(segs.map((s, i) => (i === 1 ? [...s].map((c) => pct(c)).join('') : s))) },
    { label: 'encoded slash after /api', method, path: path.replace(/^\/api\//, '/api%2F') },
    { label: 'doubled slashes', method, path: path.replaceAll('/', '//') },
    { label: 'leading double slash', method, path: `/${path}` },
    { label: 'dot segment', method, path: path.replace(/^\/api\//, '/api/./') },
    { label: 'dot-dot segment', method, path: path.replace(/^\/api\//, '/api/zz/../') },
    { label: 'percent-encoded dot-dot', method, path: path.replace(/^\/api\//, '/api/zz/%2e%2e/') },
    { label: 'query string', method, path: `${path}?_method=GET` },
    { label: 'method-override headers', method, path, headers: { 'x-http-method-override': 'GET', 'x-method-override': 'GET', 'x-http-method': 'GET' } },
  ];
  if (method === 'GET') list.push({ label: 'HEAD', method: 'HEAD', path }, { label: 'HEAD, upper case', method: 'HEAD', path: path.toUpperCase() });
  return list;
}

/** Calls each operation canonically and in every variant with `token`; returns the canonical decisions and every mismatch. */
async function walk(api: SecureApi, ops: Operation[], token: string | undefined) {
  const canonical = new Map<string, Decision>();
  const mismatches: string[] = [];
  for (const op of ops) {
    const base = decision(await send(api.url, { label: 'canonical', ...op }, token), `${op.method} ${op.path}`);
    canonical.set(`${op.method} ${op.path}`, base);
    // HEAD has no canonical of its own: it is compared with the GET it stands for.
    const results = await Promise.all(variants(op).map(async (v) => ({ v, d: decision(await send(api.url, v, token), `${v.method} ${v.path}`) })));
    for (const { v, d } of results) if (d !== base) mismatches.push(`${op.method} ${op.path} as ${v.label} (${v.method} ${v.path}): ${d}, canonical ${base}`);
  }
  return { canonical, mismatches };
}

const isAdmin = (op: Operation) => op.path.startsWith('/api/admin/');
/**
 * The scope rule of docs/SECURITY.md: /healthz and /readyz are public, /api needs a key, /api/admin
 * an admin key; signing in (POST /api/session) needs nothing, but a key sent with it is held to its scope.
 */
const isSignIn = (op: Operation) => op.method === 'POST' && op.path === '/api/session';
const expectedFor = (scope: 'none' | 'read' | 'write' | 'admin', op: Operation): Decision =>
  !op.path.startsWith('/api/') || (scope === 'none' && isSignIn(op)) ? 'allowed' : scope === 'none' ? 'unauthenticated' : scope === 'admin' ? 'allowed' : isAdmin(op) ? 'forbidden' : scope === 'write' || op.method === 'GET' ? 'allowed' : 'forbidden';

describe('scope decisions in every spelling of every documented route', () => {
  let api: SecureApi;
  let tokens: Record<string, { token: string; id: string }>;
  let ops: Operation[];
  beforeAll(async () => {
    const made = await dataDirWithKeys(['read', 'write', 'admin']);
    tokens = made.tokens;
    api = await startSecureApi(made.dir, { TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: '0' });
    ops = await documentedOperations(api, tokens.admin!.token);
  });
  afterAll(() => api.close());

  it('when the document is read, then it lists the data, analytics and admin routes the walk needs', () => {
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.filter(isAdmin).length).toBeGreaterThanOrEqual(3);
    expect(ops.some((o) => o.method === 'GET')).toBe(true);
    expect(ops.some((o) => o.method !== 'GET')).toBe(true);
  });

  for (const scope of ['none', 'read', 'write', 'admin'] as const) {
    it(`when ${scope === 'none' ? 'no key is' : `a ${scope} key is`} sent, then every spelling is decided as the canonical path, and that decision is the scope rule`, async () => {
      const { canonical, mismatches } = await walk(api, ops, scope === 'none' ? undefined : tokens[scope]!.token);
      expect(mismatches).toEqual([]);
      for (const op of ops) expect(canonical.get(`${op.method} ${op.path}`), `${op.method} ${op.path}`).toBe(expectedFor(scope, op));
    }, 120_000);
  }

  it('when the admin key is still listed afterwards, then no variant of DELETE /api/admin/keys/:id revoked anything', async () => {
    const r = await api.as(tokens.admin!.token, 'GET', '/api/admin/keys');
    expect(r.status).toBe(200);
    expect(r.body.keys.filter((k: { revokedAt?: string }) => k.revokedAt)).toEqual([]);
  });
});

describe('scope decisions in local mode, and after every key is revoked', () => {
  let api: SecureApi;
  let ops: Operation[];
  beforeAll(async () => {
    const made = await dataDirWithKeys();
    api = await startSecureApi(made.dir, { TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: '0' });
    ops = await documentedOperations(api);
  });
  afterAll(() => api.close());

  it('when no key was ever created, then every spelling of every route is allowed without a key', async () => {
    const { canonical, mismatches } = await walk(api, ops, undefined);
    expect(mismatches).toEqual([]);
    expect([...canonical.values()].every((d) => d === 'allowed')).toBe(true);
  }, 120_000);

  it('when keys were created and all revoked, then no spelling of any route is served without a key', async () => {
    const { key } = await createKey(api.keysFile, { scope: 'admin', name: 'leaked' });
    await revokeKey(api.keysFile, key.id);
    const { canonical, mismatches } = await walk(api, ops, undefined);
    expect(mismatches).toEqual([]);
    for (const op of ops) expect(canonical.get(`${op.method} ${op.path}`), `${op.method} ${op.path}`).toBe(expectedFor('none', op));
  }, 120_000);
});
