/**
 * 400 for a query parameter given to a documented operation that takes none
 * (api/documented-paths.ts). Routes that read a query parse it with a strict schema (api/parse.ts),
 * but most read none, and there an unknown parameter was ignored: `/api/export?person=ann` answered the whole export as if
 * it were filtered. Mount where `req.path` is the full path, after authentication and before any
 * body is read; a request the document does not describe passes on (404 or 405 later).
 */
import type { RequestHandler } from 'express';
import { ValidationError } from '../graph/service/errors.js';
import { documentedPaths } from './documented-paths.js';

export function undocumentedQuery(doc: object): RequestHandler {
  const paths = documentedPaths(doc);
  return (req, _res, next) => {
    const documented = paths.find((p) => p.query.has(req.method) && p.pattern.test(req.path))?.query.get(req.method);
    // An operation that takes parameters parses them with a strict schema (api/parse.ts), which
    // lists an unknown one beside every other problem of the query: refusing it here would hide those.
    if (documented === undefined || documented.names.size > 0 || documented.prefixes.length > 0) return next();
    const known = (name: string) => documented.names.has(name) || documented.prefixes.some((prefix) => name.startsWith(prefix) && name.endsWith(']'));
    const unknown = Object.keys(req.query as object).filter((name) => !known(name));
    if (unknown.length === 0) return next();
    next(new ValidationError([{ path: '/query', message: `unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` }]));
  };
}
