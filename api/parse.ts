/**
 * The one way a route reads its query: the zod schema parses it (coercions and defaults
 * applied), and any problem becomes a ValidationError listing every field as /query/<name>,
 * which api/problem.ts answers as a 400 with `errors[]`. Bodies are parsed by the use-cases
 * with the same parseInput (their paths point into the body).
 */
import type { z } from 'zod';
import { parseInput } from '../graph/service/issues.js';

/** The request's query as the schema's output; throws ValidationError naming each bad field. */
export function parseQuery<S extends z.ZodType>(schema: S, req: { query: unknown }): z.infer<S> {
  return parseInput(schema, req.query, ['query']);
}
