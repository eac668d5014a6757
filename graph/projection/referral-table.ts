/**
 * The referral graph of the projection (directed, simple: a → b iff a referral from a to b, the
 * referral ids on the arc), held lean as the TieTable is: per person a Map of out-arcs and one of
 * in-arcs (neighbour → slot; made with a person's first arc that side, let go with the last) over
 * ordered-slots.ts. A fraction of graphology's memory per arc, most of which was two adjacency
 * objects for every person, referrer or not (issue #18, docs/BENCHMARKS.md).
 *
 * Ids are user data (`__proto__`, `constructor`): only Maps are keyed by them.
 *
 * Order is graphology's: arcs in the order they were added, a person's out- and in-arcs in the
 * order of their arcs, so sums over them (group and category flows) stay bit for bit the same.
 */
import { OrderedSlots } from './ordered-slots.js';
import type { ReferralArc } from './tie-evidence.js';

/** person → (the other end → slot of the arc) */
type Side = Map<string, Map<string, number>>;

function link(side: Side, person: string, other: string, slot: number): void {
  let mine = side.get(person);
  if (!mine) side.set(person, (mine = new Map<string, number>()));
  mine.set(other, slot);
}

function unlink(side: Side, person: string, other: string): void {
  const mine = side.get(person)!;
  mine.delete(other);
  if (mine.size === 0) side.delete(person);
}

export class ReferralTable {
  private readonly outgoing: Side = new Map();
  private readonly incoming: Side = new Map();
  private readonly slots = new OrderedSlots<ReferralArc>();

  /** Number of arcs. */
  get size(): number {
    return this.slots.size;
  }

  hasArc(from: string, to: string): boolean {
    return this.outgoing.get(from)?.has(to) ?? false;
  }

  /** The arc from → to, if there is one. */
  arc(from: string, to: string): ReferralArc | undefined {
    const slot = this.outgoing.get(from)?.get(to);
    return slot === undefined ? undefined : this.slots.at(slot);
  }

  /** Adds the arc from → to; it must be neither a loop nor there already. */
  addArc(from: string, to: string, arc: ReferralArc): void {
    if (from === to || this.hasArc(from, to)) throw new Error(`referral-table: ${JSON.stringify(from)} → ${JSON.stringify(to)} is a loop or exists already`);
    const slot = this.slots.add(from, to, arc);
    link(this.outgoing, from, to, slot);
    link(this.incoming, to, from, slot);
  }

  /** Removes the arc from → to; false when there was none. */
  dropArc(from: string, to: string): boolean {
    const slot = this.outgoing.get(from)?.get(to);
    if (slot === undefined) return false;
    unlink(this.outgoing, from, to);
    unlink(this.incoming, to, from);
    this.slots.vacate(slot);
    this.slots.compact(this.repoint);
    return true;
  }

  /** Visits every arc once, in the order they were added. */
  forEachArc(visit: (arc: ReferralArc, from: string, to: string) => void): void {
    this.slots.forEach(visit);
  }

  /** Visits a person's out-arcs in the order they were added. */
  forEachOut(person: string, visit: (to: string, arc: ReferralArc) => void): void {
    for (const [to, slot] of this.outgoing.get(person) ?? []) visit(to, this.slots.at(slot)!);
  }

  /** Visits a person's in-arcs in the order they were added. */
  forEachIn(person: string, visit: (from: string, arc: ReferralArc) => void): void {
    for (const [from, slot] of this.incoming.get(person) ?? []) visit(from, this.slots.at(slot)!);
  }

  /** Whom a person referred, as a list (safe to drop arcs while walking it). */
  outNeighbors(person: string): string[] {
    return Array.from(this.outgoing.get(person)?.keys() ?? []);
  }

  /** Who referred a person, as a list (safe to drop arcs while walking it). */
  inNeighbors(person: string): string[] {
    return Array.from(this.incoming.get(person)?.keys() ?? []);
  }

  // Map.set on a present key keeps its place, so each person's arc order survives compaction.
  private readonly repoint = (from: string, to: string, slot: number): void => {
    this.outgoing.get(from)!.set(to, slot);
    this.incoming.get(to)!.set(from, slot);
  };
}
