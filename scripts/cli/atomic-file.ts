/**
 * Output files (`export -o`, `backup`) are written whole or not at all: into a temp file beside
 * the target, fsync'ed, then renamed over it (api/security/atomic-file.ts). A failure (disk
 * full, killed midway) leaves the old file, or none, never a truncated one that looks like a
 * good export or backup.
 */
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../../api/security/atomic-file.js';
import { usageError } from './errors.js';
import { unwritableFile } from './failures.js';

/**
 * Writes `text` to `file` atomically with `mode` (before the umask). A symbolic link is followed
 * (the file it points to is replaced, the link stays). A target that is not a regular file — a
 * directory, a device such as /dev/stdout, a pipe — is refused: a rename would replace the
 * device itself, and a write into it could not be taken back.
 */
export async function writeFileAtomically(file: string, text: string, mode = 0o666): Promise<void> {
  const target = await regularFileTarget(file);
  try {
    writeFileAtomic(target, text, { mode, makeDir: false });
  } catch (err) {
    throw unwritableFile(file, err);
  }
}

/**
 * Checks, before anything is read or opened, that `file` can be an output file: a regular file or
 * a new one in an existing directory. A command checks it first so that a mistyped output path is
 * reported before a missing data directory (writeFileAtomically checks again when it writes).
 */
export async function checkOutputFile(file: string): Promise<void> {
  const target = await regularFileTarget(file);
  try {
    if (!(await stat(dirname(target))).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    throw unwritableFile(file, err);
  }
}

/** The path to write: `file` itself, or what its symbolic link points to; refuses what is not a file. */
async function regularFileTarget(file: string): Promise<string> {
  let target = file;
  try {
    if ((await lstat(file)).isSymbolicLink()) {
      // A link to a file not written yet points at where the file goes.
      target = await realpath(file).catch(async () => resolve(dirname(file), await readlink(file)));
    }
    const kind = await lstat(target);
    if (kind.isFile()) return target;
    throw usageError(
      `${file} is ${kind.isDirectory() ? 'a directory' : 'not a regular file (a device or a pipe)'}: refnet writes its output files whole or not at all, so it only replaces regular files`,
      kind.isDirectory() ? 'give a file name inside it' : 'give the path of a file (`refnet export` without -o writes to standard output)',
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return target; // a new file (or a dangling link's target)
    if ((err as NodeJS.ErrnoException).code) throw unwritableFile(file, err);
    throw err;
  }
}
