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
 */
import type { UndirectedGraph } from 'graphology';

export class LouvainInput {
  readonly type = 'undirected';
  readonly multi = false;
  readonly selfLoopCount = 0;
  readonly order: number;
  readonly size: number;

  /**
   * @param keys the node keys, in visiting order (rank r has key keys[r])
   * @param ends the edges as rank pairs [a0, b0, a1, b1, …], in visiting order, no self-loops
   */
  constructor(
    private readonly keys: readonly string[],
    private readonly ends: Int32Array,
  ) {
    this.order = keys.length;
    this.size = ends.length / 2;
    this.degree = new Int32Array(keys.length);
    for (const r of ends) this.degree[r]!++;
    this.rank = new Map(keys.map((k, r) => [k, r]));
  }

  private readonly degree: Int32Array;
  private readonly rank: Map<string, number>;

  forEachNode(visit: (node: string) => void): void {
    for (const key of this.keys) visit(key);
  }

  undirectedDegreeWithoutSelfLoops(node: string): number {
    return this.degree[this.rank.get(node)!]!;
  }

  forEachEdge(visit: (edge: string, attributes: object, source: string, target: string) => void): void {
    const none = {};
    for (let e = 0; e < this.size; e++) visit(String(e), none, this.keys[this.ends[2 * e]!]!, this.keys[this.ends[2 * e + 1]!]!);
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
