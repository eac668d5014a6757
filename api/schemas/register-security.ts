/** Sessions (POST/DELETE /api/session, GET/PUT /api/me, PUT /api/me/password), GET /api/whoami and the /api/admin routes (security-router.ts, admin-accounts-router.ts) in the OpenAPI document. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { backupEnvelopeSchema } from '../../graph/service/backup.js';
import { problemResponse } from './problem.js';
import { compactResponse, keyListResponse, keySummary, whoamiResponse } from './security-responses.js';
import { changePasswordRequest, meResponse, putMeRequest, sessionMe, localMe, signInRequest } from './session-schemas.js';
import { accountListResponse, accountParam, accountSummary, createAccountRequest, setPasswordRequest, updateAccountRequest } from './account-schemas.js';

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
      429: problemResponse('Too many wrong passwords for this account or from this address (failed sign-ins and password changes count together)'),
    },
  });
  registry.registerPath({
    method: 'delete', path: '/api/session', tags: ['accounts'], summary: 'Sign out: ends the session and clears the cookie (needs X-CSRF-Token)',
    responses: { 204: { description: 'Signed out' }, 401: problemResponse('Not signed in'), 403: problemResponse('No or wrong X-CSRF-Token') },
  });
  registry.registerPath({
    method: 'get', path: '/api/me', tags: ['accounts'],
    summary: 'Who you are: the signed-in person, role, email and CSRF token; in local mode the person chosen (or null); for an API key the key (and the person an admin key acts as with Refnet-Act-As)',
    responses: {
      200: json(meResponse, 'Who you are'),
      400: problemResponse('A Refnet-Act-As header that is empty, or sent more than once'),
      401: problemResponse('Not signed in'),
      403: problemResponse('Refnet-Act-As sent by anyone but an admin key (or local mode)'),
      404: problemResponse('Refnet-Act-As names a person who is not in the network'),
    },
  });
  registry.registerPath({
    method: 'put', path: '/api/me', tags: ['accounts'], summary: 'Local mode only (no account, no key): choose which person of the network you are; remembered in the data directory',
    request: body(putMeRequest),
    responses: { 200: json(localMe, 'Chosen'), 400: problemResponse('No such person, or not {person}'), 409: problemResponse('Not in local mode: who you are comes from your account or key') },
  });
  registry.registerPath({
    method: 'put', path: '/api/me/password', tags: ['accounts'],
    summary: 'A signed-in account changes its own password: the current one is checked as sign-in checks it; every other session of the account ends, this one goes on under a new id (needs X-CSRF-Token)',
    request: body(changePasswordRequest),
    responses: {
      200: json(sessionMe, 'Changed; the Set-Cookie header carries the session’s new id (the CSRF token is kept)'),
      400: problemResponse('Not {current, password}, the new password breaks the rule, or `current` is not the current password (errors[] names the field)'),
      401: problemResponse('Not signed in'),
      403: problemResponse('No or wrong X-CSRF-Token, or a key without write scope'),
      409: problemResponse('Not a signed-in account: an API key or local mode has no password'),
      429: problemResponse('Too many wrong passwords for this account or from this address (failed sign-ins count too)'),
    },
  });

  const accountTags = ['accounts'];
  registry.registerPath({
    method: 'get', path: '/api/admin/accounts', tags: accountTags, summary: 'Every account, disabled ones included (never a password hash); admin scope or an admin account',
    responses: { 200: json(accountListResponse, 'The accounts') },
  });
  registry.registerPath({
    method: 'post', path: '/api/admin/accounts', tags: accountTags,
    summary: 'Create an account for a person of the network (as `refnet users create`); admin scope or an admin account. The first account ends local mode',
    request: body(createAccountRequest),
    responses: {
      201: json(accountSummary, 'Created'),
      400: problemResponse('Not {email, password, person, role?}, not an email, a password breaking the rule, or no such person'),
      409: problemResponse('An account with this email exists already'),
    },
  });
  registry.registerPath({
    method: 'patch', path: '/api/admin/accounts/{email}', tags: accountTags,
    summary: 'Change an account’s role or person, or disable it (its sessions end) or enable it again; admin scope or an admin account',
    request: { params: accountParam, ...body(updateAccountRequest) },
    responses: {
      200: json(accountSummary, 'The account as it is now'),
      400: problemResponse('Nothing to change, a field of the wrong kind, or no such person'),
      404: problemResponse('No account with this email or id'),
      409: problemResponse('It is the only enabled admin account: it cannot be disabled or demoted'),
    },
  });
  registry.registerPath({
    method: 'put', path: '/api/admin/accounts/{email}/password', tags: accountTags,
    summary: 'Set an account’s password (as `refnet users reset-password`); every session of the account ends; admin scope or an admin account',
    request: { params: accountParam, ...body(setPasswordRequest) },
    responses: {
      200: json(accountSummary, 'The account; its sessions have ended'),
      400: problemResponse('Not {password}, or a password breaking the rule'),
      404: problemResponse('No account with this email or id'),
    },
  });
}
