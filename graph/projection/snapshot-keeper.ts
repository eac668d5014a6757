/**
 * Keeps typed-array CSR snapshots of the relationship graph in step with the projection.
 *
 * Strategy (why a write never makes the next read rebuild everything):
 * - The live snapshot holds every tie. Tie changes are queued; the next read patches them in
 *   place (Csr.addTie / removeTie / setCost, O(degree) each). Only when the snapshot's free tail
 *   is exhausted, or more changes are queued than a quarter of the ties, is it rebuilt (O(ties)),
 *   which amortises to O(1) per write.
 * - Costs (−ln tie strength) depend on the date they are computed for. The live snapshot computes
 *   them for the UTC day of the query (day granularity: a day's decay moves a cost by at most
 *   ln 2 / halfLife ≈ 0.004); a new day refreshes every cost once (O(ties), no structural work).
 * - A query as of a date before the latest evidence (asOf < highWater) needs ties filtered by
 *   date: that snapshot is built from the projection on demand and kept in a small cache keyed
 *   by (projection version, asOf).
 */
import { pairKey } from '../records.js';
import { buildCsr, Csr } from './csr.js';
import type { NetworkProjection, TieListener } from './network-projection.js';
import type { TieEvidence } from './tie-evidence.js';

const DAY_MS = 86_400_000;

/**
 * Cost of a tie for paths. `factsAsOf` bounds the records considered, `strengthAt` is the instant
 * strength is computed for. Returns NaN when the tie has no evidence dated ≤ factsAsOf.
 */
export type TieCost = (evidence: TieEvidence, a: string, b: string, factsAsOf: number, strengthAt: number) => number;

export class SnapshotKeeper implements TieListener {
  private live: Csr | undefined;
  private pendingTies = new Map<string, [string, string]>();
  private pendingPeople = new Set<string>();
  private readonly past = new Map<string, Csr>();
  /** how many full builds happened (observability and tests) */
  builds = 0;

  constructor(
    private readonly projection: NetworkProjection,
    private readonly cost: TieCost,
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

  person(id: string, what: 'added' | 'changed' | 'removed'): void {
    if (what === 'changed') return;
    this.past.clear();
    if (this.live) this.pendingPeople.add(id);
  }

  /** The snapshot for queries as of `asOf` (ms). */
  at(asOf: number): Csr {
    if (asOf >= this.projection.highWater) return this.liveAt(asOf);
    const key = `${this.projection.version}:${asOf}`;
    let csr = this.past.get(key);
    if (!csr) {
      csr = this.build(asOf, asOf, 0);
      if (this.past.size >= 4) this.past.delete(this.past.keys().next().value!);
      this.past.set(key, csr);
    }
    return csr;
  }

  /** The live snapshot (every tie), patched up to date, costs for asOf's UTC day. */
  liveAt(asOf: number): Csr {
    const day = Math.floor(asOf / DAY_MS) * DAY_MS;
    if (!this.live || this.pendingTies.size > Math.max(1024, this.live.ties / 4) || !this.patch(this.live, day)) {
      this.pendingTies.clear();
      this.pendingPeople.clear();
      this.live = this.build(Infinity, day, 2);
    }
    if (this.live.costAsOf !== day) this.refreshCosts(this.live, day);
    return this.live;
  }

  private patch(csr: Csr, day: number): boolean {
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
        const c = this.cost(evidence, a, b, Infinity, day);
        if (csr.slotOf(u, v) >= 0) csr.setCost(u, v, c);
        else if (!csr.addTie(u, v, c)) return false;
      }
      this.pendingTies.delete(key);
    }
    return true;
  }

  private refreshCosts(csr: Csr, day: number): void {
    const { ids, start, deg, targets, costs } = csr;
    for (let u = 0; u < csr.n; u++) {
      for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
        const v = targets[e]!;
        if (v < u) continue; // each tie once, then mirrored
        const evidence = this.projection.evidence(ids[u]!, ids[v]!);
        const c = evidence ? this.cost(evidence, ids[u]!, ids[v]!, Infinity, day) : Infinity;
        costs[e] = c;
        const back = csr.slotOf(v, u);
        if (back >= 0) costs[back] = c;
      }
    }
    csr.costAsOf = day;
  }

  /** Full build of the ties with evidence dated ≤ factsAsOf, costs for strengthAt. */
  private build(factsAsOf: number, strengthAt: number, slack: number): Csr {
    this.builds++;
    const g = this.projection.ties;
    const ids = g.nodes();
    const index = new Map(ids.map((id, i) => [id, i]));
    const m = g.size;
    const us = new Int32Array(m);
    const vs = new Int32Array(m);
    const cs = new Float64Array(m);
    let count = 0;
    g.forEachEdge((_key, evidence, a, b) => {
      const c = this.cost(evidence, a, b, factsAsOf, strengthAt);
      if (Number.isNaN(c)) return;
      us[count] = index.get(a)!;
      vs[count] = index.get(b)!;
      cs[count] = c;
      count++;
    });
    const csr = buildCsr(ids, us, vs, cs, count, slack ? { slack, tailFraction: 0.25, nodeSpare: 64 } : {});
    csr.costAsOf = strengthAt;
    return csr;
  }
}
