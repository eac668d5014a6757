/**
 * GET /api/map — the data the map draws (graph/map: people with positions, sizes and colour
 * keys, ties with stage and dormant flag, a filtered view when the network is too large).
 * GET /api/map/sample — the bundled sample network document, for the empty state's "load the
 * sample network" (the page posts it to /api/import, so import rules apply unchanged).
 * Parse → call → send; errors go to api/problem.ts.
 */
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import type { Analytics } from '../../graph/analytics/engine.js';
import { parseAsOf } from '../../graph/analytics/time.js';
import { mapView } from '../../graph/map/map-view.js';
import { mapQuerySchema } from '../../graph/map/schema.js';
import type { PrivacyPolicy } from '../../graph/privacy/policy.js';
import { NotFoundError } from '../../graph/service/errors.js';
import { PROJECT_ROOT } from '../../graph/support/project-files.js';
import { ContactFilter } from '../../graph/service/withhold-contacts.js';
import { parseQuery } from '../parse.js';
import { viewerOf } from '../security/viewer.js';

const SAMPLE_PATH = new URL('data/sample-network.json', PROJECT_ROOT);

export interface MapDeps {
  /** Its context, communities, betweenness and tie stages are what the map shows. */
  analytics: Analytics;
  /** Sensitive fields are left out of the nodes, and a group view is refused when `group` is sensitive. */
  policy?: PrivacyPolicy;
}

/** The map data router; mount under /api (after the store sync every data request gets). */
export function mapRouter(deps: MapDeps): Router {
  const router = Router();
  router.get('/map', async (req, res) => {
    const { asOf, ...query } = parseQuery(mapQuerySchema, req);
    const filter = new ContactFilter(() => deps.analytics.context().records, viewerOf(req));
    if (query.person !== undefined) filter.subject(query.person);
    const { view, layoutMs } = await mapView(deps.analytics, { ...query, asOf: parseAsOf(asOf), ...filter.ranking }, deps.policy);
    res.setHeader('Server-Timing', `layout;dur=${layoutMs}`);
    res.json(view);
  });
  router.get('/map/sample', async (_req, res) => {
    const text = await readFile(SAMPLE_PATH, 'utf8').catch(() => undefined);
    if (text === undefined) throw new NotFoundError('no sample network is bundled (data/sample-network.json)');
    res.type('application/json').send(text);
  });
  return router;
}
