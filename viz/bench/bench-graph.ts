/**
 * The benchmark's graph: `nodes` people in clusters of 200 laid out on a spiral, `edges` distinct
 * ties (80 % inside a cluster), coloured by cluster, sized 2–8 and labelled like the map's people.
 * Seeded, so v3 and v4 draw the same picture.
 */
import { UndirectedGraph } from 'graphology';

const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
const CLUSTER = 200;

export interface BenchNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
}
export interface BenchEdge {
  size: number;
  color: string;
}

export function benchGraph(nodes: number, edges: number, seed = 7): UndirectedGraph<BenchNode, BenchEdge> {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const graph = new UndirectedGraph<BenchNode, BenchEdge>();
  for (let i = 0; i < nodes; i++) {
    const c = Math.floor(i / CLUSTER);
    const angle = c * 2.4;
    const r = 10 * Math.sqrt(c + 1);
    const spread = 3 * Math.sqrt(-2 * Math.log(rand() || 1e-9));
    const theta = 2 * Math.PI * rand();
    graph.addNode(`p${i}`, {
      x: r * Math.cos(angle) + spread * Math.cos(theta),
      y: r * Math.sin(angle) + spread * Math.sin(theta),
      size: 2 + 6 * rand() ** 3,
      color: PALETTE[c % PALETTE.length]!,
      label: `Person ${i}`,
    });
  }
  while (graph.size < edges) {
    const a = Math.floor(rand() * nodes);
    const base = Math.floor(a / CLUSTER) * CLUSTER;
    const b = rand() < 0.8 ? Math.min(nodes - 1, base + Math.floor(rand() * CLUSTER)) : Math.floor(rand() * nodes);
    if (a === b) continue;
    graph.mergeEdge(`p${a}`, `p${b}`, { size: 0.5 + 2.5 * rand(), color: '#c8ccd4' });
  }
  return graph;
}
