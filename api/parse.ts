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
