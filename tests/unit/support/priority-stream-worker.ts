/** A streaming job for worker-pool.test.ts: posts the nice value its thread runs at while it streams. */
import { readlinkSync } from 'node:fs';
import { getPriority } from 'node:os';
import { postPaced, type StreamTask } from '../../../graph/support/worker-stream.js';

export default async function priorityJob(task: StreamTask): Promise<void> {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  await postPaced(task.port, (function* () {
    yield getPriority(tid);
  })());
}
