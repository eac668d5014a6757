/**
 * The one way a route reads its query: the zod schema parses it (coercions and defaults
 * applied), and any problem becomes a ValidationError listing every field as /query/<name>,
 * which api/problem.ts answers as a 400 with `errors[]`. Bodies are parsed by the use-cases
 * with the same parseInput (their paths point into the body).
 */
import type { z } from 'zod';
import { ValidationError, type Issue } from '../graph/service/errors.js';
import { jsonPointer, parseInput } from '../graph/service/issues.js';

/** The request's query as the schema's output; throws ValidationError naming each bad field. */
export function parseQuery<S extends z.ZodType>(schema: S, req: { query: unknown }): z.infer<S> {
  refuseRepeatedParameters(req.query);
  return parseInput(schema, req.query, ['query']);
}

/**
 * No query parameter of refnet takes several values, and the query parser hands a repeated one
 * over as an array: left to the schema, `?k=1&k=2` would read "expected number, received NaN"
 * (or quietly pick one value), so a repeat is refused here, by name, for every route.
 */
function refuseRepeatedParameters(query: unknown): void {
  if (query === null || typeof query !== 'object') return;
  const issues: Issue[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) issues.push({ path: jsonPointer(['query', name]), message: `given ${value.length} times; give it once` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

const PERCENT_HINT = 'each % must start a valid UTF-8 byte sequence such as %C3%A9, and a literal % is written %25';

/**
 * The problems of a raw query string (`a=1&b=2`, without the `?`) whose percent-encoding or UTF-8
 * does not decode. Express's query parser keeps such a part as it is written (`?q=%zz` searched
 * for the text "%zz" and answered an empty page), so every request's query is checked here
 * first (api/request-line.ts): a bad value is named by its parameter, a bad name by itself.
 */
export function malformedQueryIssues(rawQuery: string): Issue[] {
  const issues: Issue[] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [rawName, rawValue] = eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const name = decoded(rawName);
    if (name === undefined) issues.push({ path: '/query', message: `the parameter name ${JSON.stringify(rawName)} has malformed percent-encoding (${PERCENT_HINT})` });
    else if (decoded(rawValue) === undefined) issues.push({ path: jsonPointer(['query', name]), message: `has malformed percent-encoding (${PERCENT_HINT})` });
  }
  return issues;
}

/** A query string part as the query parser reads it (`+` is a space), or undefined when it does not decode. */
function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
