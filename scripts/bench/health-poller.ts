/**
 * The longest /healthz answer while some work runs against a server: the event-loop stall a user
 * of that server would see. The polls run on a worker thread, so the measuring process's own work
 * (reading and decoding a 100 MB import report, say) cannot delay them and count as the server's.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface HealthWait {
  maxMs: number;
  polls: number;
  failed: number;
}

/** Polls `url`/healthz back to back until `done` settles; resolves with the slowest answer in ms. */
export async function longestHealthWait(url: string, done: Promise<unknown>): Promise<HealthWait> {
  const worker = new Worker(new URL('./health-poller-worker.mjs', import.meta.url), { workerData: { url }, execArgv: [] });
  const answer = once(worker, 'message') as Promise<[HealthWait]>;
  try {
    await done.catch(() => undefined);
    worker.postMessage('stop');
    const [result] = await answer;
    return result;
  } finally {
    await worker.terminate();
  }
}
