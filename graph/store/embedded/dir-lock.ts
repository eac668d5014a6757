/**
 * One process per data directory: LOCK is a symbolic link whose target is the owner's pid,
 * created atomically by symlink(2) (it fails with EEXIST when a lock is there, and is never seen
 * half-written). A symlink this short lives in the inode itself (ext4, xfs, tmpfs), so taking
 * the lock needs no data block: a server that crashed on a full disk can be restarted without
 * first freeing space. (The previous design wrote the pid to a file aside and hard-linked it,
 * which failed with ENOSPC exactly then.) A regular LOCK file from an older version is read the
 * same way. A lock whose
 * pid is no longer running is stale (the owner crashed) and is taken over. A lock naming this
 * very pid is ours only if this process took it: in a container the restarted server often gets
 * the same pid as the one that crashed, and must not refuse to start because of it.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { readFile, readlink, realpath, symlink, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LOCK_FILE, pathIn } from './data-files.js';
import { StoreLockedError, errnoOf, storeErrorFrom } from './errors.js';
import { isProcessAlive } from '../../support/process-alive.js';
import type { StoreLogger } from './logger.js';

/** Directories this process holds, by resolved path. */
const held = new Set<string>();

/** Takes the lock on `dir` or throws StoreLockedError naming the live owner. */
export async function acquireDirLock(dir: string, logger: StoreLogger): Promise<void> {
  const lockPath = pathIn(dir, LOCK_FILE);
  const key = await canonical(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await symlink(String(process.pid), lockPath);
      held.add(key);
      return;
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw storeErrorFrom(err, lockPath, 'create lock file');
    }
    const owner = await readOwner(lockPath);
    const inUse = owner === process.pid ? held.has(key) : owner !== undefined && isProcessAlive(owner);
    if (inUse) {
      throw new StoreLockedError(
        `refnet embedded store: ${dir} is in use by process ${owner} (lock file ${lockPath}); ` +
          'stop that process or use another data directory',
        dir,
      );
    }
    logger.info({ dir, stalePid: owner }, 'embedded store: taking over stale lock of a process that is gone');
    await unlink(lockPath).catch((err: unknown) => {
      if (errnoOf(err) !== 'ENOENT') throw storeErrorFrom(err, lockPath, 'remove stale lock');
    });
  }
  throw new StoreLockedError(`refnet embedded store: could not take the lock ${lockPath} (contended)`, dir);
}

/** Releases the lock if this process still holds it. */
export async function releaseDirLock(dir: string): Promise<void> {
  const lockPath = pathIn(dir, LOCK_FILE);
  if (!held.delete(await canonical(dir))) return;
  if ((await readOwner(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
}

/** The directory's real path, so a symlinked or relative path to the same place is the same lock. */
async function canonical(dir: string): Promise<string> {
  return realpath(dir).catch(() => resolve(dir));
}

/** The pid a lock names: the symlink's target, or the content of an older version's LOCK file. */
async function readOwner(lockPath: string): Promise<number | undefined> {
  try {
    const text = await readlink(lockPath).catch((err: unknown) => {
      if (errnoOf(err) === 'EINVAL') return readFile(lockPath, 'utf8');
      throw err;
    });
    return pidOf(text);
  } catch {
    return undefined;
  }
}

/**
 * The live process holding `dir`, or undefined (no lock, or a stale one). Synchronous, for the
 * CLI's error messages; it takes nothing.
 */
export function liveLockOwner(dir: string): number | undefined {
  const lockPath = pathIn(dir, LOCK_FILE);
  let text: string;
  try {
    try {
      text = readlinkSync(lockPath);
    } catch (err) {
      if (errnoOf(err) !== 'EINVAL') throw err;
      text = readFileSync(lockPath, 'utf8');
    }
  } catch {
    return undefined;
  }
  const pid = pidOf(text);
  return pid !== undefined && isProcessAlive(pid) ? pid : undefined;
}

function pidOf(text: string): number | undefined {
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}
