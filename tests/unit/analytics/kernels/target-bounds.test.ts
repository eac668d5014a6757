import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ballArcs, HopBall, TargetBounds } from '../../../../graph/analytics/kernels/target-bounds.js';
import { buildCsr } from '../../../../graph/projection/csr.js';
import { costed, weighted, type Adjacency } from './brute-paths.js';

/** Random small graphs with hop bounds up to 8. */
const deepArb = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 20 })), {
      maxLength: 22,
      selector: ([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`),
    }),
    H: fc.integer({ min: 1, max: 8 }),
    steps: fc.integer({ min: 0, max: 40 }),
  }),
);

/** Cheapest walk cost from v to t with ≤ r hops (Bellman–Ford by hops; simple paths cost the same). */
function within(adj: Adjacency, n: number, t: number, v: number, r: number): number {
  let d = Array.from({ length: n }, (_, x) => (x === t ? 0 : Infinity));
  for (let i = 0; i < r; i++) {
    const next = [...d];
    for (const [a, out] of adj) for (const [b, c] of out) next[a] = Math.min(next[a]!, c + d[b]!);
    d = next;
  }
  return d[v]!;
}

/** Hop distance from a node (breadth-first). */
function hops(adj: Adjacency, n: number, s: number): number[] {
  const d = new Array<number>(n).fill(Infinity);
  d[s] = 0;
  const queue = [s];
  for (const u of queue) {
    for (const v of adj.get(u)?.keys() ?? []) {
      if (d[v] !== Infinity) continue;
      d[v] = d[u]! + 1;
      queue.push(v);
    }
  }
  return d;
}

describe('TargetBounds', () => {
  it('when grown partly or fully on random graphs, then every bound is at most the cheapest cost within r hops, and exact once the search has run out', () => {
    fc.assert(
      fc.property(deepArb, ({ n, edges, H, steps }) => {
        const { csr, adj } = weighted(n, edges);
        const t = n - 1;
        const fromSource = hops(adj, n, 0);
        const bounds = new TargetBounds(csr, 0, 0, [t], H);
        for (let i = 0; i < steps && bounds.growing; i++) bounds.grow();
        const check = (exact: boolean) => {
          for (let v = 0; v < n; v++) {
            for (let r = 0; r <= H; r++) {
              // Only states some search can reach matter: v within H − r hops of the source.
              if (fromSource[v]! > H - r) continue;
              const want = within(adj, n, t, v, r);
              const got = bounds.bound(v, r);
              if (exact) expect(got).toBe(want);
              else expect(got).toBeLessThanOrEqual(want);
              const l = bounds.exact(v, r);
              if (l >= 0) {
                expect(got).toBe(want);
                const path = bounds.suffix(l);
                expect(path[0]).toBe(v);
                expect(path.at(-1)).toBe(t);
                expect(path.length - 1).toBeLessThanOrEqual(r);
              }
            }
          }
        };
        check(false);
        // Consistent as well (A* needs it to stay exact): no bound exceeds an arc's cost plus the bound beyond it.
        for (const [v, out] of adj) {
          for (const [w, c] of out) {
            for (let r = 1; r <= H; r++) {
              if (v !== t && fromSource[v]! <= H - r) expect(bounds.bound(v, r)).toBeLessThanOrEqual(c + bounds.bound(w, r - 1));
            }
          }
        }
        while (bounds.growing) bounds.grow();
        check(true);
      }),
      { numRuns: 300 },
    );
  });

  it('when another query reuses the snapshot buffers, then reading the older bounds throws instead of answering', () => {
    const csr = costed(['a', 'b', 'c'], [['a', 'b', 1], ['b', 'c', 1]]);
    const older = new TargetBounds(csr, 0, 0, [2], 4);
    new TargetBounds(csr, 0, 0, [1], 4);
    expect(() => older.bound(0, 2)).toThrow(/reused/);
  });

  it('when there is no target, then nothing is reachable', () => {
    const csr = costed(['a', 'b'], [['a', 'b', 1]]);
    const bounds = new TargetBounds(csr, 0, 0, [], 3);
    expect(bounds.growing).toBe(false);
    expect(bounds.bound(1, 3)).toBe(Infinity);
  });
});

describe('HopBall', () => {
  it('when filled on random graphs, then hop distances are exact inside the ball and lower bounds outside', () => {
    fc.assert(
      fc.property(deepArb, ({ n, edges, H }) => {
        const { csr, adj } = weighted(n, edges);
        const ball = new HopBall(csr.n);
        ball.fill(csr, [0], H);
        const want = hops(adj, n, 0);
        for (let v = 0; v < n; v++) {
          if (want[v]! <= H) expect(ball.atLeast(v)).toBe(want[v]);
          else expect(ball.atLeast(v)).toBeGreaterThan(H);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('when filled more often than its marks have room for, then no earlier fill leaks into the distances', () => {
    // A path 0 – 1 – … – 39: alternate fills from both ends, past the 16-bit marks' reset.
    const n = 40;
    const from = Array.from({ length: n - 1 }, (_, i) => i);
    const csr = buildCsr(Array.from({ length: n }, (_, i) => `n${i}`), from, from.map((i) => i + 1), new Array<number>(n - 1).fill(1), n - 1);
    const ball = new HopBall(csr.n);
    for (let round = 0; round < 4_200; round++) {
      const end = round % 2 ? n - 1 : 0;
      ball.fill(csr, [end], 8);
      for (const v of [0, 5, 20, n - 6, n - 1]) {
        const d = Math.abs(v - end);
        if (d <= 8) expect(ball.atLeast(v)).toBe(d);
        else expect(ball.atLeast(v)).toBe(9);
      }
    }
    // Deeper than a mark holds: still exact up to 31 hops, a lower bound beyond.
    ball.fill(csr, [0], 39);
    expect(ball.atLeast(31)).toBe(31);
    expect(ball.atLeast(39)).toBe(32);
  });

  it('when a ball would read too many arcs, then it stops at a complete layer and bounds the rest by depth + 1', () => {
    // A star of 60,000 leaves around node 1, reached from node 0: the second layer is too costly to read.
    // Node n − 1 hangs off leaf 2, three hops out.
    const n = 60_003;
    const leaves = Array.from({ length: n - 3 }, (_, i) => i + 2);
    const from = [0, ...leaves.map(() => 1), 2];
    const to = [1, ...leaves, n - 1];
    const csr = buildCsr(Array.from({ length: n }, (_, i) => `n${i}`), from, to, new Array<number>(from.length).fill(1), from.length);
    const ball = new HopBall(csr.n);
    ball.fill(csr, [0], 8);
    expect(ball.atLeast(0)).toBe(0);
    expect(ball.atLeast(1)).toBe(1);
    expect(ball.atLeast(5)).toBe(2);
    expect(ball.atLeast(n - 1)).toBe(2);
    // Filled again from elsewhere: the first ball's distances are gone.
    ball.fill(csr, [n - 1], 8);
    expect(ball.atLeast(n - 1)).toBe(0);
    expect(ball.atLeast(2)).toBe(1);
  });

  it('when the search may take more hops, then the ball may read a larger layer', () => {
    // Node 0 → hub 1 → 20,000 leaves, and node n − 1 hangs off leaf 2, three hops out: the
    // second layer reads 20,001 arcs, above the budget of a 4-hop search and within a 6-hop one's.
    const leaves = 20_000;
    const n = leaves + 3;
    const from = [0, ...Array.from({ length: leaves }, () => 1), 2];
    const to = [1, ...Array.from({ length: leaves }, (_, i) => i + 2), n - 1];
    const csr = buildCsr(Array.from({ length: n }, (_, i) => `n${i}`), from, to, new Array<number>(from.length).fill(1), from.length);
    expect(ballArcs(4)).toBeLessThan(leaves + 1);
    expect(ballArcs(6)).toBeGreaterThan(leaves + 1);
    const ball = new HopBall(csr.n);
    ball.fill(csr, [0], 4);
    expect(ball.depth).toBe(1);
    expect(ball.atLeast(5)).toBe(2);
    expect(ball.atLeast(n - 1)).toBe(2);
    ball.fill(csr, [0], 6);
    expect(ball.atLeast(5)).toBe(2);
    expect(ball.atLeast(n - 1)).toBe(3);
  });
});
