/**
 * What the OpenAPI document the service publishes says about a request, so the answer and the
 * documentation cannot disagree:
 * - 405 for a known path asked with a method it does not have (RFC 9110 §15.5.6), with the Allow
 *   header listing the ones it has; an unknown path stays a 404;
 * - 400 for a query parameter the operation does not document. Routes that read a query parse it
 *   with a strict schema (api/parse.ts), but most read none, and there an unknown parameter was
 *   ignored: `/api/export?person=ann` answered the whole export as if it were filtered.
 */
import type { RequestHandler } from 'express';
import { ValidationError } from '../graph/service/errors.js';
import { HttpProblem } from './problem.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface PathMethods {
  pattern: RegExp;
  allow: string[];
  /** Per method (upper case): the documented query parameter names; `where[DIMENSION]` as the prefix `where[`. */
  query: Map<string, { names: Set<string>; prefixes: string[] }>;
}

interface OpenApiLike {
  paths?: Record<string, Record<string, unknown>>;
}

/** The documented paths as patterns (`{id}` matches one path segment) with their methods and query parameters. */
function documentedPaths(doc: OpenApiLike): PathMethods[] {
  return Object.entries(doc.paths ?? {}).map(([path, item]) => {
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const methods = METHODS.filter((m) => m in item);
    const allow = methods.map((m) => m.toUpperCase());
    const query = new Map(methods.map((m) => [m.toUpperCase(), documentedQuery(item[m])]));
    if (allow.includes('GET')) {
      allow.push('HEAD');
      query.set('HEAD', query.get('GET')!);
    }
    // Case-insensitive, as Express routes: every spelling it serves is judged alike.
    return { pattern: new RegExp(`^${source}/?$`, 'i'), allow, query };
  });
}

function documentedQuery(operation: unknown): { names: Set<string>; prefixes: string[] } {
  const names = ((operation as { parameters?: { in?: string; name?: string }[] }).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name ?? '');
  return { names: new Set(names), prefixes: names.filter((n) => n.endsWith(']') && n.includes('[')).map((n) => n.slice(0, n.indexOf('[') + 1)) };
}

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

/**
 * 400 naming the query parameters the documented operation does not take (mount where `req.path`
 * is the full path, before the routers); a request the document does not describe passes on.
 */
export function undocumentedQuery(doc: object): RequestHandler {
  const paths = documentedPaths(doc);
  return (req, _res, next) => {
    const documented = paths.find((p) => p.query.has(req.method) && p.pattern.test(req.path))?.query.get(req.method);
    if (documented === undefined) return next();
    const unknown = Object.keys(req.query as object).filter((name) => !documented.names.has(name) && !documented.prefixes.some((prefix) => name.startsWith(prefix) && name.endsWith(']')));
    if (unknown.length === 0) return next();
    next(new ValidationError([{ path: '/query', message: `unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` }]));
  };
}
