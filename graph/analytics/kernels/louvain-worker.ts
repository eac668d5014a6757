/** Worker-thread side of a background Louvain run: the snapshot's communities back (packed when asked: packed-communities.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { communitiesOfSnapshot, type SnapshotGraph } from '../communities.js';
import { packCommunities } from '../packed-communities.js';

const { graph, seed, packed } = (workerData as { payload: { graph: SnapshotGraph; seed: number; packed?: boolean } }).payload;
const found = communitiesOfSnapshot(graph, seed);
if (packed) {
  const answer = packCommunities(found, graph.ids);
  parentPort!.postMessage(answer, [answer.order.buffer, answer.community.buffer]);
} else parentPort!.postMessage(found);
