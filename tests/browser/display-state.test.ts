/**
 * The map's display logic without a browser: reducers apply hover, selection, paths and filters
 * without touching the graph's data, and the category scale is colour-blind safe.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MapResponse } from '../../viz/src/api.js';
import { createReducers, initialState, visibleCounts } from '../../viz/src/map/display-state.js';
import { toGraph } from '../../viz/src/map/map-graph.js';
import { MUTED_NODE, NO_TIE_COLOR, NOT_SET_COLOR, fade, OKABE_ITO, OTHER_COLOR, PATH_COLOR, STAGE_COLORS, categoryScale } from '../../viz/src/palette.js';

/** a–b (credibility), b–c (visibility, dormant), c–d (profitability); e alone. */
function sample(): MapResponse {
  const node = (id: string, industry: string, groups: number[] = []) => ({ id, label: id.toUpperCase(), x: id.charCodeAt(0), y: 0, community: 0, degree: 1, industry, groups });
  return {
    version: 1,
    asOf: '2026-03-01T00:00:00.000Z',
    layout: 'server',
    total: { people: 5, ties: 3 },
    view: { kind: 'all' },
    stages: ['visibility', 'credibility', 'profitability'],
    groups: [{ id: 'g', name: 'G' }],
    communities: 1,
    categories: { industry: ['Finance', 'Legal', 'Travel'], community: [0] },
    communityNames: ['Finance'],
    extent: { x: [97, 101], y: [0, 0] },
    hasBetweenness: false,
    betweenness: { status: 'computing', exact: null },
    nodes: [node('a', 'Legal', [0]), node('b', 'Legal', [0]), node('c', 'Finance'), node('d', 'Finance'), node('e', 'Travel')],
    edges: [
      [0, 1, 1, 0, 0.6],
      [1, 2, 0, 1, 0.1],
      [2, 3, 2, 0, 0.9],
    ],
  };
}

function setup(lightHover = false) {
  const { graph, scales } = toGraph(sample());
  const state = initialState();
  const reducers = createReducers(graph, state, scales, { lightHover });
  const node = (id: string) => reducers.nodeReducer(id, graph.getNodeAttributes(id));
  const edge = (a: string, b: string) => reducers.edgeReducer(graph.edge(a, b)!, graph.getEdgeAttributes(a, b));
  return { graph, state, reducers, node, edge };
}

describe('map display state', () => {
  it('when filters, hover, selection and a path are applied, then the graph data is never changed', () => {
    const { graph, state, reducers, node, edge } = setup();
    const before = JSON.stringify(graph.export());
    state.filters = { minStage: 1, dormantOnly: false, group: 0 };
    state.hovered = 'b';
    state.hoveredNeighbours = new Set(graph.neighbors('b'));
    state.selected = 'c';
    state.colorBy = 'stage';
    state.path = { nodes: new Set(['a', 'b']), edges: new Set([graph.edge('a', 'b')!]) };
    reducers.update();
    graph.forEachNode((n) => node(n));
    graph.forEachEdge((_e, _a, s, t) => edge(s, t));
    expect(JSON.stringify(graph.export())).toBe(before);
  });

  it('when the minimum stage is credibility, then visibility ties are hidden; dormant-only hides the ties in touch', () => {
    const { state, edge } = setup();
    state.filters.minStage = 1;
    expect(edge('b', 'c').hidden).toBe(true);
    expect(edge('a', 'b').hidden).toBeFalsy();
    expect(edge('c', 'd').hidden).toBeFalsy();
    state.filters = { minStage: 0, dormantOnly: true };
    expect(edge('b', 'c').hidden).toBeFalsy();
    expect(edge('a', 'b').hidden).toBe(true);
  });

  it('when a group or industry is chosen, then other people and their ties are hidden', () => {
    const { state, node, edge } = setup();
    state.filters.group = 0;
    expect(['a', 'b', 'c'].map((n) => Boolean(node(n).hidden))).toEqual([false, false, true]);
    expect(edge('b', 'c').hidden).toBe(true);
    state.filters = { minStage: 0, dormantOnly: false, industry: 'Finance' };
    expect(node('a').hidden).toBe(true);
    expect(node('d').hidden).toBeFalsy();
  });

  it('when a person is hovered on a small map, then everyone else is muted; on a large map only the neighbourhood changes', () => {
    for (const light of [false, true]) {
      const { graph, state, node, edge } = setup(light);
      state.hovered = 'b';
      state.hoveredNeighbours = new Set(graph.neighbors('b'));
      expect(node('a').forceLabel).toBe(true);
      expect(node('b').highlighted).toBe(true);
      expect(node('e').color === MUTED_NODE).toBe(!light);
      expect(Boolean(edge('c', 'd').hidden)).toBe(!light);
    }
  });

  it('when colouring by stage, then the selected person’s contacts take their tie’s stage colour', () => {
    const { state, reducers, node } = setup();
    state.colorBy = 'stage';
    state.selected = 'b';
    reducers.update();
    expect(node('a').color).toBe(STAGE_COLORS.credibility);
    expect(node('c').color).toBe(STAGE_COLORS.visibility);
    expect(node('d').color).not.toBe(STAGE_COLORS.profitability);
  });

  it('when a path is highlighted, then its ties are drawn in the path colour and others muted', () => {
    const { graph, state, edge } = setup();
    state.path = { nodes: new Set(['c', 'd']), edges: new Set([graph.edge('c', 'd')!]) };
    expect(edge('c', 'd').color).toBe(PATH_COLOR);
    expect(edge('a', 'b').color).not.toBe(PATH_COLOR);
  });

  it('when there are more categories than hues, then the most frequent get Okabe–Ito hues, the rest share grey "other" and "not set" has its own grey', () => {
    const values = [...'abcdefghij'].flatMap((c, i) => Array<string>(20 - i).fill(c));
    const scale = categoryScale([...'abcdefghij'], [...values, undefined]);
    expect(scale.entries.slice(0, 7).map((e) => e.color)).toEqual([...OKABE_ITO]);
    expect(scale.entries[7]).toMatchObject({ label: 'other (3 more)', color: OTHER_COLOR, count: 13 + 12 + 11, members: ['h', 'i', 'j'] });
    expect(scale.entries[8]).toMatchObject({ label: 'not set', color: NOT_SET_COLOR, count: 1 });
    expect(OTHER_COLOR).not.toBe(NOT_SET_COLOR);
    expect(scale.colorOf('a')).toBe(OKABE_ITO[0]);
    expect(scale.colorOf('j')).toBe(OTHER_COLOR);
    expect(scale.colorOf(undefined)).toBe(NOT_SET_COLOR);
  });

  it('when a view holds only some categories, then each keeps the colour of its rank in the whole network', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), (rank, picks) => {
        const whole = categoryScale(rank, rank);
        const view = categoryScale(rank, picks.map((i) => rank[i % rank.length]));
        for (const c of rank) expect(view.colorOf(c)).toBe(whole.colorOf(c));
        // Each entry of the view's legend has the colour its category has everywhere.
        for (const e of view.entries) for (const m of e.members) expect(e.color).toBe(whole.colorOf(m));
      }),
    );
  });

  it('then the stage colours differ from each other and from the highlighted path', () => {
    const colours = [...Object.values(STAGE_COLORS), PATH_COLOR].map((c) => c.toLowerCase());
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('when colouring by stage, then ties take their stage colour, dormant ones fainter, and width grows with strength', () => {
    const { state, edge, node, reducers } = setup();
    state.colorBy = 'stage';
    reducers.update();
    // Nobody selected: a person takes the stage of their most advanced tie.
    expect(['a', 'b', 'c', 'e'].map((n) => node(n).color)).toEqual([STAGE_COLORS.credibility, STAGE_COLORS.credibility, STAGE_COLORS.profitability, NO_TIE_COLOR]);
    expect(edge('c', 'd').color).toBe(fade(STAGE_COLORS.profitability, 0.2));
    expect(edge('b', 'c').color).toBe(fade(STAGE_COLORS.visibility, 0.75));
    expect(fade('#000000', 0.75)).toBe('#bfbfbf');
    expect(edge('c', 'd').size!).toBeGreaterThan(edge('a', 'b').size!);
    expect(edge('a', 'b').size!).toBeGreaterThan(edge('b', 'c').size!);
  });

  it('when a legend entry is picked, then only its people stay and the counts follow the filters', () => {
    const { graph, state, node } = setup();
    expect(visibleCounts(graph, state.filters)).toEqual({ people: 5, ties: 3 });
    state.filters.category = { by: 'industry', keys: new Set(['Finance']) };
    expect(['a', 'c', 'd'].map((n) => Boolean(node(n).hidden))).toEqual([true, false, false]);
    expect(visibleCounts(graph, state.filters)).toEqual({ people: 2, ties: 1 });
    state.filters = { minStage: 1, dormantOnly: false };
    expect(visibleCounts(graph, state.filters)).toEqual({ people: 5, ties: 2 });
  });
});
