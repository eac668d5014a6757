/**
 * The two-level ForceAtlas2 layout of the map (see layout.ts for why two levels), as a pure
 * function of plain data — people as indexes, their communities, the ties as index pairs — so it
 * can run on a worker thread: on 10,000 people it takes seconds that the event loop must not lose.
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import { mulberry32 } from '../analytics/kernels/random.js';

// CommonJS package: the default import is module.exports at run time, while TypeScript's NodeNext
// view of its declarations puts it under `.default`.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

/** Per-community FA2 iterations, fewer for big communities (their cost is quadratic without Barnes–Hut). */
const LOCAL_BUDGET = 1_000_000;
/**
 * Above this many members a community is not drawn by ForceAtlas2: its Barnes–Hut steps cost
 * ~36 µs a person each, and Louvain on a million people made one community of 402,833 (15 s a
 * step, 117 s of the layout). Such a community is smoothed instead (smoothTowardsContacts). The
 * largest community of the 100,000-person benchmark network has 7,332 people.
 */
export const FA2_MAX_MEMBERS = 50_000;
/** Steps of that smoothing. */
const SMOOTHING_STEPS = 10;
/** Distance between two tied people, in layout units. */
export const UNIT = 10;

export interface LayoutInput {
  /** community of each person (by index) */
  community: Int32Array;
  /** ties as index pairs: a0, b0, a1, b1, … */
  ties: Int32Array;
}

/** Positions of every person: communities as discs, each community's members inside its disc. */
export function layoutByCommunity({ community, ties }: LayoutInput): { x: Float64Array; y: Float64Array } {
  const n = community.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  // Seeded, so the same network always gets the same picture.
  const rng = mulberry32(7);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < ties.length; e += 2) {
    neighbours[ties[e]!]!.push(ties[e + 1]!);
    neighbours[ties[e + 1]!]!.push(ties[e]!);
  }
  const members = new Map<number, number[]>();
  community.forEach((c, i) => {
    let list = members.get(c);
    if (!list) members.set(c, (list = []));
    list.push(i);
  });

  // Level 1: communities as discs, pulled together by the ties between them.
  const radius = (size: number) => 2 * UNIT * (1 + Math.sqrt(size));
  const top = new UndirectedGraph();
  // Start from a sunflower (Vogel) disc, largest communities in the middle: compact, no overlap,
  // and ForceAtlas2 only has to pull tied communities closer.
  const cs = [...members.keys()].sort((a, b) => members.get(b)!.length - members.get(a)!.length);
  const spacing = (2.2 * cs.reduce((sum, c) => sum + radius(members.get(c)!.length), 0)) / Math.max(1, cs.length);
  cs.forEach((c, k) => {
    const r = spacing * Math.sqrt(k + 0.5);
    const angle = k * 2.399963229728653; // the golden angle
    top.addNode(c, { x: r * Math.cos(angle), y: r * Math.sin(angle), size: radius(members.get(c)!.length) });
  });
  for (let e = 0; e < ties.length; e += 2) {
    const ca = community[ties[e]!]!;
    const cb = community[ties[e + 1]!]!;
    if (ca !== cb) top.updateEdge(ca, cb, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + 1 }));
  }
  if (top.order > 1) {
    const settings = { ...forceAtlas2.inferSettings(top), adjustSizes: true, barnesHutOptimize: top.order > 400, gravity: 1, scalingRatio: 2 * UNIT, slowDown: 2 };
    const pos = forceAtlas2(top, { iterations: top.order > 400 ? 60 : 150, settings, getEdgeWeight: 'weight' });
    top.forEachNode((c, attrs) => {
      top.mergeNodeAttributes(c, { x: pos[c]?.x ?? (attrs.x as number), y: pos[c]?.y ?? (attrs.y as number) });
    });
  }

  // Level 2: each community's members inside its disc.
  for (const [c, list] of members) {
    const cx = top.getNodeAttribute(c, 'x') as number;
    const cy = top.getNodeAttribute(c, 'y') as number;
    const r = radius(list.length);
    if (list.length === 1) {
      x[list[0]!] = cx;
      y[list[0]!] = cy;
      continue;
    }
    // Seeded positions in the disc, then drawn by ForceAtlas2 or, for a giant community, smoothed.
    for (const i of list) {
      const t = 2 * Math.PI * rng();
      const d = r * Math.sqrt(rng());
      x[i] = d * Math.cos(t);
      y[i] = d * Math.sin(t);
    }
    if (list.length > FA2_MAX_MEMBERS) smoothTowardsContacts(list, neighbours, community, c, x, y);
    else {
      const sub = new UndirectedGraph();
      for (const i of list) sub.addNode(i, { x: x[i], y: y[i] });
      for (const i of list) {
        for (const nb of neighbours[i]!) if (i < nb && community[nb] === c) sub.addEdge(i, nb);
      }
      const big = list.length > 600;
      const iterations = Math.max(8, Math.min(40, Math.floor(LOCAL_BUDGET / (big ? list.length * 20 : list.length * list.length))));
      const settings = { ...forceAtlas2.inferSettings(sub), barnesHutOptimize: big };
      const pos = sub.size > 0 ? forceAtlas2(sub, { iterations, settings, getEdgeWeight: null }) : undefined;
      if (pos) {
        for (const i of list) {
          x[i] = pos[i]!.x;
          y[i] = pos[i]!.y;
        }
      }
    }
    // Fit the community's own drawing into its disc.
    let maxR = 1e-9;
    let mx = 0;
    let my = 0;
    for (const i of list) {
      mx += x[i]! / list.length;
      my += y[i]! / list.length;
    }
    for (const i of list) maxR = Math.max(maxR, Math.hypot(x[i]! - mx, y[i]! - my));
    for (const i of list) {
      x[i] = cx + ((x[i]! - mx) / maxR) * r;
      y[i] = cy + ((y[i]! - my) / maxR) * r;
    }
  }
  return { x, y };
}

/**
 * Moves each member of community c halfway to the mean of its contacts in c, SMOOTHING_STEPS
 * times (Jacobi steps of Tutte's barycentric drawing, from the seeded positions): tied people end
 * up near each other at O(ties) a step. Without repulsion it would shrink towards the middle over
 * many steps; the fit into the disc afterwards undoes the scale.
 */
function smoothTowardsContacts(list: readonly number[], neighbours: readonly number[][], community: Int32Array, c: number, x: Float64Array, y: Float64Array): void {
  const nx = new Float64Array(list.length);
  const ny = new Float64Array(list.length);
  for (let step = 0; step < SMOOTHING_STEPS; step++) {
    list.forEach((i, k) => {
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (const nb of neighbours[i]!) {
        if (community[nb] !== c) continue;
        sx += x[nb]!;
        sy += y[nb]!;
        n++;
      }
      nx[k] = n ? (x[i]! + sx / n) / 2 : x[i]!;
      ny[k] = n ? (y[i]! + sy / n) / 2 : y[i]!;
    });
    list.forEach((i, k) => {
      x[i] = nx[k]!;
      y[i] = ny[k]!;
    });
  }
}
