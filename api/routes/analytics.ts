/**
 * The analytics endpoints (issue #4): parse the query with zod → ask the analytics → send.
 * The engine's errors (an unknown id, a path request above a cap) reach api/problem.ts as they
 * are; an unreachable path target is a 200 with no paths and a reason.
 * Every endpoint takes asOf (a date-time, or a date meaning the end of that UTC day).
 */
import { Router, type Request } from 'express';
import type { Analytics } from '../../graph/analytics/engine.js';
import { UnknownIdError } from '../../graph/analytics/context.js';
import { parseAsOf } from '../../graph/analytics/time.js';
import { dimensionsOf } from '../../graph/analytics/dimensions.js';
import type { PathTarget } from '../../graph/analytics/warm-paths.js';
import { ValidationError } from '../../graph/service/errors.js';
import { ContactFilter } from '../../graph/service/withhold-contacts.js';
import { parseQuery } from '../parse.js';
import { viewerOf } from '../security/viewer.js';
import {
  asOfQuerySchema,
  diversityGapQuerySchema,
  dimensionsQuerySchema,
  introductionsQuerySchema,
  pathsQuerySchema,
  personMetricsQuerySchema,
  renetworkingQuerySchema,
} from './analytics-schemas.js';

export interface AnalyticsDeps {
  analytics: Analytics;
}

/** where[DIMENSION]=VALUE keys, taken out of the query before strict validation. */
function splitWhere(req: Request): { rest: Record<string, unknown>; where: [string, string][] } {
  // Query keys are user data: a `__proto__` key must reach strict validation (and fail there).
  const rest = new Map<string, unknown>();
  const where: [string, string][] = [];
  for (const [key, value] of Object.entries(req.query)) {
    const m = /^where\[(.+)\]$/.exec(key);
    if (!m) rest.set(key, value);
    else if (typeof value === 'string' && value !== '') where.push([m[1]!, value]);
    else throw new ValidationError([{ path: `/query/${key}`, message: 'must be one non-empty value' }]);
  }
  return { rest: Object.fromEntries(rest), where };
}

/** The analytics router; mount under /api. */
export function analyticsRouter(deps: AnalyticsDeps): Router {
  const a = deps.analytics;
  const router = Router();
  /** What the caller may see of the people in an answer, and of the dimensions and categories it and a 400 name (private contacts: graph/service/contact-visibility.ts). */
  const filterFor = (req: Request) => new ContactFilter(() => a.context().records, viewerOf(req));

  router.get('/relationships/:a/:b', (req, res) => {
    const q = parseQuery(asOfQuerySchema, req);
    const f = filterFor(req);
    f.subject(req.params.a);
    f.subject(req.params.b);
    // After the visibility and existence checks: a contact hidden from the caller, or nobody, is a
    // 404 whether or not it is named twice.
    if (req.params.a === req.params.b && !a.context().records.has('person', req.params.a)) throw new UnknownIdError('person', req.params.a);
    if (req.params.a === req.params.b) throw new ValidationError([{ path: '/path/b', message: 'must differ from a: a person and themselves have no relationship' }]);
    res.json(a.relationship(req.params.a, req.params.b, parseAsOf(q.asOf)));
  });

  router.get('/people/:id/metrics', (req, res) => {
    const q = parseQuery(personMetricsQuerySchema, req);
    const f = filterFor(req);
    f.subject(req.params.id);
    res.json(f.personMetrics(a.personMetrics(req.params.id, { asOf: parseAsOf(q.asOf), dimension: q.dimension, ...f.ranking })));
  });

  router.get('/people/:id/introductions', (req, res) => {
    const q = parseQuery(introductionsQuerySchema, req);
    const f = filterFor(req);
    f.subject(req.params.id);
    res.json(a.introductions(req.params.id, { asOf: parseAsOf(q.asOf), dimension: q.dimension, limit: q.limit, includeCompetitors: q.includeCompetitors, ...f.ranking }));
  });

  router.get('/metrics/network', (req, res) => {
    const q = parseQuery(asOfQuerySchema, req);
    res.json(a.networkMetrics(parseAsOf(q.asOf), filterFor(req).ranking));
  });

  router.get('/groups/:id/metrics', (req, res) => {
    const q = parseQuery(asOfQuerySchema, req);
    res.json(a.groupMetrics(req.params.id, parseAsOf(q.asOf), filterFor(req).ranking));
  });

  router.get('/paths', (req, res) => {
    const { rest, where } = splitWhere(req);
    const q = parseQuery(pathsQuerySchema, { query: rest });
    const given = [q.to !== undefined, q.toCompany !== undefined, where.length > 0].filter(Boolean).length;
    if (given !== 1 || where.length > 1) {
      throw new ValidationError([{ path: '/query', message: 'give exactly one target: to=ID, toCompany=ID or one where[DIMENSION]=VALUE' }]);
    }
    const target: PathTarget =
      q.to !== undefined ? { to: q.to } : q.toCompany !== undefined ? { toCompany: q.toCompany } : { where: { dimension: where[0]![0], value: where[0]![1] } };
    const f = filterFor(req);
    f.subject(q.from);
    if ('to' in target) f.subject(target.to);
    res.json(f.paths(a.paths(q.from, target, { asOf: parseAsOf(q.asOf), k: q.k, maxHops: q.maxHops, ...f.ranking })));
  });

  router.get('/renetworking', (req, res) => {
    const q = parseQuery(renetworkingQuerySchema, req);
    const f = filterFor(req);
    f.subject(q.person);
    res.json(a.renetworking(q.person, { asOf: parseAsOf(q.asOf), limit: q.limit, ...f.ranking }));
  });

  // The names a dimension picker offers: those of the people the caller sees (as a 400's "Known dimensions").
  router.get('/dimensions', (req, res) => {
    parseQuery(dimensionsQuerySchema, req);
    res.json({ dimensions: dimensionsOf(a.context().records, filterFor(req).ranking.sees) });
  });

  router.get('/reports/diversity-gap', (req, res) => {
    const q = parseQuery(diversityGapQuerySchema, req);
    if ((q.person === undefined) === (q.group === undefined)) {
      throw new ValidationError([{ path: '/query', message: 'give exactly one subject: person=ID or group=ID' }]);
    }
    const subject = q.person !== undefined ? { person: q.person } : { group: q.group! };
    const f = filterFor(req);
    if (q.person !== undefined) f.subject(q.person);
    res.json(f.diversityGap(a.diversityGap(subject, q.dimension, { asOf: parseAsOf(q.asOf), target: q.target, allowAbsent: q.allowAbsent, maxHops: q.maxHops, ...f.ranking })));
  });

  return router;
}
