/** Worker-thread side of the map's full layout (layout.ts): positions back, as transferable arrays. */
import { parentPort, workerData } from 'node:worker_threads';
import { layoutByCommunity, type LayoutInput } from './community-layout.js';

const { x, y } = layoutByCommunity((workerData as { payload: LayoutInput }).payload);
parentPort!.postMessage({ x, y }, [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
