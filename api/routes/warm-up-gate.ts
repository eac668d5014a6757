/**
 * Analytics and map reads while the analytics projection warms up (after start-up or a bulk
 * import, graph/projection/lazy-projection.ts), or while the snapshot of a past date they ask
 * for is built: a request waits up to `waitMs` for it, then gets a 503 problem ("not-ready") with
 * Retry-After and a "warming up" detail instead of holding the event loop for a synchronous
 * build. Mount before the analytics and map routers.
 */
import { Router, type RequestHandler } from 'express';
import type { Analytics } from '../../graph/analytics/engine.js';
import { parseAsOf } from '../../graph/analytics/time.js';
import { HttpProblem } from '../problem.js';

/** The routes that read the analytics projection (mounted under /api). */
export const ANALYTICS_PATHS = [
  '/relationships/:a/:b',
  '/people/:id/metrics',
  '/people/:id/introductions',
  '/people/:id/week',
  '/me/week',
  '/metrics/network',
  '/groups/:id/metrics',
  '/paths',
  '/renetworking',
  '/reports/diversity-gap',
  '/dimensions',
  '/map',
];

/** Default bounded wait for a warm-up in progress, and the Retry-After sent after it. */
export const WARM_UP_WAIT_MS = 5_000;
const RETRY_AFTER_S = 5;
const WARMING_UP = 'analytics are warming up (building the graph projection after start-up or a bulk import); retry shortly';
const BUILDING_PAST = 'analytics are building the network as of the asked date (asOf); retry shortly';

/** The instant a read asks for with `asOf`, if it parses (a bad one is the route's 400 to give). */
function askedAsOf(query: unknown): number | undefined {
  const asOf = (query as Record<string, unknown> | undefined)?.asOf;
  if (typeof asOf !== 'string') return undefined;
  try {
    return parseAsOf(asOf);
  } catch {
    return undefined;
  }
}

/**
 * A router that holds analytics reads until the projection is warm, and a past date's snapshot
 * built (`asOf` before the latest record: built in slices off the request path), within one
 * bounded wait; past it, 503 with Retry-After.
 */
export function warmUpGate(analytics: Pick<Analytics, 'whenWarm' | 'warmUpStatus' | 'whenSnapshotAt'>, options: { waitMs?: number } = {}): Router {
  const waitMs = options.waitMs ?? WARM_UP_WAIT_MS;
  const notReady = (detail: string) =>
    new HttpProblem('not-ready', detail, { members: { warmingUp: true }, headers: { 'Retry-After': String(RETRY_AFTER_S) } });
  const gate: RequestHandler = (req, _res, next) => {
    const started = performance.now();
    const asOf = askedAsOf(req.query);
    analytics
      .whenWarm(waitMs)
      .then(async (warm) => {
        // A failed build is not a warm-up: the read goes on and answers the failure's own 503.
        if (!warm) return analytics.warmUpStatus().state === 'failed' ? undefined : notReady(WARMING_UP);
        if (asOf !== undefined && !(await analytics.whenSnapshotAt(asOf, waitMs - (performance.now() - started)))) return notReady(BUILDING_PAST);
        return undefined;
      })
      .then((problem) => next(problem), next);
  };
  const router = Router();
  // One route per path (not one for the array), so a request the gate answers keeps its own route template (metrics).
  for (const path of ANALYTICS_PATHS) router.get(path, gate);
  return router;
}
