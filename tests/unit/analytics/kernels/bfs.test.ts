import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfsHops } from '../../../../graph/analytics/kernels/bfs.js';
import { snapshotOf } from '../snapshot-of.js';

/** The reference: hop distances by Floyd–Warshall on an adjacency matrix. */
function allPairsHops(n: number, pairs: [number, number][]): number[][] {
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  for (const [a, b] of pairs) if (a !== b) d[a]![b] = d[b]![a] = 1;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!);
  return d;
}

describe('bfsHops', () => {
  it('when the ties form a path a–b–c–d and an isolated e, then hops from a are 0,1,2,3 and −1 for e', () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd', 'e'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    expect(Array.from(bfsHops(csr, 0))).toEqual([0, 1, 2, 3, -1]);
    expect(Array.from(bfsHops(csr, 4))).toEqual([-1, -1, -1, -1, 0]);
  });

  it('when a cycle offers two ways round, then the shorter counts', () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd', 'e'], [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'a']]);
    expect(Array.from(bfsHops(csr, 0))).toEqual([0, 1, 2, 2, 1]);
  });

  it('when people are named like JavaScript built-ins, then they are ordinary nodes', () => {
    const csr = snapshotOf(['__proto__', 'constructor', 'toString'], [['__proto__', 'constructor'], ['constructor', 'toString']]);
    expect(Array.from(bfsHops(csr, csr.index.get('__proto__')!))).toEqual([0, 1, 2]);
  });

  it('when the graph is any small graph, then hops equal Floyd–Warshall distances (unreachable = −1) and are symmetric', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30, selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` }))),
        ([n, raw]) => {
          const pairs = raw.filter(([a, b]) => a !== b);
          const ids = Array.from({ length: n }, (_, i) => `p${i}`);
          const csr = snapshotOf(ids, pairs.map(([a, b]) => [ids[a]!, ids[b]!]));
          const ref = allPairsHops(n, pairs);
          const hops = ids.map((_, s) => Array.from(bfsHops(csr, s)));
          for (let s = 0; s < n; s++) for (let t = 0; t < n; t++) {
            expect(hops[s]![t]).toBe(ref[s]![t] === Infinity ? -1 : ref[s]![t]);
            expect(hops[s]![t]).toBe(hops[t]![s]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
