/**
 * A bounded wait: the promise's value, or `late` if it has not settled within `ms`. The promise
 * itself goes on (a layout, a build, a probe keeps running for the next caller); the timer is
 * cleared either way, so a wait that ended early keeps no timer alive.
 */
export async function within<T, L>(promise: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), Math.max(0, ms))));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
