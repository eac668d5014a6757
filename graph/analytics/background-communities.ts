/**
 * Louvain reruns off the request path. On a large live graph a write makes the communities stale;
 * the last ones keep being served while a rerun goes on a worker thread with a copy of the live
 * snapshot, so the event loop is never held for the seconds Louvain takes at 100,000 people; the
 * worker answers communities by snapshot index (typed arrays, handed over, not copied), named here
 * with the ids the snapshot already holds, in time slices (a Map of a million ids built in one go
 * holds the event loop for a second). With no worker threads, or if one cannot start, the
 * rerun runs on the main thread in one go after the current request. Both run communitiesOfSnapshot
 * with the same seed, so they give the same communities.
 */
import type { Csr } from '../projection/csr.js';
import { siblingModule } from '../support/project-files.js';
import { runInSlices, STEP_EVERY } from '../support/time-slices.js';
import { runInWorker } from '../support/ts-worker.js';
import { withMembersSteps, type Communities, type SnapshotCommunities, type SnapshotGraph } from './communities.js';

const ENTRY = siblingModule('./kernels/louvain-worker', import.meta.url);

/** Communities of the snapshot's graph from a worker thread, or `inline()` on the main thread. */
export async function communitiesInBackground(csr: Csr, seed: number, threads: number, inline: () => Communities): Promise<Communities> {
  if (threads > 0) {
    const graph: SnapshotGraph = { n: csr.n, ids: csr.ids, alive: csr.alive, start: csr.start, deg: csr.deg, targets: csr.targets };
    // The answer is indexed by this array (it only grows, so the indexes hold after later writes).
    const ids = csr.ids;
    try {
      return await runInSlices(withMembersSteps(ids, await runInWorker<SnapshotCommunities>(ENTRY, { graph, seed }), STEP_EVERY));
    } catch {
      // fall through to the main thread: same definition, only the event loop pays
    }
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
  return inline();
}
