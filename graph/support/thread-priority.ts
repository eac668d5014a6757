/**
 * Lowers the calling thread's scheduling priority to the least (nice 19), for a worker that should
 * only use a core nobody else wants. Linux keeps a nice value per thread: the thread finds its own
 * id through /proc/thread-self and sets it there. False where that is not possible (another
 * system, no /proc): the caller then does without the thread.
 */
import { readlinkSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

const LOWEST = constants.priority.PRIORITY_LOW;

export function lowerThreadPriority(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, LOWEST);
    return getPriority(tid) === LOWEST;
  } catch {
    return false;
  }
}
