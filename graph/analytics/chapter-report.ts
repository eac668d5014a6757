/**
 * The organiser's chapter report (docs/DOMAIN.md, Chapter report): per member over a period,
 * attendance, referrals given and received, one-to-ones and closed business ("TYFCB"), scored
 * into points and a traffic light the way BNI's PALMS/Traffic Lights do, with the visitors and
 * the chapter totals. Every figure of a member counts only the part of the period they were a
 * member (their membership active on the record's date), so the per-week rates divide like by
 * like. Each record is counted once in the totals, however many members it involves.
 */
import type { ActivityTimeline } from './activity-timeline.js';
import { UnknownIdError, type AnalyticsContext } from './context.js';
import { DAY_MS, endOf, iso, measuredEnd, toMs } from './time.js';
import type { ChapterThresholds } from './config.js';
import { compareIds } from '../support/id-order.js';
import { referralAsOf } from '../service/referral-status.js';
import { countedValue } from '../support/money.js';
import { ExactSum } from '../support/exact-sum.js';

export type Light = 'green' | 'amber' | 'red' | 'grey';

export interface InsideOutside {
  inside: number;
  outside: number;
}

export interface ChapterMemberRow {
  person: string;
  name: string;
  /** weeks of membership inside the period */
  weeks: number;
  present: number;
  absent: number;
  attendanceRate: number | null;
  referralsGiven: InsideOutside;
  referralsReceived: InsideOutside;
  oneToOnes: InsideOutside;
  tyfcb: { generated: number; received: number };
  points: { attendance: number; referrals: number; oneToOnes: number; tyfcb: number };
  score: number;
  light: Light;
}

export interface ChapterTable {
  group: string;
  name: string;
  from: string;
  to: string;
  /** where the figures end: `to`, or asOf when the period is not over by then (records dated later do not exist) */
  measuredTo: string;
  meetings: number;
  members: ChapterMemberRow[];
  visitors: { person: string; name: string; firstVisit: string; joined: boolean }[];
  totals: { referrals: number; oneToOnes: number; tyfcb: number };
}

/** A group's memberships, as intervals in ms (open ends as ±Infinity). */
interface Seat {
  since: number;
  until: number;
}

function seatsOf(ctx: AnalyticsContext, group: string): Map<string, Seat[]> {
  const seats = new Map<string, Seat[]>();
  for (const key of ctx.records.membersOf.get(group)) {
    const m = ctx.records.get('membership', key);
    if (!m) continue;
    const seat = { since: m.since ? toMs(m.since) : -Infinity, until: m.until ? endOf(m.until) : Infinity };
    (seats.get(m.person) ?? seats.set(m.person, []).get(m.person)!).push(seat);
  }
  return seats;
}

/** membershipActive on the parsed interval (the report asks it for every record). */
function memberOn(seats: Map<string, Seat[]>, person: string, at: number): boolean {
  const list = seats.get(person);
  return list !== undefined && list.some((s) => s.since <= at && at <= s.until);
}

/** A person's memberships clipped to [from, to] and merged where they overlap, in time order. */
function spansIn(list: Seat[], from: number, to: number): [number, number][] {
  const spans = list
    .map((s) => [Math.max(s.since, from), Math.min(s.until, to)] as [number, number])
    .filter(([a, b]) => b >= a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/**
 * Days of [from, to] covered by a person's memberships (overlapping seats counted once), each span
 * measured to its measuredEnd: a seat or period through the end of a day counts that whole day.
 */
function daysInPeriod(list: Seat[], from: number, to: number): number {
  return spansIn(list, from, to).reduce((days, [a, b]) => days + (measuredEnd(b) - a), 0) / DAY_MS;
}

/** How many of the sorted times lie in [a, b]. */
function countIn(times: Float64Array, a: number, b: number): number {
  const lowerBound = (x: number, strict: boolean) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? times[mid]! <= x : times[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lowerBound(b, true) - lowerBound(a, false);
}

/**
 * Points for a rate or value above zero: those of the highest step whose `min` it reaches (a step
 * with min 0 is "any value above zero"). Zero itself earns nothing.
 */
export function pointsFor(value: number, steps: readonly { min: number; points: number }[]): number {
  if (!(value > 0)) return 0;
  let best: { min: number; points: number } | undefined;
  for (const s of steps) if (value >= s.min && (!best || s.min > best.min)) best = s;
  return best?.points ?? 0;
}

export function lightFor(score: number, t: ChapterThresholds['lights']): Light {
  if (score >= t.green) return 'green';
  if (score >= t.amber) return 'amber';
  if (score >= t.red) return 'red';
  return 'grey';
}

/** Points for a number of absences: those of the lowest step whose `max` it stays within. */
export function absencePoints(absent: number, steps: ChapterThresholds['absences']): number {
  let best: { max: number; points: number } | undefined;
  for (const s of steps) if (absent <= s.max && (!best || s.max < best.max)) best = s;
  return best?.points ?? 0;
}

/**
 * The chapter table of a group over [from, to] (ms, both ends included), from the records
 * visible at ctx.asOf; `timeline` is the records' activity timeline (same version).
 */
export function chapterTable(ctx: AnalyticsContext, group: string, from: number, to: number, timeline: ActivityTimeline): ChapterTable {
  const g = ctx.records.get('group', group);
  if (!g) throw new UnknownIdError('group', group);
  const t = ctx.config.chapter;
  // the figures end at asOf when the period is not over by then: later records do not exist yet
  const end = Math.min(to, ctx.asOf);
  const inPeriod = (at: number) => at >= from && at <= end;
  const seats = seatsOf(ctx, group);
  const nameOf = (id: string) => ctx.records.get('person', id)?.name ?? id;

  const meetings: { id: string; at: number }[] = [];
  for (const key of ctx.records.eventsOf.get(group)) {
    const e = ctx.records.get('event', key);
    if (e && inPeriod(toMs(e.at))) meetings.push({ id: e.id, at: toMs(e.at) });
  }
  meetings.sort((a, b) => a.at - b.at);

  const rows = new Map<string, ChapterMemberRow>();
  for (const [person, list] of seats) {
    if (!list.some((s) => s.since <= end && s.until >= from)) continue;
    const days = daysInPeriod(list, from, end);
    rows.set(person, {
      person,
      name: nameOf(person),
      weeks: days / 7,
      present: 0,
      absent: 0,
      attendanceRate: null,
      referralsGiven: { inside: 0, outside: 0 },
      referralsReceived: { inside: 0, outside: 0 },
      oneToOnes: { inside: 0, outside: 0 },
      tyfcb: { generated: 0, received: 0 },
      points: { attendance: 0, referrals: 0, oneToOnes: 0, tyfcb: 0 },
      score: 0,
      light: 'grey',
    });
  }

  const visitors = new Map<string, number>();
  for (const m of meetings) {
    for (const key of ctx.records.attendeesOf.get(m.id)) {
      const a = ctx.records.get('attendance', key);
      if (!a) continue;
      if (memberOn(seats, a.person, m.at)) rows.get(a.person)!.present++;
      else if (!visitors.has(a.person)) visitors.set(a.person, m.at);
    }
  }
  // Meetings held while a member, counted over the merged membership spans (a binary search per
  // span, not a look at every meeting for every member); absent = those not attended.
  const meetingTimes = Float64Array.from(meetings, (m) => m.at);
  for (const row of rows.values()) {
    const held = spansIn(seats.get(row.person)!, from, to).reduce((n, [a, b]) => n + countIn(meetingTimes, a, b), 0);
    row.absent = held - row.present;
  }

  // Through the members' own records dated in the period (the timeline), each record once: a
  // report costs what the chapter did in the period, not what the whole network ever did.
  const totals = { referrals: 0, oneToOnes: 0, tyfcb: 0 };
  // Closed business summed exactly (support/exact-sum.ts): the same whatever order the slips come in.
  const tyfcb = { total: new ExactSum(), generated: new Map<ChapterMemberRow, ExactSum>(), received: new Map<ChapterMemberRow, ExactSum>() };
  const addTo = (sums: Map<ChapterMemberRow, ExactSum>, row: ChapterMemberRow, won: number) => {
    let s = sums.get(row);
    if (!s) sums.set(row, (s = new ExactSum()));
    s.add(won);
  };
  const { referrals, oneToOnes } = timeline;
  referrals.newVisit();
  oneToOnes.newVisit();
  for (const person of rows.keys()) {
    referrals.forEach(person, from, end, (r, at) => {
      const giver = memberOn(seats, r.from, at) ? rows.get(r.from) : undefined;
      const receiver = memberOn(seats, r.to, at) ? rows.get(r.to) : undefined;
      if (!giver && !receiver) return;
      // Closed business as it stood at asOf: a slip won after asOf is not won in this report.
      const then = referralAsOf(r, ctx.asOf);
      const won = then?.status === 'won' ? countedValue(then) : 0;
      totals.referrals++;
      tyfcb.total.add(won);
      if (giver) {
        giver.referralsGiven[receiver ? 'inside' : 'outside']++;
        addTo(tyfcb.generated, giver, won);
      }
      if (receiver) {
        receiver.referralsReceived[giver ? 'inside' : 'outside']++;
        addTo(tyfcb.received, receiver, won);
      }
    });
    oneToOnes.forEach(person, from, end, (i, at) => {
      const a = memberOn(seats, i.a, at) ? rows.get(i.a) : undefined;
      const b = memberOn(seats, i.b, at) ? rows.get(i.b) : undefined;
      if (!a && !b) return;
      totals.oneToOnes++;
      if (a) a.oneToOnes[b ? 'inside' : 'outside']++;
      if (b) b.oneToOnes[a ? 'inside' : 'outside']++;
    });
  }
  totals.tyfcb = tyfcb.total.value;
  for (const [row, sum] of tyfcb.generated) row.tyfcb.generated = sum.value;
  for (const [row, sum] of tyfcb.received) row.tyfcb.received = sum.value;

  for (const row of rows.values()) {
    const meetingsAsMember = row.present + row.absent;
    row.attendanceRate = meetingsAsMember ? row.present / meetingsAsMember : null;
    const given = row.referralsGiven.inside + row.referralsGiven.outside;
    const oneToOnes = row.oneToOnes.inside + row.oneToOnes.outside;
    const perWeek = (n: number) => (row.weeks > 0 ? n / row.weeks : 0);
    row.points = {
      // no meeting held while a member: no absence, but no attendance either, so no points for it
      attendance: meetingsAsMember ? absencePoints(row.absent, t.absences) : 0,
      referrals: pointsFor(perWeek(given), t.referralsPerWeek),
      oneToOnes: pointsFor(perWeek(oneToOnes), t.oneToOnesPerWeek),
      tyfcb: pointsFor(row.tyfcb.generated, t.tyfcbGenerated),
    };
    row.score = row.points.attendance + row.points.referrals + row.points.oneToOnes + row.points.tyfcb;
    row.light = lightFor(row.score, t.lights);
  }

  const members = [...rows.values()].sort((x, y) => y.score - x.score || compareIds(x.name, y.name) || compareIds(x.person, y.person));
  return {
    group,
    name: g.name,
    from: iso(from),
    to: iso(to),
    measuredTo: iso(end),
    meetings: meetings.length,
    members,
    visitors: [...visitors]
      .map(([person, first]) => ({
        person,
        name: nameOf(person),
        firstVisit: iso(first),
        joined: (seats.get(person) ?? []).some((s) => s.since > first && s.since <= ctx.asOf),
      }))
      .sort((x, y) => compareIds(x.firstVisit, y.firstVisit) || compareIds(x.person, y.person)),
    totals,
  };
}
