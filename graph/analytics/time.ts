/** Dates as analytics see them: epoch milliseconds, and the asOf cut-off every entry point takes. */

export const DAY_MS = 86_400_000;

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

/** ISO string of epoch ms (for responses). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
