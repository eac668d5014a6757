/**
 * The backup file: a logical snapshot of the network — the export document at one store version —
 * with what a restore needs to check it. One format for every store (the embedded store, or
 * Neo4j, whose Community edition has no online backup), written by `GET /api/admin/backup` and
 * `refnet backup`, read by `refnet restore`. API keys are not in it: they are secrets, kept
 * apart from the data (create new ones after a restore).
 */
import { z } from 'zod';
import { collectionLabel, type ExportedDocument, type NetworkDocument } from '../schema.js';

export const BACKUP_FORMAT = 'refnet-backup/1';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  /** The store version the document reflects: every write acknowledged before the backup began, nothing half-applied. */
  version: number;
  /** The store it was taken from ('embedded' or 'neo4j'); a backup restores into either. */
  store: string;
  createdAt: string;
  /** Records per collection, so a restore can tell a truncated or edited file. */
  counts: Partial<Record<keyof NetworkDocument, number>>;
  document: ExportedDocument;
}

/** A backup of `document` as of `version`. */
export function makeBackup(snapshot: { version: number; document: ExportedDocument }, store: string, now = new Date()): Backup {
  const counts = Object.fromEntries(Object.entries(snapshot.document).map(([k, v]) => [k, (v as unknown[]).length])) as Backup['counts'];
  return { format: BACKUP_FORMAT, version: snapshot.version, store, createdAt: now.toISOString(), counts, document: snapshot.document };
}

/** The envelope; the document itself is validated by the import that restores it. */
export const backupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `is not "${BACKUP_FORMAT}": not a refnet backup, or from a newer version` }),
  version: z.number().int().min(0),
  store: z.string(),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number().int().min(0)),
  document: z.record(z.string(), z.array(z.unknown())),
});

/** Thrown when a file is not a backup this version can restore; the message names what is wrong. */
export class BackupFormatError extends Error {
  override readonly name = 'BackupFormatError';
}

/** Checks a parsed backup file: the envelope, and that every collection holds as many records as it says. */
export function readBackup(json: unknown): Backup {
  const parsed = backupEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new BackupFormatError(`${first.path.join('.') || '(file)'}: ${first.message}`);
  }
  const { counts, document } = parsed.data;
  for (const [collection, records] of Object.entries(document)) {
    if (counts[collection] !== records.length) {
      throw new BackupFormatError(`${collectionLabel(collection)} (document.${collection}): the file holds ${records.length} records but says ${counts[collection] ?? 'nothing about it'}: truncated or edited`);
    }
  }
  return parsed.data as unknown as Backup;
}
