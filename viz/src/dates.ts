/**
 * Dates the pages make up themselves (a form's default, Done's "today", a snooze's "in a week") are
 * the user's own calendar dates — in Los Angeles at 20:35 on 6 December it is the 6th, whatever
 * the UTC date — and a date typed in a form is checked against that same today.
 */

/** YYYY-MM-DD of `d` in the browser's time zone, `days` later (negative: earlier). */
export function localDate(days = 0, d: Date = new Date()): string {
  const at = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** True when a YYYY-MM-DD date (or the date part of a date-time) is after the user's today. */
export function isAfterToday(date: string, now: Date = new Date()): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(date) && date.slice(0, 10) > localDate(0, now);
}

/** "6 December 2026" for a YYYY-MM-DD (read as that calendar date, in no time zone). */
export function longDate(date: string): string {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
