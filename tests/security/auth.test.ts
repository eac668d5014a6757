/**
 * Authentication and scopes over real HTTP: local mode, 401 without or with a bad/revoked key, 403
 * for a key whose scope is too small, the admin routes, and the refusal of an unsafe bind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.js';
import { createRefnet } from '../../api/compose.js';
import { revokeKey, createKey } from '../../api/security/keys.js';
import { keysFilePath } from '../../api/security/key-file.js';
import { dataDirWithKeys, isProblem, startSecureApi, type SecureApi } from './security-api.js';
import { rm } from 'node:fs/promises';

describe('local mode', () => {
  let api: SecureApi;
  beforeAll(async () => {
    const { dir } = await dataDirWithKeys();
    api = await startSecureApi(dir);
  });
  afterAll(() => api.close());

  it('when bound to loopback with no key configured, then requests without a key are served as local admin', async () => {
    expect((await api.as(undefined, 'POST', '/api/people', { id: 'p1', name: 'Ada' })).status).toBe(201);
    expect((await api.as(undefined, 'GET', '/api/people/p1')).status).toBe(200);
    const who = await api.as(undefined, 'GET', '/api/whoami');
    expect(who.body).toEqual({ mode: 'local', scope: 'admin' });
  });

  it('when a key is presented in local mode, then it must be valid', async () => {
    const r = await api.as('rnk_000000000000_not-a-real-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'GET', '/api/people');
    expect(isProblem(r, 401)).toBe(true);
  });

  it('when the first key is created while the server runs, then local mode ends at once', async () => {
    const { token } = await createKey(api.keysFile, { scope: 'read', name: 'late' });
    expect(isProblem(await api.as(undefined, 'GET', '/api/people'), 401)).toBe(true);
    expect((await api.as(token, 'GET', '/api/people')).status).toBe(200);
  });
});

describe('local mode after every key is revoked', () => {
  it('when every key of a loopback server is revoked, then requests without a key are refused; only removing the keys file restores local mode', async () => {
    const { dir, tokens } = await dataDirWithKeys(['admin', 'read']);
    const api = await startSecureApi(dir);
    try {
      expect((await api.as(tokens.admin!.token, 'DELETE', `/api/admin/keys/${tokens.read!.id}`)).status).toBe(200);
      expect((await api.as(tokens.admin!.token, 'DELETE', `/api/admin/keys/${tokens.admin!.id}`)).status).toBe(200);
      for (const [method, path] of [['GET', '/api/people'], ['GET', '/api/admin/keys'], ['DELETE', `/api/admin/keys/${tokens.admin!.id}`], ['GET', '/api/whoami']] as const) {
        const r = await api.as(undefined, method, path);
        expect(isProblem(r, 401), `${method} ${path} → ${r.status}`).toBe(true);
      }
      await rm(api.keysFile);
      expect((await api.as(undefined, 'GET', '/api/whoami')).body).toEqual({ mode: 'local', scope: 'admin' });
    } finally {
      await api.close();
    }
  });

  it('when a loopback server starts with every key revoked, then it starts locked, not in local mode', async () => {
    const { dir, tokens } = await dataDirWithKeys(['admin']);
    await revokeKey(keysFilePath({ REFNET_DATA: dir }), tokens.admin!.id);
    const api = await startSecureApi(dir);
    try {
      expect(isProblem(await api.as(undefined, 'GET', '/api/people'), 401)).toBe(true);
    } finally {
      await api.close();
    }
  });
});

describe('API keys and scopes', () => {
  let api: SecureApi;
  let tokens: Record<string, { token: string; id: string }>;
  beforeAll(async () => {
    const made = await dataDirWithKeys(['read', 'write', 'admin']);
    tokens = made.tokens;
    api = await startSecureApi(made.dir);
  });
  afterAll(() => api.close());

  it('when no key is sent, then every /api route answers 401 problem+json with a Bearer challenge', async () => {
    for (const [method, path] of [
      ['GET', '/api/people'],
      ['GET', '/api/export'],
      ['POST', '/api/import'],
      ['GET', '/api/openapi.json'],
      ['GET', '/api/no-such-route'],
      ['GET', '/api/admin/keys'],
    ] as const) {
      const r = await api.as(undefined, method, path);
      expect(isProblem(r, 401), `${method} ${path} → ${r.status}`).toBe(true);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
  });

  it('when no key is sent to /healthz, then it still answers 200', async () => {
    expect((await api.as(undefined, 'GET', '/healthz')).status).toBe(200);
  });

  it('when a wrong, malformed or non-Bearer credential is sent, then the answer is 401', async () => {
    const forged = tokens.admin!.token.slice(0, -4) + 'AAAA';
    expect(isProblem(await api.as(forged, 'GET', '/api/people'), 401)).toBe(true);
    expect(isProblem(await api.as('hunter2', 'GET', '/api/people'), 401)).toBe(true);
    const basic = await api.as(undefined, 'GET', '/api/people', undefined, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    expect(isProblem(basic, 401)).toBe(true);
  });

  it('when a read key reads, then it is served, also via X-API-Key', async () => {
    expect((await api.as(tokens.read!.token, 'GET', '/api/people')).status).toBe(200);
    expect((await api.as(undefined, 'GET', '/api/people', undefined, { 'x-api-key': tokens.read!.token })).status).toBe(200);
    expect((await api.as(tokens.read!.token, 'HEAD', '/api/people')).status).toBe(200);
  });

  it('when a read key writes, then the answer is 403 naming the scope needed, and nothing is written', async () => {
    const r = await api.as(tokens.read!.token, 'POST', '/api/people', { id: 'x1', name: 'Nope' });
    expect(isProblem(r, 403)).toBe(true);
    expect(r.body.requiredScope).toBe('write');
    expect((await api.as(tokens.read!.token, 'GET', '/api/people/x1')).status).toBe(404);
    expect(isProblem(await api.as(tokens.read!.token, 'DELETE', '/api/people/x1'), 403)).toBe(true);
  });

  it('when a write key writes, then it is served, but admin routes answer 403', async () => {
    expect((await api.as(tokens.write!.token, 'POST', '/api/people', { id: 'w1', name: 'Writer' })).status).toBe(201);
    expect((await api.as(tokens.write!.token, 'PATCH', '/api/people/w1', { title: 'CEO' })).status).toBe(200);
    const admin = await api.as(tokens.write!.token, 'GET', '/api/admin/keys');
    expect(isProblem(admin, 403)).toBe(true);
    expect(admin.body.requiredScope).toBe('admin');
  });

  it('when a read or write key spells the admin path in another letter case, then it still answers 403 and no key is revoked', async () => {
    for (const path of ['/api/ADMIN/keys', '/api/Admin/keys', '/API/admin/KEYS/', '/api/%61dmin/keys']) {
      const r = await api.as(tokens.read!.token, 'GET', path);
      expect(isProblem(r, 403), `${path} → ${r.status}`).toBe(true);
      expect(r.body.requiredScope).toBe('admin');
    }
    for (const path of [`/api/Admin/keys/${tokens.admin!.id}`, `/api/ADMIN/KEYS/${tokens.admin!.id}/`]) {
      expect(isProblem(await api.as(tokens.write!.token, 'DELETE', path), 403), path).toBe(true);
    }
    expect((await api.as(tokens.admin!.token, 'GET', '/api/whoami')).status).toBe(200);
  });

  it('when an admin key uses another letter case, then the admin route answers as usual (one route, one decision)', async () => {
    const r = await api.as(tokens.admin!.token, 'GET', '/api/ADMIN/keys');
    expect(r.status).toBe(200);
    expect(r.body.keys.length).toBeGreaterThanOrEqual(3);
  });

  it('when an admin key lists keys, then ids, names and scopes come back and no hash or token', async () => {
    const r = await api.as(tokens.admin!.token, 'GET', '/api/admin/keys');
    expect(r.status).toBe(200);
    expect(r.body.keys.map((k: { scope: string }) => k.scope)).toEqual(['read', 'write', 'admin']);
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/sha256|hash/);
    for (const t of Object.values(tokens)) expect(text).not.toContain(t.token);
    expect((await api.as(tokens.admin!.token, 'GET', '/api/whoami')).body).toMatchObject({ mode: 'key', id: tokens.admin!.id, scope: 'admin' });
  });

  it('when a key is revoked with the CLI function while the server runs, then its next request answers 401', async () => {
    const { token, key } = await createKey(api.keysFile, { scope: 'write', name: 'to revoke' });
    expect((await api.as(token, 'GET', '/api/people')).status).toBe(200);
    await revokeKey(api.keysFile, key.id);
    const r = await api.as(token, 'GET', '/api/people');
    expect(isProblem(r, 401)).toBe(true);
    expect(r.body.detail).toMatch(/revoked/);
  });

  it('when an admin revokes a key over HTTP, then that key is refused and unknown ids answer 404', async () => {
    const { token, key } = await createKey(api.keysFile, { scope: 'read', name: 'leaked' });
    const r = await api.as(tokens.admin!.token, 'DELETE', `/api/admin/keys/${key.id}`);
    expect(r.status).toBe(200);
    expect(r.body.revokedAt).toEqual(expect.any(String));
    expect(isProblem(await api.as(token, 'GET', '/api/people'), 401)).toBe(true);
    expect(isProblem(await api.as(tokens.admin!.token, 'DELETE', '/api/admin/keys/000000000000'), 404)).toBe(true);
  });
});

describe('bind address', () => {
  it('when HOST is not loopback and no key exists, then the service refuses to start and says why', async () => {
    const { dir } = await dataDirWithKeys();
    try {
      const start = createRefnet(loadConfig({ REFNET_DATA: dir, HOST: '0.0.0.0', LOG_LEVEL: 'silent' }));
      await expect(start).rejects.toBeInstanceOf(ConfigError);
      await expect(start).rejects.toThrow(/no API key is configured[\s\S]*keys create[\s\S]*HOST=127\.0\.0\.1/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when HOST is not loopback and every key is revoked, then it refuses too', async () => {
    const { dir, keysFile, tokens } = await dataDirWithKeys(['admin']);
    try {
      await revokeKey(keysFile, tokens.admin!.id);
      await expect(createRefnet(loadConfig({ REFNET_DATA: dir, HOST: '::', LOG_LEVEL: 'silent' }))).rejects.toBeInstanceOf(ConfigError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when HOST is not loopback and a key exists, then it starts and requires the key', async () => {
    const { dir, tokens } = await dataDirWithKeys(['read']);
    const api = await startSecureApi(dir, { HOST: '0.0.0.0' });
    try {
      expect(isProblem(await api.as(undefined, 'GET', '/api/people'), 401)).toBe(true);
      expect((await api.as(tokens.read!.token, 'GET', '/api/people')).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('when the keys file is corrupt, then the service refuses to start rather than run open', async () => {
    const { dir, keysFile } = await dataDirWithKeys();
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(keysFile, '{"version":1,"keys":[{"id":"oops"}]}');
      await expect(createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }))).rejects.toThrow(/keys file is unusable/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
