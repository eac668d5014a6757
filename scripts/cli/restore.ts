/**
 * `refnet restore FILE`: a backup into an empty store — a new or empty data directory, or (with
 * REFNET_STORE=neo4j) a Neo4j database holding no records. Anything else is refused before a byte
 * is written, so a restore can never overwrite or merge into live data. The document goes in
 * through the same validated, atomic import as `refnet import`; the restored store then exports
 * exactly the document the backup holds.
 */
import { readdir } from 'node:fs/promises';
import { collectionLabel } from '../../graph/schema.js';
import type { Backup } from '../../graph/service/backup.js';
import { openEmbedded, type GlobalOptions } from './backend.js';
import { CliError, EXIT_RUNTIME, EXIT_USAGE, usageError } from './errors.js';
import { fsProblem } from './failures.js';

export interface RestoreResult {
  store: string;
  target: string;
  version: number;
  counts: Backup['counts'];
}

export async function restoreBackup(opts: GlobalOptions, backup: Backup): Promise<RestoreResult> {
  if (opts.url || process.env.REFNET_URL) {
    throw usageError('restore writes into a store directly, not through a server', 'unset REFNET_URL (or drop --url) and pass --data <new directory>; a server cannot run on the directory while it is restored');
  }
  const neo4j = process.env.REFNET_STORE === 'neo4j';
  const dir = opts.data ?? process.env.REFNET_DATA ?? './.refnet';
  if (!neo4j) await mustBeEmptyDir(dir);
  const refnet = await openEmbedded(dir);
  try {
    const target = neo4j ? `the Neo4j database at ${process.env.NEO4J_URI}` : `data directory ${dir}`;
    const before = await refnet.service.snapshot();
    const held = Object.values(before.document).reduce((n, records) => n + records.length, 0);
    if (held > 0) {
      throw new CliError(`${target} already holds ${held} records: restore only writes into an empty store`, EXIT_USAGE, 'restore into a new database, or delete its data first; nothing was written');
    }
    await refnet.service.importDocument(backup.document);
    const after = await refnet.service.snapshot();
    for (const [collection, n] of Object.entries(backup.counts)) {
      const got = (after.document as unknown as Record<string, unknown[]>)[collection]?.length ?? 0;
      if (got !== n) throw new CliError(`after the restore ${target} holds ${got} ${collectionLabel(collection)}, the backup ${n}`, EXIT_RUNTIME, 'this is a bug; please report it');
    }
    return { store: refnet.store.kind, target, version: after.version, counts: backup.counts };
  } finally {
    await refnet.close();
  }
}

/** A restore target must be absent (it is created) or an empty directory. */
async function mustBeEmptyDir(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw usageError(`${dir} is a file, not a data directory`, 'pass --data <new directory>; it is created');
    throw new CliError(`cannot read ${dir}: ${fsProblem(err)}`);
  }
  if (entries.length > 0) {
    throw new CliError(
      `the data directory ${dir} is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}): restore only writes into an empty directory, so it never overwrites data`,
      EXIT_USAGE,
      'pass --data <new directory> (it is created), or move this one aside first; nothing was written',
    );
  }
}
