/**
 * Louvain (graphology-communities-louvain) indexes nodes by plain objects: people named like
 * Object.prototype members must still land in the same communities as anyone else would.
 */
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { communitiesOf } from '../../../graph/analytics/network-metrics.js';
import { escapeKey, unescapeKey } from '../../../graph/support/prototype-names.js';

/** Two 4-cliques joined by one bridge, with the given names. */
function bridgedCliques(names: string[]): UndirectedGraph {
  const g = new UndirectedGraph();
  for (const n of names) g.addNode(n);
  const link = (xs: string[]) => xs.forEach((x, i) => xs.slice(i + 1).forEach((y) => g.addEdge(x, y)));
  link(names.slice(0, 4));
  link(names.slice(4, 8));
  g.addEdge(names[3]!, names[4]!);
  return g;
}

describe('communities of people named like built-ins', () => {
  it('when ids are __proto__, constructor, toString…, then Louvain gives the same partition as for plain ids', () => {
    const plain = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const builtIns = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '\u0000x', 'isPrototypeOf', 'propertyIsEnumerable'];
    const expected = communitiesOf(bridgedCliques(plain), 1);
    const got = communitiesOf(bridgedCliques(builtIns), 1);
    expect(got.count).toBe(2);
    expect(got.sizes).toEqual(expected.sizes);
    expect(got.modularity).toBeCloseTo(expected.modularity, 12);
    expect([...got.membership.keys()].sort()).toEqual([...builtIns].sort());
    plain.forEach((p, i) => expect(got.membership.get(builtIns[i]!)).toBe(expected.membership.get(p)));
  });

  it('when keys are escaped for a plain-object index, then ordinary keys are unchanged and every key comes back', () => {
    for (const k of ['a', '1', 'é', '']) expect(escapeKey(k)).toBe(k);
    const tricky = ['__proto__', 'constructor', '\u0000constructor', '\u0000', '\u0000\u0000a', 'toString'];
    const escaped = tricky.map(escapeKey);
    expect(new Set(escaped).size).toBe(tricky.length);
    for (const e of escaped) expect(e in Object.prototype).toBe(false);
    expect(escaped.map(unescapeKey)).toEqual(tricky);
  });
});
