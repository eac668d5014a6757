/**
 * The time slider's months: from the month of the network's first contact to the current month,
 * each frame the network as of the end of that month, the last frame now. The server keeps the
 * latest layout for every date, so people stay put from frame to frame.
 */

/** The last day (YYYY-MM-DD, UTC) of each month from `first`'s to `last`'s. */
export function monthEnds(first: string, last: string): string[] {
  const a = new Date(first);
  const b = new Date(last);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime()) || a > b) return [];
  const out: string[] = [];
  for (let y = a.getUTCFullYear(), m = a.getUTCMonth(); y < b.getUTCFullYear() || (y === b.getUTCFullYear() && m <= b.getUTCMonth()); m === 11 ? ((m = 0), y++) : m++) {
    out.push(new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10));
  }
  return out;
}

/** "March 2026" for a YYYY-MM-DD. */
export function monthLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The slider's steps: the month ends from `first`'s month to the month of `now`, whose step is
 * now itself. Not to the latest record: a network quiet since October still has November's frame
 * (its ties fading into dormancy) and ends at today, and a record dated ahead (a meeting next
 * month) gets no step after now, which would show a future network before "now" — the As of
 * date reaches such a date.
 */
export function sliderMonths(first: string, now: Date = new Date()): string[] {
  return monthEnds(first, now.toISOString());
}
