/** Worker-thread side of a background Louvain run: the snapshot's graph rebuilt, communities back. */
import { parentPort, workerData } from 'node:worker_threads';
import { communitiesOf, graphFromSnapshot, type SnapshotGraph } from '../network-metrics.js';

const { graph, seed } = (workerData as { payload: { graph: SnapshotGraph; seed: number } }).payload;
parentPort!.postMessage(communitiesOf(graphFromSnapshot(graph), seed));
