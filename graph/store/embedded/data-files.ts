/**
 * Names and layout of the data directory:
 *
 *   LOCK                          pid of the process that has the directory open
 *   journal-<base>.rnj            batches with versions > base, appended one frame per fsync
 *   snapshot-<version>.rns        every record as of <version> (written as .tmp, then renamed)
 *
 * Versions are zero-padded so names sort in version order.
 */
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { storeErrorFrom } from './errors.js';

export const LOCK_FILE = 'LOCK';
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

export function pathIn(dir: string, name: string): string {
  return join(dir, name);
}
