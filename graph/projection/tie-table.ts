/**
 * The relationship graph of the projection (undirected, simple, on people, each tie carrying its
 * TieEvidence), held in the least memory that still answers "the tie a–b" in O(1): one Map from
 * person id to a node number, and the ties on those numbers in typed arrays (pair-lists.ts: the
 * two ends, each person's ties as a linked list, a hash from the pair to the tie, a number kept
 * with it). About 40 bytes and one array slot per tie beside its evidence, against two Map
 * entries and three array slots in per-person Maps (issue #18, docs/BENCHMARKS.md).
 *
 * Ids are user data (`__proto__`, `constructor`): only Maps are keyed by them.
 *
 * Order is graphology's, so the CSR built from it and every result computed on it stay the same:
 * people in insertion order; ties in the order they were added, each with its ends as first
 * linked; a person's neighbours in the order of their ties.
 */
import { NodeNumbers } from './node-numbers.js';
import { PairLists } from './pair-lists.js';
import type { TieEvidence } from './tie-evidence.js';

export class TieTable {
  private readonly people = new NodeNumbers();
  private readonly ties: PairLists<TieEvidence>;

  /** `minHoles`: dropped ties left as holes before they are closed up (tests make it small). */
  constructor(minHoles?: number) {
    this.ties = new PairLists<TieEvidence>(false, minHoles);
  }

  /** Number of people. */
  get order(): number {
    return this.people.size;
  }

  /** Number of ties. */
  get size(): number {
    return this.ties.size;
  }

  hasNode(id: string): boolean {
    return this.people.has(id);
  }

  /** Adds a person with no ties; false when they are there already. */
  addNode(id: string): boolean {
    if (this.people.has(id)) return false;
    this.ties.clearNode(this.people.add(id));
    return true;
  }

  /** Removes a person with all their ties; false when they were not there. */
  dropNode(id: string): boolean {
    const u = this.people.number(id);
    if (u === undefined) return false;
    this.ties.forEachAt(u, 0, (_other, _evidence, slot) => this.ties.remove(slot));
    this.people.drop(id);
    this.ties.settle();
    return true;
  }

  /** People in insertion order. */
  nodes(): IterableIterator<string> {
    return this.people.ids();
  }

  /** Number of ties of a person (0 for someone unknown). */
  degree(id: string): number {
    const u = this.people.number(id);
    return u === undefined ? 0 : this.ties.count(u);
  }

  hasEdge(a: string, b: string): boolean {
    return this.slotOf(a, b) >= 0;
  }

  /** The evidence of the tie a–b, if there is one. */
  evidence(a: string, b: string): TieEvidence | undefined {
    const slot = this.slotOf(a, b);
    return slot < 0 ? undefined : this.ties.at(slot);
  }

  /**
   * A person's node number, for the calls below that take numbers: a build linking millions of
   * pairs of the same people looks each one up once, not twice per pair (issue #18).
   */
  numberOf(id: string): number | undefined {
    return this.people.number(id);
  }

  /** evidence() between numbered people. */
  evidenceBetween(u: number, v: number): TieEvidence | undefined {
    const slot = this.ties.find(u, v);
    return slot < 0 ? undefined : this.ties.at(slot);
  }

  /** addEdge() between numbered people, two and untied (the caller has just asked evidenceBetween). */
  addNumberedEdge(u: number, v: number, evidence: TieEvidence): void {
    this.ties.add(u, v, evidence);
  }

  /** Adds the tie a–b; both people must be there, the tie must not. */
  addEdge(a: string, b: string, evidence: TieEvidence): void {
    const u = this.people.number(a);
    const v = this.people.number(b);
    if (u === undefined || v === undefined) throw new Error(`tie-table: cannot tie ${JSON.stringify(a)} and ${JSON.stringify(b)}: a person is missing`);
    if (u === v || this.ties.find(u, v) >= 0) throw new Error(`tie-table: ${JSON.stringify(a)}–${JSON.stringify(b)} is a self-tie or exists already`);
    this.ties.add(u, v, evidence);
  }

  /** Removes the tie a–b; false when there was none. */
  dropEdge(a: string, b: string): boolean {
    const slot = this.slotOf(a, b);
    if (slot < 0) return false;
    this.ties.remove(slot);
    this.ties.settle();
    return true;
  }

  /** Visits every tie once, in the order they were added, with its ends as first linked. */
  forEachEdge(visit: (evidence: TieEvidence, a: string, b: string) => void): void {
    const ids = this.people.names;
    this.ties.forEach((evidence, u, v) => visit(evidence, ids[u]!, ids[v]!));
  }

  /** forEachEdge in slices of `step` ties (pair-lists.ts forEachInSteps). */
  forEachEdgeInSteps(visit: (evidence: TieEvidence, a: string, b: string) => void, step: number): Generator<void, void, undefined> {
    const ids = this.people.names;
    return this.ties.forEachInSteps((evidence, u, v) => visit(evidence, ids[u]!, ids[v]!), step);
  }

  /**
   * forEachEdgeInSteps for a snapshot build: each tie also with its ends' positions in nodes()
   * order (the snapshot's node numbers, without a Map lookup per end) and its slot (setMarkAt).
   */
  forEachEdgePlacedInSteps(
    visit: (evidence: TieEvidence, a: string, b: string, ia: number, ib: number, slot: number) => void,
    step: number,
  ): Generator<void, void, undefined> {
    const ids = this.people.names;
    const position = this.people.positions();
    return this.ties.forEachInSteps((evidence, u, v, slot) => visit(evidence, ids[u]!, ids[v]!, position[u]!, position[v]!, slot), step);
  }

  /** Visits a person's neighbours in the order of their ties, each with the tie's evidence. */
  forEachNeighbor(id: string, visit: (neighbour: string, evidence: TieEvidence) => void): void {
    const u = this.people.number(id);
    if (u === undefined) return;
    const ids = this.people.names;
    this.ties.forEachAt(u, 0, (v, evidence) => visit(ids[v]!, evidence));
  }

  /** Room for about `ties` ties, the hash for `hashed` (PairLists.reserve): a build that can count them skips growing. */
  reserve(ties: number, hashed = 0): void {
    this.ties.reserve(ties, hashed);
  }

  /**
   * The number kept with the tie a–b (NaN when none was set, or there is no such tie): a listener's
   * per-tie state (the stage counter's last count) lives here, moved with the tie when holes close,
   * instead of in a Map keyed by a million ties.
   */
  mark(a: string, b: string): number {
    const slot = this.slotOf(a, b);
    return slot < 0 ? NaN : this.ties.markAt(slot);
  }

  /** Keeps a number with the tie a–b (nothing when there is no such tie). */
  setMark(a: string, b: string, mark: number): void {
    const slot = this.slotOf(a, b);
    if (slot >= 0) this.ties.setMarkAt(slot, mark);
  }

  /** setMark for the tie in a slot a walk gave (forEachEdgePlacedInSteps), while the table is unchanged. */
  setMarkAt(slot: number, mark: number): void {
    this.ties.setMarkAt(slot, mark);
  }

  /** Forgets every tie's number. */
  clearMarks(): void {
    this.ties.clearMarks();
  }

  private slotOf(a: string, b: string): number {
    const u = this.people.number(a);
    const v = u === undefined ? undefined : this.people.number(b);
    return v === undefined ? -1 : this.ties.find(u!, v);
  }
}
