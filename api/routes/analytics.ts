/**
 * The analytics endpoints (issue #4): parse the query with zod → ask the AnalyticsEngine → send.
 * Unknown ids are 404 problems; an unreachable path target is a 200 with no paths and a reason.
 * Every endpoint takes asOf (a date-time, or a date meaning the end of that UTC day).
 */
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { UnknownIdError } from '../../graph/analytics/context.js';
import { DimensionInputError } from '../../graph/analytics/dimensions.js';
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { PathLimitError } from '../../graph/analytics/path-limits.js';
import type { PathTarget } from '../../graph/analytics/warm-paths.js';
import { NotFoundError, ValidationError } from '../../graph/service/errors.js';
import { issuesFromZod, safeParseReporting } from '../../graph/service/issues.js';
import {
  asOfQuerySchema,
  diversityGapQuerySchema,
  introductionsQuerySchema,
  pathsQuerySchema,
  personMetricsQuerySchema,
  renetworkingQuerySchema,
} from './analytics-schemas.js';

export interface AnalyticsDeps {
  analytics: AnalyticsEngine;
}

const DAY_MS = 86_400_000;

/** A date means the end of that UTC day (the whole day happened); a date-time is exact. */
export function asOfMs(asOf: string | undefined): number | undefined {
  if (asOf === undefined) return undefined;
  const ms = Date.parse(asOf);
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? ms + DAY_MS - 1 : ms;
}

function parse<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = safeParseReporting(schema, query);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error, ['query']));
  return parsed.data;
}

/** Unknown ids become the API's 404; a request above a path cap, a 400 naming the cap. */
function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof UnknownIdError) throw new NotFoundError(err.message.replace('refnet/analytics: ', ''));
    // An unknown dimension or a category no one holds: a 400 on the parameter that named it.
    if (err instanceof DimensionInputError) throw new ValidationError([{ path: `/query/${err.part === 'dimension' ? 'dimension' : 'where'}`, message: err.message }], err.message);
    if (err instanceof PathLimitError) {
      throw new ValidationError([{ path: `/query/${err.field}`, message: `must be at most ${err.cap} (the service's paths.${err.field}Cap setting)` }]);
    }
    throw err;
  }
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

  router.get('/relationships/:a/:b', (req, res) => {
    const q = parse(asOfQuerySchema, req.query);
    res.json(run(() => a.relationship(req.params.a, req.params.b, asOfMs(q.asOf))));
  });

  router.get('/people/:id/metrics', (req, res) => {
    const q = parse(personMetricsQuerySchema, req.query);
    res.json(run(() => a.personMetrics(req.params.id, { asOf: asOfMs(q.asOf), dimension: q.dimension })));
  });

  router.get('/people/:id/introductions', (req, res) => {
    const q = parse(introductionsQuerySchema, req.query);
    res.json(run(() => a.introductions(req.params.id, { asOf: asOfMs(q.asOf), dimension: q.dimension, limit: q.limit })));
  });

  router.get('/metrics/network', (req, res) => {
    const q = parse(asOfQuerySchema, req.query);
    res.json(a.networkMetrics(asOfMs(q.asOf)));
  });

  router.get('/groups/:id/metrics', (req, res) => {
    const q = parse(asOfQuerySchema, req.query);
    res.json(run(() => a.groupMetrics(req.params.id, asOfMs(q.asOf))));
  });

  router.get('/paths', (req, res) => {
    const { rest, where } = splitWhere(req);
    const q = parse(pathsQuerySchema, rest);
    const given = [q.to !== undefined, q.toCompany !== undefined, where.length > 0].filter(Boolean).length;
    if (given !== 1 || where.length > 1) {
      throw new ValidationError([{ path: '/query', message: 'give exactly one target: to=ID, toCompany=ID or one where[DIMENSION]=VALUE' }]);
    }
    const target: PathTarget =
      q.to !== undefined ? { to: q.to } : q.toCompany !== undefined ? { toCompany: q.toCompany } : { where: { dimension: where[0]![0], value: where[0]![1] } };
    res.json(run(() => a.paths(q.from, target, { asOf: asOfMs(q.asOf), k: q.k, maxHops: q.maxHops })));
  });

  router.get('/renetworking', (req, res) => {
    const q = parse(renetworkingQuerySchema, req.query);
    res.json(run(() => a.renetworking(q.person, { asOf: asOfMs(q.asOf), limit: q.limit })));
  });

  router.get('/reports/diversity-gap', (req, res) => {
    const q = parse(diversityGapQuerySchema, req.query);
    if ((q.person === undefined) === (q.group === undefined)) {
      throw new ValidationError([{ path: '/query', message: 'give exactly one subject: person=ID or group=ID' }]);
    }
    const subject = q.person !== undefined ? { person: q.person } : { group: q.group! };
    const target = q.target?.split(',').map((s) => s.trim()).filter(Boolean);
    res.json(run(() => a.diversityGap(subject, q.dimension, { asOf: asOfMs(q.asOf), target, maxHops: q.maxHops })));
  });

  return router;
}
