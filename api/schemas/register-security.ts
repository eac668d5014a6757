/** Sessions (POST/DELETE /api/session, GET/PUT /api/me), GET /api/whoami and the /api/admin routes (api/security/security-router.ts) in the OpenAPI document. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { backupEnvelopeSchema } from '../../graph/service/backup.js';
import { problemResponse } from './problem.js';
import { compactResponse, keyListResponse, keySummary, whoamiResponse } from './security-responses.js';
import { meResponse, putMeRequest, sessionMe, localMe, signInRequest } from './session-schemas.js';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

export function registerSecurityOpenApi(registry: OpenAPIRegistry): void {
  const tags = ['security'];
  registry.registerPath({
    method: 'get', path: '/api/whoami', tags, summary: 'The key (id, name, scope) or local mode this request runs as',
    responses: { 200: json(whoamiResponse, 'Who you are') },
  });
  registry.registerPath({
    method: 'get', path: '/api/admin/keys', tags, summary: 'Every API key, revoked ones included (never a hash or token); admin scope',
    responses: { 200: json(keyListResponse, 'The keys') },
  });
  registry.registerPath({
    method: 'delete', path: '/api/admin/keys/{id}', tags, summary: 'Revoke a key at once (revoking twice keeps the first time); admin scope',
    request: { params: z.object({ id: z.string().describe('key id') }) },
    responses: { 200: json(keySummary, 'The revoked key'), 404: problemResponse('No key with this id') },
  });
  registry.registerPath({
    method: 'post', path: '/api/admin/compact', tags, summary: 'Compact the store now (deleted data leaves the journal files); admin scope',
    responses: { 200: json(compactResponse, 'Whether anything was compacted') },
  });
  registry.registerPath({
    method: 'get', path: '/api/admin/backup', tags,
    summary: 'A consistent backup of the running store (the export at one version, with counts; `refnet backup`); admin scope',
    responses: { 200: json(backupEnvelopeSchema, 'The backup file (refnet-backup/1)') },
  });

  const body = (schema: z.ZodType) => ({ body: { required: true, content: { 'application/json': { schema } } } });
  registry.registerPath({
    method: 'post', path: '/api/session', tags: ['accounts'],
    summary: 'Sign in: sets the HttpOnly, SameSite=Lax session cookie (a new id every time) and returns who you are with the CSRF token',
    request: body(signInRequest),
    responses: {
      200: json(sessionMe, 'Signed in; the Set-Cookie header carries the session'),
      400: problemResponse('Not {email, password}'),
      401: problemResponse('The email or the password is not right (one answer for both)'),
      429: problemResponse('Too many failed sign-ins for this account or from this address'),
    },
  });
  registry.registerPath({
    method: 'delete', path: '/api/session', tags: ['accounts'], summary: 'Sign out: ends the session and clears the cookie (needs X-CSRF-Token)',
    responses: { 204: { description: 'Signed out' }, 401: problemResponse('Not signed in'), 403: problemResponse('No or wrong X-CSRF-Token') },
  });
  registry.registerPath({
    method: 'get', path: '/api/me', tags: ['accounts'],
    summary: 'Who you are: the signed-in person, role, email and CSRF token; in local mode the person chosen (or null); for an API key the key',
    responses: { 200: json(meResponse, 'Who you are'), 401: problemResponse('Not signed in') },
  });
  registry.registerPath({
    method: 'put', path: '/api/me', tags: ['accounts'], summary: 'Local mode only (no account, no key): choose which person of the network you are; remembered in the data directory',
    request: body(putMeRequest),
    responses: { 200: json(localMe, 'Chosen'), 400: problemResponse('No such person, or not {person}'), 409: problemResponse('Not in local mode: who you are comes from your account or key') },
  });
}
