/**
 * Liveness and readiness. /healthz answers while the process runs (restart me if not);
 * /readyz answers 200 only while the store does (send me traffic), else a 503 problem. Ready
 * means the records are loaded: the analytics projection may still be warming up in the
 * background, which the body reports (`analytics.state`: cold | warming | warm | failed); a
 * failed projection build makes the service not ready.
 */
import { Router } from 'express';
import type { LiveNetwork } from '../../graph/live-network.js';
import type { StorePort } from '../../graph/store/port.js';
import { HttpProblem } from '../problem.js';

export function healthRouter(
  store: StorePort,
  network: LiveNetwork,
  extra: () => Record<string, unknown> = () => ({}),
  notReady: () => string | undefined = () => undefined,
): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    if (!(await store.isReady())) throw new HttpProblem('not-ready', `the ${store.kind} store is not answering`);
    const reason = notReady();
    if (reason) throw new HttpProblem('not-ready', reason, { members: extra() });
    res.json({ status: 'ready', store: store.kind, version: network.version, ...extra() });
  });

  return router;
}
