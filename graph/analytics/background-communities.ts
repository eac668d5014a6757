/**
 * Louvain reruns off the request path. On a large live graph a write makes the communities stale;
 * the last ones keep being served while a rerun goes on a worker thread with a copy of the live
 * snapshot (graphology graph rebuilt there), so the event loop is never held for the seconds
 * Louvain takes at 100,000 people; its answer comes back packed (packed-communities.ts), the
 * membership Map rebuilt in slices. With no worker threads, or if one cannot start, the rerun
 * runs on the main thread in one go after the current request. Both run communitiesOfSnapshot
 * with the same seed, so they give the same communities.
 */
import type { Csr } from '../projection/csr.js';
import { siblingModule } from '../support/project-files.js';
import { runInSlices, STEP_EVERY } from '../support/time-slices.js';
import { runInWorker } from '../support/ts-worker.js';
import type { Communities, SnapshotGraph } from './communities.js';
import { unpackCommunitiesSteps, type PackedCommunities } from './packed-communities.js';

const ENTRY = siblingModule('./kernels/louvain-worker', import.meta.url);

/** Communities of the snapshot's graph from a worker thread, or `inline()` on the main thread. */
export async function communitiesInBackground(csr: Csr, seed: number, threads: number, inline: () => Communities): Promise<Communities> {
  if (threads > 0) {
    const graph: SnapshotGraph = { n: csr.n, ids: csr.ids, alive: csr.alive, start: csr.start, deg: csr.deg, targets: csr.targets };
    // The answer is indexed by this array (it only grows, so the indexes hold after later writes).
    const ids = csr.ids;
    try {
      const packed = await runInWorker<PackedCommunities>(ENTRY, { graph, seed, packed: true });
      return await runInSlices(unpackCommunitiesSteps(packed, ids, STEP_EVERY));
    } catch {
      // fall through to the main thread: same definition, only the event loop pays
    }
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
  return inline();
}
