/** The query of GET /api/people/{id}/week and /api/me/week: the route reads it, the CLI's `refnet week` checks its options with it. */
import { z } from 'zod';
import { dateSchema } from '../../graph/schema.js';
import { queryInteger } from '../../graph/service/query-number.js';

export const weekQuerySchema = z.strictObject({
  asOf: dateSchema.optional().describe('the week as it stood then (a date means the end of that UTC day); default now'),
  limit: queryInteger({ min: 1, max: 100 }).default(10).describe('rows per section'),
});
