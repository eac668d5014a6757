/**
 * A key must never reach a log: the real server process runs at LOG_LEVEL=trace and is sent valid,
 * wrong-scope, revoked and forged keys in both headers, with errors along the way; nothing it
 * prints may contain a token or its secret part. Also the refusal to start on an unsafe bind, as
 * the user sees it (message and exit code).
 */
import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LOG_REDACTION } from '../../api/security/index.js';
import { revokeKey } from '../../api/security/keys.js';
import { runServerExpectingExit, startServerChild } from '../faults/server-child.js';
import { call } from '../api/harness.js';
import { dataDirWithKeys } from './security-api.js';

describe('keys stay out of logs', () => {
  it('when requests carry keys (valid, wrong scope, revoked, forged) at trace level, then no log line contains any of them', async () => {
    const { dir, keysFile, tokens } = await dataDirWithKeys(['read', 'write', 'admin']);
    const server = await startServerChild({ REFNET_DATA: dir, LOG_LEVEL: 'trace' });
    try {
      const forged = `${tokens.admin!.token.slice(0, -6)}ZZZZZZ`;
      const sent = [tokens.read!.token, tokens.write!.token, tokens.admin!.token, forged];
      for (const token of sent) {
        await call(server.url, 'GET', '/api/people', undefined, { authorization: `Bearer ${token}` });
        await call(server.url, 'POST', '/api/people', { id: `p-${token.slice(-5)}`, name: 'Logged?' }, { 'x-api-key': token });
        await call(server.url, 'POST', '/api/import', '{ not json', { authorization: `Bearer ${token}` });
        await call(server.url, 'GET', '/api/admin/keys', undefined, { authorization: `Bearer ${token}`, cookie: `session=${token}` });
      }
      await revokeKey(keysFile, tokens.read!.id);
      const revoked = await call(server.url, 'GET', '/api/people', undefined, { authorization: `Bearer ${tokens.read!.token}` });
      expect(revoked.status).toBe(401);
      const code = await server.stop();
      expect(code).toBe(0);
      const output = server.output();
      // The server did log these requests (so the check below is not vacuous).
      expect(output.match(/"statusCode":(200|201|400|401|403)/g)?.length ?? 0).toBeGreaterThanOrEqual(16);
      for (const token of sent) {
        expect(output).not.toContain(token);
        // The secret is everything after `rnk_<id>_`; base64url may itself contain '_'.
        expect(output).not.toContain(token.slice('rnk_'.length + 12 + 1));
      }
    } finally {
      await server.kill();
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('when some code logs a request with its headers, then the redaction censors the key headers', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = pino({ level: 'trace', ...LOG_REDACTION }, sink);
    logger.info({ req: { headers: { authorization: 'Bearer rnk_secret', 'x-api-key': 'rnk_other', accept: '*/*' } } }, 'raw request');
    logger.info({ headers: { 'x-api-key': 'rnk_third', cookie: 'c=rnk_fourth' } }, 'raw headers');
    const text = lines.join('');
    expect(text).not.toMatch(/rnk_/);
    expect(text).toContain('[redacted]');
    expect(text).toContain('*/*');
  });
});

describe('refusing an unsafe bind, as the user sees it', () => {
  it('when npm start binds 0.0.0.0 with no key, then it exits 1 and says why and what to do', async () => {
    const { dir } = await dataDirWithKeys();
    try {
      const { code, output } = await runServerExpectingExit({ REFNET_DATA: dir, HOST: '0.0.0.0' });
      expect(code).toBe(1);
      expect(output).toMatch(/refusing to start: HOST=0\.0\.0\.0/);
      expect(output).toMatch(/keys create --scope admin/);
      expect(output).not.toMatch(/"url":/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
