/**
 * Louvain communities are a function of the people and ties alone: neither the order the
 * snapshot indexes people in (the order records reached the store) nor the order of each
 * person's ties changes them (the worker-thread rerun: background-communities.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communitiesOfSnapshot } from '../../../graph/analytics/communities.js';
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
