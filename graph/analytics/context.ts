/**
 * What every metric reads: the projection, the record set, the settings, the asOf cut-off and
 * the CSR snapshot of the ties as they stood then. Built once per request by the engine; the
 * metric functions are pure over it.
 */
import type { Csr } from '../projection/csr.js';
import type { NetworkProjection } from '../projection/network-projection.js';
import type { RecordSet } from '../record-set.js';
import type { AnalyticsConfig } from './config.js';
import { tieFacts, type TieFacts } from './tie-facts.js';

export interface AnalyticsContext {
  projection: NetworkProjection;
  records: RecordSet;
  config: AnalyticsConfig;
  /** the cut-off (ms): records dated later are ignored */
  asOf: number;
  /** ties as of asOf */
  csr: Csr;
}

/**
 * The people an answer may name, for a viewer withheld from some (another member's private
 * contacts: graph/service/contact-visibility.ts decides, ContactFilter passes it here). Analytics
 * run over everyone, but a ranking that keeps the best N picks them among these people — picked
 * among everyone and filtered afterwards, it would come back short or empty while people the
 * viewer sees could fill it — and people put together (a group's coverage and overlaps, power
 * teams) are put together among them, so an overlap or a team is never one person, or none.
 * Nor does an answer name a dimension or a category only people outside it hold
 * (graph/analytics/dimensions.ts: dimensionsOf, requireDimension, nameableCategories): counts
 * still count them, under a number (`unnamed`). Absent: everyone.
 */
export type Sees = (person: string) => boolean;

/** Raised for an id that names no record; the API answers 404. */
export class UnknownIdError extends Error {
  override readonly name = 'UnknownIdError';
  constructor(
    readonly kind: 'person' | 'group' | 'company',
    readonly id: string,
  ) {
    super(`refnet/analytics: unknown ${kind} ${JSON.stringify(id)}`);
  }
}

/** The snapshot index of a person; throws UnknownIdError if there is no such person. */
export function personIndex(ctx: AnalyticsContext, id: string): number {
  const u = ctx.csr.index.get(id);
  if (u === undefined || !ctx.records.has('person', id)) throw new UnknownIdError('person', id);
  return u;
}

/** A person's contacts (ties as of asOf), as snapshot indexes. */
export function neighbourIndexes(ctx: AnalyticsContext, u: number): Int32Array {
  const s = ctx.csr.start[u]!;
  return ctx.csr.targets.subarray(s, s + ctx.csr.deg[u]!);
}

/** A person's contacts as ids. */
export function contactsOf(ctx: AnalyticsContext, id: string): string[] {
  const u = personIndex(ctx, id);
  return Array.from(neighbourIndexes(ctx, u), (v) => ctx.csr.ids[v]!);
}

/**
 * The facts of tie a–b as of ctx.asOf, or of an earlier instant `at` (seen from a), or undefined
 * when there was no tie then. An earlier instant reads the same evidence, cut at `at`: one tie's
 * past needs no snapshot of the whole network as of then.
 */
export function tieAt(ctx: AnalyticsContext, a: string, b: string, at = ctx.asOf): TieFacts | undefined {
  const e = ctx.projection.evidence(a, b);
  return e ? tieFacts(ctx.records, e, a, b, at) : undefined;
}
