/**
 * Louvain communities are a function of the people and ties alone: neither the order the
 * snapshot indexes people in (the order records reached the store) nor the order of each
 * person's ties changes them (the worker-thread rerun: background-communities.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communitiesOfSnapshot, snapshotCommunities, withMembersSteps } from '../../../graph/analytics/communities.js';
import { mulberry32 } from '../../../graph/analytics/kernels/random.js';
import { snapshotOf } from './snapshot-of.js';

const snapshot = snapshotOf;

const asObject = (c: ReturnType<typeof communitiesOfSnapshot>) => ({ ...c, membership: Object.fromEntries([...c.membership].sort()) });

/** Random simple graph: n people with ids that sort differently from their creation order. */
const graphs = fc
  .record({ n: fc.integer({ min: 2, max: 40 }), edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120 }), seed: fc.integer() })
  .map(({ n, edges, seed }) => {
    const ids = Array.from({ length: n }, (_, i) => `${(i * 7919) % 1000}-${i}`);
    const seen = new Set<string>();
    const pairs: [string, string][] = [];
    for (const [x, y] of edges) {
      const [a, b] = [ids[x % n]!, ids[y % n]!];
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (a !== b && !seen.has(key)) {
        seen.add(key);
        pairs.push([a, b]);
      }
    }
    return { ids, pairs, seed };
  });

function shuffled<T>(xs: T[], rng: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('reproducible communities', () => {
  it('when the same people and ties are indexed in another order, with ties in another order and direction, then the communities are identical', () => {
    fc.assert(
      fc.property(graphs, fc.integer(), ({ ids, pairs }, s) => {
        const rng = mulberry32(s);
        const a = communitiesOfSnapshot(snapshot(ids, pairs), 1);
        const other = shuffled(pairs, rng).map(([x, y]): [string, string] => (rng() < 0.5 ? [y, x] : [x, y]));
        const b = communitiesOfSnapshot(snapshot(shuffled(ids, rng), other), 1);
        expect(asObject(b)).toEqual(asObject(a));
      }),
      { numRuns: 150 },
    );
  });

  it('when communities are numbered, then 0 is the largest and every person has one', () => {
    fc.assert(
      fc.property(graphs, ({ ids, pairs }) => {
        const c = communitiesOfSnapshot(snapshot(ids, pairs), 1);
        expect(c.membership.size).toBe(ids.length);
        expect(c.sizes.reduce((x, y) => x + y, 0)).toBe(ids.length);
        expect([...c.sizes].sort((x, y) => y - x)).toEqual(c.sizes);
        for (let k = 0; k < c.count; k++) expect([...c.membership.values()].filter((v) => v === k)).toHaveLength(c.sizes[k]!);
      }),
      { numRuns: 50 },
    );
  });
});

const NAMES = ['__proto__', 'constructor', 'a', 'B', 'é', 'p 1', 'p10', 'p2', 'toString', 'z'];

describe('communities named in steps', () => {
  it('when any small graph (people gone, ids grown since) is answered by index and named in steps, then the communities are the same, membership in the same order, and it yields every step people', () => {
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
          // As a worker answers: cloned across the thread boundary, named after the snapshot grew.
          const byIndex = structuredClone(snapshotCommunities(csr, seed));
          csr.addNode('joined later');
          const steps = withMembersSteps(csr.ids, byIndex, step);
          let yields = 0;
          let r = steps.next();
          for (; !r.done; r = steps.next()) yields++;
          expect(yields).toBe(Math.floor(found.membership.size / step));
          expect(r.value).toEqual(found);
          expect([...r.value.membership.keys()]).toEqual([...found.membership.keys()]);
        },
      ),
    );
  });
});
