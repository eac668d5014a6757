/**
 * Names and layout of the data directory:
 *
 *   LOCK                          pid of the process that has the directory open (a symlink: see dir-lock.ts)
 *   ACKNOWLEDGED                  the newest version known to have been acknowledged (acknowledged-record.ts)
 *   server.json                   the URL `refnet serve` listens on while it holds LOCK (api/server-record.ts)
 *   journal-<base>.rnj            batches with versions > base, appended one frame per fsync
 *   snapshot-<version>.rns        every record as of <version> (written as .tmp, then renamed)
 *
 * Versions are zero-padded so names sort in version order. Everything is owner-only (directory
 * 0700, files 0600): the records are people's contact data, and a shared host must not read them.
 */
import { chmod, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { storeErrorFrom } from './errors.js';

export const LOCK_FILE = 'LOCK';
export const ACKNOWLEDGED_FILE = 'ACKNOWLEDGED';
/** Mode of every file the store creates (before the umask, which can only remove bits). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
const PAD = 16;
const JOURNAL_RE = /^journal-(\d{16})\.rnj$/;
const SNAPSHOT_RE = /^snapshot-(\d{16})\.rns$/;
export const TMP_SUFFIX = '.tmp';

export function journalName(base: number): string {
  return `journal-${String(base).padStart(PAD, '0')}.rnj`;
}

export function snapshotName(version: number): string {
  return `snapshot-${String(version).padStart(PAD, '0')}.rns`;
}

export interface VersionedFile {
  name: string;
  version: number;
}

export interface DataFiles {
  /** Journals by base version, ascending. */
  journals: VersionedFile[];
  /** Snapshots by version, ascending. */
  snapshots: VersionedFile[];
  /** Leftovers of an interrupted snapshot write. */
  temporaries: string[];
}

/** True for a name the store gives its files (above): what shows a directory is a store's. */
export function isStoreFileName(name: string): boolean {
  return name === LOCK_FILE || name === ACKNOWLEDGED_FILE || JOURNAL_RE.test(name) || SNAPSHOT_RE.test(name) || (name.startsWith('snapshot-') && name.endsWith(TMP_SUFFIX));
}

/** Lists the store's files in a data directory. */
export async function listDataFiles(dir: string): Promise<DataFiles> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw storeErrorFrom(err, dir, 'list');
  }
  const journals: VersionedFile[] = [];
  const snapshots: VersionedFile[] = [];
  const temporaries: string[] = [];
  for (const name of names) {
    const j = JOURNAL_RE.exec(name);
    const s = SNAPSHOT_RE.exec(name);
    if (j?.[1]) journals.push({ name, version: Number(j[1]) });
    else if (s?.[1]) snapshots.push({ name, version: Number(s[1]) });
    else if (name.startsWith('snapshot-') && name.endsWith(TMP_SUFFIX)) temporaries.push(name);
  }
  const byVersion = (a: VersionedFile, b: VersionedFile) => a.version - b.version;
  return { journals: journals.sort(byVersion), snapshots: snapshots.sort(byVersion), temporaries };
}

/** Makes renames, creations and deletions in `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw storeErrorFrom(err, dir, 'sync directory');
  }
}

/**
 * Tightens a directory written by an older version (files 0644, directory 0755) to owner-only.
 * chmod needs no free space, so this works on a full disk too.
 */
export async function tightenModes(dir: string, files: DataFiles): Promise<void> {
  const names = [...files.journals, ...files.snapshots].map((f) => f.name);
  names.push(ACKNOWLEDGED_FILE);
  try {
    await chmod(dir, DIR_MODE);
  } catch (err) {
    throw storeErrorFrom(err, dir, 'restrict permissions of');
  }
  for (const name of names) {
    await chmod(pathIn(dir, name), FILE_MODE).catch((err: unknown) => {
      if ((err as { code?: unknown }).code !== 'ENOENT') throw storeErrorFrom(err, pathIn(dir, name), 'restrict permissions of');
    });
  }
}

export function pathIn(dir: string, name: string): string {
  return join(dir, name);
}
