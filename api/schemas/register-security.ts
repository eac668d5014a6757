/** GET /api/whoami and the /api/admin routes (api/security/security-router.ts) in the OpenAPI document. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { backupEnvelopeSchema } from '../../graph/service/backup.js';
import { problemResponse } from './problem.js';
import { compactResponse, keyListResponse, keySummary, whoamiResponse } from './security-responses.js';

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
}

