/**
 * Visibility of a person — the "V" of VCP seen from the network: how many groups they belong to,
 * events attended in the recent window, degree, betweenness (Freeman 1977), and how many
 * distinct groups their ties come from (a reach measure in the spirit of Burt's "non-redundant
 * contacts"). DEFAULTS: window 365 days before asOf (config.visibilityWindowDays).
 */
import { neighbourIndexes, personIndex, type AnalyticsContext } from './context.js';
import { groupsOf } from './dimensions.js';
import { DAY_MS } from './time.js';

export interface Visibility {
  degree: number;
  betweenness: number | null;
  groups: number;
  events: number;
  groupsReached: number;
}

/** Visibility as of ctx.asOf; betweenness is passed in (it comes from the cached whole-graph pass). */
export function visibility(ctx: AnalyticsContext, person: string, betweenness: number | null): Visibility {
  const u = personIndex(ctx, person);
  const from = ctx.asOf - ctx.config.visibilityWindowDays * DAY_MS;
  let events = 0;
  for (const key of ctx.records.attendanceOf.get(person)) {
    const a = ctx.records.get('attendance', key);
    const e = a && ctx.records.get('event', a.event);
    if (!e) continue;
    const at = Date.parse(e.at);
    if (at > from && at <= ctx.asOf) events++;
  }
  const reached = new Set<string>();
  for (const v of neighbourIndexes(ctx, u)) for (const g of groupsOf(ctx.records, ctx.csr.ids[v]!, ctx.asOf)) reached.add(g);
  return {
    degree: ctx.csr.deg[u]!,
    betweenness,
    groups: groupsOf(ctx.records, person, ctx.asOf).length,
    events,
    groupsReached: reached.size,
  };
}
