/**
 * GET /api/groups/:id/report: parse → the engine's chapter report → what the viewer may see
 * (graph/service/chapter-visibility.ts) → send. A date `from` is the start of that UTC day and a
 * date `to` (or asOf) its end, so a period of whole days includes both.
 */
import { Router } from 'express';
import { groupsOf } from '../../graph/analytics/dimensions.js';
import type { Analytics } from '../../graph/analytics/engine.js';
import { parseAsOf, toMs } from '../../graph/analytics/time.js';
import { chapterReportFor } from '../../graph/service/chapter-visibility.js';
import { chapterReportQuerySchema } from '../schemas/chapter-report.js';
import { parseQuery } from '../parse.js';
import { ContactFilter } from '../../graph/service/withhold-contacts.js';
import { viewerOf } from '../security/viewer.js';
import { writerOf } from '../security/writer.js';

export function chapterReportRouter(analytics: Analytics): Router {
  const router = Router();
  router.get('/groups/:id/report', (req, res) => {
    const q = parseQuery(chapterReportQuerySchema, req);
    const filter = new ContactFilter(() => analytics.context().records, viewerOf(req));
    const report = analytics.chapterReport(req.params.id, { asOf: parseAsOf(q.asOf), from: q.from === undefined ? undefined : toMs(q.from), to: parseAsOf(q.to), ...filter.ranking });
    const viewer = writerOf(req).actor;
    const groups = new Set(viewer ? groupsOf(analytics.context().records, viewer.person, Date.now()) : []);
    res.json(filter.chapterReport(chapterReportFor(report, viewer, groups)));
  });
  return router;
}
