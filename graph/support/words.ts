/**
 * Numbers in the sentences the server writes (reasons, weakest links, banners) and in the pages'
 * counts: one place decides how a count, a plural and a money amount read, so a page can tell
 * when a server reason already states a count ("1 one-to-one meeting"). English, like the rest
 * of the words: "10,140", "1 referral" / "5 referrals", "2,400 people", "€10,140" in the
 * configured currency (CURRENCY), the same formatting the pages use for values (viz/src/money.ts).
 */

const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A whole number with thousands separators: "10,140". */
export function num(n: number): string {
  return grouped.format(n);
}

/** Plurals that are not the singular + "s" (a Map: a noun such as "constructor" is no key of it). */
const IRREGULAR = new Map([['person', 'people']]);

/** The plural of a noun: "referral" → "referrals", "person" → "people". */
export function plural(one: string): string {
  return IRREGULAR.get(one) ?? `${one}s`;
}

/** A count with its noun, singular for exactly one: "1 referral", "5 referrals", "2,400 people", "2 one-to-one meetings". */
export function count(n: number, one: string, many = plural(one)): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * A money amount in a currency (ISO 4217): whole units when it has no cents ("€10,140", "$2,000"),
 * else with them ("€123,456,789.50") — never rounded to a unit the amount does not have. The
 * pages (viz/src/money.ts) and the CLI (scripts/cli/output.ts) show amounts this way too.
 */
export function money(value: number, currency: string): string {
  const cents = Math.round(value * 100) % 100 !== 0;
  const key = `${currency}:${cents}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: cents ? 2 : 0 })));
  return format.format(value);
}

/**
 * A share, a tie strength or a chance (0 to 1) as a whole percentage, the way the server's words
 * say them ("strength 49%"): "49%", "100%"; a small non-zero one as "<1%", never "0%".
 */
export function percent(x: number): string {
  if (x > 0 && x < 0.005) return '<1%';
  return `${Math.round(x * 100)}%`;
}

/**
 * A whole number of days back in words, the one way every page, answer and CLI line says it:
 * "today", "yesterday", "12 days ago" (never "0 days ago"). Fractions are floored like every other
 * count of days.
 */
export function daysAgo(days: number): string {
  const whole = Math.max(0, Math.floor(days));
  if (whole === 0) return 'today';
  if (whole === 1) return 'yesterday';
  return `${count(whole, 'day')} ago`;
}

/**
 * How long ago the last contact was, in whole days, as it reads beside its keep-in-touch cadence:
 * "12 days ago", or "over 30 days ago" for a dormant tie whose whole days do not exceed the
 * cadence (30.9 days with a 30-day cadence). DOMAIN: exactly at the cadence is not dormant, so the
 * words must never show a dormant tie at (or under) its cadence. `cadenceDays` is the one printed
 * beside it; the days are floored like every other count of days.
 */
export function lastContactAgo(daysSince: number, cadenceDays: number, dormant: boolean): string {
  const whole = Math.floor(daysSince);
  const cadence = Math.floor(cadenceDays);
  if (dormant && whole <= cadence) return `over ${count(cadence, 'day')} ago`;
  return daysAgo(whole);
}

/**
 * A chapter report's period in words, the same on the page and in the CLI: "2026-06-01 to
 * 2026-11-30", and when the figures stop before its end (a period not over by asOf) where they
 * stop: "2026-12-02 to 2027-06-01 (not over: counted to 2026-12-07)".
 */
export function reportPeriod(r: { from: string; to: string; measuredTo: string }): string {
  const day = (iso: string) => iso.slice(0, 10);
  return `${day(r.from)} to ${day(r.to)}${r.measuredTo < r.to ? ` (not over: counted to ${day(r.measuredTo)})` : ''}`;
}
