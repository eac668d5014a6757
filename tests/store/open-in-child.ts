/**
 * Child process for the lock tests: opens the embedded store in argv[2] and prints one JSON line,
 * {"opened":true,"pid":N} or {"error":name,"message":…}. With argv[3] = "hold" it keeps the store
 * open until killed.
 */
import { openEmbeddedStore } from '../../graph/store/embedded/index.js';

const [dir, mode] = process.argv.slice(2);
try {
  const store = await openEmbeddedStore(dir!);
  process.stdout.write(`${JSON.stringify({ opened: true, pid: process.pid })}\n`);
  if (mode === 'hold') setInterval(() => undefined, 60_000);
  else await store.close();
} catch (err) {
  process.stdout.write(`${JSON.stringify({ error: (err as Error).name, message: (err as Error).message })}\n`);
}
