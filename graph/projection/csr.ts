/**
 * A compact typed-array snapshot of the relationship graph for the hot kernels (paths, BFS, ego
 * metrics, sampled betweenness): Int32Array adjacency and, per arc, what its cost (−ln s) needs —
 * about 33 bytes per arc against ~270 bytes per tie in the projection's tables with their evidence.
 *
 * Arc costs: a snapshot built with an ArcWeight keeps each tie's instant-free terms (a small code
 * for its stage base and reciprocity bonus, first and last contact) and evaluates the cost at the
 * instant a query asks for (`cost(e, at)`, memoised for the latest instant), so one snapshot
 * serves every instant exactly with no per-instant refresh. Without one (tests, plain graphs)
 * the costs are fixed numbers.
 *
 * Layout: node u owns the slots targets[start[u] .. start[u] + deg[u]) of a block of cap[u] slots.
 * Blocks are built with slack, so most writes patch in place: an added tie takes a free slot, a
 * removed tie swaps with the block's last slot, a changed tie rewrites its cost. A block that runs
 * full moves to the free tail with twice the room (a bump allocator); only when the tail is
 * exhausted does the owner rebuild the whole snapshot, which amortises to O(1) per write.
 * Kernels iterate `for (e = start[u]; e < start[u] + deg[u]; e++)` exactly as over a plain CSR.
 *
 * Canonical order: each block lists its targets in id order (compareIds), built so and kept so by
 * every patch, and a snapshot's owner numbers people in id order. So the same ties give the same
 * snapshot whatever order their records were written in, and every sum a kernel takes over arcs
 * or people is taken in the same order, bit for bit (docs/ANALYTICS.md). A person added to a live
 * snapshot is numbered last (`inIdOrder` turns false); `byId()` lists the nodes in id order for
 * the kernels whose sums or ties follow node numbers (betweenness.ts,
 * kernels/locality.ts, warm-paths.ts, kernels/bounded-path.ts).
 */

import { compareIds, inIdOrder } from '../support/id-order.js';
import { sortInSteps } from '../support/sort-in-steps.js';
import { runAtOnce, type Steps } from '../support/time-slices.js';


/** Turns an arc's instant-free terms into its cost at an instant (set by the snapshot's owner). */
export interface ArcWeight {
  cost(term: number, first: number, last: number, at: number): number;
  /** A lower bound on `cost(term, first, last, at)` for every `at` ≥ `from`. */
  floor(term: number, first: number, last: number, from: number): number;
}

/** The instant-free terms of a tie (a weighted snapshot), or its fixed cost (a plain one). */
export type ArcValue = number | { term: number; first: number; last: number };

/**
 * The terms of many ties column by column, tie i at index i: what a weighted build is best given,
 * as a million term objects (each with its two dates boxed) were garbage to collect.
 */
export interface TermColumns {
  term: Uint8Array;
  first: Float64Array;
  last: Float64Array;
}

const isColumns = (c: ArrayLike<ArcValue> | TermColumns): c is TermColumns => ArrayBuffer.isView((c as Partial<TermColumns>).term);

/** How many instants' floors a snapshot keeps (cheapestArc): a server's present and a date or two looked back on. */
const FLOOR_INSTANTS = 3;

export class Csr {
  /** node index → person id, and back */
  readonly ids: string[];
  readonly index: Map<string, number>;
  /** nodes removed since the build keep their index with no arcs */
  alive: Uint8Array;
  start: Int32Array;
  deg: Int32Array;
  cap: Int32Array;
  targets: Int32Array;
  /** fixed arc costs (no weight), or the memo of the costs at `memoAt` (with a weight) */
  costs: Float64Array;
  /** per arc, with a weight: the memo epoch its `costs` entry was computed in */
  stamp: Uint32Array;
  private memoAt = NaN;
  private memoEpoch = 1;
  /** per arc, with a weight: its terms code, first and last contact (ms) */
  term: Uint8Array;
  first: Float64Array;
  last: Float64Array;
  /** first free slot of the tail */
  top: number;
  /** undirected ties (each is two arcs) */
  ties: number;
  /** bumped by every structural patch, a person's arrival or departure included (caches of derived structure compare it) */
  revision = 0;
  /** true while node numbers are in id order (built so, and no person numbered out of order since) */
  inIdOrder: boolean;
  private sortedIds: { n: number; order: Int32Array } | undefined;
  /** per instant asked (most recent first), per node the least of its arcs' floors then (NaN: not worked out yet); see cheapestArc */
  private floorSets: { at: number; floors: Float64Array }[] = [];

  /** `index`: the inverse of `ids` when the caller has it already (built in steps: a million ids take a third of a second). */
  constructor(
    ids: string[],
    nodeCapacity: number,
    arcCapacity: number,
    readonly weight?: ArcWeight,
    index?: Map<string, number>,
  ) {
    this.ids = ids;
    this.index = index ?? new Map(ids.map((id, i) => [id, i]));
    const cap = Math.max(nodeCapacity, ids.length, 1);
    this.alive = new Uint8Array(cap);
    this.alive.fill(1, 0, ids.length);
    this.start = new Int32Array(cap);
    this.deg = new Int32Array(cap);
    this.cap = new Int32Array(cap);
    this.targets = new Int32Array(Math.max(arcCapacity, 1));
    const arcs = Math.max(arcCapacity, 1);
    this.costs = new Float64Array(arcs);
    this.stamp = new Uint32Array(weight ? arcs : 0);
    this.term = new Uint8Array(weight ? arcs : 0);
    this.first = new Float64Array(weight ? arcs : 0);
    this.last = new Float64Array(weight ? arcs : 0);
    this.top = 0;
    this.ties = 0;
    this.inIdOrder = inIdOrder(ids);
  }

  /** True when node u's id comes before node v's (compareIds): the tie-break of the kernels that break ties by node. */
  idBefore(u: number, v: number): boolean {
    return this.inIdOrder ? u < v : compareIds(this.ids[u]!, this.ids[v]!) < 0;
  }

  /** The node indexes in id order (identity while `inIdOrder`), kept until a person is numbered. */
  byId(): Int32Array {
    return runAtOnce(this.byIdSteps(Infinity));
  }

  /**
   * byId in steps of about `step` comparisons. A live snapshot is in id order but for the people
   * numbered since its build, so only that tail is sorted, then merged into the ordered head: a
   * sort of a million ids in one call holds the event loop for a second (issue #18).
   */
  *byIdSteps(step: number): Steps<Int32Array> {
    if (this.sortedIds?.n === this.ids.length) return this.sortedIds.order;
    const ids = this.ids;
    const n = ids.length;
    let head = n > 0 ? 1 : 0;
    if (!this.inIdOrder) {
      while (head < n && compareIds(ids[head - 1]!, ids[head]!) < 0) if (++head % step === 0) yield;
    } else head = n;
    const before = (a: number, b: number) => compareIds(ids[a]!, ids[b]!);
    const tail = yield* sortInSteps(Array.from({ length: n - head }, (_, i) => head + i), before, step);
    const order = new Int32Array(n);
    let [i, j] = [0, 0];
    for (let k = 0; k < n; k++) {
      order[k] = j >= tail.length || (i < head && before(i, tail[j]!) < 0) ? i++ : tail[j++]!;
      if (k % step === step - 1) yield;
    }
    this.sortedIds = { n, order };
    return order;
  }

  /**
   * The cost of arc slot e at instant `at` (ms). With a weight, `costs` memoises the costs of
   * the current instant (`memoAt`), stamped per slot: Yen's spur searches and the two sides of a
   * bounded search touch the same arcs again and again, and a new instant costs nothing to start.
   */
  cost(e: number, at: number): number {
    const w = this.weight;
    if (!w) return this.costs[e]!;
    if (at !== this.memoAt) {
      this.memoAt = at;
      if (++this.memoEpoch === 0xffffffff) {
        this.stamp.fill(0);
        this.memoEpoch = 1;
      }
    }
    if (this.stamp[e] === this.memoEpoch) return this.costs[e]!;
    const c = w.cost(this.term[e]!, this.first[e]!, this.last[e]!, at);
    this.costs[e] = c;
    this.stamp[e] = this.memoEpoch;
    return c;
  }

  /**
   * A lower bound on the cost of every arc of u at instant `at` (Infinity when u has none), for
   * the path searches' lower bounds: the least of its arcs' floors at `at` (ArcWeight.floor).
   * Worked out per node on first use and kept for the last few instants asked (the present of a
   * running server, and a date or two looked back on). A floor is a function of the node's arcs
   * and the instant alone, never of the queries before: which of several paths of exactly equal
   * cost a search meets first follows the bounds, so a running server and a fresh one must have
   * the same (docs/ANALYTICS.md, Warm paths). An added arc lowers its end's floor to the new
   * least; a rewritten or removed one makes it be worked out again.
   */
  cheapestArc(u: number, at: number): number {
    const last = this.floorSets[0];
    const floors = last !== undefined && last.at === at && last.floors.length >= this.start.length ? last.floors : this.floorsAt(at);
    let f = floors[u]!;
    if (f === f) return f;
    f = Infinity;
    for (let e = this.start[u]!, end = e + this.deg[u]!; e < end; e++) {
      const c = this.arcFloor(e, at);
      if (c < f) f = c;
    }
    floors[u] = f;
    return f;
  }

  /** The floors of instant `at`, most recently asked first; the least recent instant's array is reused for a new one. */
  private floorsAt(at: number): Float64Array {
    const sets = this.floorSets;
    let i = 0;
    while (i < sets.length && sets[i]!.at !== at) i++;
    let set = sets[i];
    if (set === undefined) {
      set = sets.length < FLOOR_INSTANTS ? { at, floors: new Float64Array(0) } : sets.pop()!;
      set.at = at;
      set.floors.fill(NaN);
      i = sets.push(set) - 1;
    }
    if (i > 0) sets.unshift(...sets.splice(i, 1));
    if (set.floors.length < this.start.length) {
      const grown = new Float64Array(this.start.length).fill(NaN);
      grown.set(set.floors);
      set.floors = grown;
    }
    return set.floors;
  }

  private arcFloor(e: number, at: number): number {
    const w = this.weight;
    return w ? w.floor(this.term[e]!, this.first[e]!, this.last[e]!, at) : this.costs[e]!;
  }

  /** u's floors (those worked out) after an arc was added to its slot e: the new least. */
  private lowerFloor(u: number, e: number): void {
    for (const { at, floors } of this.floorSets) {
      if (u >= floors.length) continue;
      const c = this.arcFloor(e, at);
      if (c < floors[u]!) floors[u] = c;
    }
  }

  /** u's floors to be worked out again: an arc of u was rewritten or removed. */
  private forgetFloor(u: number): void {
    for (const { floors } of this.floorSets) if (u < floors.length) floors[u] = NaN;
  }

  /** Number of node indexes (alive or not). */
  get n(): number {
    return this.ids.length;
  }

  /** The slot of arc u → v, or −1. */
  slotOf(u: number, v: number): number {
    const s = this.start[u]!;
    const end = s + this.deg[u]!;
    const t = this.targets;
    for (let e = s; e < end; e++) if (t[e] === v) return e;
    return -1;
  }

  /** Adds a node index for a new person; returns it. */
  addNode(id: string): number {
    const existing = this.index.get(id);
    if (existing !== undefined) {
      if (!this.alive[existing]) this.revision++;
      this.alive[existing] = 1;
      return existing;
    }
    const u = this.ids.length;
    this.revision++;
    if (u > 0 && compareIds(this.ids[u - 1]!, id) > 0) this.inIdOrder = false;
    if (u >= this.start.length) this.growNodes(u * 2 + 16);
    this.ids.push(id);
    this.index.set(id, u);
    this.alive[u] = 1;
    this.start[u] = this.top;
    this.deg[u] = 0;
    this.cap[u] = 0;
    return u;
  }

  /** Adds the tie u–v with its cost or terms; false when the tail has no room (the owner rebuilds). */
  addTie(u: number, v: number, value: ArcValue): boolean {
    if (!this.reserve(u) || !this.reserve(v)) return false;
    this.push(u, v, value);
    this.push(v, u, value);
    this.ties++;
    this.revision++;
    return true;
  }

  /** Removes the tie u–v if present. */
  removeTie(u: number, v: number): void {
    if (this.pop(u, v) && this.pop(v, u)) this.ties--;
    this.revision++;
  }

  /** Rewrites the cost or terms of the tie u–v. */
  setArc(u: number, v: number, value: ArcValue): void {
    const a = this.slotOf(u, v);
    const b = this.slotOf(v, u);
    if (a >= 0) {
      this.write(a, value);
      this.forgetFloor(u);
    }
    if (b >= 0) {
      this.write(b, value);
      this.forgetFloor(v);
    }
  }

  /** Stores an arc's value in slot e. */
  write(e: number, value: ArcValue): void {
    if (typeof value === 'number') {
      if (this.weight) throw new TypeError('refnet/csr: a weighted snapshot takes tie terms, not a cost');
      this.costs[e] = value;
    } else {
      if (!this.weight) throw new TypeError('refnet/csr: a plain snapshot takes costs, not tie terms');
      this.term[e] = value.term;
      this.first[e] = value.first;
      this.last[e] = value.last;
      this.stamp[e] = 0;
    }
  }

  /** Copies slots [from, from + count) to `to` (the arc payload beside the targets). */
  private move(to: number, from: number, count: number): void {
    this.targets.copyWithin(to, from, from + count);
    this.costs.copyWithin(to, from, from + count);
    if (this.weight) {
      this.term.copyWithin(to, from, from + count);
      this.first.copyWithin(to, from, from + count);
      this.last.copyWithin(to, from, from + count);
      this.stamp.copyWithin(to, from, from + count);
    }
  }

  private reserve(u: number): boolean {
    if (this.deg[u]! < this.cap[u]!) return true;
    const need = Math.max(4, this.cap[u]! * 2);
    if (this.top + need > this.targets.length) return false;
    const from = this.start[u]!;
    const d = this.deg[u]!;
    this.move(this.top, from, d);
    this.start[u] = this.top;
    this.cap[u] = need;
    this.top += need;
    return true;
  }

  /** Writes the arc u → v into u's block at its place in id order (the block has room). */
  private push(u: number, v: number, value: ArcValue): void {
    const from = this.start[u]!;
    const end = from + this.deg[u]!;
    const e = this.placeOf(u, v);
    if (e < end) this.move(e + 1, e, end - e);
    this.targets[e] = v;
    this.write(e, value);
    this.lowerFloor(u, e);
    this.deg[u]!++;
  }

  /** The first slot of u's block whose target comes after v in id order (binary search). */
  private placeOf(u: number, v: number): number {
    const ids = this.ids;
    const id = ids[v]!;
    let lo = this.start[u]!;
    let hi = lo + this.deg[u]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(ids[this.targets[mid]!]!, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Takes the arc u → v out of u's block, the arcs after it moved up (the block stays in id order). */
  private pop(u: number, v: number): boolean {
    const e = this.slotOf(u, v);
    if (e < 0) return false;
    const end = this.start[u]! + this.deg[u]!;
    if (e + 1 < end) this.move(e, e + 1, end - e - 1);
    this.deg[u]!--;
    this.forgetFloor(u);
    return true;
  }

  private growNodes(cap: number): void {
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.deg = grow(this.deg, (n) => new Int32Array(n));
    this.cap = grow(this.cap, (n) => new Int32Array(n));
  }
}

/**
 * Builds a snapshot from tie lists (u[i]–v[i] with value c[i]: a fixed cost, or the tie's terms
 * when options.weight is given, as objects or in columns); each node gets `slack` spare slots and the tail `tailFraction`
 * of the arcs as room for moved blocks.
 */
export function buildCsr(
  ids: string[],
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  c: ArrayLike<ArcValue> | TermColumns,
  count: number,
  options: CsrBuildOptions = {},
): Csr {
  return runAtOnce(buildCsrSteps(ids, u, v, c, count, options, Infinity));
}

export interface CsrBuildOptions {
  slack?: number;
  tailFraction?: number;
  nodeSpare?: number;
  weight?: ArcWeight;
  /** the inverse of `ids`, if the caller built it (in steps) */
  index?: Map<string, number>;
}

/**
 * buildCsr in steps: yields after every `step` ties placed, so the analytics warm-up can give the
 * event loop back (at 1,000,000 people the placement alone holds it for seconds).
 */
export function* buildCsrSteps(
  ids: string[],
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  c: ArrayLike<ArcValue> | TermColumns,
  count: number,
  options: CsrBuildOptions,
  step: number,
): Generator<void, Csr, undefined> {
  const columns = isColumns(c) ? c : undefined;
  if (columns && !options.weight) throw new TypeError('refnet/csr: a plain snapshot takes costs, not tie terms');
  const slack = options.slack ?? 0;
  const n = ids.length;
  const deg = new Int32Array(n);
  for (let i = 0; i < count; i++) {
    if (i % step === step - 1) yield;
    deg[u[i]!]!++;
    deg[v[i]!]!++;
  }
  const used = 2 * count + slack * n;
  const tail = Math.ceil(used * (options.tailFraction ?? 0)) + (options.tailFraction ? 1024 : 0);
  const csr = new Csr(ids, n + (options.nodeSpare ?? 0), used + tail, options.weight, options.index);
  let at = 0;
  for (let x = 0; x < n; x++) {
    csr.start[x] = at;
    csr.cap[x] = deg[x]! + slack;
    at += deg[x]! + slack;
  }
  csr.top = at;
  // Arcs grouped by their source in tie order, then written out transposed: going through the
  // sources x in index order and writing x into each target's block lists every block in index
  // order (id order, when the owner numbered people so) in O(ties), with no sort.
  const grouped = new Int32Array(n + 1);
  for (let x = 0; x < n; x++) grouped[x + 1] = grouped[x]! + deg[x]!;
  const fill = grouped.slice(0, n);
  const toward = new Int32Array(2 * count);
  const tieOf = new Int32Array(2 * count);
  for (let i = 0; i < count; i++) {
    if (i % step === step - 1) yield;
    const a = u[i]!;
    const b = v[i]!;
    toward[fill[a]!] = b;
    tieOf[fill[a]!++] = i;
    toward[fill[b]!] = a;
    tieOf[fill[b]!++] = i;
  }
  for (let x = 0, done = 0; x < n; x++) {
    for (let g = grouped[x]!, end = grouped[x + 1]!; g < end; g++) {
      if (++done % (2 * step) === 0) yield;
      const y = toward[g]!;
      const i = tieOf[g]!;
      const e = csr.start[y]! + csr.deg[y]!++;
      csr.targets[e] = x;
      if (columns) {
        // a fresh snapshot's memo stamps are all 0 (not computed), as write() would leave them
        csr.term[e] = columns.term[i]!;
        csr.first[e] = columns.first[i]!;
        csr.last[e] = columns.last[i]!;
      } else csr.write(e, (c as ArrayLike<ArcValue>)[i]!);
    }
  }
  csr.ties = count;
  return csr;
}
