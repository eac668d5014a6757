/**
 * graphology keeps each node's neighbours in plain objects keyed by neighbour id (`undirected`,
 * or `out` and `in`). V8 gives such an object a new hidden class for every distinct sequence of
 * keys, so at 100,000 people and a million ties the build walks millions of map transitions: a
 * third of the projection's build time and about 200 MiB. Putting each adjacency object into
 * dictionary mode when its node is added (add two keys, delete the first: V8 then switches the
 * object to a hash table) avoids that. This reaches into graphology's internal node records
 * (graphology 0.26); if they do not look as expected nothing is done, since only speed depends on it.
 */
interface NodeRecords {
  _nodes?: Map<string, Record<string, unknown>>;
}

const A = '\u0000refnet-a';
const B = '\u0000refnet-b';

/** Switches the adjacency objects of `node` in `graph` to dictionary mode. */
export function useDictionaryAdjacency(graph: object, node: string): void {
  const data = (graph as unknown as NodeRecords)._nodes?.get(node);
  if (!data) return;
  for (const slot of ['undirected', 'out', 'in']) {
    const adjacency = data[slot];
    if (adjacency === null || typeof adjacency !== 'object' || Object.keys(adjacency).length !== 0) continue;
    const o = adjacency as Record<string, unknown>;
    o[A] = 0;
    o[B] = 0;
    delete o[A];
    delete o[B];
  }
}
