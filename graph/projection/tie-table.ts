/**
 * The relationship graph of the projection (undirected, simple, on people, each tie carrying its
 * TieEvidence), held in the least memory that still answers "the tie a–b" in O(1): per person a
 * Map from neighbour id to the tie's slot (ordered-slots.ts: the two people and the evidence).
 * That is two Map entries and three array slots per tie, under half of graphology's edge record,
 * generated key, edge-map entry and two adjacency entries (issue #18, docs/BENCHMARKS.md).
 *
 * Ids are user data (`__proto__`, `constructor`): only Maps are keyed by them.
 *
 * Order is graphology's, so the CSR built from it and every result computed on it stay the same:
 * people in insertion order; ties in the order they were added, each with its ends as first
 * linked; a person's neighbours in the order of their ties.
 */
import { OrderedSlots } from './ordered-slots.js';
import type { TieEvidence } from './tie-evidence.js';

export class TieTable {
  /** person → (neighbour → slot of their tie) */
  private readonly adjacency = new Map<string, Map<string, number>>();
  private readonly slots = new OrderedSlots<TieEvidence>();

  /** Number of people. */
  get order(): number {
    return this.adjacency.size;
  }

  /** Number of ties. */
  get size(): number {
    return this.slots.size;
  }

  hasNode(id: string): boolean {
    return this.adjacency.has(id);
  }

  /** Adds a person with no ties; false when they are there already. */
  addNode(id: string): boolean {
    if (this.adjacency.has(id)) return false;
    this.adjacency.set(id, new Map());
    return true;
  }

  /** Removes a person with all their ties; false when they were not there. */
  dropNode(id: string): boolean {
    const mine = this.adjacency.get(id);
    if (!mine) return false;
    for (const [other, slot] of mine) {
      this.adjacency.get(other)!.delete(id);
      this.slots.vacate(slot);
    }
    this.adjacency.delete(id);
    this.slots.compact(this.repoint);
    return true;
  }

  /** People in insertion order. */
  nodes(): IterableIterator<string> {
    return this.adjacency.keys();
  }

  /** Number of ties of a person (0 for someone unknown). */
  degree(id: string): number {
    return this.adjacency.get(id)?.size ?? 0;
  }

  hasEdge(a: string, b: string): boolean {
    return this.adjacency.get(a)?.has(b) ?? false;
  }

  /** The evidence of the tie a–b, if there is one. */
  evidence(a: string, b: string): TieEvidence | undefined {
    const slot = this.adjacency.get(a)?.get(b);
    return slot === undefined ? undefined : this.slots.at(slot);
  }

  /** Adds the tie a–b; both people must be there, the tie must not. */
  addEdge(a: string, b: string, evidence: TieEvidence): void {
    const fromA = this.adjacency.get(a);
    const fromB = this.adjacency.get(b);
    if (!fromA || !fromB) throw new Error(`tie-table: cannot tie ${JSON.stringify(a)} and ${JSON.stringify(b)}: a person is missing`);
    if (a === b || fromA.has(b)) throw new Error(`tie-table: ${JSON.stringify(a)}–${JSON.stringify(b)} is a self-tie or exists already`);
    const slot = this.slots.add(a, b, evidence);
    fromA.set(b, slot);
    fromB.set(a, slot);
  }

  /** Removes the tie a–b; false when there was none. */
  dropEdge(a: string, b: string): boolean {
    const fromA = this.adjacency.get(a);
    const slot = fromA?.get(b);
    if (slot === undefined) return false;
    fromA!.delete(b);
    this.adjacency.get(b)!.delete(a);
    this.slots.vacate(slot);
    this.slots.compact(this.repoint);
    return true;
  }

  /** Visits every tie once, in the order they were added, with its ends as first linked. */
  forEachEdge(visit: (evidence: TieEvidence, a: string, b: string) => void): void {
    this.slots.forEach(visit);
  }

  /** forEachEdge in slices of `step` ties (ordered-slots.ts forEachInSteps). */
  forEachEdgeInSteps(visit: (evidence: TieEvidence, a: string, b: string) => void, step: number): Generator<void, void, undefined> {
    return this.slots.forEachInSteps(visit, step);
  }

  /** Visits a person's neighbours in the order of their ties, each with the tie's evidence. */
  forEachNeighbor(id: string, visit: (neighbour: string, evidence: TieEvidence) => void): void {
    const mine = this.adjacency.get(id);
    if (!mine) return;
    for (const [other, slot] of mine) visit(other, this.slots.at(slot)!);
  }

  // Map.set on a present key keeps its place, so neighbour order survives compaction.
  private readonly repoint = (a: string, b: string, slot: number): void => {
    this.adjacency.get(a)!.set(b, slot);
    this.adjacency.get(b)!.set(a, slot);
  };
}
