/**
 * GET /api/admin/backup: the export at the current version with its metadata, as a download, and
 * only for the admin scope (any spelling of the path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackup } from '../../graph/service/backup.js';
import { dataDirWithKeys, isProblem, startSecureApi, type SecureApi } from '../security/security-api.js';

let api: SecureApi;
let tokens: Record<string, { token: string }>;
beforeAll(async () => {
  const made = await dataDirWithKeys(['admin', 'write', 'read']);
  tokens = made.tokens;
  api = await startSecureApi(made.dir);
  const admin = tokens.admin!.token;
  expect((await api.as(admin, 'POST', '/api/people', { id: 'p1', name: 'Ada' })).status).toBe(201);
  expect((await api.as(admin, 'POST', '/api/people', { id: 'p2', name: 'Grace' })).status).toBe(201);
  expect((await api.as(admin, 'POST', '/api/interactions', { id: 'i1', a: 'p1', b: 'p2', kind: 'met', at: '2026-01-02' })).status).toBe(201);
});
afterAll(() => api.close());

describe('GET /api/admin/backup', () => {
  it('when an admin asks, then the answer is a readable backup of the export at the current version, as a download', async () => {
    const r = await api.as(tokens.admin!.token, 'GET', '/api/admin/backup');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="refnet-backup-v\d+\.json"$/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const backup = readBackup(r.body);
    expect(backup).toMatchObject({ format: 'refnet-backup/1', store: 'embedded', version: api.refnet.network.version, counts: { people: 2, interactions: 1, referrals: 0 } });
    expect(backup.document).toEqual((await api.as(tokens.admin!.token, 'GET', '/api/export')).body);
  });

  it('when a read or write key asks, under any spelling of the path, then 403 naming the admin scope', async () => {
    for (const scope of ['read', 'write']) {
      for (const path of ['/api/admin/backup', '/API/Admin/backup/', '/api//admin/%62ackup']) {
        const r = await api.as(tokens[scope]!.token, 'GET', path);
        expect(isProblem(r, 403), `${scope} ${path} → ${r.status}`).toBe(true);
        expect(r.body.requiredScope).toBe('admin');
      }
    }
    expect(isProblem(await api.as(undefined, 'GET', '/api/admin/backup'), 401)).toBe(true);
  });
});
