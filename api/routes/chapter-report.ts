/**
 * GET /api/groups/:id/report: parse → the engine's chapter report → send. A date `from` is the
 * start of that UTC day and a date `to` (or asOf) its end, so a period of whole days includes both.
 */
import { Router } from 'express';
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { parseAsOf, toMs } from '../../graph/analytics/time.js';
import { chapterReportQuerySchema } from '../schemas/chapter-report.js';
import { parseQuery } from '../parse.js';

export function chapterReportRouter(analytics: AnalyticsEngine): Router {
  const router = Router();
  router.get('/groups/:id/report', (req, res) => {
    const q = parseQuery(chapterReportQuerySchema, req);
    res.json(analytics.chapterReport(req.params.id, { asOf: parseAsOf(q.asOf), from: q.from === undefined ? undefined : toMs(q.from), to: parseAsOf(q.to) }));
  });
  return router;
}
