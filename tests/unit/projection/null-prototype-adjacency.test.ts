/**
 * graphology keeps adjacency in plain objects keyed by neighbour id; these tests pin that ids
 * spelled like Object.prototype members are ordinary ids once null-prototype-adjacency is loaded
 * (and fail loudly if a graphology upgrade changes the internals the fix relies on).
 */
import { DirectedGraph, MultiGraph, UndirectedGraph } from 'graphology';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installNullPrototypeAdjacency } from '../../../graph/projection/null-prototype-adjacency.js';

installNullPrototypeAdjacency();

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];

describe('graphology with ids named like Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('when %s is tied to other people, then edges are added, found, listed and dropped like any id', (name) => {
    const g = new UndirectedGraph({ allowSelfLoops: false });
    for (const n of [name, 'a', 'b']) g.addNode(n);
    expect(g.hasEdge(name, 'a')).toBe(false);
    expect(g.areNeighbors(name, 'a')).toBe(false);
    g.addEdge(name, 'a');
    g.addEdge('b', name);
    expect(g.hasEdge(name, 'a') && g.hasEdge('a', name) && g.hasUndirectedEdge(name, 'b')).toBe(true);
    expect(g.hasEdge('a', 'b')).toBe(false);
    expect(g.edge('a', 'b')).toBeUndefined();
    expect(g.neighbors(name).sort()).toEqual(['a', 'b']);
    expect(g.neighbors('a')).toEqual([name]);
    expect(() => g.addEdge('a', name)).toThrow(/already exists/);
    g.dropEdge(name, 'a');
    expect(g.degree(name)).toBe(1);
    g.dropNode(name);
    expect(g.degree('b')).toBe(0);
  });

  it.each(PROTOTYPE_NAMES)('when a directed arc leads to or from %s, then both directions are told apart', (name) => {
    const g = new DirectedGraph();
    g.mergeNode(name);
    g.mergeNode('a');
    g.addEdge('a', name);
    expect(g.hasEdge('a', name) && g.hasDirectedEdge('a', name)).toBe(true);
    expect(g.hasEdge(name, 'a') || g.hasDirectedEdge(name, 'a') || g.hasUndirectedEdge('a', name)).toBe(false);
    expect(g.outNeighbors('a')).toEqual([name]);
    expect(g.inNeighbors(name)).toEqual(['a']);
    g.addEdge(name, 'a');
    expect(g.hasEdge(name, 'a')).toBe(true);
  });

  it('when a mixed multigraph links prototype names, then every edge is kept', () => {
    const g = new MultiGraph();
    g.mergeEdge('constructor', '__proto__');
    g.mergeEdge('constructor', '__proto__');
    g.mergeUndirectedEdge('toString', 'valueOf');
    expect(g.size).toBe(3);
    expect(g.edges('constructor', '__proto__')).toHaveLength(2);
    expect(g.hasEdge('__proto__', 'constructor')).toBe(false);
    expect(g.hasEdge('valueOf', 'toString')).toBe(true);
  });

  it('when arcs and edges of a mixed graph are asked about by their ends, then the answers follow the edges added', () => {
    const ids = fc.constantFrom('a', 'b', 'c', ...PROTOTYPE_NAMES.slice(0, 6));
    const link = fc.record({ from: ids, to: ids, undirected: fc.boolean() });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 25 }), fc.constantFrom('mixed', 'directed', 'undirected'), (links, type) => {
        const g = new MultiGraph({ type, allowSelfLoops: true });
        const arcs = new Set<string>();
        const edges = new Set<string>();
        for (const { from, to, undirected } of links) {
          const asUndirected = type === 'undirected' || (type === 'mixed' && undirected);
          if (asUndirected) {
            g.mergeUndirectedEdge(from, to);
            edges.add(`${from}\u0000${to}`).add(`${to}\u0000${from}`);
          } else {
            g.mergeDirectedEdge(from, to);
            arcs.add(`${from}\u0000${to}`);
          }
        }
        for (const a of ['a', 'b', 'c', 'missing', ...PROTOTYPE_NAMES.slice(0, 6)]) {
          for (const b of ['a', 'b', 'c', 'missing', ...PROTOTYPE_NAMES.slice(0, 6)]) {
            const pair = `${a}\u0000${b}`;
            expect(g.hasDirectedEdge(a, b), `${type} ${a}→${b}`).toBe(arcs.has(pair));
            expect(g.hasUndirectedEdge(a, b), `${type} ${a}–${b}`).toBe(edges.has(pair));
            expect(g.hasEdge(a, b), `${type} ${a}, ${b}`).toBe(arcs.has(pair) || edges.has(pair));
          }
        }
      }),
    );
  });

  it('when installed twice, then the methods are wrapped once', () => {
    const before = UndirectedGraph.prototype.hasEdge;
    installNullPrototypeAdjacency();
    expect(UndirectedGraph.prototype.hasEdge).toBe(before);
  });
});
