/**
 * Everything about one person in one answer: visibility, brokerage, referral reciprocity,
 * diversity per dimension and the VCP stages of their ties (docs/DOMAIN.md, issue #4).
 */
import { brokerageAt, type Brokerage } from './brokerage.js';
import { neighbourIndexes, personIndex, tieAt, type AnalyticsContext, type Sees } from './context.js';
import { dimensionsOf, nameableCategories } from './dimensions.js';
import { egoDiversity, withholdCategories, type DiversityStats } from './diversity.js';
import { personReciprocity, type PersonReciprocity } from './reciprocity.js';
import { vcp } from './vcp.js';
import { visibility, type Visibility } from './visibility.js';
import type { StageDistribution } from './network-metrics.js';

export interface PersonMetrics {
  person: string;
  asOf: string;
  visibility: Visibility;
  brokerage: Brokerage;
  reciprocity: PersonReciprocity;
  diversity: Record<string, DiversityStats>;
  stages: StageDistribution;
}

/**
 * A person's metrics as of ctx.asOf; diversity on `dimensions` (default: every dimension in the
 * data — pass the list when it is cached, finding it scans every person).
 */
export function personMetrics(ctx: AnalyticsContext, person: string, betweenness: number | null, dimensions?: readonly string[]): PersonMetrics {
  const u = personIndex(ctx, person);
  const stages: StageDistribution = { visibility: 0, credibility: 0, profitability: 0, dormant: 0 };
  for (const v of neighbourIndexes(ctx, u)) {
    const f = tieAt(ctx, person, ctx.csr.ids[v]!);
    if (!f) continue;
    const r = vcp(f, ctx.asOf, ctx.config);
    stages[r.stage]++;
    if (r.dormant) stages.dormant++;
  }
  const dims = dimensions ?? dimensionsOf(ctx.records);
  return {
    person,
    asOf: new Date(ctx.asOf).toISOString(),
    visibility: visibility(ctx, person, betweenness),
    brokerage: brokerageAt(ctx, u),
    reciprocity: personReciprocity(ctx, person),
    diversity: Object.fromEntries(dims.map((d) => [d, egoDiversity(ctx, person, d)])),
    stages,
  };
}

/**
 * A person's diversity entries as a viewer withheld from some people (`sees`) may read them: on
 * each dimension, a category none of the people the viewer sees holds as of ctx.asOf is counted
 * in `unnamed`, not named (withholdCategories). The same object when nothing is withheld.
 */
export function withheldNames<S extends { counts: Record<string, number>; unnamed?: number }>(
  ctx: AnalyticsContext,
  person: string,
  diversity: Record<string, S>,
  sees: Sees,
): Record<string, S> {
  let changed = false;
  const out = Object.entries(diversity).map(([d, stats]): [string, S] => {
    const shown = withholdCategories(stats, nameableCategories(ctx.records, d, ctx.asOf, sees));
    changed ||= shown !== stats;
    return [d, shown];
  });
  // fromEntries defines own properties, so a dimension named __proto__ stays a dimension.
  return changed ? Object.fromEntries(out) : diversity;
}
