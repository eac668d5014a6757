/**
 * Unweighted Brandes accumulation on a CSR snapshot (Brandes, "A faster algorithm for
 * betweenness centrality", J. Math. Sociol. 25(2), 2001), from a chosen set of sources.
 * Returns the raw dependency sums Σ_s δ_s(v) over the given sources: on an undirected graph,
 * summing over every source counts each pair twice.
 */
import type { Csr } from '../../projection/csr.js';

/** What Brandes reads of a snapshot (plain data, so it can be posted to a worker thread). */
export type BrandesGraph = Pick<Csr, 'n' | 'start' | 'deg' | 'targets'>;

/**
 * One thread's working arrays for single-source passes: σ and distance per node (all 0 / −1
 * between passes), and the pass's shortest-path DAG as the forward sweep finds it. `arcs` holds
 * each DAG arc once. A level expanded top-down writes the successors of its i-th person reached at
 * arcs[down[i] .. downEnd[i]); a level found bottom-up writes the predecessors of its i-th person at
 * arcs[up[i] .. upEnd[i]). Level j is the people reached order[level[j] .. level[j + 1]), and
 * bottomUp[j] says how level j + 1 was found.
 */
export interface BrandesScratch {
  sigma: Float64Array;
  dist: Int32Array;
  arcs: Int32Array;
  down: Int32Array;
  downEnd: Int32Array;
  up: Int32Array;
  upEnd: Int32Array;
  level: Int32Array;
  bottomUp: Uint8Array;
  /** the graph's adjacency entries, Σ deg (a snapshot's `targets` may hold slack) */
  adjacency: number;
}

/** What one source's pass leaves: the people it reached, in BFS order, and their dependencies on it. */
export interface SourceDependencies {
  /** order[0 .. reached) are the people reached, the source first */
  order: Int32Array;
  /** delta[v] = δ_s(v) for each v reached (delta[s] is no dependency: never add it), 0 elsewhere */
  delta: Float64Array;
}

/** Scratch for passes over `g`: its DAG room is one slot per adjacency entry (an arc is a DAG arc at most once). */
export function brandesScratch(g: BrandesGraph): BrandesScratch {
  const n = g.n;
  let adjacency = 0;
  for (let u = 0; u < n; u++) adjacency += g.deg[u]!;
  return {
    sigma: new Float64Array(n),
    dist: new Int32Array(n).fill(-1),
    arcs: new Int32Array(adjacency),
    down: new Int32Array(n),
    downEnd: new Int32Array(n),
    up: new Int32Array(n),
    upEnd: new Int32Array(n),
    level: new Int32Array(n + 2),
    bottomUp: new Uint8Array(n + 1),
    adjacency,
  };
}

export function sourceDependencies(n: number): SourceDependencies {
  return { order: new Int32Array(n), delta: new Float64Array(n) };
}

/**
 * The single-source pass from s into `into` (whose delta must be all 0), leaving `scratch` as it
 * found it. Returns how many people it reached. The same arithmetic in the same order wherever it
 * runs, so two threads computing one source get the same bits. The graph must be undirected (each
 * arc stored both ways), as every snapshot is.
 *
 * The forward sweep is direction-optimizing (Beamer, Asanović and Patterson, "Direction-optimizing
 * breadth-first search", SC 2012): a level is found top-down from the frontier's adjacencies, or
 * bottom-up by every person not yet reached scanning their own adjacency for frontier people.
 * Brandes cannot stop a bottom-up scan at the first parent, as a BFS does (σ sums every parent),
 * so the two ways read about the arcs they scan once each; bottom-up reads them in memory order,
 * where top-down fetches one adjacency per frontier person from wherever it lies, a cache miss at
 * a million people. So each level goes the way with fewer arcs to scan: bottom-up through the
 * wide middle levels of a small-world network, top-down at both ends. Per source on the
 * generated networks: 1.9× faster at 100,000 people and 2.2× at 1,000,000 (docs/BENCHMARKS.md).
 *
 * The sweep writes down each DAG arc it meets, and the backward sweep reads that list instead of
 * every adjacency again. Levels are settled last to first, so each δ(w) is final before it is
 * used: a top-down level's people pull from their successors, a bottom-up level's people push to
 * their predecessors.
 */
export function dependenciesFrom(g: BrandesGraph, s: number, scratch: BrandesScratch, into: SourceDependencies): number {
  const { n, start, deg, targets } = g;
  const { sigma, dist, arcs, down, downEnd, up, upEnd, level, bottomUp } = scratch;
  const { order, delta } = into;
  let tail = 0;
  let written = 0;
  sigma[s] = 1;
  dist[s] = 0;
  order[tail++] = s;
  level[0] = 0;
  level[1] = 1;
  let frontierArcs = deg[s]!;
  let unreachedArcs = scratch.adjacency - frontierArcs;
  let j = 0;
  for (; level[j]! < level[j + 1]!; j++) {
    const first = level[j]!;
    const last = level[j + 1]!;
    const next = j + 1;
    let nextArcs = 0;
    if (unreachedArcs < frontierArcs) {
      bottomUp[j] = 1;
      for (let v = 0; v < n; v++) {
        if (dist[v] !== -1) continue;
        const from = written;
        let sv = 0;
        for (let e = start[v]!, end = e + deg[v]!; e < end; e++) {
          const u = targets[e]!;
          if (dist[u] !== j) continue;
          sv += sigma[u]!;
          arcs[written++] = u;
        }
        if (written === from) continue;
        sigma[v] = sv;
        up[tail] = from;
        upEnd[tail] = written;
        order[tail++] = v;
        nextArcs += deg[v]!;
      }
      // Marked only now: a person found in this level is no parent of another found in it.
      for (let i = last; i < tail; i++) dist[order[i]!] = next;
    } else {
      bottomUp[j] = 0;
      for (let i = first; i < last; i++) {
        const u = order[i]!;
        const su = sigma[u]!;
        down[i] = written;
        for (let e = start[u]!, end = e + deg[u]!; e < end; e++) {
          const v = targets[e]!;
          const dv = dist[v]!;
          if (dv === -1) {
            dist[v] = next;
            order[tail++] = v;
            nextArcs += deg[v]!;
          } else if (dv !== next) continue;
          sigma[v]! += su;
          arcs[written++] = v;
        }
        downEnd[i] = written;
      }
    }
    unreachedArcs -= nextArcs;
    frontierArcs = nextArcs;
    level[j + 2] = tail;
  }
  // Level j is empty: levels 0 .. j − 1 hold everyone reached, and the last has no successors.
  for (let k = j - 2; k >= 0; k--) {
    if (bottomUp[k]) {
      for (let i = level[k + 2]! - 1, first = level[k + 1]!; i >= first; i--) {
        const v = order[i]!;
        const share = (1 + delta[v]!) / sigma[v]!;
        for (let x = upEnd[i]! - 1, from = up[i]!; x >= from; x--) {
          const u = arcs[x]!;
          delta[u]! += sigma[u]! * share;
        }
      }
    } else {
      for (let i = level[k + 1]! - 1, first = level[k]!; i >= first; i--) {
        const w = order[i]!;
        const sw = sigma[w]!;
        let dw = 0;
        for (let x = downEnd[i]! - 1, from = down[i]!; x >= from; x--) {
          const v = arcs[x]!;
          dw += sw * ((1 + delta[v]!) / sigma[v]!);
        }
        delta[w] = dw;
      }
    }
  }
  for (let i = 0; i < tail; i++) {
    const v = order[i]!;
    sigma[v] = 0;
    dist[v] = -1;
  }
  return tail;
}

/** Adds one source's dependencies to `result` and clears them from `from` for the next pass. */
export function addDependencies(result: Float64Array, from: SourceDependencies, reached: number): void {
  const { order, delta } = from;
  const s = order[0]!;
  for (let i = 0; i < reached; i++) {
    const w = order[i]!;
    if (w !== s) result[w]! += delta[w]!;
    delta[w] = 0;
  }
}

/** Raw Σ over `sources` of the pair dependencies δ_s(v), added in the order the sources come. */
export function brandesFromSources(csr: BrandesGraph, sources: Iterable<number>, into?: Float64Array): Float64Array {
  const n = csr.n;
  const result = into ?? new Float64Array(n);
  const scratch = brandesScratch(csr);
  const pass = sourceDependencies(n);
  for (const s of sources) addDependencies(result, pass, dependenciesFrom(csr, s, scratch, pass));
  return result;
}
