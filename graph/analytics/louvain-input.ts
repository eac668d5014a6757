/**
 * The graph graphology-communities-louvain reads, made straight from a snapshot's typed arrays
 * instead of a graphology graph: building a graphology graph of 100,000 people and a million ties
 * cost 4–7 s and ~500 MB per run, while Louvain itself takes ~1.5 s (docs/BENCHMARKS.md).
 *
 * The library only reads a graph while building its UndirectedLouvainIndex (graphology-indices):
 * `order`, `size`, `selfLoopCount`, `forEachNode`, `undirectedDegreeWithoutSelfLoops` and
 * `forEachEdge`, after the `isGraph`/`inferType` checks (graphology-utils) look at `type`,
 * `multi`, `addUndirectedEdgeWithKey` and `dropNode`. This class offers exactly those, and visits
 * nodes and edges in the order a graphology graph built the same way would, so the communities are
 * the same as on such a graph. tests/unit/analytics/louvain-input.test.ts pins that equality.
 *
 * The library reads node keys only as property names (its key → index object and the communities
 * object it answers) and edge keys not at all (unweighted), so ofRanks() keys nodes by their ranks
 * themselves: no key strings, no key → rank map, no string per edge, for the same communities.
 */
import type { UndirectedGraph } from 'graphology';

export class LouvainInput<K extends string | number = string> {
  readonly type = 'undirected';
  readonly multi = false;
  readonly selfLoopCount = 0;
  readonly order: number;
  readonly size: number;

  /**
   * @param keys the node keys, in visiting order (rank r has key keys[r]); a count n: the keys
   *   are the ranks 0 … n − 1 (ofRanks)
   * @param ends the edges as rank pairs [a0, b0, a1, b1, …], in visiting order, no self-loops
   */
  constructor(
    private readonly keys: readonly K[] | number,
    private readonly ends: Int32Array,
  ) {
    this.order = typeof keys === 'number' ? keys : keys.length;
    this.size = ends.length / 2;
    this.degree = new Int32Array(this.order);
    for (const r of ends) this.degree[r]!++;
    this.rank = typeof keys === 'number' ? undefined : new Map(keys.map((k, r) => [k, r]));
  }

  /** n nodes keyed by their ranks 0 … n − 1 (the lean input of a large graph). */
  static ofRanks(n: number, ends: Int32Array): LouvainInput<number> {
    return new LouvainInput<number>(n, ends);
  }

  private readonly degree: Int32Array;
  /** key → rank; undefined when the keys are the ranks */
  private readonly rank: Map<K, number> | undefined;

  private keyOf(r: number): K {
    return typeof this.keys === 'number' ? (r as K) : this.keys[r]!;
  }

  forEachNode(visit: (node: K) => void): void {
    for (let r = 0; r < this.order; r++) visit(this.keyOf(r));
  }

  undirectedDegreeWithoutSelfLoops(node: K): number {
    return this.degree[this.rank ? this.rank.get(node)! : (node as number)]!;
  }

  /** Edge keys are the edge's position: unweighted Louvain never reads them. */
  forEachEdge(visit: (edge: number, attributes: object, source: K, target: K) => void): void {
    const none = {};
    for (let e = 0; e < this.size; e++) visit(e, none, this.keyOf(this.ends[2 * e]!), this.keyOf(this.ends[2 * e + 1]!));
  }

  // The library's graph checks look for these; Louvain never mutates its input.
  addUndirectedEdgeWithKey(): never {
    throw new Error('LouvainInput is read-only');
  }

  dropNode(): never {
    throw new Error('LouvainInput is read-only');
  }

  /** Typed as the graph the library declares it takes (it reads only the members above). */
  asGraph(): UndirectedGraph {
    return this as unknown as UndirectedGraph;
  }
}
