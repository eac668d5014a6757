/**
 * The one way a route reads its query: the zod schema parses it (coercions and defaults
 * applied), and any problem becomes a ValidationError listing every field as /query/<name>,
 * which api/problem.ts answers as a 400 with `errors[]`.
 */
import type { z } from 'zod';
import { ValidationError } from '../graph/service/errors.js';
import { issuesFromZod, safeParseReporting } from '../graph/service/issues.js';

/** The request's query as the schema's output; throws ValidationError naming each bad field. */
export function parseQuery<S extends z.ZodType>(schema: S, req: { query: unknown }): z.infer<S> {
  const parsed = safeParseReporting(schema, req.query);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error, ['query']));
  return parsed.data;
}
