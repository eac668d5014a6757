/** Dates as analytics see them: epoch milliseconds, and the asOf cut-off every entry point takes. */

export const DAY_MS = 86_400_000;

const MINUTE_MS = 60_000;

/**
 * "Now" as analytics read it when asked for no date: to the minute, so the answers of one minute
 * share their cache entries. Records the service stamps with the current time (intro requests)
 * are stamped with this too, so the default answer counts them at once.
 */
export function toTheMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Epoch ms of an ISO date or date-time (a calendar date is its UTC midnight). NaN if unparsable. */
export function toMs(date: string): number {
  return Date.parse(date);
}

/** Resolves an optional asOf (ISO string, ms or Date) to epoch ms; default now. */
export function resolveAsOf(asOf?: string | number | Date): number {
  if (asOf === undefined) return Date.now();
  const ms = typeof asOf === 'number' ? asOf : typeof asOf === 'string' ? toMs(asOf) : asOf.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`refnet/analytics: asOf is not a date: ${String(asOf)}`);
  return ms;
}

/**
 * The instant an asOf parameter names (epoch ms; undefined stays undefined, meaning now): a
 * calendar date means the end of that UTC day (the whole day happened), a date-time is exact.
 * The one reading of asOf for every entry point (API routes, the map).
 */
export function parseAsOf(asOf: string | undefined): number | undefined {
  if (asOf === undefined) return undefined;
  const ms = toMs(asOf);
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? ms + DAY_MS - 1 : ms;
}

/** ISO string of epoch ms (for responses). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
