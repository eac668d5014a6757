/**
 * 405 for a known path asked with a method it does not have (RFC 9110 §15.5.6), with the Allow
 * header listing the ones it has; an unknown path stays a 404. What is known comes from the
 * OpenAPI document the service publishes (api/documented-paths.ts), so the answer and the
 * documentation cannot disagree.
 */
import type { RequestHandler } from 'express';
import { documentedPaths } from './documented-paths.js';
import { HttpProblem } from './problem.js';

/** Answers 405 + Allow when the path is documented but not for this method; otherwise passes on. */
export function methodNotAllowed(doc: object): RequestHandler {
  const paths = documentedPaths(doc);
  return (req, _res, next) => {
    const allow = new Set(paths.filter((p) => p.pattern.test(req.path)).flatMap((p) => p.allow));
    if (allow.size === 0 || allow.has(req.method)) return next();
    const list = [...allow].join(', ');
    next(new HttpProblem('method-not-allowed', `${req.method} is not allowed on ${req.path}; allowed: ${list}`, { headers: { Allow: list } }));
  };
}
