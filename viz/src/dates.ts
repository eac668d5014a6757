/**
 * Dates the pages make up themselves (a form's default, Done's "today", a snooze's "in a week") are
 * the user's own calendar dates (graph/support/local-date.ts, shared with the CLI), and a date
 * typed in a form is checked against that same today.
 */

export { isAfterToday, localDate } from '../../graph/support/local-date.js';

/** "6 December 2026" for a YYYY-MM-DD (read as that calendar date, in no time zone). */
export function longDate(date: string): string {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
