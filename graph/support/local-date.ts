/**
 * The user's own calendar date, for dates a client makes up itself (a form's or a command's
 * "today") and checks a typed date against: in Los Angeles at 20:35 on 6 December it is the 6th,
 * whatever the UTC date. The browser's pages and the CLI read it the same way.
 */

/** YYYY-MM-DD of `d` in the local time zone, `days` later (negative: earlier). */
export function localDate(days = 0, d: Date = new Date()): string {
  const at = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** True when a YYYY-MM-DD date (or the date part of a date-time) is after the local today. */
export function isAfterToday(date: string, now: Date = new Date()): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(date) && date.slice(0, 10) > localDate(0, now);
}
