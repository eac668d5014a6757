/**
 * Atomic replacement of a file: temp file beside it, fsync, rename, fsync of the directory — a
 * reader sees the old content or the new one, never a mix, and a crash leaves one of the two.
 * The small owner-only files beside the data (keys, accounts, the local "me") use it with mode
 * 0600, the CLI's output files (scripts/cli/atomic-file.ts) with the usual 0666 before the umask.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `text` atomically. By default the file is readable by its owner only and
 * its directory is made if missing (the data directory's files); `makeDir: false` leaves a missing
 * directory an ENOENT for the caller to report.
 */
export function writeFileAtomic(path: string, text: string, options: { mode?: number; makeDir?: boolean } = {}): void {
  const { mode = 0o600, makeDir = true } = options;
  const dir = dirname(path);
  if (makeDir) mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // best effort
    }
    throw err;
  }
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}
