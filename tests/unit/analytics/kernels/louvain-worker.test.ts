import { describe, expect, it } from 'vitest';
import { communitiesOfSnapshot, type Communities } from '../../../../graph/analytics/communities.js';
import { unpackCommunitiesSteps, type PackedCommunities } from '../../../../graph/analytics/packed-communities.js';
import { runAtOnce } from '../../../../graph/support/time-slices.js';
import { siblingModule } from '../../../../graph/support/project-files.js';
import { runInWorker } from '../../../../graph/support/ts-worker.js';
import { snapshotOf } from '../snapshot-of.js';

const ENTRY = siblingModule('../../../../graph/analytics/kernels/louvain-worker', import.meta.url);

/** Two triangles joined by one tie, and an isolated person named like a built-in. */
function twoTriangles() {
  return snapshotOf(
    ['a', 'b', 'c', 'x', 'y', 'z', '__proto__'],
    [['a', 'b'], ['b', 'c'], ['c', 'a'], ['x', 'y'], ['y', 'z'], ['z', 'x'], ['c', 'x']],
  );
}

describe('louvain-worker', () => {
  it('when posted a snapshot and a seed, then it answers the communities the main thread computes with that seed', async () => {
    const csr = twoTriangles();
    const graph = { n: csr.n, ids: csr.ids, alive: csr.alive, start: csr.start, deg: csr.deg, targets: csr.targets };
    const answer = await runInWorker<Communities>(ENTRY, { graph, seed: 3 });
    const inline = communitiesOfSnapshot(csr, 3);
    expect({ ...answer, membership: [...answer.membership].sort() }).toEqual({ ...inline, membership: [...inline.membership].sort() });
    // by hand: the triangles are the two communities; the isolated person is one of its own
    const m = answer.membership;
    expect(m.get('a')).toBe(m.get('b'));
    expect(m.get('b')).toBe(m.get('c'));
    expect(m.get('x')).toBe(m.get('z'));
    expect(m.get('a')).not.toBe(m.get('x'));
    expect(new Set(m.values()).size).toBe(3);
  });

  it('when asked for a packed answer, then it sends the communities the main thread computes, membership as typed arrays by snapshot index', async () => {
    const csr = twoTriangles();
    const graph = { n: csr.n, ids: csr.ids, alive: csr.alive, start: csr.start, deg: csr.deg, targets: csr.targets };
    const answer = await runInWorker<PackedCommunities>(ENTRY, { graph, seed: 3, packed: true });
    expect(answer.order).toBeInstanceOf(Int32Array);
    expect(answer.community).toBeInstanceOf(Int32Array);
    expect(runAtOnce(unpackCommunitiesSteps(answer, csr.ids, Infinity))).toEqual(communitiesOfSnapshot(csr, 3));
  });
});

