/**
 * What a cached analytics answer depends on, in one vocabulary (docs/ANALYTICS.md, "Caching"):
 * - **version** (`projection.version`): which records the answer read; every applied change
 *   bumps it, so a key with the version never serves an answer from before a write;
 * - **asOf**: the instant (ms) the answer holds for; a client that gives none gets now to the
 *   minute (its last instant: engine.resolveAsOf), so repeated reads within a minute share entries;
 * - **live**: asOf at or after the projection's high-water mark, i.e. every record counted.
 *   Answers that do not change with the instant once every record is counted (betweenness,
 *   communities, category flows) share one live entry per version;
 * - **revision** (`csr.revision`): the snapshot's structure (its topology). Unweighted answers
 *   (betweenness, connected components) stay valid while it holds, whatever the version;
 * - **changes of a kind** (`RecordSet.changes`): an answer that reads only some kinds of record
 *   (a category flow: referrals, people, memberships) keys on theirs, not on the version.
 */
import type { AnalyticsContext } from './context.js';

/** True when ctx counts every record (its asOf is at or after the high-water mark). */
export function isLive(ctx: AnalyticsContext): boolean {
  return ctx.asOf >= ctx.projection.highWater;
}

/** The key of an answer that depends on the records and, before the high-water mark, on asOf. */
export function recordsKey(ctx: AnalyticsContext): string {
  return `${ctx.projection.version}:${isLive(ctx) ? 'live' : ctx.asOf}`;
}
