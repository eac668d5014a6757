/**
 * Per-key rate limits (429 problem+json with Retry-After, one key's flood never throttles another),
 * CORS off unless configured, security headers, and error answers that carry no internals.
 */
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../api/config.js';
import { errorHandler } from '../../api/problem.js';
import { FailureLimit } from '../../api/security/failure-limit.js';
import { rateLimit } from '../../api/security/rate-limit.js';
import { startServer } from '../../api/server.js';
import { dataDirWithKeys, isProblem, startSecureApi, type SecureApi } from './security-api.js';

describe('rate limits', () => {
  let api: SecureApi;
  let tokens: Record<string, { token: string; id: string }>;
  beforeAll(async () => {
    const made = await dataDirWithKeys(['read', 'write']);
    tokens = made.tokens;
    api = await startSecureApi(made.dir, { RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => api.close());

  it('when a key passes its limit, then it gets 429 problem+json with Retry-After, and another key is still served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.as(tokens.read!.token, 'GET', '/api/people')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await api.as(tokens.read!.token, 'GET', '/api/people');
    expect(isProblem(limited, 429)).toBe(true);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-limit')).toBe('5');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect((await api.as(tokens.write!.token, 'GET', '/api/people')).status).toBe(200);
  });

  it('when two people signed in from one address pass their limits, then each spends an own budget, and neither gets more by changing address', async () => {
    // The auth guard's session shape, set by a header so one client address can act as two accounts.
    const asAccount: express.RequestHandler = (req, _res, next) => {
      const account = req.get('x-account');
      if (account) req.auth = { mode: 'session', accountId: account } as unknown as typeof req.auth;
      next();
    };
    const app = express().set('trust proxy', true).use(asAccount, rateLimit(2)).get('/', (_req, res) => void res.send('ok')).use(errorHandler);
    const running = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const get = (account: string, from: string) => fetch(running.url, { headers: { 'x-account': account, 'x-forwarded-for': from } });
      expect([(await get('ann', '203.0.113.7')).status, (await get('ann', '203.0.113.7')).status]).toEqual([200, 200]);
      const limited = await get('ann', '198.51.100.9');
      expect(limited.status).toBe(429);
      expect(((await limited.json()) as { detail: string }).detail).toMatch(/for this account/);
      expect((await get('bob', '203.0.113.7')).status).toBe(200);
    } finally {
      await running.stop(0);
    }
  });

  describe('over time (the clock is faked, so no test waits)', () => {
    afterEach(() => vi.useRealTimers());

    it('when a client\'s minute has passed, then it is served again, and Retry-After counts down to that moment', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const app = express().use(rateLimit(2)).get('/', (_req, res) => void res.send('ok')).use(errorHandler);
      const running = await startServer(app, { port: 0, host: '127.0.0.1' });
      try {
        const get = () => fetch(running.url);
        expect([(await get()).status, (await get()).status]).toEqual([200, 200]);
        const limited = await get();
        expect(limited.status).toBe(429);
        expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(limited.headers.get('retry-after')).toBe('60');
        vi.setSystemTime(start + 59_500);
        expect((await get()).headers.get('retry-after')).toBe('1');
        vi.setSystemTime(start + 60_000);
        expect((await get()).status).toBe(200);
      } finally {
        await running.stop(0);
      }
    });

    it('when an address fails authentication past the limit, then it waits out the rest of its minute, and only that address', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      const failures = new FailureLimit(3);
      for (let i = 0; i < 3; i++) expect(await failures.fail('203.0.113.7')).toBeUndefined();
      vi.setSystemTime(start + 20_000);
      expect(await failures.fail('203.0.113.7')).toBe(40);
      expect(await failures.fail('198.51.100.9')).toBeUndefined();
      vi.setSystemTime(start + 60_000);
      expect(await failures.fail('203.0.113.7')).toBeUndefined();
    });
  });
});

describe('failed authentication', () => {
  let api: SecureApi;
  beforeAll(async () => {
    const { dir } = await dataDirWithKeys(['read']);
    api = await startSecureApi(dir);
  });
  afterAll(() => api.close());

  it('when an address keeps sending bad keys, then after the failure limit it gets 429 with Retry-After', async () => {
    let limited;
    for (let i = 0; i < 120 && !limited; i++) {
      const r = await api.as(`rnk_00000000000${i % 10}_${'x'.repeat(43)}`, 'GET', '/api/people');
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(401);
    }
    expect(limited && isProblem(limited, 429)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- expect() above does not narrow for tsc
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('failed authentication behind a reverse proxy', () => {
  const badKey = `rnk_000000000001_${'x'.repeat(43)}`;
  const failUntilLimited = async (api: SecureApi, forwardedFor: string) => {
    for (let i = 0; i < 120; i++) {
      const r = await api.as(badKey, 'GET', '/api/people', undefined, { 'x-forwarded-for': forwardedFor });
      if (r.status === 429) return i;
    }
    return -1;
  };

  it('when TRUST_PROXY names the proxy, then the failure limit is per client address from X-Forwarded-For, so one client cannot lock out another', async () => {
    const { dir } = await dataDirWithKeys(['read']);
    const api = await startSecureApi(dir, { TRUST_PROXY: 'loopback' });
    try {
      expect(await failUntilLimited(api, '203.0.113.7')).toBeGreaterThan(0);
      const other = await api.as(badKey, 'GET', '/api/people', undefined, { 'x-forwarded-for': '198.51.100.9' });
      expect(other.status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('when TRUST_PROXY is not set, then X-Forwarded-For is ignored: a client cannot pick a fresh address to escape the limit', async () => {
    const { dir } = await dataDirWithKeys(['read']);
    const api = await startSecureApi(dir);
    try {
      expect(await failUntilLimited(api, '203.0.113.7')).toBeGreaterThan(0);
      const spoofed = await api.as(badKey, 'GET', '/api/people', undefined, { 'x-forwarded-for': '198.51.100.9' });
      expect(isProblem(spoofed, 429)).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('when TRUST_PROXY is malformed, then loading the configuration fails naming it', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'every proxy!' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
  });
});

describe('CORS', () => {
  it('when CORS_ORIGINS is not set, then no Access-Control header is ever sent and a preflight is not answered', async () => {
    const { dir } = await dataDirWithKeys();
    const api = await startSecureApi(dir);
    try {
      const r = await api.as(undefined, 'GET', '/api/people', undefined, { origin: 'https://evil.example' });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      const pre = await api.as(undefined, 'OPTIONS', '/api/people', undefined, { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    } finally {
      await api.close();
    }
  });

  it('when CORS_ORIGINS lists an origin, then only that origin gets CORS headers and its preflight is answered without a key', async () => {
    const { dir, tokens } = await dataDirWithKeys(['read']);
    const api = await startSecureApi(dir, { CORS_ORIGINS: 'https://app.example, https://other.example/' });
    try {
      const pre = await api.as(undefined, 'OPTIONS', '/api/people', undefined, { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      const ok = await api.as(tokens.read!.token, 'GET', '/api/people', undefined, { origin: 'https://other.example' });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://other.example');
      expect(ok.headers.get('vary')).toMatch(/Origin/);
      const evil = await api.as(tokens.read!.token, 'GET', '/api/people', undefined, { origin: 'https://evil.example' });
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      // A preflight from elsewhere is not answered; without a key it is refused like any request.
      expect((await api.as(undefined, 'OPTIONS', '/api/people', undefined, { origin: 'https://evil.example', 'access-control-request-method': 'GET' })).status).toBe(401);
    } finally {
      await api.close();
    }
  });
  it('when CORS_ORIGINS is *, then any origin gets "*" (never credentials), and an OPTIONS that names no method is not a preflight', async () => {
    const { dir, tokens } = await dataDirWithKeys(['read']);
    const api = await startSecureApi(dir, { CORS_ORIGINS: '*' });
    try {
      const pre = await api.as(undefined, 'OPTIONS', '/api/people', undefined, { origin: 'https://anywhere.example', 'access-control-request-method': 'GET' });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      const ok = await api.as(tokens.read!.token, 'GET', '/api/people', undefined, { origin: 'https://anywhere.example' });
      expect(ok.headers.get('access-control-allow-origin')).toBe('*');
      expect(ok.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
      // Without Access-Control-Request-Method it is an ordinary request: authentication applies.
      expect((await api.as(undefined, 'OPTIONS', '/api/people', undefined, { origin: 'https://anywhere.example' })).status).toBe(401);
    } finally {
      await api.close();
    }
  });
});

describe('what clients see of errors', () => {
  let api: SecureApi;
  beforeAll(async () => {
    const { dir } = await dataDirWithKeys();
    api = await startSecureApi(dir, { JSON_BODY_LIMIT: '1kb' });
  });
  afterAll(() => api.close());

  it('when requests are malformed in many ways, then answers are problem+json with no stack, path or module names', async () => {
    const replies = [
      await api.as(undefined, 'POST', '/api/people', '{"id": "a", "name": '),
      await api.as(undefined, 'POST', '/api/people', { id: 'big', name: 'x'.repeat(5000) }),
      await api.as(undefined, 'GET', '/api/people/%E0%A4%A'),
      await api.as(undefined, 'POST', '/api/people', 'name=a', { 'content-type': 'application/x-www-form-urlencoded' }),
      await api.as(undefined, 'PUT', '/api/people/a', { id: 'b', name: 'Mismatch' }),
      await api.as(undefined, 'GET', '/api/nothing-here'),
      await api.as(undefined, 'POST', '/api/import', { people: [{ id: 1 }] }),
    ];
    for (const r of replies) {
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(/\n\s+at |at [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|stack/i);
    }
  });

  it('when any API answer is sent, then helmet security headers are on it and X-Powered-By is not', async () => {
    const r = await api.as(undefined, 'GET', '/api/people');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBeTruthy();
    expect(r.headers.get('x-powered-by')).toBeNull();
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });
});
