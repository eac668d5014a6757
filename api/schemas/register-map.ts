/** GET /api/map and /api/map/sample in the OpenAPI document. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { networkDocumentSchema } from '../../graph/schema.js';
import { mapQuerySchema, mapResponseSchema } from '../../graph/map/schema.js';
import { problemResponse } from './problem.js';

export function registerMapOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/map',
    tags: ['map'],
    summary: 'What the map draws: people with positions and colour keys, ties with stage and dormant flag; a filtered view (said why) when the network is too large',
    request: { query: mapQuerySchema },
    responses: {
      200: { description: 'The map view', content: { 'application/json': { schema: mapResponseSchema } } },
      404: problemResponse('The person or group the view names does not exist'),
      503: problemResponse('Analytics are warming up, or the first layout of this version is still being computed (`layingOut: true`; both with Retry-After), or the store is unavailable'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/map/sample',
    tags: ['map'],
    summary: 'The bundled sample network document (post it to /api/import to load it)',
    responses: {
      200: { description: 'The sample network', content: { 'application/json': { schema: networkDocumentSchema } } },
      404: problemResponse('No sample network is bundled'),
    },
  });
}
