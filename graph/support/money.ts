/**
 * Money as the analytics add it up. Values coming in are bounded (MAX_MONEY, graph/schema.ts), but
 * a data directory written before the bound may hold larger ones (1.7e308 was "finite"): read as
 * they are, two would add up to Infinity (null in JSON) and a removal would leave NaN behind in a
 * running total. Every sum takes a referral's value through here, where such a value counts as the
 * bound, so a total over any realistic number of referrals stays finite.
 */
import { MAX_MONEY } from '../schema.js';

/** A referral's value as sums count it: 0 when it has none, at most MAX_MONEY. */
export function countedValue(r: { value?: number | undefined }): number {
  const v = r.value;
  return v === undefined || !(v > 0) ? 0 : Math.min(v, MAX_MONEY);
}
