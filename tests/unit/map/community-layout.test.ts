/**
 * The map's two-level layout (graph/map/community-layout.ts) on a community too large for
 * ForceAtlas2: it is smoothed instead, and must still draw contacts near each other, inside the
 * community's disc.
 */
import { describe, expect, it } from 'vitest';
import { FA2_MAX_MEMBERS, layoutByCommunity, UNIT } from '../../../graph/map/community-layout.js';
import { mulberry32 } from '../../../graph/analytics/kernels/random.js';

describe('layoutByCommunity', () => {
  it('when one community is larger than ForceAtlas2 is run for, then its people are still drawn near their contacts, inside its disc, the same every time', () => {
    const n = FA2_MAX_MEMBERS + 1;
    // A ring in a random order of the indexes (so index order says nothing about who is tied).
    const rng = mulberry32(11);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const ties = new Int32Array(2 * n);
    for (let k = 0; k < n; k++) {
      ties[2 * k] = order[k]!;
      ties[2 * k + 1] = order[(k + 1) % n]!;
    }
    const input = { community: new Int32Array(n), ties };
    const { x, y } = layoutByCommunity(input);
    const r = 2 * UNIT * (1 + Math.sqrt(n));
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      expect(Number.isFinite(x[i]!) && Number.isFinite(y[i]!)).toBe(true);
      mx += x[i]! / n;
      my += y[i]! / n;
    }
    for (let i = 0; i < n; i++) expect(Math.hypot(x[i]! - mx, y[i]! - my)).toBeLessThanOrEqual(r * (1 + 1e-9));
    const dist = (a: number, b: number) => Math.hypot(x[a]! - x[b]!, y[a]! - y[b]!);
    let tied = 0;
    let random = 0;
    for (let k = 0; k < n; k++) {
      tied += dist(ties[2 * k]!, ties[2 * k + 1]!) / n;
      random += dist(Math.floor(rng() * n), Math.floor(rng() * n)) / n;
    }
    // Seeded at random in the disc, contacts would be as far apart as anyone.
    expect(tied).toBeLessThan(random / 3);
    const again = layoutByCommunity(input);
    expect(again.x).toEqual(x);
    expect(again.y).toEqual(y);
  });
});
