/**
 * `refnet backup FILE` and `refnet restore FILE`. A backup is a consistent logical snapshot (the
 * export at one version, graph/service/backup.ts): from a running server through
 * GET /api/admin/backup (admin scope) while it keeps serving, or from the data directory when no
 * server holds it. The file is written whole or not at all (temp file, fsync, rename), owner-only.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BackupFormatError, readBackup, type Backup } from '../../../graph/service/backup.js';
import { backendFor, type GlobalOptions } from '../backend.js';
import { checkOutputFile, writeFileAtomically } from '../atomic-file.js';
import { usageError } from '../errors.js';
import { unreadableFile } from '../failures.js';
import { checkJsonFileText } from '../json-file.js';
import { count, note, printJson } from '../output.js';
import { restoreBackup } from '../restore.js';

export function registerBackup(program: Command, globals: () => GlobalOptions): void {
  program
    .command('backup')
    .description('write a consistent backup of the network (a running server keeps serving; restore it with `refnet restore`)')
    .argument('<file>', 'the backup file to write (replaced if it exists)')
    .action(async (file: string) => {
      await checkOutputFile(file);
      const backend = backendFor(globals());
      let backup: Backup;
      try {
        backup = await backend.backup();
      } finally {
        await backend.close();
      }
      // Owner-only: it holds the whole network's personal data.
      await writeFileAtomically(file, `${JSON.stringify(backup)}\n`, 0o600);
      if (globals().json) return printJson({ file, version: backup.version, store: backup.store, counts: backup.counts });
      note(`backed up version ${backup.version} of ${backend.describe}: ${summary(backup.counts)} to ${file}`);
    });

  program
    .command('restore')
    .description('restore a backup into an empty data directory (or an empty Neo4j database with REFNET_STORE=neo4j)')
    .argument('<file>', 'a file written by `refnet backup`')
    .action(async (file: string) => {
      const backup = await readBackupFile(file);
      const result = await restoreBackup(globals(), backup);
      if (globals().json) return printJson({ file, ...result });
      note(`restored ${summary(backup.counts)} (backup of version ${backup.version}) into ${result.target}`);
    });
}

function summary(counts: Backup['counts']): string {
  return `${count(counts.people ?? 0, 'person')}, ${count(counts.interactions ?? 0, 'interaction')}, ${count(counts.referrals ?? 0, 'referral')}`;
}

async function readBackupFile(file: string): Promise<Backup> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw unreadableFile(file, err, 'give the path of a file written by `refnet backup`');
  }
  const hint = 'a backup is the file `refnet backup` writes; nothing was written';
  checkJsonFileText(file, text, hint);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw usageError(`${file} is not valid JSON (${(err as Error).message}): not a refnet backup, or cut short`, hint);
  }
  try {
    return readBackup(json);
  } catch (err) {
    if (err instanceof BackupFormatError) throw usageError(`${file} is not a usable backup: ${err.message}`, hint);
    throw err;
  }
}
