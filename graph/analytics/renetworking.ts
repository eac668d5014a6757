/**
 * Re-networking queue: "the fortune is in the follow-up" (Misner). Ties that are dormant (past
 * their stage's cadence) or fading (recency factor below config.fadingRecency), ranked by the
 * value they carried — stage reached, referrals and their value, groups shared — times how
 * overdue they are (days since contact / cadence). Each item says why in words.
 * Follow-ups due: ties first seen within config.followUpDays (default 14) with no contact since
 * that first one.
 */
import { neighbourIndexes, personIndex, tieAt, type AnalyticsContext, type Sees } from './context.js';
import { groupsOf } from './dimensions.js';
import { count, lastContactAgo, money } from '../support/words.js';
import { DAY_MS } from './time.js';
import { tieStrength } from './tie-strength.js';
import { vcp, type Stage } from './vcp.js';
import { compareIds } from '../support/id-order.js';

const STAGE_WEIGHT: Record<Stage, number> = { visibility: 1, credibility: 2, profitability: 3 };

export interface RenetworkingItem {
  person: string;
  stage: Stage;
  dormant: boolean;
  daysSinceContact: number;
  cadenceDays: number;
  strength: number;
  referralsExchanged: number;
  referralValue: number;
  sharedGroups: string[];
  score: number;
  reason: string;
}

export interface FollowUp {
  person: string;
  firstContact: string;
  daysSince: number;
  reason: string;
}

export interface RenetworkingQueue {
  person: string;
  queue: RenetworkingItem[];
  followUps: FollowUp[];
}

const days = (d: number) => count(Math.floor(d), 'day');

/**
 * The re-networking queue of a person, as of ctx.asOf. `sharedGroups: false` leaves group
 * membership out of the items, their scores and reasons (when `group` is a sensitive dimension);
 * `sees` ranks only the contacts the viewer sees (both lists are cut to `limit`).
 */
export function renetworkingQueue(ctx: AnalyticsContext, person: string, limit = 20, options: { sharedGroups?: boolean; sees?: Sees } = {}): RenetworkingQueue {
  const u = personIndex(ctx, person);
  const mine = new Set(options.sharedGroups === false ? [] : groupsOf(ctx.records, person, ctx.asOf));
  const queue: RenetworkingItem[] = [];
  const followUps: FollowUp[] = [];
  for (const v of neighbourIndexes(ctx, u)) {
    const other = ctx.csr.ids[v]!;
    if (options.sees && !options.sees(other)) continue;
    const f = tieAt(ctx, person, other);
    if (!f) continue;
    const stage = vcp(f, ctx.asOf, ctx.config);
    const s = tieStrength(f, ctx.asOf, ctx.config);
    const sinceFirst = (ctx.asOf - f.first) / DAY_MS;
    if (sinceFirst <= ctx.config.followUpDays && f.last === f.first) {
      followUps.push({
        person: other,
        firstContact: stage.evidence.firstContact,
        daysSince: sinceFirst,
        reason: `first met ${days(sinceFirst)} ago and no contact since: follow up while it is fresh`,
      });
    }
    const fading = s.components.recency < ctx.config.fadingRecency;
    if (!stage.dormant && !fading) continue;
    const referrals = f.aToB.count + f.bToA.count;
    const value = f.aToB.value + f.bToA.value;
    const shared = mine.size ? groupsOf(ctx.records, other, ctx.asOf).filter((g) => mine.has(g)) : [];
    const worth = STAGE_WEIGHT[stage.stage] + 0.5 * referrals + Math.log10(1 + value) + 0.5 * shared.length;
    const overdue = stage.daysSinceContact / stage.cadenceDays;
    const parts = [
      `${stage.stage} tie, last contact ${lastContactAgo(stage.daysSinceContact, stage.cadenceDays, stage.dormant)} (keep-in-touch cadence ${days(stage.cadenceDays)})`,
    ];
    if (referrals) parts.push(`${count(referrals, 'referral')} exchanged${value ? ` worth ${money(value, ctx.config.currency)}` : ''}`);
    if (shared.length) parts.push(count(shared.length, 'shared group'));
    if (!stage.dormant) parts.push('fading: not dormant yet but its strength has more than halved');
    queue.push({
      person: other,
      stage: stage.stage,
      dormant: stage.dormant,
      daysSinceContact: stage.daysSinceContact,
      cadenceDays: stage.cadenceDays,
      strength: s.strength,
      referralsExchanged: referrals,
      referralValue: value,
      sharedGroups: shared,
      score: worth * overdue,
      reason: parts.join('; '),
    });
  }
  queue.sort((a, b) => b.score - a.score || compareIds(a.person, b.person));
  followUps.sort((a, b) => b.daysSince - a.daysSince || compareIds(a.person, b.person));
  return { person, queue: queue.slice(0, limit), followUps: followUps.slice(0, limit) };
}
