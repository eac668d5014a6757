/**
 * Lowers the calling thread's scheduling priority: to the least (nice 19) by default, for a worker
 * that should only use a core nobody else wants; or to `priority` (e.g. below normal, nice 10) for
 * one that must still make progress on a busy machine but should yield to the event loop. Linux keeps a nice value per thread: the thread finds its own
 * id through /proc/thread-self and sets it there. False where that is not possible (another
 * system, no /proc): the caller then does without the thread.
 */
import { readlinkSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

const LOWEST = constants.priority.PRIORITY_LOW;

export function lowerThreadPriority(priority: number = LOWEST): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, priority);
    return getPriority(tid) === priority;
  } catch {
    return false;
  }
}
