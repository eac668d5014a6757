/**
 * Generator options and how the record budget is split.
 *
 * Definition used throughout (README/BENCHMARKS say the same): `records` is the number of
 * activity records, attendance + interactions + referrals, and the generator hits it exactly.
 * People, companies, groups, memberships and events come on top, scaled from `people`.
 */

export interface GeneratorOptions {
  /** Number of people (≥ 2). */
  people: number;
  /** Attendance + interaction + referral records, exactly. */
  records: number;
  /** PRNG seed: the same options give the same document byte for byte. */
  seed: number;
  /** Date the network is "as of" (YYYY-MM-DD); activity spans the `years` before it. */
  anchor: string;
  /** Length of the activity window in years. */
  years: number;
}

export const DEFAULT_ANCHOR = '2026-11-01';

/** Shares of the activity budget. */
export const ATTENDANCE_SHARE = 0.15;
export const REFERRAL_SHARE = 0.15;

export interface Budget {
  attendance: number;
  interactions: number;
  referrals: number;
}

/** Splits `records` into attendance / interactions / referrals targets (interactions absorb rounding). */
export function splitBudget(records: number): Budget {
  const attendance = Math.floor(records * ATTENDANCE_SHARE);
  const referrals = Math.floor(records * REFERRAL_SHARE);
  return { attendance, referrals, interactions: records - attendance - referrals };
}

/** Fills defaults and rejects impossible options with a message naming the option. */
export function resolveOptions(input: Partial<GeneratorOptions> & { people: number; records: number }): GeneratorOptions {
  const options: GeneratorOptions = {
    seed: 1,
    anchor: DEFAULT_ANCHOR,
    years: 2,
    ...input,
  };
  if (!Number.isInteger(options.people) || options.people < 2) throw new RangeError('people must be an integer ≥ 2');
  if (!Number.isInteger(options.records) || options.records < 0) throw new RangeError('records must be an integer ≥ 0');
  if (!Number.isInteger(options.seed)) throw new RangeError('seed must be an integer');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.anchor) || Number.isNaN(Date.parse(options.anchor)))
    throw new RangeError('anchor must be a date YYYY-MM-DD');
  if (!(options.years > 0 && options.years <= 20)) throw new RangeError('years must be in (0, 20]');
  return options;
}
