/**
 * Landmark lower bounds (ALT: A*, landmarks, triangle inequality — Goldberg & Harrelson, "Computing
 * the Shortest Path: A* Search Meets Graph Theory", SODA 2005) per snapshot, for the guided path
 * searches: for a landmark L and a target t, every path v → t costs at least |d(L, t) − d(L, v)|.
 *
 * The distances are taken over each arc's cost floor from an instant on (Csr.costFloor), so they
 * bound the costs at every later instant: one computation serves every query from that instant
 * on, and time only loosens the bounds. Writes: a removed tie only raises costs (the bounds stay
 * valid), but an added or rewritten tie may lower one, so the landmarks hold only while the
 * snapshot's `revision` and `writes` are those they were computed on; after that they are
 * computed again, off the request path.
 *
 * Distances are kept as 16-bit codes, node-major (a node's codes for every landmark in one cache
 * line): code = ⌊d / quantum⌋, where the quantum spreads twice the eccentricity of the node the
 * landmarks are chosen from over the codes (every distance from a landmark of its component is at
 * most that, by the triangle inequality). A bound drops one quantum for the rounding: it is
 * admissible, which is all the guided search needs (it prunes by cost, never closes a state).
 */
import type { Csr } from '../../projection/csr.js';
import { ownerMemo } from '../../support/memo.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../../support/time-slices.js';
import { MinHeap } from './heap.js';

/** No path from the landmark. */
const UNREACHED = 0xffff;
const CODES = UNREACHED - 1;

export class Landmarks {
  constructor(
    /** landmarks per node */
    readonly count: number,
    /** node-major: codes[v * count + i] = ⌊d(landmark i, v) / quantum⌋, or UNREACHED */
    readonly codes: Uint16Array,
    readonly quantum: number,
    /** the instant the cost floors were taken from: the bounds hold for queries at or after it */
    readonly from: number,
    /** the snapshot's revision and writes they were computed on */
    readonly revision: number,
    readonly writes: number,
  ) {}

  /** True while the bounds hold for a query on `csr` at instant `at`. */
  validFor(csr: Csr, at: number): boolean {
    return at >= this.from && csr.revision === this.revision && csr.writes === this.writes;
  }

  /** The bounds towards a set of targets (of the snapshot they were computed on). */
  towards(targets: readonly number[]): LandmarkBound {
    return new LandmarkBound(this, targets);
  }
}

/**
 * Lower bounds on the cost from any node to the nearest of a set of targets: per landmark, the
 * targets' codes span [lo, hi], and a node below lo or above hi is at least that far from all.
 */
export class LandmarkBound {
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  /** landmarks reaching every target (the others say nothing) */
  private readonly use: Int32Array;

  constructor(
    private readonly marks: Landmarks,
    targets: readonly number[],
  ) {
    const L = marks.count;
    const lo = new Int32Array(L).fill(UNREACHED);
    const hi = new Int32Array(L);
    const n = marks.codes.length / L;
    for (const t of targets) {
      for (let i = 0; i < L; i++) {
        const c = t < n ? marks.codes[t * L + i]! : UNREACHED;
        if (c < lo[i]!) lo[i] = c;
        if (c > hi[i]!) hi[i] = c;
      }
    }
    const use: number[] = [];
    for (let i = 0; i < L; i++) if (hi[i]! < UNREACHED) use.push(i);
    this.use = Int32Array.from(use);
    this.lo = lo;
    this.hi = hi;
  }

  /** A lower bound on the cost from v to the nearest target (0 when the landmarks say nothing). */
  bound(v: number): number {
    const { codes, count, quantum } = this.marks;
    const o = v * count;
    if (o >= codes.length) return 0;
    let most = 0;
    const { use, lo, hi } = this;
    for (let j = 0; j < use.length; j++) {
      const i = use[j]!;
      const c = codes[o + i]!;
      if (c === UNREACHED) continue;
      const below = lo[i]! - c;
      const above = c - hi[i]!;
      const gap = below > above ? below : above;
      if (gap > most) most = gap;
    }
    // One quantum for the codes' rounding, and a hair for the floating-point sums behind them.
    return most > 1 ? (most - 1) * quantum * (1 - 1e-9) : 0;
  }
}

/** Landmarks per snapshot: 16 codes of 2 bytes = 32 bytes per node, half a cache line. */
export const LANDMARKS = 16;

/**
 * Computes the landmarks of `csr` from instant `from`, in steps (a Dijkstra over the whole
 * snapshot per landmark, plus one to choose the first). Landmarks are chosen farthest first: the
 * first is the node farthest from the best-connected node, each next one the node farthest from
 * those chosen — they end up on the network's rim, where they bound the most pairs.
 */
export function* landmarkSteps(csr: Csr, from: number, count = LANDMARKS): Steps<Landmarks | undefined> {
  const n = csr.n;
  const revision = csr.revision;
  const writes = csr.writes;
  const dist = new Float64Array(n);
  const heap = new MinHeap();
  const floors = new Float64Array(csr.targets.length);
  for (let u = 0; u < n; u++) {
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) floors[e] = csr.costFloor(e, from);
    if (u % (STEP_EVERY * 16) === 0) yield;
  }
  let hub = -1;
  for (let u = 0; u < n; u++) if (csr.alive[u] && (hub < 0 || csr.deg[u]! > csr.deg[hub]!)) hub = u;
  if (hub < 0 || csr.deg[hub] === 0) return undefined;
  yield* dijkstra(csr, floors, hub, dist, heap);
  let eccentricity = 0;
  let first = hub;
  for (let u = 0; u < n; u++) {
    if (dist[u]! !== Infinity && dist[u]! > eccentricity) {
      eccentricity = dist[u]!;
      first = u;
    }
  }
  if (eccentricity === 0) return undefined;
  const quantum = (2 * eccentricity) / CODES;
  const codes = new Uint16Array(n * count);
  // The distance from the nearest chosen landmark: the next one is where it is largest.
  const nearest = new Float64Array(n).fill(Infinity);
  let next = first;
  for (let i = 0; i < count; i++) {
    yield* dijkstra(csr, floors, next, dist, heap);
    let far = -1;
    let farthest = -1;
    for (let u = 0; u < n; u++) {
      const d = dist[u]!;
      codes[u * count + i] = d === Infinity ? UNREACHED : Math.min(CODES, Math.floor(d / quantum));
      if (d < nearest[u]!) nearest[u] = d;
      if (nearest[u]! !== Infinity && nearest[u]! > farthest) {
        farthest = nearest[u]!;
        far = u;
      }
    }
    next = far;
    yield;
  }
  return new Landmarks(count, codes, quantum, from, revision, writes);
}

/** Single-source cheapest costs over the arc floors, into `dist` (Infinity where unreached). */
function* dijkstra(csr: Csr, floors: Float64Array, source: number, dist: Float64Array, heap: MinHeap): Steps<void> {
  dist.fill(Infinity);
  heap.clear();
  dist[source] = 0;
  heap.push(0, source);
  const { start, deg, targets } = csr;
  let pops = 0;
  while (heap.size) {
    const d = heap.peekKey();
    const u = heap.pop();
    if (d > dist[u]!) continue;
    for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
      const v = targets[e]!;
      const dv = d + floors[e]!;
      if (dv < dist[v]!) {
        dist[v] = dv;
        heap.push(dv, v);
      }
    }
    if (++pops % STEP_EVERY === 0) yield;
  }
}

/** The landmarks computed at once (tests, and the first query where nothing computes them ahead). */
export function computeLandmarks(csr: Csr, from: number, count = LANDMARKS): Landmarks | undefined {
  return runAtOnce(landmarkSteps(csr, from, count));
}

/** Per snapshot, keyed by its arc array (shared by the connector-cost views of warm-paths). */
const perSnapshot = ownerMemo<Int32Array, Landmarks>('paths.landmarks');

/** The snapshot's landmarks when they hold at instant `at`. */
export function landmarksFor(csr: Csr, at: number): Landmarks | undefined {
  let marks = perSnapshot.get(csr.targets);
  if (!marks || !marks.validFor(csr, at)) {
    // PROTOTYPE: computed on the spot.
    const t = performance.now();
    marks = computeLandmarks(csr, at);
    console.error(`landmarks: ${(performance.now() - t).toFixed(0)} ms`);
    if (marks) perSnapshot.set(csr.targets, marks);
  }
  return marks;
}
