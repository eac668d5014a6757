/**
 * Everything the map shows beyond the data — hover, selection, highlighted paths, filters,
 * colour and size modes — and the Sigma reducers that apply it. The graph's attributes are never
 * changed for display: a new state is set here and the renderer is refreshed.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import {
  DORMANT_EDGE_COLOR,
  EDGE_COLOR,
  fade,
  MUTED_EDGE,
  MUTED_NODE,
  NO_TIE_COLOR,
  PATH_COLOR,
  SELECTED_COLOR,
  STAGE_COLORS,
  type CategoryScale,
} from '../palette.js';
import type { EdgeAttrs, NodeAttrs, MapGraph } from './map-graph.js';

export type ColorBy = 'industry' | 'community' | 'stage';
export type SizeBy = 'degree' | 'betweenness';
export const STAGE_NAMES = ['visibility', 'credibility', 'profitability'] as const;

export interface Filters {
  /** 0 visibility, 1 credibility, 2 profitability */
  minStage: number;
  /** index into the map's groups, or undefined for all */
  group?: number;
  industry?: string;
  dormantOnly: boolean;
  /** set by clicking a legend entry: only people whose industry (or community) is one of `keys` ('' = not set) */
  category?: { by: 'industry' | 'community'; keys: ReadonlySet<string> };
}

/** `hovered`, `selected` and `path` hold graph node keys (see nodeKey in map-graph.ts). */
export interface DisplayState {
  colorBy: ColorBy;
  sizeBy: SizeBy;
  filters: Filters;
  hovered?: string;
  hoveredNeighbours?: ReadonlySet<string>;
  selected?: string;
  path?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
}

export function initialState(): DisplayState {
  return { colorBy: 'industry', sizeBy: 'degree', filters: { minStage: 0, dormantOnly: false } };
}

export interface Scales {
  industry: CategoryScale;
  community: CategoryScale;
}

/** True when filters hide this node. */
export function nodeFilteredOut(attrs: NodeAttrs, f: Filters): boolean {
  if (f.group !== undefined && !attrs.groups.includes(f.group)) return true;
  if (f.industry !== undefined && attrs.industry !== f.industry) return true;
  if (f.category && !f.category.keys.has(f.category.by === 'industry' ? (attrs.industry ?? '') : String(attrs.community))) return true;
  return false;
}

/** People and ties the filters leave on the map (what the status line counts). */
export function visibleCounts(graph: MapGraph, f: Filters): { people: number; ties: number } {
  let people = 0;
  let ties = 0;
  graph.forEachNode((_n, a) => {
    if (!nodeFilteredOut(a, f)) people++;
  });
  graph.forEachEdge((_e, a, _s, _t, sa, ta) => {
    if (!edgeFilteredOut(a, f) && !nodeFilteredOut(sa, f) && !nodeFilteredOut(ta, f)) ties++;
  });
  return { people, ties };
}

/** Edge width by tie strength (0–1): 0.5 px for the weakest, 3 px for the strongest. */
export function edgeWidth(strength: number): number {
  return 0.5 + 2.5 * Math.max(0, Math.min(1, strength));
}

/** True when filters hide this tie (its ends are checked separately). */
export function edgeFilteredOut(attrs: EdgeAttrs, f: Filters): boolean {
  return attrs.stage < f.minStage || (f.dormantOnly && !attrs.dormant);
}

/**
 * On large graphs hover only highlights the hovered person's neighbourhood instead of dimming
 * everything else: then a hover re-processes a few dozen items, not tens of thousands.
 */
export interface ReducerOptions {
  lightHover: boolean;
}

/** Derived from the state, recomputed by `update()` when the selection or colour mode changes. */
interface Derived {
  stageOfTie: Map<string, number>;
}

/**
 * The reducers read `state` live; call `update()` after changing the selection or colour mode,
 * then refresh the renderer (a partial refresh is enough for hover).
 */
export function createReducers(graph: MapGraph, state: DisplayState, scales: Scales, options: ReducerOptions) {
  const derived: Derived = { stageOfTie: new Map() };
  const update = () => {
    derived.stageOfTie = new Map();
    if (state.colorBy === 'stage' && state.selected && graph.hasNode(state.selected)) {
      graph.forEachEdge(state.selected, (_e, attrs, s, t) => derived.stageOfTie.set(s === state.selected ? t : s, attrs.stage));
    } else if (state.colorBy === 'stage') {
      // Nobody selected: each person takes the stage of their most advanced tie (the time slider recolours them).
      graph.forEachEdge((_e, attrs, s, t) => {
        for (const n of [s, t]) if ((derived.stageOfTie.get(n) ?? -1) < attrs.stage) derived.stageOfTie.set(n, attrs.stage);
      });
    }
  };
  update();
  return { nodeReducer: nodeReducer(state, scales, derived, options), edgeReducer: edgeReducer(graph, state, options), update };
}

function nodeReducer(state: DisplayState, scales: Scales, derived: Derived, options: ReducerOptions) {
  return (node: string, attrs: NodeAttrs): Partial<NodeDisplayData> => {
    const stageOfTie = derived.stageOfTie;
    const out: Partial<NodeDisplayData> = {
      x: attrs.x,
      y: attrs.y,
      label: attrs.label,
      size: state.sizeBy === 'betweenness' ? attrs.sizeBetweenness : attrs.sizeDegree,
      color: baseColor(node, attrs, state, scales, stageOfTie),
    };
    if (nodeFilteredOut(attrs, state.filters)) out.hidden = true;
    if (state.path) {
      if (state.path.nodes.has(node)) {
        out.forceLabel = true;
        out.zIndex = 2;
        out.highlighted = true;
      } else {
        out.color = MUTED_NODE;
        out.label = '';
      }
    }
    if (state.hovered) {
      if (node === state.hovered) {
        out.highlighted = true;
        out.zIndex = 3;
      } else if (state.hoveredNeighbours?.has(node)) {
        out.forceLabel = true;
        out.zIndex = 2;
      } else if (!state.path?.nodes.has(node) && !options.lightHover) {
        out.color = MUTED_NODE;
        out.label = '';
        out.zIndex = 0;
      }
    }
    if (node === state.selected) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 3;
    }
    return out;
  };
}

function baseColor(node: string, attrs: NodeAttrs, state: DisplayState, scales: Scales, stageOfTie: Map<string, number>): string {
  if (state.colorBy === 'industry') return scales.industry.colorOf(attrs.industry);
  if (state.colorBy === 'community') return scales.community.colorOf(String(attrs.community));
  if (node === state.selected) return SELECTED_COLOR;
  const stage = stageOfTie.get(node);
  return stage === undefined ? NO_TIE_COLOR : STAGE_COLORS[STAGE_NAMES[stage]!];
}

/** A tie's resting colour: its stage's when colouring by stage, else neutral; a dormant tie fades. */
export function tieColor(attrs: EdgeAttrs, colorBy: ColorBy): string {
  if (colorBy !== 'stage') return attrs.dormant ? DORMANT_EDGE_COLOR : EDGE_COLOR;
  const color = STAGE_COLORS[STAGE_NAMES[attrs.stage]!];
  return fade(color, attrs.dormant ? 0.75 : 0.2);
}

function edgeReducer(graph: MapGraph, state: DisplayState, options: ReducerOptions) {
  return (edge: string, attrs: EdgeAttrs): Partial<EdgeDisplayData> => {
    const out: Partial<EdgeDisplayData> = { color: tieColor(attrs, state.colorBy), size: edgeWidth(attrs.strength) };
    const [s, t] = graph.extremities(edge);
    if (
      edgeFilteredOut(attrs, state.filters) ||
      nodeFilteredOut(graph.getNodeAttributes(s), state.filters) ||
      nodeFilteredOut(graph.getNodeAttributes(t), state.filters)
    ) {
      out.hidden = true;
      return out;
    }
    if (state.selected && (s === state.selected || t === state.selected)) {
      out.color = STAGE_COLORS[STAGE_NAMES[attrs.stage]!];
      out.size = Math.max(2, edgeWidth(attrs.strength));
      out.zIndex = 1;
    }
    if (state.path) {
      if (state.path.edges.has(edge)) {
        out.color = PATH_COLOR;
        out.size = 4;
        out.zIndex = 2;
      } else {
        out.color = MUTED_EDGE;
      }
    }
    if (state.hovered && !state.path?.edges.has(edge)) {
      if (s === state.hovered || t === state.hovered) {
        out.color = SELECTED_COLOR;
        out.size = 2;
        out.zIndex = 1;
      } else if (!options.lightHover) {
        out.hidden = true;
      }
    }
    return out;
  };
}
