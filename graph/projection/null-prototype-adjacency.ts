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
 * which such an object lacks: they are replaced by the same test written with Object.hasOwn.
 *
 * This reaches into graphology's internals; if they do not look as expected it throws at start
 * rather than leave ids unsafe (tests/unit/projection/null-prototype-adjacency.test.ts pins it).
 */
import { DirectedGraph, MultiGraph, UndirectedGraph } from 'graphology';

const SLOTS = ['in', 'out', 'undirected'] as const;
const PATCHED = Symbol.for('refnet.nullPrototypeAdjacency');

interface NodeRecord {
  clear(): void;
  in?: object;
  out?: object;
  undirected?: object;
}

function nodeRecordPrototype(graph: { addNode(key: string): unknown }): NodeRecord {
  graph.addNode('n');
  const record = (graph as unknown as { _nodes?: Map<string, NodeRecord> })._nodes?.get('n');
  const proto = record && (Object.getPrototypeOf(record) as NodeRecord | null);
  if (!proto || typeof proto.clear !== 'function' || !SLOTS.some((s) => record[s] && typeof record[s] === 'object')) {
    throw new Error('graphology internals changed: cannot make node adjacency null-prototype (see graph/projection/null-prototype-adjacency.ts)');
  }
  return proto;
}

interface GraphInternals {
  type: 'mixed' | 'directed' | 'undirected';
  _nodes: Map<string, NodeRecord>;
}

type EdgeTest = (this: GraphInternals, ...args: unknown[]) => boolean;

/** Wraps a has*Edge method: the two-argument form looks in the adjacency `slots` with Object.hasOwn. */
function hasEdgeWith(original: EdgeTest, slots: readonly ('out' | 'undirected')[], skip?: GraphInternals['type']): EdgeTest {
  return function (this: GraphInternals, ...args: unknown[]) {
    if (args.length !== 2) return original.apply(this, args);
    if (this.type === skip) return false;
    const record = this._nodes.get(String(args[0]));
    if (!record) return false;
    const target = String(args[1]);
    for (const slot of slots) {
      const adjacency = record[slot];
      if (adjacency !== undefined && Object.hasOwn(adjacency, target)) return true;
    }
    return false;
  };
}

function patchEdgeTests(): void {
  // The base Graph class, which every graph type extends and which defines these methods.
  const proto = Object.getPrototypeOf(UndirectedGraph.prototype) as Record<'hasEdge' | 'hasDirectedEdge' | 'hasUndirectedEdge', EdgeTest> & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  if (typeof proto.hasEdge !== 'function' || typeof proto.hasDirectedEdge !== 'function' || typeof proto.hasUndirectedEdge !== 'function') {
    throw new Error('graphology internals changed: hasEdge methods not found (see graph/projection/null-prototype-adjacency.ts)');
  }
  proto.hasEdge = hasEdgeWith(proto.hasEdge, ['out', 'undirected']);
  proto.hasDirectedEdge = hasEdgeWith(proto.hasDirectedEdge, ['out'], 'undirected');
  proto.hasUndirectedEdge = hasEdgeWith(proto.hasUndirectedEdge, ['undirected'], 'directed');
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
