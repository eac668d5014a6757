/** Test reference for the path kernels: small weighted graphs and every simple path by brute force. */
import fc from 'fast-check';
import { buildCsr, type Csr } from '../../../../graph/projection/csr.js';

export type Adjacency = Map<number, Map<number, number>>;

/** Every simple path s → t with ≤ H hops, cheapest first. */
export function allPaths(adj: Adjacency, s: number, t: number, H: number): { nodes: number[]; cost: number }[] {
  const out: { nodes: number[]; cost: number }[] = [];
  const walk = (path: number[], cost: number) => {
    const u = path[path.length - 1]!;
    if (u === t) return void out.push({ nodes: [...path], cost });
    if (path.length - 1 === H) return;
    for (const [v, c] of adj.get(u) ?? []) if (!path.includes(v)) walk([...path, v], cost + c);
  };
  walk([s], 0);
  return out.sort((a, b) => a.cost - b.cost);
}

/** A random simple graph of 2–8 nodes with costs in quarters (sums are exact), a hop bound H and a k. */
export const graphArb = fc
  .integer({ min: 2, max: 8 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 20 })), {
        maxLength: 20,
        selector: ([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`),
      }),
      H: fc.integer({ min: 1, max: 6 }),
      k: fc.integer({ min: 1, max: 5 }),
    }),
  );

/** The snapshot and adjacency of a drawn graph (self-loops dropped). */
export function weighted(n: number, edges: [number, number, number][]): { csr: Csr; adj: Adjacency } {
  const ties = edges.filter(([a, b]) => a !== b);
  const adj: Adjacency = new Map();
  for (const [a, b, c] of ties) {
    (adj.get(a) ?? adj.set(a, new Map()).get(a)!).set(b, c / 4);
    (adj.get(b) ?? adj.set(b, new Map()).get(b)!).set(a, c / 4);
  }
  const csr = buildCsr(Array.from({ length: n }, (_, i) => `n${i}`), ties.map((e) => e[0]), ties.map((e) => e[1]), ties.map((e) => e[2] / 4), ties.length);
  return { csr, adj };
}

/** A plain snapshot from named ties with fixed costs (`slack` spare slots per person for patches). */
export function costed(ids: string[], ties: [string, string, number][], slack = 0): Csr {
  const at = (id: string) => ids.indexOf(id);
  return buildCsr(ids, ties.map(([a]) => at(a)), ties.map(([, b]) => at(b)), ties.map(([, , c]) => c), ties.length, { slack });
}
