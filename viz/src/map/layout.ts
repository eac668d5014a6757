/**
 * ForceAtlas2 in a web worker for small graphs (graphology-layout-forceatlas2/worker): the page
 * stays responsive while the layout settles, then the worker is killed. Moving nodes is layout,
 * not display, so this is the one place positions in the graph change.
 */
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import FA2LayoutModule from 'graphology-layout-forceatlas2/worker.js';
import type { MapGraph } from './map-graph.js';

// CommonJS packages: the default import is module.exports at run time (Node and Vite alike),
// while TypeScript's NodeNext view of their declarations puts it under `.default`.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;
const FA2Layout = FA2LayoutModule as unknown as typeof FA2LayoutModule.default;

/** Starts the layout; calls `done` when it stops by itself. Returns a stop function. */
export function startClientLayout(graph: MapGraph, done: () => void): () => void {
  const layout = new FA2Layout(graph, {
    // LinLog with hub-dissuasion separates communities in dense referral networks, where plain
    // FA2 draws one hairball; strong gravity keeps isolated people near the rest.
    settings: {
      ...forceAtlas2.inferSettings(graph),
      linLogMode: true,
      outboundAttractionDistribution: true,
      strongGravityMode: true,
      gravity: 0.5,
      scalingRatio: 2,
      barnesHutOptimize: graph.order > 500,
      slowDown: 3,
    },
    getEdgeWeight: null,
  });
  layout.start();
  // Long enough to settle a few hundred nodes, short enough not to keep a laptop's fan busy.
  const ms = Math.min(4000, 1200 + graph.order * 2);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    layout.kill();
  };
  const timer = setTimeout(() => {
    stop();
    done();
  }, ms);
  return stop;
}
