/**
 * The keys file (REFNET_KEYS_FILE, default <REFNET_DATA>/keys.json): key ids, names, scopes and
 * hashes — never a token. It lives beside the data rather than in the store so that keys never
 * travel with an export/import, work the same for the embedded and the Neo4j store, and can be
 * managed by the CLI while the server runs (the embedded store locks its directory to one
 * process; this file is not part of it). Writes are atomic (temp file, fsync, rename, fsync of the
 * directory) and serialized across processes by an exclusive lock file; the file is mode 0600.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import { SCOPES } from './key-format.js';

export const keyRecordSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{12}$/),
  name: z.string().min(1).max(200),
  scope: z.enum(SCOPES),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

const keyFileSchema = z.strictObject({ version: z.literal(1), keys: z.array(keyRecordSchema) });

/** Raised for an unreadable or malformed keys file; the message names the file, never a key. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

/** Where the keys file is for a configuration. */
export function keysFilePath(config: { REFNET_DATA: string; REFNET_KEYS_FILE?: string | undefined }): string {
  return resolve(config.REFNET_KEYS_FILE ?? join(config.REFNET_DATA, 'keys.json'));
}

/** Parses the text of a keys file. */
export function parseKeyFile(text: string, path: string): KeyRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyFileError(`${path}: not valid JSON`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new KeyFileError(`${path}: not a refnet keys file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data.keys;
}

/** Every key in the file ([] when the file does not exist). */
export function readKeyFile(path: string): KeyRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new KeyFileError(`${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseKeyFile(text, path);
}

/** Replaces the file atomically: a reader sees the old keys or the new ones, never a mix. */
export function writeKeyFile(path: string, keys: KeyRecord[]): void {
  writeFileAtomic(path, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`);
}

/** Runs a read-modify-write of the keys file while holding `<file>.lock` (stale locks of dead processes are taken over). */
export async function withKeyFileLock<T>(path: string, fn: () => T, timeoutMs = 5000): Promise<T> {
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockOwnerGone(lock)) {
        try {
          unlinkSync(lock);
        } catch {
          // another process took it over first
        }
        continue;
      }
      if (Date.now() > deadline) throw new KeyFileError(`${lock}: held by another process for more than ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}

function lockOwnerGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
