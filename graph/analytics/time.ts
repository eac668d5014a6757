/** Dates as analytics see them: epoch milliseconds, and the asOf cut-off every entry point takes. */

export const DAY_MS = 86_400_000;

const MINUTE_MS = 60_000;

/**
 * The start of the minute (endOfTheMinute's). Records the service stamps with the current time
 * (moves, intro requests, dismissals) take the instant itself: stamped with the minute, they
 * changed answers as of the seconds of that minute already past.
 */
export function toTheMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * "Now" as analytics read it when asked for no date: the last instant of the current minute, so
 * the answers of one minute share their cache entries and still count every record dated up to
 * now. Rounded down, a meeting logged at 10:15:30 was no tie until 10:16 (the write accepted, the
 * list showing it, the answers not).
 */
export function endOfTheMinute(ms: number): number {
  return toTheMinute(ms) + MINUTE_MS - 1;
}

/**
 * Epoch ms of an ISO date or date-time (a calendar date is its UTC midnight). NaN if unparsable.
 * Dates as the service writes them (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DDTHH:MM:SS.sssZ)
 * are read field by field: the cold pass reads a date per tie and record, and Date.parse costs
 * a few times more. Anything else (offsets, other precisions, out-of-range fields) is Date.parse's,
 * so the answer is always Date.parse's.
 */
export function toMs(date: string): number {
  const n = date.length;
  if (n !== 10 && n !== 20 && n !== 24) return Date.parse(date);
  const year = digits4(date, 0);
  const month = digits2(date, 5);
  const day = digits2(date, 8);
  // days past the 28th are left to Date.parse, which has its own view of Feb 30
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) return Date.parse(date);
  const midnight = daysFromCivil(year, month, day) * DAY_MS;
  if (n === 10) return midnight;
  const hour = digits2(date, 11);
  const minute = digits2(date, 14);
  const second = digits2(date, 17);
  if (date.charCodeAt(10) !== LETTER_T || date.charCodeAt(13) !== COLON || date.charCodeAt(16) !== COLON || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return Date.parse(date);
  }
  const ms = midnight + hour * 3_600_000 + minute * MINUTE_MS + second * 1000;
  if (n === 20) return date.charCodeAt(19) === LETTER_Z ? ms : Date.parse(date);
  const tens = digits2(date, 20);
  const last = digit(date, 22);
  if (tens < 0 || last < 0 || date.charCodeAt(19) !== DOT || date.charCodeAt(23) !== LETTER_Z) return Date.parse(date);
  return ms + tens * 10 + last;
}

const DASH = 45;
const DOT = 46;
const COLON = 58;
const LETTER_T = 84;
const LETTER_Z = 90;

/** The decimal digit at i, or −1. */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two decimal digits at i, or −1. */
function digits2(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Four decimal digits at i, or −1. */
function digits4(s: string, i: number): number {
  const a = digits2(s, i);
  const b = digits2(s, i + 2);
  return a < 0 || b < 0 ? -1 : a * 100 + b;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Resolves an optional asOf (ISO string, ms or Date) to epoch ms; default now. */
export function resolveAsOf(asOf?: string | number | Date): number {
  if (asOf === undefined) return Date.now();
  const ms = typeof asOf === 'number' ? asOf : typeof asOf === 'string' ? toMs(asOf) : asOf.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`refnet/analytics: asOf is not a date: ${String(asOf)}`);
  return ms;
}

/**
 * The last instant a date names (epoch ms): the end of its UTC day for a calendar date (the whole
 * day counts), the instant itself for a date-time. How an asOf and a membership's `until` read.
 */
export function endOf(date: string): number {
  const ms = toMs(date);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? ms + DAY_MS - 1 : ms;
}

/**
 * Whether what is dated `later` is on or after what is dated `earlier`, each date read as the span
 * it names: a calendar date its whole UTC day, a date-time its instant (docs/DOMAIN.md, "a
 * calendar date counts its whole day"). So a follow-up dated 2026-12-07 (a form's date, no time)
 * is on or after a meeting at 2026-12-07T07:00Z, and an interaction at 00:30 that day is on or
 * after an event dated 2026-12-07.
 */
export function onOrAfter(later: string, earlier: string): boolean {
  return endOf(later) >= toMs(earlier);
}

/**
 * Where a span that includes `last` ends when it is measured (a period's length, weeks of
 * membership): the last instant of a UTC day (a date's endOf) counts as the next midnight, so a
 * span of whole days measures whole days whether its end came as a date (2026-06-30) or as that
 * instant written out (2026-06-30T23:59:59.999Z); any other instant is exact.
 */
export function measuredEnd(last: number): number {
  return ((last % DAY_MS) + DAY_MS) % DAY_MS === DAY_MS - 1 ? last + 1 : last;
}

/**
 * The instant an asOf parameter names (epoch ms; undefined stays undefined, meaning now): a
 * calendar date means the end of that UTC day (the whole day happened), a date-time is exact.
 * The one reading of asOf for every entry point (API routes, the map).
 */
export function parseAsOf(asOf: string | undefined): number | undefined {
  return asOf === undefined ? undefined : endOf(asOf);
}

/** ISO string of epoch ms (for responses). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
