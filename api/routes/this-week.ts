/**
 * The home page's API: "this week" for a person (graph/service/this-week.ts), snoozing and
 * hiding its rows (dismissal records), merging two people, and the UI settings the browser needs
 * (the currency). Each route: parse → use-case → send. `/api/me/week…` acts for the signed-in
 * person (api/me.ts), `/api/people/{id}/week…` for a named one.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { noPersonWithId, type NetworkService } from '../../graph/service/network-service.js';
import { dismissRequestSchema } from '../../graph/service/dismissals.js';
import { mergeRequestSchema } from '../../graph/service/merge-two-people.js';
import { thisWeek, type WeekEngine } from '../../graph/service/this-week.js';
import { dismissalSchema } from '../../graph/schema.js';
import { weekQuerySchema } from '../schemas/week-query.js';
import { problemResponse } from '../schemas/problem.js';
import { mergeResponse, weekResponse } from '../schemas/this-week-responses.js';
import type { Config } from '../config.js';
import { mePerson, type MeOf } from '../me.js';
import { parseQuery } from '../parse.js';
import { parseAsOf } from '../../graph/analytics/time.js';
import { ContactFilter } from '../../graph/service/withhold-contacts.js';
import { UnknownIdError } from '../../graph/analytics/context.js';
import { NotFoundError } from '../../graph/service/errors.js';
import { viewerOf } from '../security/viewer.js';
import { writerOf } from '../security/writer.js';

export interface ThisWeekDeps {
  analytics: WeekEngine;
  service: NetworkService;
  config: Pick<Config, 'CURRENCY'>;
  /** Who "me" is (api/security). */
  meOf: MeOf;
}

/** Mount under /api. */
export function thisWeekRouter(deps: ThisWeekDeps): Router {
  const { analytics, service, config, meOf } = deps;
  const router = Router();

  const week = (person: string, req: Request) => {
    const q = parseQuery(weekQuerySchema, req);
    const filter = new ContactFilter(() => analytics.context().records, viewerOf(req));
    filter.subject(person);
    return { currency: config.CURRENCY, ...thisWeek(analytics, person, { asOf: parseAsOf(q.asOf), limit: q.limit, ...filter.ranking }) };
  };
  const dismiss = async (person: string, req: Request, res: Response) => {
    res.status(201).json(await service.dismiss(person, req.body, writerOf(req)));
  };
  const undismiss = async (person: string, req: Request, res: Response) => {
    await service.undismiss(person, String(req.params.row), writerOf(req));
    res.status(204).end();
  };

  router.get('/settings', (_req, res) => {
    res.json({ currency: config.CURRENCY });
  });

  // A key or an unchosen local user is nobody: each route names its /api/people/{id} twin.
  router.get('/me/week', (req, res) => {
    res.json(week(mePerson(meOf, req, "ask for a person's week with /api/people/{id}/week"), req));
  });
  router.post('/me/week/dismissals', (req, res) => dismiss(mePerson(meOf, req, 'dismiss a row of a person\'s week with POST /api/people/{id}/week/dismissals'), req, res));
  router.delete('/me/week/dismissals/:row', (req, res) => undismiss(mePerson(meOf, req, 'bring a row of a person\'s week back with DELETE /api/people/{id}/week/dismissals/{row}'), req, res));

  router.get('/people/:id/week', (req, res) => {
    res.json(week(req.params.id, req));
  });
  // Someone withheld from the caller (another member's private contact) is a person no one has
  // here too, in the service's own words for one (POST and DELETE alike), so the answer cannot
  // tell the two apart; a row naming one is a row naming no one (NetworkService.dismiss, undismiss).
  const named = (req: Request) => {
    const id = String(req.params.id);
    try {
      new ContactFilter(() => analytics.context().records, viewerOf(req)).subject(id);
    } catch (err) {
      if (err instanceof UnknownIdError) throw new NotFoundError(noPersonWithId(id));
      throw err;
    }
    return id;
  };
  router.post('/people/:id/week/dismissals', (req, res) => dismiss(named(req), req, res));
  router.delete('/people/:id/week/dismissals/:row', (req, res) => undismiss(named(req), req, res));

  router.post('/people/merge/preview', async (req, res) => {
    res.json(await service.previewMerge(req.body, writerOf(req)));
  });
  router.post('/people/merge', async (req, res) => {
    res.json(await service.mergePeople(req.body, writerOf(req)));
  });

  return router;
}

/** The home page's paths in the OpenAPI document. */
export function registerThisWeekOpenApi(registry: OpenAPIRegistry): void {
  const tags = ['home'];
  const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const params = (extra: Record<string, z.ZodType> = {}) => z.object({ id: z.string().describe('person id'), ...extra });
  const row = z.string().describe('the row key, percent-encoded');
  const weekSummary = 'Follow-ups after events, dormant ties, referrals owed, introductions, open slips and the VCP funnel of a person, each row with contact details and a key';
  registry.registerPath({ method: 'get', path: '/api/settings', tags, summary: 'Settings the browser needs (the currency)', responses: { 200: json('Settings', z.object({ currency: z.string() })) } });
  for (const [base, p] of [['/api/me/week', undefined], ['/api/people/{id}/week', params()]] as const) {
    const who: Record<string, ReturnType<typeof problemResponse>> = p ? {} : { 409: problemResponse('The request acts as no person (an API key, or local mode before choosing "me")') };
    registry.registerPath({ method: 'get', path: base, tags, summary: weekSummary, request: { query: weekQuerySchema, ...(p ? { params: p } : {}) }, responses: { 200: json('This week', weekResponse), 400: problemResponse('Invalid query'), 404: problemResponse('Unknown person'), ...who } });
    registry.registerPath({ method: 'post', path: `${base}/dismissals`, tags, summary: 'Snooze a row until a date, or mark it not relevant (replaces an earlier choice)', description: 'The dismissal hides the row from now (its `at`) on; the week asked as of an earlier date still shows it. A snooze ends at `until`, which must be after now.', request: { body: body(dismissRequestSchema), ...(p ? { params: p } : {}) }, responses: { 201: json('The dismissal', dismissalSchema), 400: problemResponse('Invalid body, `until` not after now (errors name `/until`), a row naming a person, event or referral that is unknown or not visible to the caller (errors name `/row`: "unknown person …", in the same words for both, whoever\'s week it is), or a row the person\'s week never shows (errors name `/row` and why: about the person themselves, an introduction\'s pair out of id order, someone else\'s slip)'), 404: problemResponse('Unknown person'), ...who } });
    registry.registerPath({ method: 'delete', path: `${base}/dismissals/{row}`, tags, summary: 'Bring a hidden row back', request: { params: p ? params({ row }) : z.object({ row }) }, responses: { 204: { description: 'Shown again' }, 404: problemResponse('The row was not hidden, or names someone not visible to the caller (the same answer)'), ...who } });
  }
  const merge = 'Merge two people: the duplicate\'s memberships, attendance, interactions, referrals and dismissals move to the kept person, and rows anyone hid about the duplicate are about the kept person';
  const refused = problemResponse('The caller may not make this merge: a write their role may not make, or records not visible to them it would change (counted, never named)');
  registry.registerPath({ method: 'post', path: '/api/people/merge/preview', tags: ['records'], summary: `${merge} (preview: writes nothing)`, description: 'Makes every check the merge makes and answers what the merge would do, or the merge\'s own refusal.', request: { body: body(mergeRequestSchema) }, responses: { 200: json('What would move', mergeResponse), 400: problemResponse('Invalid body, or the merged person would not be valid'), 403: refused, 404: problemResponse('Unknown person') } });
  registry.registerPath({ method: 'post', path: '/api/people/merge', tags: ['records'], summary: `${merge} (one atomic write)`, request: { body: body(mergeRequestSchema) }, responses: { 200: json('What moved', mergeResponse), 400: problemResponse('Invalid body, or the merged person would not be valid'), 403: refused, 404: problemResponse('Unknown person') } });
}
