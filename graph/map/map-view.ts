/**
 * The map use-case, its one entry point: a request (the parsed query) → the view the map draws.
 * It reads the analytics engine alone — its context (records and the CSR snapshot as of the
 * date), communities, betweenness and tie stages — and the positions cached per version
 * (layout.ts); the privacy policy leaves sensitive fields out and refuses a view by a sensitive
 * attribute.
 */
import type { Analytics } from '../analytics/engine.js';
import { isSensitive, type PrivacyPolicy } from '../privacy/policy.js';
import { withoutSensitiveFields } from '../privacy/sensitive-fields.js';
import { ValidationError } from '../service/errors.js';
import { buildMapView } from './build-view.js';
import { mapBase } from './layout.js';
import type { MapRequest, MapResponse } from './schema.js';

/** Catch-up rounds when writes land while a layout runs (positions are reused, newcomers placed in line). */
const CATCH_UP_ROUNDS = 3;

/** The map view, and how long computing its layout took (ms; the same figure while it is cached). */
export async function mapView(analytics: Analytics, request: MapRequest, policy?: PrivacyPolicy): Promise<{ view: MapResponse; layoutMs: number }> {
  if (request.view === 'group' && policy && isSensitive(policy, 'group')) {
    throw new ValidationError([{ path: '/query/view', message: '"group" is a sensitive attribute: the map cannot show people by it' }]);
  }
  let base = await mapBase(analytics, request.asOf);
  for (let i = 0; i < CATCH_UP_ROUNDS && base.version !== analytics.version; i++) base = await mapBase(analytics, request.asOf);
  const view = buildMapView(analytics, base, request);
  return {
    view: policy ? withoutSensitive(view, policy) : view,
    layoutMs: base.computeMs,
  };
}

/** The view without sensitive fields: on the nodes, and — for industry — in the colour ranking and the community names derived from it. */
function withoutSensitive(view: MapResponse, policy: PrivacyPolicy): MapResponse {
  const industryHidden = isSensitive(policy, 'industry');
  return {
    ...view,
    nodes: view.nodes.map((n) => withoutSensitiveFields(n, policy)),
    ...(industryHidden
      ? { categories: { ...view.categories, industry: [] }, communityNames: view.communityNames.map((_, c) => `community ${c}`) }
      : {}),
  };
}
