/**
 * The referral graph of the projection (directed, simple: a → b iff a referral from a to b, the
 * referral ids on the arc), held lean as the TieTable is: people numbered (with their first arc
 * either way, let go with their last), the arcs on those numbers in typed arrays (pair-lists.ts:
 * each person's out-arcs and in-arcs as linked lists, a hash from (from, to) to the arc). A
 * fraction of graphology's memory per arc, most of which was two adjacency objects for every
 * person, referrer or not (issue #18, docs/BENCHMARKS.md).
 *
 * Ids are user data (`__proto__`, `constructor`): only Maps are keyed by them.
 *
 * Order is graphology's: arcs in the order they were added, a person's out- and in-arcs in the
 * order of their arcs, so sums over them (group and category flows) stay bit for bit the same.
 */
import { NodeNumbers } from './node-numbers.js';
import { PairLists } from './pair-lists.js';
import type { ReferralArc } from './tie-evidence.js';

export class ReferralTable {
  /** everyone with an arc either way (numbered with their first, let go with their last) */
  private readonly people = new NodeNumbers();
  private readonly arcs: PairLists<ReferralArc>;

  /** `minHoles`: dropped arcs left as holes before they are closed up (tests make it small). */
  constructor(minHoles?: number) {
    this.arcs = new PairLists<ReferralArc>(true, minHoles);
  }

  /** Number of arcs. */
  get size(): number {
    return this.arcs.size;
  }

  hasArc(from: string, to: string): boolean {
    return this.slotOf(from, to) >= 0;
  }

  /** The arc from → to, if there is one. */
  arc(from: string, to: string): ReferralArc | undefined {
    const slot = this.slotOf(from, to);
    return slot < 0 ? undefined : this.arcs.at(slot);
  }

  /** Adds the arc from → to; it must be neither a loop nor there already. */
  addArc(from: string, to: string, arc: ReferralArc): void {
    if (from === to || this.hasArc(from, to)) throw new Error(`referral-table: ${JSON.stringify(from)} → ${JSON.stringify(to)} is a loop or exists already`);
    this.arcs.add(this.numbered(from), this.numbered(to), arc);
  }

  /** Removes the arc from → to; false when there was none. */
  dropArc(from: string, to: string): boolean {
    const slot = this.slotOf(from, to);
    if (slot < 0) return false;
    this.arcs.remove(slot);
    this.releaseIfAlone(from);
    this.releaseIfAlone(to);
    this.arcs.settle();
    return true;
  }

  /** Room for `arcs` arcs, the hash for `hashed` (PairLists.reserve): a build that can count them skips growing. */
  reserve(arcs: number, hashed = 0): void {
    this.arcs.reserve(arcs, hashed);
  }

  /** Visits every arc once, in the order they were added. */
  forEachArc(visit: (arc: ReferralArc, from: string, to: string) => void): void {
    const ids = this.people.names;
    this.arcs.forEach((arc, u, v) => visit(arc, ids[u]!, ids[v]!));
  }

  /** Visits a person's out-arcs in the order they were added. */
  forEachOut(person: string, visit: (to: string, arc: ReferralArc) => void): void {
    this.forEachAt(person, 0, visit);
  }

  /** Visits a person's in-arcs in the order they were added. */
  forEachIn(person: string, visit: (from: string, arc: ReferralArc) => void): void {
    this.forEachAt(person, 1, visit);
  }

  /** Whom a person referred, as a list (safe to drop arcs while walking it). */
  outNeighbors(person: string): string[] {
    const out: string[] = [];
    this.forEachAt(person, 0, (to) => out.push(to));
    return out;
  }

  /** Who referred a person, as a list (safe to drop arcs while walking it). */
  inNeighbors(person: string): string[] {
    const out: string[] = [];
    this.forEachAt(person, 1, (from) => out.push(from));
    return out;
  }

  private forEachAt(person: string, side: 0 | 1, visit: (other: string, arc: ReferralArc) => void): void {
    const u = this.people.number(person);
    if (u === undefined) return;
    const ids = this.people.names;
    this.arcs.forEachAt(u, side, (v, arc) => visit(ids[v]!, arc));
  }

  private slotOf(from: string, to: string): number {
    const u = this.people.number(from);
    const v = u === undefined ? undefined : this.people.number(to);
    return v === undefined ? -1 : this.arcs.find(u!, v);
  }

  private numbered(person: string): number {
    const known = this.people.number(person);
    if (known !== undefined) return known;
    const u = this.people.add(person);
    this.arcs.clearNode(u);
    return u;
  }

  private releaseIfAlone(person: string): void {
    const u = this.people.number(person)!;
    if (this.arcs.count(u, 0) === 0 && this.arcs.count(u, 1) === 0) this.people.drop(person);
  }
}
