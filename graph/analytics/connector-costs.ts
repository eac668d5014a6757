/**
 * Connector reliability as path cost: a path's cost is Σ −ln s over its ties plus Σ −ln r over
 * its intermediate people (connector-reliability.ts), i.e. its chance is Π s × Π r. The path
 * kernels only know arc costs, and some search from the targets backwards over the same arcs,
 * so the node cost is split symmetrically: arc u–v costs −ln s + (p(u) + p(v)) / 2 with
 * p = −ln r, and p = 0 for the source and every target. An intermediate has two arcs on the
 * path and pays p in full; the two ends pay nothing. With no penalised person the snapshot is
 * used as it is, so every cost is exactly what it was.
 */
import type { Csr } from '../projection/csr.js';
import type { ConnectorRecord } from './connector-reliability.js';
import { indexOfSorted } from '../support/bisect.js';

/**
 * The snapshot with connector costs added to its arcs, for one search from `source` to `targets`
 * (ascending: looked up by bisection, as an industry's targets can be a tenth of the network).
 */
export function withConnectorCosts(csr: Csr, reliability: ReadonlyMap<string, ConnectorRecord>, source: number, targets: ArrayLike<number>): Csr {
  const penalty = new Map<number, number>();
  for (const [id, c] of reliability) {
    const u = csr.index.get(id);
    if (u !== undefined && u !== source && indexOfSorted(targets, u) < 0 && c.reliability < 1) penalty.set(u, -Math.log(c.reliability));
  }
  if (!penalty.size) return csr;
  // The arc slots of the penalised people, sorted, to find an arc's tail by binary search.
  const ranges = [...penalty].map(([u, p]) => ({ from: csr.start[u]!, to: csr.start[u]! + csr.deg[u]!, p })).sort((a, b) => a.from - b.from);
  const tailPenalty = (e: number) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = ranges[mid]!;
      if (e < r.from) hi = mid - 1;
      else if (e >= r.to) lo = mid + 1;
      else return r.p;
    }
    return 0;
  };
  const view = Object.create(csr) as Csr;
  // The base snapshot keeps its own cost memo (called on it, not on the view).
  view.cost = (e: number, at: number) => csr.cost(e, at) + (tailPenalty(e) + (penalty.get(csr.targets[e]!) ?? 0)) / 2;
  // Penalties only add to the costs, so the base snapshot's floors hold for the view (and stay kept there).
  view.cheapestArc = (u: number, at: number) => csr.cheapestArc(u, at);
  return view;
}
