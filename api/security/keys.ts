/**
 * Key management use-cases (the CLI's `refnet keys …` and the admin routes call these): create a
 * key (the token is returned once and never stored), list keys (no hashes), revoke a key (kept,
 * marked revoked, so `list` shows what happened and when).
 */
import { generateKey, type Scope } from './key-format.js';
import { readKeyFile, withKeyFileLock, writeKeyFile, type KeyRecord } from './key-file.js';

/** What `list` shows of a key. */
export type KeySummary = Omit<KeyRecord, 'hash'>;

/** Thrown when revoking an id that is not in the file. */
export class UnknownKeyError extends Error {
  override readonly name = 'UnknownKeyError';
}

/** Creates a key; the returned token is the only copy. */
export async function createKey(path: string, options: { scope: Scope; name: string; now?: Date }): Promise<{ token: string; key: KeySummary }> {
  const name = options.name.trim();
  if (!name) throw new RangeError('a key needs a name (who or what uses it)');
  return withKeyFileLock(path, () => {
    const keys = readKeyFile(path);
    const { token, id, hash } = generateKey();
    const record: KeyRecord = { id, name, scope: options.scope, hash, createdAt: (options.now ?? new Date()).toISOString() };
    writeKeyFile(path, [...keys, record]);
    return { token, key: summary(record) };
  });
}

/** Every key, revoked ones included, oldest first. */
export function listKeys(path: string): KeySummary[] {
  return readKeyFile(path).map(summary);
}

/** Revokes a key by id; revoking twice keeps the first time. */
export async function revokeKey(path: string, id: string, now = new Date()): Promise<KeySummary> {
  return withKeyFileLock(path, () => {
    const keys = readKeyFile(path);
    const key = keys.find((k) => k.id === id);
    if (!key) throw new UnknownKeyError(`no key with id "${id}"`);
    if (!key.revokedAt) {
      key.revokedAt = now.toISOString();
      writeKeyFile(path, keys);
    }
    return summary(key);
  });
}

function summary({ hash: _hash, ...rest }: KeyRecord): KeySummary {
  return rest;
}
