/**
 * A pooled worker job that answers with many messages, paced by the parent: the worker posts one
 * message on the job's own channel, then waits until the parent has handled it and asks for the
 * next. Node delivers every queued message of a port in one go, so an unpaced stream of a
 * thousand messages would be deserialized in one long turn of the event loop; paced, each is its
 * own short turn. The job's module exports a default function that
 * calls `postPaced` (worker side, below) with its messages.
 */
import { constants } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { lowerThreadPriority } from './thread-priority.js';
import { runPooled } from './worker-pool.js';

const NEXT = 'next';

/** What a streaming job receives: its input and the port to post its messages on. */
export interface StreamTask {
  payload: unknown;
  port: MessagePort;
}

/**
 * Runs `entry`'s job with `payload` on its pool and hands each message it posts to `onMessage`,
 * one at a time; resolves when `onMessage` returns true (the last message).
 */
export function streamFromWorker(entry: URL, payload: unknown, transfer: ArrayBuffer[], onMessage: (message: unknown) => boolean | Promise<boolean>): Promise<void> {
  const { port1: mine, port2: theirs } = new MessageChannel();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    /** Settles once; closing our end lets a job still waiting for "next" stop, freeing its thread. */
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      mine.close();
      return true;
    };
    const fail = (err: unknown) => {
      if (settle()) reject(err);
    };
    mine.on('message', (message: unknown) => {
      if (settled) return;
      new Promise<boolean>((handled) => handled(onMessage(message))).then((last) => {
        if (settled) return;
        if (!last) mine.postMessage(NEXT);
        else if (settle()) resolve();
      }, fail);
    });
    const task: StreamTask = { payload, port: theirs };
    runPooled<void>(entry, task, [...transfer, theirs]).then(() => fail(new Error(`refnet/worker: ${entry.pathname} ended before its last message`)), fail);
  });
}

/**
 * Worker side: posts each message on the job's port, waiting for the parent's go-ahead after
 * each; stops early when the parent closes its end (it has what it needs, or gave up).
 * `transferOf` names the buffers a message hands over rather than copies.
 */
export async function postPaced<M>(port: MessagePort, messages: Iterable<M>, transferOf: (message: M) => ArrayBuffer[] = () => []): Promise<void> {
  yieldToEventLoop();
  let closed = false;
  let wake: (() => void) | undefined;
  port.on('message', () => wake?.());
  port.once('close', () => {
    closed = true;
    wake?.();
  });
  try {
    for (const message of messages) {
      if (closed) return;
      const next = new Promise<void>((resolve) => (wake = resolve));
      port.postMessage(message, transferOf(message));
      await next;
    }
  } finally {
    port.close();
  }
}

let yielding = false;

/**
 * A streaming job (reading a large upload) exists to keep the event loop free; at normal priority,
 * on a machine with no more cores than busy threads, it would still take the event loop's core
 * away for whole scheduler slices (a 1M-row CSV held /healthz ~100 ms that way while the main
 * thread had nothing to do). Below normal, the job makes progress and the event loop runs first.
 * Once per thread: a pool's threads are reused, and only streaming jobs run on these pools.
 */
function yieldToEventLoop(): void {
  if (yielding) return;
  yielding = true;
  lowerThreadPriority(constants.priority.PRIORITY_BELOW_NORMAL);
}
