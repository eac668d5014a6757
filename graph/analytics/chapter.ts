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

/**
 * `people`: the contact card of everyone the report mentions (seat candidates and path steps
 * included), so a page or the CLI shows names, not ids, and how to reach each one.
 */
export type ChapterReport = ChapterTable & ChapterInsights & { asOf: string; people: ContactCard[]; withheld?: string[] };

export class PeriodError extends RangeError {
  override readonly name = 'PeriodError';
}

/** `months` calendar months before `to` (UTC). */
export function monthsBefore(to: number, months: number): number {
  const d = new Date(to);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
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
  const from = period.from ?? monthsBefore(to, ctx.config.chapter.periodMonths);
  if (!(from <= to)) throw new PeriodError('from must not be after to');
  const table = chapterTable(ctx, group, from, to, timeline);
  const length = to - from;
  const previous = chapterTable(ctx, group, from - length - 1, from - 1, timeline);
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
