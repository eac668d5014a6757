/**
 * Turns GET /api/map into a graphology graph for Sigma. Sizes for both size modes are computed
 * once here as data; which one is shown is display state (see display-state.ts).
 *
 * A person's id is user data and may be spelled `__proto__` or `constructor`, while graphology
 * (neighbour indexes) and Sigma (per-node caches) keep node keys in plain objects. So the graph's
 * node keys are the ids escaped as the server escapes them (graph/support/prototype-names.ts):
 * ids go in through `nodeKey` wherever they come from the API or the user, and come back out
 * through `personId` wherever they go to the API or the user.
 */
import { UndirectedGraph } from 'graphology';
import { escapeKey, unescapeKey } from '../../../graph/support/prototype-names.js';
import type { MapResponse } from '../api.js';
import { categoryScale } from '../palette.js';
import type { Scales } from './display-state.js';

export interface NodeAttrs {
  x: number;
  y: number;
  label: string;
  industry?: string;
  profession?: string;
  company?: string;
  location?: string;
  community: number;
  groups: number[];
  degree: number;
  betweenness?: number;
  sizeDegree: number;
  sizeBetweenness: number;
}

export type MapGraph = UndirectedGraph<NodeAttrs, EdgeAttrs>;

export interface EdgeAttrs {
  stage: number;
  dormant: boolean;
  /** tie strength 0–1: the edge's width */
  strength: number;
}

/** The graph's node key for a person id. */
export const nodeKey: (personId: string) => string = escapeKey;

/** The person id of a graph node key. */
export const personId: (nodeKey: string) => string = unescapeKey;

const MIN_SIZE = 2.5;
const MAX_SIZE = 14;

/**
 * The map response as a graph, with the colour scales of its categories. `displayAttributes`
 * also stores size and colour on the nodes, as a naive Sigma page would: only for the
 * benchmark's baseline (?naive), which runs Sigma with default settings and no reducers.
 */
export function toGraph(data: MapResponse, options: { displayAttributes?: boolean } = {}): { graph: MapGraph; scales: Scales } {
  const graph: MapGraph = new UndirectedGraph<NodeAttrs, EdgeAttrs>();
  const maxDegree = Math.max(1, ...data.nodes.map((n) => n.degree));
  const maxBetween = Math.max(1e-12, ...data.nodes.map((n) => n.betweenness ?? 0));
  const small = data.nodes.length > 3000 ? 0.6 : 1;
  const scale = (v: number, max: number) => small * (MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(v / max));
  for (const n of data.nodes) {
    graph.addNode(nodeKey(n.id), {
      x: n.x,
      y: n.y,
      label: n.label,
      ...(n.industry !== undefined ? { industry: n.industry } : {}),
      ...(n.profession !== undefined ? { profession: n.profession } : {}),
      ...(n.company !== undefined ? { company: n.company } : {}),
      ...(n.location !== undefined ? { location: n.location } : {}),
      community: n.community,
      groups: n.groups,
      degree: n.degree,
      ...(n.betweenness !== undefined ? { betweenness: n.betweenness } : {}),
      sizeDegree: scale(n.degree, maxDegree),
      sizeBetweenness: scale(n.betweenness ?? 0, maxBetween),
    });
  }
  for (const [s, t, stage, dormant, strength] of data.edges) {
    const a = nodeKey(data.nodes[s]!.id);
    const b = nodeKey(data.nodes[t]!.id);
    graph.mergeEdge(a, b, { stage, dormant: dormant === 1, strength });
  }
  return { graph, scales: scalesOf(data, graph, options) };
}

/** The colour scales: the server's ranking of the whole network, so a category's colour is the same in every view. */
function scalesOf(data: MapResponse, graph: MapGraph, options: { displayAttributes?: boolean }): Scales {
  const scales: Scales = {
    industry: categoryScale(data.categories.industry, data.nodes.map((n) => n.industry)),
    community: categoryScale(
      data.categories.community.map(String),
      data.nodes.map((n) => String(n.community)),
      { missingLabel: 'none', nameOf: (c) => data.communityNames[Number(c)] ?? `community ${c}` },
    ),
  };
  if (options.displayAttributes) {
    graph.forEachNode((n, a) => graph.mergeNodeAttributes(n, { size: a.sizeDegree, color: scales.industry.colorOf(a.industry) } as Partial<NodeAttrs>));
  }
  return scales;
}
