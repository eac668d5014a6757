import { describe, expect, it } from 'vitest';
import { communitiesOfSnapshot, withMembers, type SnapshotCommunities } from '../../../../graph/analytics/communities.js';
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
  it('when posted a snapshot and a seed, then it answers by snapshot index the communities the main thread computes with that seed', async () => {
    const csr = twoTriangles();
    const graph = { n: csr.n, ids: csr.ids, alive: csr.alive, start: csr.start, deg: csr.deg, targets: csr.targets };
    const lean = await runInWorker<SnapshotCommunities>(ENTRY, { graph, seed: 3 });
    expect(lean.order).toBeInstanceOf(Int32Array);
    expect(lean.community).toBeInstanceOf(Int32Array);
    const answer = withMembers(csr.ids, lean);
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
});
