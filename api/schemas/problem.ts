/**
 * The RFC 9457 problem body (api/problem.ts sends it) as the OpenAPI component `Problem`, and the
 * response entry every operation uses for its problems. Extension members (`warmingUp`,
 * `requiredScope`, `errorsOmitted`) are allowed.
 */
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';

// zod's global registry takes the id once per process: this module is its one place.
export const problemSchema = z
  .looseObject({
    type: z.string().describe('urn:refnet:problem:<kind>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string().describe('JSON pointer into the body'), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** A problem response entry for an OpenAPI `responses` map. */
export const problemResponse = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } });
