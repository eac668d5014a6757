import { describe, expect, it } from 'vitest';
import { communitiesInBackground } from '../../../graph/analytics/background-communities.js';
import { communitiesOfSnapshot } from '../../../graph/analytics/communities.js';
import { mulberry32 } from '../../../graph/analytics/kernels/random.js';
import { snapshotOf } from './snapshot-of.js';

const asObject = (c: ReturnType<typeof communitiesOfSnapshot>) => ({ ...c, membership: Object.fromEntries([...c.membership].sort()) });

describe('communitiesInBackground', () => {
  it('when the rerun goes on a worker thread, then it gives the in-line partition', async () => {
    const rng = mulberry32(7);
    const ids = Array.from({ length: 400 }, (_, i) => `w${(i * 131) % 400}`);
    const pairs: [string, string][] = [];
    const seen = new Set<string>();
    while (pairs.length < 1600) {
      const i = Math.floor(rng() * 400);
      const j = rng() < 0.8 ? i - (i % 25) + Math.floor(rng() * 25) : Math.floor(rng() * 400);
      const key = `${Math.min(i, j)}|${Math.max(i, j)}`;
      if (i === j || seen.has(key)) continue;
      seen.add(key);
      pairs.push([ids[i]!, ids[j]!]);
    }
    const csr = snapshotOf(ids, pairs);
    const inline = communitiesOfSnapshot(csr, 42);
    let ranInline = false;
    const background = await communitiesInBackground(csr, 42, 1, () => ((ranInline = true), inline));
    expect(ranInline).toBe(false);
    expect(asObject(background)).toEqual(asObject(inline));
    expect(inline.count).toBeGreaterThan(1);
  });

  it('when no worker thread is allowed, then the in-line run answers, after the current turn of the event loop', async () => {
    const csr = snapshotOf(['a', 'b'], [['a', 'b']]);
    const inline = communitiesOfSnapshot(csr, 1);
    const order: string[] = [];
    const pending = communitiesInBackground(csr, 1, 0, () => (order.push('inline'), inline));
    order.push('caller');
    expect(await pending).toBe(inline);
    expect(order).toEqual(['caller', 'inline']);
  });
});
