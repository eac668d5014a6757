/**
 * The map's graph without a browser, for any spelling of ids and categories: people named like
 * members of Object.prototype (`__proto__`, `constructor`, `toString`…), strings starting with
 * the escape character, unicode and random strings all become distinct nodes whose ids come back
 * unchanged, their ties and paths are found, and their categories get colours and legend entries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MapResponse } from '../../viz/src/api.js';
import { createReducers, initialState } from '../../viz/src/map/display-state.js';
import { nodeKey, personId, toGraph } from '../../viz/src/map/map-graph.js';
import { pathHighlight } from '../../viz/src/map/paths.js';
import { OKABE_ITO, OTHER_COLOR, PATH_COLOR } from '../../viz/src/palette.js';

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];

const name = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom(...PROTOTYPE_NAMES).map((n) => `\u0000${n}`),
  fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
);

/** People `ids` in a chain (each tied to the next), with industries drawn from `categories`. */
function chain(ids: string[], categories: string[]): MapResponse {
  return {
    version: 1,
    asOf: '2026-03-01T00:00:00.000Z',
    layout: 'server',
    total: { people: ids.length, ties: ids.length - 1 },
    view: { kind: 'all' },
    stages: ['visibility', 'credibility', 'profitability'],
    groups: [],
    communities: 2,
    categories: { industry: categories, community: [0, 1] },
    communityNames: ['A', 'B'],
    extent: { x: [0, ids.length], y: [0, 2] },
    hasBetweenness: false,
    betweenness: { status: 'computing', exact: null },
    nodes: ids.map((id, i) => ({ id, label: id, x: i, y: i % 3, community: i % 2, degree: 1, industry: categories[i % categories.length]!, groups: [] })),
    edges: ids.slice(1).map((_, i) => [i, i + 1, i % 3, 0, 0.5] as [number, number, number, number, number]),
  };
}

describe('map graph keys', () => {
  it('when ids and categories are spelled like built-ins, then every person is a node, every tie an edge and a path along them is drawn', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 2, maxLength: 12 }),
        fc.uniqueArray(name, { minLength: 1, maxLength: OKABE_ITO.length }),
        (ids, categories) => {
          const { graph, scales } = toGraph(chain(ids, categories));
          expect(graph.order).toBe(ids.length);
          expect(graph.size).toBe(ids.length - 1);
          expect(graph.mapNodes((key) => personId(key)).sort()).toEqual([...ids].sort());
          for (const id of ids) expect(graph.getNodeAttribute(nodeKey(id), 'label')).toBe(id);

          const hl = pathHighlight(graph, [{ nodes: ids, hops: [] }]);
          expect(hl.missing).toBe(0);
          expect(hl.nodes.size).toBe(ids.length);
          expect(hl.edges.size).toBe(ids.length - 1);

          const state = initialState();
          state.path = { nodes: hl.nodes, edges: hl.edges };
          state.selected = nodeKey(ids[0]!);
          const reducers = createReducers(graph, state, scales, { lightHover: false });
          graph.forEachEdge((e, attrs) => expect(reducers.edgeReducer(e, attrs).color).toBe(PATH_COLOR));

          const used = new Set(ids.map((_, i) => categories[i % categories.length]!));
          expect(scales.industry.entries.map((e) => e.label).sort()).toEqual([...used].sort());
          for (const c of used) expect(scales.industry.colorOf(c)).not.toBe(OTHER_COLOR);
          expect(new Set([...used].map((c) => scales.industry.colorOf(c))).size).toBe(used.size);
        },
      ),
      { numRuns: 200 },
    );
  });
});
