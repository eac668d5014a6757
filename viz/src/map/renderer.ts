/**
 * Sigma settings for the map, with level of detail for large graphs. Software-rendered WebGL
 * (headless Chromium, many laptops without GPU drivers) draws every edge every frame, so above
 * LARGE_GRAPH ties are hidden while the camera moves, labels are rarer and nodes are drawn as
 * points; small graphs get the full-quality defaults.
 */
import Sigma from 'sigma';
import { EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import { installLabelCollisions, type LabelBox } from './label-collisions.js';
import type { EdgeAttrs, NodeAttrs, MapGraph } from './map-graph.js';

/** Nodes + edges above which level-of-detail settings apply. */
export const LARGE_GRAPH = 6_000;

export type MapSigma = Sigma<NodeAttrs, EdgeAttrs>;

/** Settings tuned to the graph's size. `naive` gives Sigma's defaults (the benchmark baseline). */
export function mapSettings(graph: MapGraph, naive = false): Partial<Settings<NodeAttrs, EdgeAttrs>> {
  if (naive) return {};
  const common: Partial<Settings<NodeAttrs, EdgeAttrs>> = {
    labelFont: 'system-ui, "DejaVu Sans", sans-serif',
    labelSize: 12,
    labelColor: { color: '#1d2330' },
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 8,
  };
  // Labels: the grid offers candidates, the collision pass (label-collisions.ts) drops any that would overprint another.
  if (graph.order + graph.size <= LARGE_GRAPH) return { ...common, labelDensity: 0.7, labelGridCellSize: 80, labelRenderedSizeThreshold: 6 };
  return {
    ...common,
    hideEdgesOnMove: true,
    hideLabelsOnMove: true,
    enableEdgeEvents: false,
    // z-ordering sorts every item on each refresh: only worth it on small graphs.
    zIndex: false,
    labelDensity: 0.15,
    labelGridCellSize: 120,
    labelRenderedSizeThreshold: 9,
    defaultNodeType: 'point',
    defaultEdgeType: 'line',
    nodeProgramClasses: { point: NodePointProgram },
    edgeProgramClasses: { line: EdgeLineProgram },
  };
}

/**
 * Creates the renderer in `container`; the caller kills it (renderer.kill()) to clean up.
 * `forcedLabels` names the nodes whose labels must show; `drawnLabels()` the labels of the last frame.
 */
export function createRenderer(
  graph: MapGraph,
  container: HTMLElement,
  naive = false,
  forcedLabels: () => Iterable<string> = () => [],
): { renderer: MapSigma; drawnLabels: () => LabelBox[] } {
  const renderer = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, mapSettings(graph, naive));
  if (naive) return { renderer, drawnLabels: () => [] };
  const labels = installLabelCollisions(renderer, forcedLabels);
  return { renderer, drawnLabels: () => labels.drawn() };
}
