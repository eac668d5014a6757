/**
 * The RFC 9457 problem body (api/problem.ts sends it) as the OpenAPI component `Problem`, and the
 * response entry every operation uses for its problems. Extension members (`warmingUp`,
 * `requiredScope`, `errorsOmitted`) are allowed.
 */
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';

const unknownValue = z
  .object({
    value: z.string().describe('the value as given: a category no one holds, or a dimension name'),
    didYouMean: z.array(z.string()).describe('the known values closest to it, best first; empty when none is close'),
  })
  .describe('a value the input names that is not known');

const issue = z.object({
  path: z.string().describe('JSON pointer: /query/<name> for the query, into the body for a body, "" for the request as a whole'),
  message: z.string(),
  unknown: z
    .array(unknownValue)
    .optional()
    .describe('on an unknown dimension or a category no one holds (`where[DIM]=`, `target=`, a list filter such as `industry=`): each such value with its near misses, the "did you mean" of the message as data'),
});

const issues = z.array(issue).describe('every problem found');

const problemShape = {
  type: z.string().describe('urn:refnet:problem:<kind>'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
};

// zod's global registry takes the id once per process: this module is its one place.
export const problemSchema = z.looseObject({ ...problemShape, errors: issues.optional() }).meta({ id: 'Problem' });

/** A 400 problem: it always lists its problems (api/problem.ts). */
export const validationProblemSchema = z.looseObject({ ...problemShape, status: z.literal(400), errors: issues }).meta({ id: 'ValidationProblem' });

/** A problem response entry for an OpenAPI `responses` map (400 entries use ValidationProblem). */
export const problemResponse = (description: string, status?: number) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: status === 400 ? validationProblemSchema : problemSchema } },
});
