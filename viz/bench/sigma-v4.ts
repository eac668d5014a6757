/** The map's large-graph settings on Sigma 4: the same level of detail as sigma-v3.ts. */
import type { UndirectedGraph } from 'graphology';
import Sigma from 'sigma-v4';
import type { BenchEdge, BenchNode } from './bench-graph.js';
import type { BenchRenderer } from './sigma-bench.js';

export function mount(graph: UndirectedGraph<BenchNode, BenchEdge>, container: HTMLElement): BenchRenderer {
  return new Sigma(graph, container, {
    settings: {
      // v3's meaning of a size: pixels on screen at the default zoom (v4 defaults to graph units).
      itemSizesReference: 'screen',
      minCameraRatio: 0.02,
      maxCameraRatio: 8,
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      enableEdgeEvents: false,
      labelDensity: 0.15,
      labelGridCellSize: 120,
      labelRenderedSizeThreshold: 9,
    },
  });
}
