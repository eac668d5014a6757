/**
 * Counts shown with their noun, on every page: "1 person", "5 people", "1 member", "2,400 ties".
 * The one pluralisation helper of the pages (the server's sentences use graph/support/words.ts,
 * which writes the same words, so a page can tell when a server reason already states a count).
 */
import { fmt } from './dom.js';

/** Plurals that are not the singular + "s". */
const IRREGULAR: Record<string, string> = { person: 'people', attendance: 'attendances', 'one-to-one': 'one-to-ones' };

/** The plural of a noun: "referral" → "referrals", "person" → "people". */
export function plural(one: string): string {
  return IRREGULAR[one] ?? `${one}s`;
}

/** A count with its noun, singular for exactly one, grouped by thousands: "1 referral", "1,200 people". */
export function count(n: number, one: string, many = plural(one)): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}
