/** The map's large-graph settings on Sigma 3 (viz/src/map/renderer.ts before the v4 port). */
import type { UndirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import type { BenchEdge, BenchNode } from './bench-graph.js';
import type { BenchRenderer } from './sigma-bench.js';

export function mount(graph: UndirectedGraph<BenchNode, BenchEdge>, container: HTMLElement): BenchRenderer {
  return new Sigma(graph, container, {
    labelFont: 'system-ui, "DejaVu Sans", sans-serif',
    labelSize: 12,
    labelColor: { color: '#1d2330' },
    minCameraRatio: 0.02,
    maxCameraRatio: 8,
    hideEdgesOnMove: true,
    hideLabelsOnMove: true,
    enableEdgeEvents: false,
    zIndex: false,
    labelDensity: 0.15,
    labelGridCellSize: 120,
    labelRenderedSizeThreshold: 9,
    defaultNodeType: 'point',
    defaultEdgeType: 'line',
    nodeProgramClasses: { point: NodePointProgram },
    edgeProgramClasses: { line: EdgeLineProgram },
  });
}
