/** Worker-thread side of a background Louvain run: the snapshot's communities back. */
import { parentPort, workerData } from 'node:worker_threads';
import { communitiesOfSnapshot, type SnapshotGraph } from '../communities.js';

const { graph, seed } = (workerData as { payload: { graph: SnapshotGraph; seed: number } }).payload;
parentPort!.postMessage(communitiesOfSnapshot(graph, seed));
