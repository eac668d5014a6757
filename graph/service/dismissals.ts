/**
 * Snooze and "not relevant" on a "this week" row, as dismissal records (graph/schema.ts). One
 * dismissal per person and row: its id derives from the two, so dismissing again replaces it and
 * taking it back finds it without a lookup.
 */
import { z } from 'zod';
import { toTheMinute } from '../analytics/time.js';
import { pairKey } from '../records.js';
import { dateSchema, dismissalKindSchema, SNOOZE_IN_THE_PAST, snoozeEndsAfter, type Dismissal } from '../schema.js';
import { digest } from './canonical.js';
import { ValidationError } from './errors.js';
import { parseRowKey } from './this-week.js';

/** Body of a dismissal request: which row, how, and (snoozed) until when. */
export const dismissRequestSchema = z
  .strictObject({
    row: z
      .string()
      .min(1, 'must not be empty')
      .max(1000, 'at most 1000 characters')
      // Only a row the week shows can be hidden: a key it never writes would hide nothing, for ever.
      .refine((row) => row === '' || parseRowKey(row) !== undefined, 'is not the key of a row of the week (followUp:…, dormant:…, owed:…, intro:…, slip:…, as GET …/week gives them)'),
    kind: dismissalKindSchema,
    until: dateSchema.optional().describe('snoozed: when the row comes back; must be after now (the dismissal\'s own date)'),
  })
  .refine((d) => (d.kind === 'snoozed') === (d.until !== undefined), {
    message: 'give until for a snoozed row, and only for one',
    path: ['until'],
  });
export type DismissRequest = z.infer<typeof dismissRequestSchema>;

/** The id of a person's dismissal of a row. */
export function dismissalId(person: string, row: string): string {
  return `dm-${digest(pairKey(person, row))}`;
}

/**
 * The record a request makes, stamped with the minute it was made: the row is hidden from then
 * on, and "now" as the week reads it when asked for no date is that minute (toTheMinute), so the
 * week asked right after hides it. A snooze must end after that instant (ValidationError on
 * `/until`): one ending earlier would hide the row at no instant.
 */
export function dismissalRecord(person: string, request: DismissRequest, now: Date): Dismissal {
  const at = new Date(toTheMinute(now.getTime())).toISOString();
  if (request.until !== undefined && !snoozeEndsAfter(request.until, at)) {
    throw new ValidationError([{ path: '/until', message: SNOOZE_IN_THE_PAST(at) }]);
  }
  return {
    id: dismissalId(person, request.row),
    person,
    row: request.row,
    kind: request.kind,
    ...(request.until !== undefined ? { until: request.until } : {}),
    at,
  };
}
