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
import { within } from '../support/within.js';
import { buildMapView } from './build-view.js';
import { mapBase } from './layout.js';
import type { MapRequest, MapResponse } from './schema.js';

/** Catch-up rounds when writes land while a layout runs (positions are reused, newcomers placed in line). */
const CATCH_UP_ROUNDS = 3;

/**
 * How long a request waits for its version's layout before it is answered "not ready" with
 * Retry-After (the layout goes on, and the retry finds it): the first layout of a large network
 * waits for its communities and takes minutes at a million people.
 */
export const MAP_LAYOUT_WAIT_MS = 5_000;
export const MAP_LAYOUT_RETRY_AFTER_S = 5;

/** The layout a map request needs is still being computed after the request's wait. */
export class MapLayoutPendingError extends Error {
  override readonly name = 'MapLayoutPendingError';
  constructor(readonly people: number) {
    super(`the map of ${people.toLocaleString('en')} people is being laid out (its communities, then the positions); retry shortly`);
  }
}

/** The map view, and how long computing its layout took (ms; the same figure while it is cached). */
export async function mapView(analytics: Analytics, request: MapRequest, policy?: PrivacyPolicy, options: { waitMs?: number } = {}): Promise<{ view: MapResponse; layoutMs: number }> {
  if (request.view === 'group' && policy && isSensitive(policy, 'group')) {
    throw new ValidationError([{ path: '/query/view', message: '"group" is a sensitive attribute: the map cannot show people by it' }]);
  }
  const deadline = performance.now() + (options.waitMs ?? MAP_LAYOUT_WAIT_MS);
  const laidOut = async () => {
    const base = await within(mapBase(analytics, request.asOf), deadline - performance.now(), undefined);
    if (!base) throw new MapLayoutPendingError(analytics.context().records.maps.person.size);
    return base;
  };
  let base = await laidOut();
  for (let i = 0; i < CATCH_UP_ROUNDS && base.version !== analytics.version; i++) base = await laidOut();
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
