/**
 * Turns zod issues into the API's `{path, message}` problems, with paths as JSON pointers
 * (RFC 6901) so a client can point at the exact field: /people/3/email.
 */
import type { z } from 'zod';
import { ValidationError, type Issue } from './errors.js';

/** A JSON pointer for a path of keys and indexes. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Parses with the options issuesFromZod relies on (missing fields recognisable as such). */
export function safeParseReporting<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.infer<S>> {
  return schema.safeParse(input, { reportInput: true });
}

/**
 * The one zod parse of outside input: the schema's output, or a ValidationError listing every
 * issue, its path under `prefix` (['query'] for a query string; none for a body).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: readonly PropertyKey[] = []): z.infer<S> {
  const parsed = safeParseReporting(schema, input);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error, prefix));
  return parsed.data;
}

/** Every zod issue as a problem, the message naming what is wrong at that path. */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: jsonPointer([...prefix, ...i.path]),
    message: describe(i),
  }));
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  // Parsed with { reportInput: true }: a missing field is an issue whose input is undefined.
  if ('input' in issue && issue.input === undefined) return issue.path.length > 0 ? 'is required' : 'a JSON body is required';
  return issue.message;
}
