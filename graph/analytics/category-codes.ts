/**
 * A single-valued dimension (a built-in field or an attribute key — every dimension but `group`)
 * interned per snapshot: each node's value as a small integer code, filled in lazily as nodes are
 * asked about. Ego diversity then counts integers over the CSR row instead of looking up a record
 * and hashing a string per contact, which is what makes "Blau of everyone" cheap.
 *
 * Field values do not depend on asOf, so one table serves every request on the snapshot until the
 * projection changes (any applied change bumps its version and the table is rebuilt on demand).
 */
import type { Csr } from '../projection/csr.js';
import { stampedOwnerMemo } from '../support/memo.js';
import type { AnalyticsContext } from './context.js';
import { valuesOf } from './dimensions.js';

const UNKNOWN = -2;
/** the code of "no value" */
export const MISSING = -1;

export class CategoryCodes {
  /** code → category */
  readonly names: string[] = [];
  private readonly byName = new Map<string, number>();
  private codes: Int32Array;
  /** per-code tallies for `count`, always left zeroed */
  private tally = new Int32Array(16);

  constructor(
    private readonly ctx: AnalyticsContext,
    private readonly dimension: string,
  ) {
    this.codes = new Int32Array(ctx.csr.n).fill(UNKNOWN);
  }

  /** The code of node u's value, or MISSING. */
  codeOf(u: number): number {
    if (u >= this.codes.length) return this.intern(u);
    const c = this.codes[u]!;
    return c === UNKNOWN ? (this.codes[u] = this.intern(u)) : c;
  }

  private intern(u: number): number {
    const [value] = valuesOf(this.ctx.records, this.ctx.csr.ids[u]!, this.dimension, this.ctx.asOf);
    if (value === undefined) return MISSING;
    let code = this.byName.get(value);
    if (code === undefined) {
      code = this.names.push(value) - 1;
      this.byName.set(value, code);
    }
    return code;
  }

  /**
   * Category counts over some nodes, in first-seen order (as a Map over the values would give),
   * with the number of nodes that have a value and of those that have none.
   */
  count(nodes: ArrayLike<number>): { counts: Map<string, number>; contacts: number; missing: number } {
    if (this.tally.length < this.names.length + nodes.length) this.tally = new Int32Array(2 * (this.names.length + nodes.length));
    const seen: number[] = [];
    let missing = 0;
    for (let i = 0; i < nodes.length; i++) {
      const c = this.codeOf(nodes[i]!);
      if (c === MISSING) missing++;
      else if (this.tally[c]!++ === 0) seen.push(c);
    }
    const counts = new Map<string, number>();
    for (const c of seen) {
      counts.set(this.names[c]!, this.tally[c]!);
      this.tally[c] = 0;
    }
    return { counts, contacts: nodes.length - missing, missing };
  }
}

/**
 * Per snapshot (codes are indexed by its node numbers, which differ between snapshots; a patched
 * snapshot keeps each id's number and appends newcomers), valid while the people's records stay
 * the same: a person's value is read from their record alone, so writes of other kinds (a meeting
 * logged, a referral) keep the tables. Keyed on the version instead, every write made the next
 * person-metrics read allocate and fill a table per dimension over every node: 0.1 s at a million
 * people (issue #18). Weakly keyed, so a dropped snapshot takes its tables with it.
 */
const tables = stampedOwnerMemo<Csr, Map<string, CategoryCodes>>('analytics.category-codes');

/** The interned table of a dimension for ctx's snapshot, or undefined for `group` (several values, dated). */
export function categoryCodes(ctx: AnalyticsContext, dimension: string): CategoryCodes | undefined {
  if (dimension === 'group') return undefined;
  const byDimension = tables(ctx.csr, [ctx.records, ctx.records.changes('person')], () => new Map());
  let table = byDimension.get(dimension);
  if (!table) byDimension.set(dimension, (table = new CategoryCodes(ctx, dimension)));
  return table;
}
