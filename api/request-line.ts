/**
 * Checks on the request line, before any route sees it: a URL longer than any refnet request
 * needs answers 414, a path whose percent-encoding is not valid UTF-8 answers 400 (Express would
 * fail to decode it later and answer 500), and so does such a query string (Express would keep
 * the undecodable text as the parameter's value, and the route answer as if it were meant).
 * Longer lines than Node's header limit never reach Express: server.ts answers those (431) from
 * the server's clientError event.
 */
import type { RequestHandler } from 'express';
import { MalformedPathError, canonicalPathOf } from './canonical-path.js';
import { ValidationError } from '../graph/service/errors.js';
import { malformedQueryIssues } from './parse.js';
import { HttpProblem } from './problem.js';

/** Longest accepted URL (path + query), in characters; the longest real query (`map=`) is 4,000. */
export const MAX_URL_LENGTH = 8192;

/** 414 for an overlong URL, 400 for malformed percent-encoding in the path or the query. */
export const requestLineGuard: RequestHandler = (req, _res, next) => {
  if (req.originalUrl.length > MAX_URL_LENGTH) {
    return next(new HttpProblem('uri-too-long', `the URL is ${req.originalUrl.length} characters long; the limit is ${MAX_URL_LENGTH}`, { members: { limit: MAX_URL_LENGTH } }));
  }
  try {
    canonicalPathOf(req);
  } catch (err) {
    if (err instanceof MalformedPathError) return next(new HttpProblem('validation', err.message));
    throw err;
  }
  const query = req.originalUrl.indexOf('?');
  const issues = query === -1 ? [] : malformedQueryIssues(req.originalUrl.slice(query + 1));
  if (issues.length > 0) return next(new ValidationError(issues));
  next();
};
