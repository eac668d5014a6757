// The /healthz poller of scripts/bench/health-poller.ts, on a thread of its own: plain JS so it
// starts without a TypeScript loader. Polls back to back (5 ms apart) until told to stop, then
// posts {maxMs, polls, failed}.
import { parentPort, workerData } from 'node:worker_threads';

let stopped = false;
parentPort.once('message', () => {
  stopped = true;
});
let maxMs = 0;
let polls = 0;
let failed = 0;
while (!stopped) {
  const t0 = performance.now();
  try {
    const res = await fetch(`${workerData.url}/healthz`);
    await res.arrayBuffer();
  } catch {
    failed++; // a refused or reset poll still waited: its time counts, and polling goes on
  }
  maxMs = Math.max(maxMs, performance.now() - t0);
  polls++;
  await new Promise((resolve) => setTimeout(resolve, 5));
}
parentPort.postMessage({ maxMs, polls, failed });
