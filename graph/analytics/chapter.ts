/**
 * The chapter report of a group: its table for the period (chapter-report.ts) with the graph's
 * insights (chapter-insights.ts). The period defaults to the `chapter.periodMonths` calendar
 * months before asOf; the previous period is the one of the same length just before it.
 */
import type { ActivityTimeline } from './activity-timeline.js';
import type { CategoryFlow } from './category-flow.js';
import { chapterInsights, type ChapterInsights } from './chapter-insights.js';
import { chapterTable, type ChapterTable } from './chapter-report.js';
import type { AnalyticsContext, Sees } from './context.js';
import { contactCards, type ContactCard } from '../service/contact-card.js';
import { DAY_MS, measuredEnd } from './time.js';

/**
 * `people`: the contact card of everyone the report mentions (seat candidates and path steps
 * included), so a page or the CLI shows names, not ids, and how to reach each one.
 */
export type ChapterReport = ChapterTable & ChapterInsights & { asOf: string; people: ContactCard[]; withheld?: string[] };

export class PeriodError extends RangeError {
  override readonly name = 'PeriodError';
}

/**
 * `months` calendar months before `to` (UTC), on the same day of the month or the last day of a
 * shorter month (31 August − 6 months is 28 February, not 3 March).
 */
export function monthsBefore(to: number, months: number): number {
  const d = new Date(to);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

/**
 * The start of the default period: `months` calendar months before `to`. A `to` at the end of a
 * day (a date asOf) makes a period of whole days: ending with 31 August, it starts with 1 March,
 * not at the last instant of 28 February.
 */
function defaultFrom(to: number, months: number): number {
  const back = monthsBefore(to, months);
  return to % DAY_MS === DAY_MS - 1 ? back + 1 : back;
}

/** `sees`: the suggestions (pairs, seat candidates) are picked, and the power teams formed, among the people the viewer sees. */
export function chapterReport(
  ctx: AnalyticsContext,
  group: string,
  period: { from?: number; to?: number; sees?: Sees },
  flow: CategoryFlow,
  timeline: ActivityTimeline,
): ChapterReport {
  const to = period.to ?? ctx.asOf;
  const from = period.from ?? defaultFrom(to, ctx.config.chapter.periodMonths);
  if (!(from <= to)) throw new PeriodError('from must not be after to');
  // Weeks of membership would be 0, and every rate per week with them.
  if (from === to) throw new PeriodError('from and to are the same instant: a period needs a length (a date as to means the end of that day)');
  if (!(from <= ctx.asOf)) throw new PeriodError('from must not be after asOf (now when not given): nothing of the period has happened by then');
  const table = chapterTable(ctx, group, from, to, timeline);
  // The same measured length (measuredEnd), ending the instant before `from`.
  const length = measuredEnd(to) - from;
  const previous = chapterTable(ctx, group, measuredEnd(from - 1) - length, from - 1, timeline);
  const insights = chapterInsights(ctx, group, table, previous, flow, period.sees);
  const mentioned = new Set<string>([
    ...table.members.map((m) => m.person),
    ...table.visitors.map((v) => v.person),
    ...insights.oneToOnesThatWouldPay.flatMap((p) => [p.a, p.b]),
    ...insights.openSeats.flatMap((s) => s.candidates.flatMap((c) => c.path.people)),
    ...insights.powerTeams.flatMap((t) => t.members),
  ]);
  const people = contactCards(ctx.records, mentioned);
  return { ...table, asOf: new Date(ctx.asOf).toISOString(), ...insights, people };
}
