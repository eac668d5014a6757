/**
 * graphology (0.26) keeps each node's neighbours in plain objects keyed by neighbour id
 * (`undirected`, or `out` and `in`), created by its node records' `clear()`. A person id is user
 * data: a neighbour called `constructor` or `hasOwnProperty` then reads as an existing edge
 * (addEdge throws "already exists" after the store accepted the write), and `__proto__` replaces
 * the object's prototype instead of adding a key. So every node record's adjacency objects are
 * made null-prototype, for every graphology graph in the process, by wrapping `clear()` (the
 * node constructors call it). A null-prototype object is also in V8's dictionary mode from the
 * start, which spares a large build millions of hidden-class transitions. graphology's
 * two-argument hasEdge, hasDirectedEdge and hasUndirectedEdge call `adjacency.hasOwnProperty`,
 * which such an object lacks: they are replaced by the same test through graphology's public
 * areOutNeighbors / areUndirectedNeighbors (an `in` test, exact on a null-prototype object).
 *
 * graphology hands no node record out through its API, so finding the record class to wrap is the
 * one step that reads an internal: the class each graph type instantiates per node
 * (`NodeDataClass`), once, at install. If it does not look as expected this throws at start
 * rather than leave ids unsafe (tests/unit/projection/null-prototype-adjacency.test.ts pins it).
 */
import { DirectedGraph, MultiGraph, UndirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';

const SLOTS = ['in', 'out', 'undirected'] as const;
const PATCHED = Symbol.for('refnet.nullPrototypeAdjacency');

interface NodeRecord {
  clear(): void;
  in?: object;
  out?: object;
  undirected?: object;
}

/** The prototype of the records a graph of this type keeps per node. */
function nodeRecordPrototype(graph: object): NodeRecord {
  const NodeData = (graph as { NodeDataClass?: unknown }).NodeDataClass;
  const proto = typeof NodeData === 'function' ? (NodeData.prototype as NodeRecord | undefined) : undefined;
  const record = proto && typeof proto.clear === 'function' ? (Object.create(proto) as NodeRecord) : undefined;
  record?.clear();
  if (!proto || !record || !SLOTS.some((s) => record[s] && typeof record[s] === 'object')) {
    throw new Error('graphology internals changed: cannot make node adjacency null-prototype (see graph/projection/null-prototype-adjacency.ts)');
  }
  return proto;
}

type EdgeTest = (this: AbstractGraph, ...args: unknown[]) => boolean;

/**
 * Wraps a has*Edge method: the two-argument form asks whether `target` is an out-neighbour
 * (`directed`) or an undirected neighbour (`undirected`) of `source`, false for a missing source.
 */
function hasEdgeWith(original: EdgeTest, directed: boolean, undirected: boolean): EdgeTest {
  return function (this: AbstractGraph, ...args: unknown[]) {
    if (args.length !== 2) return original.apply(this, args);
    const source = String(args[0]);
    if (!this.hasNode(source)) return false;
    const target = String(args[1]);
    return (
      (directed && this.type !== 'undirected' && this.areOutNeighbors(source, target)) ||
      (undirected && this.type !== 'directed' && this.areUndirectedNeighbors(source, target))
    );
  };
}

function patchEdgeTests(): void {
  // The base Graph class, which every graph type extends and which defines these methods.
  const proto = Object.getPrototypeOf(UndirectedGraph.prototype) as Record<'hasEdge' | 'hasDirectedEdge' | 'hasUndirectedEdge', EdgeTest> & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  if (typeof proto.hasEdge !== 'function' || typeof proto.hasDirectedEdge !== 'function' || typeof proto.hasUndirectedEdge !== 'function') {
    throw new Error('graphology internals changed: hasEdge methods not found (see graph/projection/null-prototype-adjacency.ts)');
  }
  proto.hasEdge = hasEdgeWith(proto.hasEdge, true, true);
  proto.hasDirectedEdge = hasEdgeWith(proto.hasDirectedEdge, true, false);
  proto.hasUndirectedEdge = hasEdgeWith(proto.hasUndirectedEdge, false, true);
  proto[PATCHED] = true;
}

/** Installs the null-prototype adjacency for every graphology node record type (idempotent). */
export function installNullPrototypeAdjacency(): void {
  patchEdgeTests();
  for (const proto of [new UndirectedGraph(), new DirectedGraph(), new MultiGraph()].map(nodeRecordPrototype)) {
    const marked = proto as NodeRecord & { [PATCHED]?: true };
    if (marked[PATCHED]) continue;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with clear.call(this)
    const clear = proto.clear;
    proto.clear = function (this: NodeRecord) {
      clear.call(this);
      for (const slot of SLOTS) if (this[slot]) this[slot] = Object.create(null) as object;
    };
    marked[PATCHED] = true;
  }
}

installNullPrototypeAdjacency();
