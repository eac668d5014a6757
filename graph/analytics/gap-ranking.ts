import { compareIds } from '../support/id-order.js';

/**
 * The one order of a diversity gap report's gaps, missing and under-represented categories
 * together (docs/ANALYTICS.md): highest referral potential first, then the largest shortfall
 * (reference share − the subject's share), then the category's name. A missing category with no
 * referral traffic therefore never comes before an under-represented one that has some: what a
 * gap is worth in referrals decides, how empty it is only breaks ties. A withheld potential
 * (sensitive dimension) counts as none and a withheld share as 0, so the shortfall decides there.
 */
export interface Rankable {
  category: string;
  subjectShare: number | null;
  referenceShare: number;
  referralPotential: number | null;
}

const shortfall = (g: Rankable) => g.referenceShare - (g.subjectShare ?? 0);

export function compareGaps(a: Rankable, b: Rankable): number {
  return (b.referralPotential ?? 0) - (a.referralPotential ?? 0) || shortfall(b) - shortfall(a) || compareIds(a.category, b.category);
}

/** Sorts the gaps in place by compareGaps and numbers them 1, 2, … in `rank`. */
export function rankGaps<T extends Rankable & { rank: number }>(gaps: T[]): T[] {
  gaps.sort(compareGaps);
  gaps.forEach((g, i) => (g.rank = i + 1));
  return gaps;
}
