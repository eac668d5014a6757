/** graph/analytics/packed-communities.ts: Louvain's answer packed on the worker side and rebuilt in steps is the answer itself. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communitiesOfSnapshot } from '../../../graph/analytics/communities.js';
import { packCommunities, unpackCommunitiesSteps } from '../../../graph/analytics/packed-communities.js';
import { runAtOnce } from '../../../graph/support/time-slices.js';
import { snapshotOf } from './snapshot-of.js';

const NAMES = ['__proto__', 'constructor', 'a', 'B', 'é', 'p 1', 'p10', 'p2', 'toString', 'z'];

describe('packed communities', () => {
  it('when any small graph (people gone, ids grown since) is packed and rebuilt in steps, then the communities are the same, membership in the same order, and it yields every step people', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(NAMES.length - 1), fc.nat(NAMES.length - 1)), { maxLength: 25 }),
        fc.array(fc.nat(NAMES.length - 1), { maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(100),
        (drawn, gone, step, seed) => {
          const seen = new Set<string>();
          const pairs = drawn.filter(([x, y]) => x !== y && !seen.has(`${Math.min(x, y)}|${Math.max(x, y)}`) && seen.add(`${Math.min(x, y)}|${Math.max(x, y)}`));
          const csr = snapshotOf(NAMES.slice(), pairs.map(([x, y]) => [NAMES[x]!, NAMES[y]!]));
          for (const u of gone) csr.alive[u] = 0;
          const found = communitiesOfSnapshot(csr, seed);
          const packed = structuredClone(packCommunities(found, csr.ids));
          csr.addNode('joined later');
          const steps = unpackCommunitiesSteps(packed, csr.ids, step);
          let yields = 0;
          let r = steps.next();
          for (; !r.done; r = steps.next()) yields++;
          expect(yields).toBe(Math.floor(found.membership.size / step));
          expect(r.value).toEqual(found);
          expect([...r.value.membership.keys()]).toEqual([...found.membership.keys()]);
          expect(runAtOnce(unpackCommunitiesSteps(packed, csr.ids, Infinity))).toEqual(found);
        },
      ),
    );
  });
});
