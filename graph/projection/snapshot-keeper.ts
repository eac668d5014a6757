/**
 * Keeps typed-array CSR snapshots of the relationship graph in step with the projection.
 *
 * Strategy (why a write never makes the next read rebuild everything):
 * - The live snapshot holds every tie. Tie changes are queued; the next read patches them in
 *   place (Csr.addTie / removeTie / setArc, O(degree) each). Only when the snapshot's free tail
 *   is exhausted, or more changes are queued than a quarter of the ties, is it rebuilt (O(ties)),
 *   which amortises to O(1) per write.
 * - Costs (−ln tie strength) depend on the instant asked for. Snapshots keep each tie's
 *   instant-free terms and the kernels evaluate an arc's cost at the query's own instant as they
 *   touch it, so every instant is exact with no refresh (a path's cost is Σ −ln s of its steps
 *   at asOf, the same s /api/relationships reports).
 * - A query as of a date before the latest evidence (asOf < highWater) needs ties filtered by
 *   date: that snapshot is built from the projection on demand and kept in a small cache keyed
 *   by (projection version, asOf).
 */
import { pairKey } from '../records.js';
import { memo, through } from '../support/memo.js';
import { compareIds, inIdOrder } from '../support/id-order.js';
import { sortInSteps } from '../support/sort-in-steps.js';
import { runAtOnce } from '../support/time-slices.js';
import { buildCsrSteps, Csr, type ArcValue, type ArcWeight, type TermColumns } from './csr.js';
import type { NetworkProjection, PersonChange, TieListener } from './network-projection.js';
import type { TieEvidence } from './tie-evidence.js';

/** A tie's instant-free terms (a weighted snapshot's arc value). */
type Terms = Exclude<ArcValue, number>;

/**
 * How ties are weighted for paths: `terms` gives a tie's instant-free terms from the records
 * dated ≤ factsAsOf (undefined when it has none; with `into`, written there, nothing allocated),
 * `weight` evaluates them at an instant.
 */
export interface TieWeighting {
  terms(evidence: TieEvidence, a: string, b: string, factsAsOf: number, into?: Terms): Terms | undefined;
  weight: ArcWeight;
}

/**
 * Hears every tie's terms while a full live snapshot is built (each tie resolved once for both):
 * `liveBuild()` returns a visitor for this build, or undefined when it has no use for it. The
 * visitor is given the tie's slot in the tie table (TieTable.setMarkAt) and terms it must not
 * keep (they are written over for the next tie).
 */
export interface LiveBuildObserver {
  liveBuild(): { tie(a: string, b: string, terms: Terms | undefined, slot: number): void; done(): void } | undefined;
}

export class SnapshotKeeper implements TieListener {
  private live: Csr | undefined;
  private pendingTies = new Map<string, [string, string]>();
  private pendingPeople = new Set<string>();
  /** dated snapshots (asOf before the high-water mark) per (version, asOf) */
  private readonly past = memo<string, Csr>('projection.past-snapshots', 4);
  /** how many full builds happened (observability and tests) */
  builds = 0;

  constructor(
    private readonly projection: NetworkProjection,
    private readonly weighting: TieWeighting,
    private readonly observer?: LiveBuildObserver,
  ) {
    projection.listen(this);
  }

  reset(): void {
    this.live = undefined;
    this.pendingTies.clear();
    this.pendingPeople.clear();
    this.past.clear();
  }

  tie(a: string, b: string, _what: 'added' | 'changed' | 'removed'): void {
    this.past.clear();
    if (!this.live) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    this.pendingTies.set(pairKey(x, y), [x, y]);
  }

  person(id: string, what: PersonChange): void {
    // Only a node coming or going changes the snapshot; attributes, groups and events do not.
    if (what !== 'added' && what !== 'removed') return;
    this.past.clear();
    if (this.live) this.pendingPeople.add(id);
  }

  /** The snapshot for queries as of `asOf` (ms). */
  at(asOf: number): Csr {
    if (asOf >= this.projection.highWater) return this.liveSnapshot();
    return through(this.past, `${this.projection.version}:${asOf}`, () => this.build(asOf, 0));
  }

  /** The live snapshot (every tie), patched up to date; its costs hold at any asOf ≥ highWater. */
  liveSnapshot(): Csr {
    if (!this.live || this.pendingTies.size > Math.max(1024, this.live.ties / 4) || !this.patch(this.live)) {
      this.pendingTies.clear();
      this.pendingPeople.clear();
      this.live = this.build(Infinity, 2);
    }
    return this.live;
  }

  private patch(csr: Csr): boolean {
    for (const id of this.pendingPeople) {
      if (this.projection.ties.hasNode(id)) csr.addNode(id);
      else {
        const u = csr.index.get(id);
        if (u !== undefined) {
          for (let e = csr.start[u]! + csr.deg[u]! - 1; e >= csr.start[u]!; e--) csr.removeTie(u, csr.targets[e]!);
          csr.alive[u] = 0;
          csr.revision++;
        }
      }
    }
    this.pendingPeople.clear();
    for (const [key, [a, b]] of this.pendingTies) {
      const u = csr.index.get(a) ?? (this.projection.ties.hasNode(a) ? csr.addNode(a) : -1);
      const v = csr.index.get(b) ?? (this.projection.ties.hasNode(b) ? csr.addNode(b) : -1);
      const evidence = u >= 0 && v >= 0 ? this.projection.evidence(a, b) : undefined;
      if (!evidence) {
        if (u >= 0 && v >= 0) csr.removeTie(u, v);
      } else {
        const terms = this.weighting.terms(evidence, a, b, Infinity);
        if (!terms) csr.removeTie(u, v);
        else if (csr.slotOf(u, v) >= 0) csr.setArc(u, v, terms);
        else if (!csr.addTie(u, v, terms)) return false;
      }
      this.pendingTies.delete(key);
    }
    return true;
  }

  /**
   * The live snapshot's full build in steps of about `step` ties (the analytics warm-up drives it
   * in time slices, graph/projection/lazy-projection.ts), so a large network's first read finds it
   * built instead of holding the event loop for O(ties). The projection must not change while it
   * runs (the warm-up buffers changes until it is done).
   */
  *warmLive(step: number): Generator<void, void, undefined> {
    if (this.live) return;
    const built = yield* this.buildSteps(Infinity, 2, step);
    this.pendingTies.clear();
    this.pendingPeople.clear();
    this.live = built;
  }

  /**
   * True when reads as of `asOf` find their snapshot at hand: a past date's in the memo. The live
   * one counts as at hand (the warm-up builds it; after that, writes patch it).
   */
  has(asOf: number): boolean {
    return asOf >= this.projection.highWater || this.past.has(`${this.projection.version}:${asOf}`);
  }

  /**
   * A past date's snapshot built in steps of about `step` ties (off the request path: the warm-up
   * gate drives it in time slices), kept in the memo; abandoned if the projection changes
   * meanwhile (the next read asks again).
   */
  *warmAt(asOf: number, step: number): Generator<void, void, undefined> {
    const key = () => `${this.projection.version}:${asOf}`;
    const at = key();
    if (this.has(asOf)) return;
    const steps = this.buildSteps(asOf, 0, step);
    for (;;) {
      const r = steps.next();
      if (key() !== at) {
        steps.return(undefined as never);
        return;
      }
      if (r.done) {
        this.past.set(at, r.value);
        return;
      }
      yield;
    }
  }

  /** Full build of the ties with evidence dated ≤ factsAsOf. */
  private build(factsAsOf: number, slack: number): Csr {
    return runAtOnce(this.buildSteps(factsAsOf, slack, Infinity));
  }

  /** The full build, yielding after every `step` ties. */
  private *buildSteps(factsAsOf: number, slack: number, step: number): Generator<void, Csr, undefined> {
    this.builds++;
    const g = this.projection.ties;
    // People numbered in id order, whatever order they were written in (csr.ts, "Canonical order"):
    // the default sort is UTF-16 code-unit order, compareIds'.
    const ids = Array.from(g.nodes());
    // Usually in id order already (people are mostly written so): checked in one pass, sorted in
    // steps only when not (a million ids sorted at once hold the event loop for a second).
    const sorted = inIdOrder(ids) ? ids : yield* sortInSteps(ids, compareIds, step);
    // In steps, and handed to the snapshot: a million ids take a third of a second (issue #18).
    const index = new Map<string, number>();
    for (let i = 0; i < sorted.length; i++) {
      index.set(sorted[i]!, i);
      if (i % step === step - 1) yield;
    }
    // The projection's position of each person (its walk's ia, ib) → the snapshot's number.
    const numberOf = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) numberOf[i] = index.get(ids[i]!)!;
    const m = g.size;
    const us = new Int32Array(m);
    const vs = new Int32Array(m);
    // Column by column, through one scratch object: no object per tie (issue #18).
    const terms: TermColumns = { term: new Uint8Array(m), first: new Float64Array(m), last: new Float64Array(m) };
    const scratch: Terms = { term: 0, first: 0, last: 0 };
    let count = 0;
    const visitor = factsAsOf === Infinity ? this.observer?.liveBuild() : undefined;
    yield* g.forEachEdgePlacedInSteps((evidence, a, b, ia, ib, slot) => {
      const t = this.weighting.terms(evidence, a, b, factsAsOf, scratch);
      visitor?.tie(a, b, t, slot);
      if (!t) return;
      us[count] = numberOf[ia]!;
      vs[count] = numberOf[ib]!;
      terms.term[count] = t.term;
      terms.first[count] = t.first;
      terms.last[count] = t.last;
      count++;
    }, step);
    visitor?.done();
    const weight = this.weighting.weight;
    return yield* buildCsrSteps(sorted, us, vs, terms, count, slack ? { slack, tailFraction: 0.25, nodeSpare: 64, weight, index } : { weight, index }, step);
  }
}
