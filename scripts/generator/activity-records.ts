/** Ties, then their interactions and referrals, as one stream. */
import { interactionRecords, referralRecords } from './activity.js';
import type { Calendar } from './dates.js';
import type { GeneratedRecord } from './generate-network.js';
import type { Groups } from './groups.js';
import type { Population } from './population.js';
import { MEAN_INTERACTIONS_PER_TIE, buildTies, interactionCounts, planReferrals } from './ties.js';

/** Exactly `interactions` interactions and `referrals` referrals over generated ties. */
export function* activityRecords(seed: number, pop: Population, groups: Groups, cal: Calendar, interactions: number, referrals: number): Generator<GeneratedRecord> {
  const wanted = Math.max(Math.ceil(interactions / MEAN_INTERACTIONS_PER_TIE), referrals > 0 ? Math.ceil(referrals / 3) : 0);
  const ties = buildTies(seed, wanted, pop, groups, cal);
  const counts = interactionCounts(seed, ties, interactions);
  for (const record of interactionRecords(seed, ties, counts, pop, cal)) yield { collection: 'interactions', record };
  const plan = planReferrals(seed, ties, counts, pop, referrals);
  for (const record of referralRecords(seed, ties, plan, pop, cal)) yield { collection: 'referrals', record };
}
