/**
 * The time slider's months: from the month of the network's first contact to the month of its
 * latest record, each frame the network as of the end of that month (the last frame: now). The
 * server keeps the latest layout for every date, so people stay put from frame to frame.
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
