/**
 * The keys file and the accounts file are re-read when their inode, size or mtime changes, so a
 * CLI change (revoke a key, disable an account) takes effect on the next request. A file that
 * exists but cannot be read or parsed is reported as an error, for the caller to fail closed.
 */
import { readFileSync, statSync } from 'node:fs';

export type Reloaded<T, E extends Error> = { stamp: string; records: T[] } | { stamp: string; error: E };

/** The file's records (none when absent) or its error; undefined when unchanged since `lastStamp`. */
export function reloadIfChanged<T, E extends Error>(
  path: string,
  lastStamp: string,
  parse: (text: string) => T[],
  FileError: new (message: string) => E,
): Reloaded<T, E> | undefined {
  let stamp: string;
  try {
    const st = statSync(path);
    stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { stamp: 'absent', records: [] };
    return { stamp: 'error', error: new FileError(`${path}: cannot be read (${code ?? 'error'})`) };
  }
  if (stamp === lastStamp) return undefined;
  try {
    return { stamp, records: parse(readFileSync(path, 'utf8')) };
  } catch (err) {
    return { stamp, error: err instanceof FileError ? err : new FileError(`${path}: cannot be read`) };
  }
}
