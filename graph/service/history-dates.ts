/**
 * A dated history given by a client (a referral's or an intro request's `changes`) records moves
 * already made: an entry dated after the server's now would make the record say one thing
 * (its status, the history's last entry) while every answer as of now reads another (the entry
 * before it), and a later move recorded by the server could only be dated before it. So a given
 * entry after now is refused where the history comes in (POST, PUT, PATCH, an import), never
 * clamped. Stored data is not judged here: the schema reads stored data too, and has no clock.
 */
import { toMs } from '../analytics/time.js';

/** One entry dated after `now`: its index in the history and what to say. */
export interface FutureEntry {
  index: number;
  message: string;
}

/** The entries of `changes` (read defensively: the schema names other faults) dated after `now`. */
export function futureEntries(changes: unknown, now: Date): FutureEntry[] {
  if (!Array.isArray(changes)) return [];
  const found: FutureEntry[] = [];
  const nowMs = now.getTime();
  for (let k = 0; k < changes.length; k++) {
    const at = (changes[k] as { at?: unknown } | null)?.at;
    if (typeof at !== 'string' || !(toMs(at) > nowMs)) continue;
    found.push({ index: k, message: futureMessage(at, now) });
  }
  return found;
}

/** Why a date after `now` cannot be in a history, and what to do instead. */
export function futureMessage(at: string, now: Date): string {
  return `${at} is in the future (the server's clock reads ${now.toISOString()}): a history records moves already made; date each change by now, or leave changes out and the server records the move, dated now`;
}
