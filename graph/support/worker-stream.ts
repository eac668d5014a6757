/**
 * A worker that answers with many messages, paced by the parent: the worker posts one message,
 * then waits until the parent has handled it and asks for the next. Node delivers every queued
 * message of a port in one go, so an unpaced stream of a thousand messages would be deserialized
 * in one long turn of the event loop; paced, each is its own short turn.
 */
import { Worker, parentPort } from 'node:worker_threads';

const BOOT = new URL('./ts-worker-boot.mjs', import.meta.url);
const NEXT = 'next';

/**
 * Starts `entry` (a .ts module URL) on a new thread with `payload` and hands each message it
 * posts to `onMessage`, one at a time; resolves when `onMessage` returns true (the last message).
 */
export function streamFromWorker(entry: URL, payload: unknown, transfer: ArrayBuffer[], onMessage: (message: unknown) => boolean | Promise<boolean>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(BOOT, { workerData: { entry: entry.href, payload }, transferList: transfer, execArgv: [] });
    worker.unref();
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      reject(err);
      void worker.terminate();
    };
    worker.on('message', (message: unknown) => {
      if (settled) return;
      new Promise<boolean>((handled) => handled(onMessage(message))).then((last) => {
        if (settled) return;
        if (!last) return worker.postMessage(NEXT);
        settled = true;
        resolve();
        void worker.terminate();
      }, fail);
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`refnet/worker: ${entry.pathname} exited with code ${code} before its last message`)));
  });
}

/** Worker side: posts each message to the parent, waiting for the parent's go-ahead after each. */
export async function postPaced(messages: Iterable<unknown>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('refnet/worker: postPaced runs only on a worker thread');
  for (const message of messages) {
    const next = new Promise<void>((resolve) => port.once('message', () => resolve()));
    port.postMessage(message);
    await next;
  }
}
