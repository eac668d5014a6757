/**
 * Worker-thread side of a background Louvain run: the snapshot's communities back by rank, as
 * typed arrays handed over rather than copied (the caller names them with the ids it holds).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { snapshotCommunities, type SnapshotGraph } from '../communities.js';

const { graph, seed } = (workerData as { payload: { graph: SnapshotGraph; seed: number } }).payload;
const found = snapshotCommunities(graph, seed);
parentPort!.postMessage(found, [found.order.buffer as ArrayBuffer, found.community.buffer as ArrayBuffer]);
