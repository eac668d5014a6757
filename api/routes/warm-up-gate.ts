/**
 * Analytics and map reads while the analytics projection warms up (after start-up or a bulk
 * import, graph/projection/lazy-projection.ts): a request waits up to `waitMs` for the warm-up,
 * then gets a 503 problem ("not-ready") with Retry-After and a "warming up" detail instead of
 * holding the event loop for a synchronous build. Mount before the analytics and map routers.
 */
import { Router, type RequestHandler } from 'express';
import type { Analytics } from '../../graph/analytics/engine.js';
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
  '/map',
];

/** Default bounded wait for a warm-up in progress, and the Retry-After sent after it. */
export const WARM_UP_WAIT_MS = 5_000;
const RETRY_AFTER_S = 5;

/** A router that holds analytics reads until the projection is warm (bounded), else 503. */
export function warmUpGate(analytics: Pick<Analytics, 'whenWarm' | 'warmUpStatus'>, options: { waitMs?: number } = {}): Router {
  const waitMs = options.waitMs ?? WARM_UP_WAIT_MS;
  const gate: RequestHandler = (_req, _res, next) => {
    analytics.whenWarm(waitMs).then((warm) => {
      // A failed build is not a warm-up: the read goes on and answers the failure's own 503.
      if (warm || analytics.warmUpStatus().state === 'failed') return next();
      next(
        new HttpProblem('not-ready', 'analytics are warming up (building the graph projection after start-up or a bulk import); retry shortly', {
          members: { warmingUp: true },
          headers: { 'Retry-After': String(RETRY_AFTER_S) },
        }),
      );
    }, next);
  };
  const router = Router();
  // One route per path (not one for the array), so a request the gate answers keeps its own route template (metrics).
  for (const path of ANALYTICS_PATHS) router.get(path, gate);
  return router;
}
