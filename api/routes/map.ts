/**
 * GET /api/map — the data the map draws: people with positions, sizes and colour keys, ties with
 * stage and dormant flag, and a filtered view when the network is too large for one page.
 * GET /api/map/sample — the bundled sample network document, for the empty state's "load the
 * sample network" (the page posts it to /api/import, so import rules apply unchanged).
 */
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import { z } from 'zod';
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';
import type { LiveNetwork } from '../../graph/live-network.js';
import { isSensitive, type PrivacyPolicy } from '../../graph/privacy/policy.js';
import { withoutSensitiveFields } from '../../graph/privacy/sensitive-fields.js';
import { dateSchema } from '../../graph/schema.js';
import { NotFoundError, ValidationError } from '../../graph/service/errors.js';
import { issuesFromZod, safeParseReporting } from '../../graph/service/issues.js';
import { PROJECT_ROOT } from '../../graph/support/project-files.js';
import { asOfMs } from './analytics.js';
import { mapBase } from './map-layout.js';
import { MapNotFoundError, buildMapView } from './map-view.js';

/** Largest view sent in one response; above it the server picks an ego network. */
export const MAP_MAX_NODES = 15_000;
export const MAP_MAX_EDGES = 80_000;

const SAMPLE_PATH = new URL('data/sample-network.json', PROJECT_ROOT);

export const mapQuerySchema = z.strictObject({
  asOf: dateSchema.optional(),
  view: z.enum(['auto', 'all', 'ego', 'group', 'community']).default('auto'),
  person: z.string().min(1).optional(),
  radius: z.coerce.number().int().min(1).max(4).default(2),
  group: z.string().min(1).optional(),
  community: z.coerce.number().int().nonnegative().optional(),
  maxNodes: z.coerce.number().int().min(1).max(MAP_MAX_NODES).default(MAP_MAX_NODES),
  maxEdges: z.coerce.number().int().min(1).max(MAP_MAX_EDGES).default(MAP_MAX_EDGES),
  /** edges=false: people only (name pickers), never cut down for the ties' sake. */
  edges: z.stringbool().default(true),
});

export interface MapDeps {
  network: Pick<LiveNetwork, 'version' | 'sync'>;
  /** Its projection (ties with evidence), communities, betweenness and VCP rules. */
  analytics: AnalyticsEngine;
  /** Sensitive fields are left out of the nodes, and a group view is refused when `group` is sensitive. */
  policy?: PrivacyPolicy;
}

/** The map data router; mount under /api. */
export function mapRouter(deps: MapDeps): Router {
  const router = Router();
  router.get('/map', async (req, res) => {
    const parsed = safeParseReporting(mapQuerySchema, req.query);
    if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error, ['query']));
    const { asOf, ...rest } = parsed.data;
    if (rest.view === 'ego' && rest.person === undefined) throw new ValidationError([{ path: '/query/person', message: 'is required for view=ego' }]);
    if (rest.view === 'group' && rest.group === undefined) throw new ValidationError([{ path: '/query/group', message: 'is required for view=group' }]);
    if (rest.view === 'group' && deps.policy && isSensitive(deps.policy, 'group')) {
      throw new ValidationError([{ path: '/query/view', message: '"group" is a sensitive attribute: the map cannot show people by it' }]);
    }
    await deps.network.sync();
    const at = asOfMs(asOf);
    let base = await mapBase(deps.analytics, deps.network.version, at);
    // Writes during a worker layout: catch up (positions are reused, newcomers placed in line).
    for (let i = 0; i < 3 && base.version !== deps.network.version; i++) base = await mapBase(deps.analytics, deps.network.version, at);
    try {
      const view = buildMapView(deps.analytics, base, { ...rest, asOf: at });
      const policy = deps.policy;
      const body = policy ? { ...view, nodes: view.nodes.map((n) => withoutSensitiveFields(n, policy)) } : view;
      res.setHeader('Server-Timing', `layout;dur=${base.computeMs}`);
      res.json(body);
    } catch (err) {
      throw err instanceof MapNotFoundError ? new NotFoundError(err.message) : err;
    }
  });
  router.get('/map/sample', async (_req, res) => {
    const text = await readFile(SAMPLE_PATH, 'utf8').catch(() => undefined);
    if (text === undefined) throw new NotFoundError('no sample network is bundled (data/sample-network.json)');
    res.type('application/json').send(text);
  });
  return router;
}
