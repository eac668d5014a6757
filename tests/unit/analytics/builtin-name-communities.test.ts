/**
 * People named like Object.prototype members must land in the same communities as anyone else
 * would (Louvain is keyed by rank, never by id, but a map of ids names the answer).
 */
import { describe, expect, it } from 'vitest';
import { communitiesOfSnapshot } from '../../../graph/analytics/communities.js';
import { snapshotOf } from './snapshot-of.js';

/** Two 4-cliques joined by one bridge, with the given names. */
function bridgedCliques(names: string[]) {
  const pairs: [string, string][] = [];
  const link = (xs: string[]) => xs.forEach((x, i) => xs.slice(i + 1).forEach((y) => pairs.push([x, y])));
  link(names.slice(0, 4));
  link(names.slice(4, 8));
  pairs.push([names[3]!, names[4]!]);
  return snapshotOf(names, pairs);
}

describe('communities of people named like built-ins', () => {
  it('when ids are __proto__, constructor, toString…, then Louvain gives the same partition as for plain ids', () => {
    // Same id order as the plain names, so the canonical (sorted) order matches too.
    const plain = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const builtIns = ['\u0000x', '__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf'];
    const expected = communitiesOfSnapshot(bridgedCliques(plain), 1);
    const got = communitiesOfSnapshot(bridgedCliques(builtIns), 1);
    expect(got.count).toBe(2);
    expect(got.sizes).toEqual(expected.sizes);
    expect(got.modularity).toBeCloseTo(expected.modularity, 12);
    expect([...got.membership.keys()].sort()).toEqual([...builtIns].sort());
    plain.forEach((p, i) => expect(got.membership.get(builtIns[i]!)).toBe(expected.membership.get(p)));
  });
});
