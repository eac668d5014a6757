/**
 * Pairs of nodes (numbered by the owner) with a value each, in typed arrays: the storage under
 * TieTable (undirected) and ReferralTable (directed). Per pair slot: its two ends; per end of a
 * pair (a half, 2·slot + side): the next and previous half in that node's list, so a node's pairs
 * are walked in the order they were added and one is unlinked in O(1); and an open-addressing
 * hash from the pair of ends to its slot, so "the pair u–v" is O(1); and a number a reader may
 * keep with each pair (the stage counter's, analytics/stage-counter.ts). About 40 bytes per pair
 * plus its value, against two Map entries and three array slots (issue #18, docs/BENCHMARKS.md).
 *
 * Undirected, both halves of a pair sit in their node's one list and u–v is v–u; directed, a
 * pair's first half is in its source's out-list, its second in its target's in-list.
 *
 * Order is graphology's, so what is computed on the tables stays the same: pairs in the order they
 * were added, each with its ends as first given; a node's pairs in the order they were added.
 * Dropping a pair leaves a hole (no slot moves); once holes outnumber the pairs they are closed
 * up in order, O(pairs), amortised O(1) per drop. A node's list is always in slot order (a pair
 * joins the tail of its ends' lists when it takes the next slot), so closing up rebuilds the lists
 * by one walk over the slots.
 */
import { runAtOnce } from '../support/time-slices.js';

/** Holes are closed up only past this many, so dropping a few pairs never rewrites the slots. */
const MIN_HOLES = 1024;
const NONE = -1;

/** The length an array of `length` grows to for `need` entries: by half again, as doubling would leave up to half of it unused. */
const grownLength = (length: number, need: number): number => (need <= length ? length : Math.max(need, Math.ceil(length * 1.5), 16));

/** The array with room for `need` entries (itself when it has it), new entries `fill`. */
function grown<T extends Int32Array | Float64Array>(a: T, need: number, fill: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (length: number) => T)(grownLength(a.length, need));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** A well-spread 31-bit hash of two node numbers (ordered). */
function pairHash(x: number, y: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export class PairLists<V> {
  /** per slot: its ends (`ends0` is NONE for a hole) */
  private ends0 = new Int32Array(0);
  private ends1 = new Int32Array(0);
  /** per half: the next and previous half in its node's list */
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  /** per node: first and last half of its list (side 0; undirected, every half) and of its side-1 list (directed) */
  private head0 = new Int32Array(0);
  private tail0 = new Int32Array(0);
  private head1 = new Int32Array(0);
  private tail1 = new Int32Array(0);
  private count0 = new Int32Array(0);
  private count1 = new Int32Array(0);
  /** undefined: a hole */
  private values: (V | undefined)[] = [];
  /** per slot: a number a reader keeps with the pair (NaN until set), moved with it when holes close */
  private marks = new Float64Array(0);
  /** open addressing, linear probing: slot + 1, 0 for an empty bucket */
  private buckets = new Int32Array(16);
  private holes = 0;

  constructor(
    private readonly directed: boolean,
    private readonly minHoles = MIN_HOLES,
  ) {}

  /** Number of pairs held. */
  get size(): number {
    return this.values.length - this.holes;
  }

  /** Makes node `u` known with empty lists (a new or reused number). */
  clearNode(u: number): void {
    const need = u + 1;
    this.head0 = grown(this.head0, need, NONE);
    this.tail0 = grown(this.tail0, need, NONE);
    this.count0 = grown(this.count0, need, 0);
    this.head0[u] = this.tail0[u] = NONE;
    this.count0[u] = 0;
    if (!this.directed) return;
    this.head1 = grown(this.head1, need, NONE);
    this.tail1 = grown(this.tail1, need, NONE);
    this.count1 = grown(this.count1, need, 0);
    this.head1[u] = this.tail1[u] = NONE;
    this.count1[u] = 0;
  }

  /** Number of pairs in u's list (`side` 1: its in-list, directed). */
  count(u: number, side: 0 | 1 = 0): number {
    return (side === 1 && this.directed ? this.count1 : this.count0)[u] ?? 0;
  }

  /** The slot of the pair u–v (directed: u → v), or −1. */
  find(u: number, v: number): number {
    const mask = this.buckets.length - 1;
    for (let i = this.home(u, v) & mask; ; i = (i + 1) & mask) {
      const b = this.buckets[i]!;
      if (b === 0) return NONE;
      if (this.joins(b - 1, u, v)) return b - 1;
    }
  }

  /**
   * Room for `pairs` pairs in all, taken at once, and the hash sized for `hashed` of them: a build
   * that knows about how many it will add skips the copies of growing (each one a write of fresh
   * memory, seconds at 1,000,000 people on a VM that backs pages on first touch) and the hash's
   * doublings (each one re-inserts every pair so far: 4.3 s in all at 1M, the last one 2.5 s of the
   * event loop). Slots never used are never written, so they cost no resident memory; buckets are
   * written wherever pairs land, so `hashed` is what the caller is sure to come near, not a bound
   * (too many costs 8 bytes a pair not held, too few only the doublings).
   */
  reserve(pairs: number, hashed = 0): void {
    if (pairs > this.ends0.length) this.growSlots(pairs);
    let buckets = this.buckets.length;
    while (2 * hashed > buckets) buckets *= 2;
    if (buckets > this.buckets.length) this.rehash(buckets);
  }

  /** The value in a slot (undefined for a hole). */
  at(slot: number): V | undefined {
    return this.values[slot];
  }

  /** Appends the pair u–v, which must not be there yet; returns its slot. */
  add(u: number, v: number, value: V): number {
    const slot = this.values.length;
    if (slot >= this.ends0.length) this.growSlots(slot + 1);
    this.ends0[slot] = u;
    this.ends1[slot] = v;
    this.marks[slot] = NaN;
    this.values.push(value);
    this.append(2 * slot);
    this.append(2 * slot + 1);
    if (2 * (this.size + 1) > this.buckets.length) this.rehash(this.buckets.length * 2);
    else this.insert(slot);
    return slot;
  }

  /**
   * Room for `need` slots in every per-slot and per-half array at once, so add() checks one length,
   * not five (a build adds a million pairs). Per-half arrays are twice the per-slot ones.
   *
   * The room past the pairs held is left as the allocator gave it, zeroed and untouched (add()
   * writes each slot's mark as it takes the slot): the system maps those pages only once written,
   * so the unused part costs no resident memory and the arrays are never cut to size. Cutting
   * them (a copy after each rebuild) and filling the room ahead wrote fresh memory, which on a VM
   * that backs each page on first touch cost 3.3 s of one unbroken stretch at 1,000,000 people
   * (issue #18, docs/BENCHMARKS.md "Scale run").
   */
  private growSlots(need: number): void {
    const slots = grownLength(this.ends0.length, need);
    this.ends0 = grown(this.ends0, slots, 0);
    this.ends1 = grown(this.ends1, slots, 0);
    this.marks = grown(this.marks, slots, 0);
    this.next = grown(this.next, 2 * slots, 0);
    this.prev = grown(this.prev, 2 * slots, 0);
  }

  /** The number kept with the pair in a slot (NaN when none was set). */
  markAt(slot: number): number {
    return this.marks[slot]!;
  }

  setMarkAt(slot: number, mark: number): void {
    this.marks[slot] = mark;
  }

  /** Forgets every pair's number. */
  clearMarks(): void {
    this.marks.fill(NaN, 0, this.values.length);
  }

  /** Empties the slot of a pair the caller found (no other slot moves); then call settle(). */
  remove(slot: number): void {
    this.unhash(slot);
    this.unlink(2 * slot);
    this.unlink(2 * slot + 1);
    this.ends0[slot] = NONE;
    this.values[slot] = undefined;
    this.holes++;
  }

  /** Closes the holes up once they outnumber the pairs: every slot may change. */
  settle(): void {
    if (this.holes >= this.minHoles && this.holes >= this.size) this.compact();
  }

  /** Visits every pair once, in the order they were added, with its slot. */
  forEach(visit: (value: V, u: number, v: number, slot: number) => void): void {
    runAtOnce(this.forEachInSteps(visit, Infinity));
  }

  /**
   * forEach in slices: yields after every `step` pairs, so a caller can give the event loop back
   * (the warm-up's CSR build). A write between slices must abandon the walk.
   */
  *forEachInSteps(visit: (value: V, u: number, v: number, slot: number) => void, step: number): Generator<void, void, undefined> {
    const { values } = this;
    const end = values.length;
    let seen = 0;
    for (let slot = 0; slot < end; slot++) {
      const value = values[slot];
      if (value === undefined) continue;
      visit(value, this.ends0[slot]!, this.ends1[slot]!, slot);
      if (++seen % step === 0) yield;
    }
  }

  /**
   * Visits u's pairs in the order they were added (`side` 1: its in-list, directed), each with its
   * other end and slot. The visitor may remove (not settle) the pair it is given, no other.
   */
  forEachAt(u: number, side: 0 | 1, visit: (other: number, value: V, slot: number) => void): void {
    const head = side === 1 && this.directed ? this.head1 : this.head0;
    for (let h = head[u] ?? NONE; h !== NONE; ) {
      const following = this.next[h]!;
      const slot = h >> 1;
      visit(h & 1 ? this.ends0[slot]! : this.ends1[slot]!, this.values[slot]!, slot);
      h = following;
    }
  }

  // ---- lists ----

  // A half's list: 2·slot is in its first end's list, 2·slot + 1 in its second end's (directed:
  // that end's side-1 list). Worked out inline, not returned as an object: a build does it twice a pair.

  private append(h: number): void {
    const slot = h >> 1;
    const second = (h & 1) === 1;
    const node = second ? this.ends1[slot]! : this.ends0[slot]!;
    const side1 = second && this.directed;
    const tail = side1 ? this.tail1 : this.tail0;
    const last = tail[node]!;
    this.prev[h] = last;
    this.next[h] = NONE;
    if (last === NONE) (side1 ? this.head1 : this.head0)[node] = h;
    else this.next[last] = h;
    tail[node] = h;
    (side1 ? this.count1 : this.count0)[node]!++;
  }

  private unlink(h: number): void {
    const slot = h >> 1;
    const second = (h & 1) === 1;
    const node = second ? this.ends1[slot]! : this.ends0[slot]!;
    const side1 = second && this.directed;
    const p = this.prev[h]!;
    const n = this.next[h]!;
    if (p === NONE) (side1 ? this.head1 : this.head0)[node] = n;
    else this.next[p] = n;
    if (n === NONE) (side1 ? this.tail1 : this.tail0)[node] = p;
    else this.prev[n] = p;
    (side1 ? this.count1 : this.count0)[node]!--;
  }

  // ---- hash ----

  private home(u: number, v: number): number {
    return this.directed || u < v ? pairHash(u, v) : pairHash(v, u);
  }

  private joins(slot: number, u: number, v: number): boolean {
    const x = this.ends0[slot]!;
    const y = this.ends1[slot]!;
    return (x === u && y === v) || (!this.directed && x === v && y === u);
  }

  private insert(slot: number): void {
    const mask = this.buckets.length - 1;
    let i = this.home(this.ends0[slot]!, this.ends1[slot]!) & mask;
    while (this.buckets[i] !== 0) i = (i + 1) & mask;
    this.buckets[i] = slot + 1;
  }

  /** Deletes a slot's bucket, shifting the probe run behind it back (no tombstones). */
  private unhash(slot: number): void {
    const buckets = this.buckets;
    const mask = buckets.length - 1;
    let i = this.home(this.ends0[slot]!, this.ends1[slot]!) & mask;
    while (buckets[i] !== slot + 1) i = (i + 1) & mask;
    for (let j = (i + 1) & mask; buckets[j] !== 0; j = (j + 1) & mask) {
      const s = buckets[j]! - 1;
      const k = this.home(this.ends0[s]!, this.ends1[s]!) & mask;
      // The entry at j may fill the gap at i unless its home lies cyclically in (i, j].
      const stays = i <= j ? i < k && k <= j : i < k || k <= j;
      if (stays) continue;
      buckets[i] = buckets[j]!;
      i = j;
    }
    buckets[i] = 0;
  }

  private rehash(capacity: number): void {
    this.buckets = new Int32Array(capacity);
    for (let slot = 0; slot < this.values.length; slot++) if (this.values[slot] !== undefined) this.insert(slot);
  }

  /** Closes the holes up in order; lists and hash are rebuilt (slot order is list order). */
  private compact(): void {
    const values = this.values;
    let w = 0;
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] === undefined) continue;
      this.ends0[w] = this.ends0[slot]!;
      this.ends1[w] = this.ends1[slot]!;
      this.marks[w] = this.marks[slot]!;
      values[w++] = values[slot];
    }
    values.length = w;
    this.holes = 0;
    this.head0.fill(NONE);
    this.tail0.fill(NONE);
    this.count0.fill(0);
    this.head1.fill(NONE);
    this.tail1.fill(NONE);
    this.count1.fill(0);
    for (let slot = 0; slot < w; slot++) {
      this.append(2 * slot);
      this.append(2 * slot + 1);
    }
    let capacity = 16;
    while (capacity < 2 * (w + 1)) capacity *= 2;
    this.rehash(capacity);
  }
}
