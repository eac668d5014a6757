/**
 * Metrics of a networking group (a BNI-style chapter holds one seat per profession):
 * - coverage of members by profession and industry, with overlaps flagged (two members
 *   competing for the same referrals) and concentration as the Herfindahl–Hirschman index
 *   Σ sᵢ² of category shares (Hirschman 1945);
 * - referral flow inside (member → member) vs outside (member → non-member, and in from
 *   non-members), and edge reciprocity of the arcs among members;
 * - return on attendance (event → tie → referral): ties first made at the group's events (the
 *   tie's first contact is that event) and the referrals and won value that later flowed along
 *   them.
 * Members and records as of ctx.asOf.
 *
 * For a viewer who does not see every member (`sees`: another member's private contacts), the
 * coverage is the breakdown of the members they see, every figure of it (categories, overlaps,
 * missing, Herfindahl) drawn from the same people, so an overlap is two or more members the
 * viewer sees; the group's counts (members, referrals, return on attendance) keep everyone.
 */
import { positiveCountsAscending } from '../support/canonical-sum.js';
import { UnknownIdError, tieAt, type AnalyticsContext, type Sees } from './context.js';
import { membersOf, valuesOf } from './dimensions.js';
import { inArcs, outArcs } from './referral-arcs.js';
import { reciprocityFromCounts } from './reciprocity.js';
import { compareIds } from '../support/id-order.js';
import { eventThatMadeTie } from './tie-facts.js';
import { onOrAfter, toMs } from './time.js';
import { referralAsOf } from '../service/referral-status.js';
import { countedValue } from '../support/money.js';
import { ExactSum, exactSum } from '../support/exact-sum.js';

export interface Coverage {
  dimension: string;
  categories: Record<string, string[]>;
  /** categories held by two or more members */
  overlaps: { category: string; members: string[] }[];
  /** members with no value */
  missing: string[];
  herfindahl: number | null;
}

export interface GroupMetrics {
  group: string;
  members: number;
  coverage: Coverage[];
  referrals: {
    inside: number;
    outsideGiven: number;
    outsideReceived: number;
    insideValue: number;
    insideShare: number | null;
    reciprocityInside: { arcs: number; edge: number | null; rho: number | null };
  };
  returnOnAttendance: {
    events: number;
    tiesMade: number;
    referrals: number;
    won: number;
    wonValue: number;
    byEvent: { event: string; at: string; tiesMade: number; referrals: number; won: number; wonValue: number }[];
  };
}

function coverage(ctx: AnalyticsContext, members: string[], dimension: string): Coverage {
  const categories = new Map<string, string[]>();
  const missing: string[] = [];
  let counted = 0;
  for (const m of members) {
    const values = valuesOf(ctx.records, m, dimension, ctx.asOf);
    if (!values.length) missing.push(m);
    for (const v of values) {
      let list = categories.get(v);
      if (!list) categories.set(v, (list = []));
      list.push(m);
      counted++;
    }
  }
  let hhi = 0;
  // In ascending order of the counts, not the categories' first appearance (canonical-sum.ts).
  for (const n of positiveCountsAscending(Array.from(categories.values(), (list) => list.length))) hhi += (n / counted) ** 2;
  return {
    dimension,
    // Object.fromEntries defines own properties, so a category named __proto__ stays data.
    categories: Object.fromEntries(categories),
    overlaps: [...categories]
      .filter(([, list]) => list.length > 1)
      .map(([category, list]) => ({ category, members: list }))
      .sort((a, b) => b.members.length - a.members.length || compareIds(a.category, b.category)),
    missing,
    herfindahl: counted ? hhi : null,
  };
}

/**
 * Metrics of a group as of ctx.asOf; `sees`: the coverage is that of the members the viewer sees
 * (everyone when absent).
 */
export function groupMetrics(ctx: AnalyticsContext, group: string, options: { sees?: Sees } = {}): GroupMetrics {
  if (!ctx.records.has('group', group)) throw new UnknownIdError('group', group);
  const members = membersOf(ctx.records, group, ctx.asOf);
  const covered = options.sees ? members.filter(options.sees) : members;
  const inGroup = new Set(members);
  let inside = 0;
  const insideValue = new ExactSum();
  let outsideGiven = 0;
  let outsideReceived = 0;
  const insideArcs = new Set<string>();
  const arcKey = (a: string, b: string) => JSON.stringify([a, b]);
  // Every referral the group counts starts or ends at a member: their own arcs, not every arc of
  // the network (80 ms a request on the 100,000-person benchmark network, issue #18).
  for (const m of inGroup) {
    for (const [to, t] of outArcs(ctx, m)) {
      if (inGroup.has(to)) {
        inside += t.count;
        insideValue.add(t.value);
        insideArcs.add(arcKey(m, to));
      } else outsideGiven += t.count;
    }
    for (const [from, t] of inArcs(ctx, m)) if (!inGroup.has(from)) outsideReceived += t.count;
  }
  let reciprocated = 0;
  for (const k of insideArcs) {
    const [a, b] = JSON.parse(k) as [string, string];
    if (insideArcs.has(arcKey(b, a))) reciprocated++;
  }
  const total = inside + outsideGiven + outsideReceived;

  const byEvent: GroupMetrics['returnOnAttendance']['byEvent'] = [];
  for (const key of ctx.records.eventsOf.get(group)) {
    const e = ctx.records.get('event', key);
    if (!e) continue;
    const at = toMs(e.at);
    if (at > ctx.asOf) continue;
    const people: string[] = [];
    for (const k of ctx.records.attendeesOf.get(e.id)) {
      const a = ctx.records.get('attendance', k);
      if (a) people.push(a.person);
    }
    const row = { event: e.id, at: e.at, tiesMade: 0, referrals: 0, won: 0, wonValue: 0 };
    const wonValue = new ExactSum();
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const f = tieAt(ctx, people[i]!, people[j]!);
        // Made here: this event is the tie's first contact (docs/DOMAIN.md, "a calendar date counts its whole day").
        if (!f || eventThatMadeTie(ctx.records, f) !== e.id) continue;
        row.tiesMade++;
        for (const id of [...f.aToB.ids, ...f.bToA.ids]) {
          const r = ctx.records.get('referral', id)!;
          if (!onOrAfter(r.at, e.at)) continue;
          row.referrals++;
          // won by asOf: a slip closed after it was still open then
          const then = referralAsOf(r, ctx.asOf);
          if (then?.status === 'won') {
            row.won++;
            wonValue.add(countedValue(then));
          }
        }
      }
    }
    row.wonValue = wonValue.value;
    byEvent.push(row);
  }
  byEvent.sort((a, b) => toMs(a.at) - toMs(b.at) || compareIds(a.event, b.event));
  const sum = (k: 'tiesMade' | 'referrals' | 'won') => byEvent.reduce((s, r) => s + r[k], 0);
  return {
    group,
    members: members.length,
    coverage: [coverage(ctx, covered, 'profession'), coverage(ctx, covered, 'industry')],
    referrals: {
      inside,
      outsideGiven,
      outsideReceived,
      insideValue: insideValue.value,
      insideShare: total ? inside / total : null,
      reciprocityInside: { arcs: insideArcs.size, ...reciprocityFromCounts(members.length, insideArcs.size, reciprocated) },
    },
    returnOnAttendance: {
      events: byEvent.length,
      tiesMade: sum('tiesMade'),
      referrals: sum('referrals'),
      won: sum('won'),
      wonValue: exactSum(byEvent.map((r) => r.wonValue)),
      byEvent,
    },
  };
}
