/**
 * GET /api/groups/:id/report: parse → the engine's chapter report → send. A date `from` is the
 * start of that UTC day and a date `to` (or asOf) its end, so a period of whole days includes both.
 */
import { Router } from 'express';
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { UnknownIdError } from '../../graph/analytics/context.js';
import { PeriodError } from '../../graph/analytics/chapter.js';
import { NotFoundError, ValidationError } from '../../graph/service/errors.js';
import { issuesFromZod, safeParseReporting } from '../../graph/service/issues.js';
import { chapterReportQuerySchema } from '../schemas/chapter-report.js';
import { asOfMs } from './analytics.js';

export function chapterReportRouter(analytics: AnalyticsEngine): Router {
  const router = Router();
  router.get('/groups/:id/report', (req, res) => {
    const parsed = safeParseReporting(chapterReportQuerySchema, req.query);
    if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error, ['query']));
    const q = parsed.data;
    try {
      res.json(analytics.chapterReport(req.params.id, { asOf: asOfMs(q.asOf), from: q.from === undefined ? undefined : Date.parse(q.from), to: asOfMs(q.to) }));
    } catch (err) {
      if (err instanceof UnknownIdError) throw new NotFoundError(err.message.replace('refnet/analytics: ', ''));
      if (err instanceof PeriodError) throw new ValidationError([{ path: '/query/from', message: err.message }]);
      throw err;
    }
  });
  return router;
}
