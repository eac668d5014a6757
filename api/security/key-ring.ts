/**
 * The server's view of the keys file. Every check stats the file (a few microseconds) and re-reads
 * it when its inode, size or mtime changed, so `refnet keys revoke` takes effect on the next
 * request without a restart. A file that exists but cannot be parsed fails closed: no key is
 * accepted and local mode is off until it is fixed.
 */
import { reloadIfChanged } from './reload-if-changed.js';
import { parseKeyFile, KeyFileError, type KeyRecord } from './key-file.js';
import { tokenId, tokenMatches, type Scope } from './key-format.js';

export type Verified = { ok: true; id: string; name: string; scope: Scope } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

export class KeyRing {
  private stamp = '';
  private keys = new Map<string, KeyRecord>();
  private active = 0;
  private total = 0;
  private failure: KeyFileError | undefined;

  constructor(readonly path: string) {}

  /** Re-reads the file if it changed since the last look. */
  refresh(): void {
    const next = reloadIfChanged(this.path, this.stamp, (text) => parseKeyFile(text, this.path), KeyFileError);
    if (!next) return;
    if ('error' in next) this.fail(next.stamp, next.error);
    else this.use(next.stamp, next.records);
  }

  /** The reason no key can be checked right now (keys file unreadable), if any. */
  get error(): KeyFileError | undefined {
    return this.failure;
  }

  /**
   * Keys in the file, revoked ones included. Local mode needs this to be 0: revoking every key
   * (e.g. after a leak) must lock the server, not open it to anyone on the machine.
   */
  get keyCount(): number {
    return this.total;
  }

  /** Keys not revoked. */
  get activeCount(): number {
    return this.active;
  }

  /** Checks a presented token against the current keys. */
  verify(token: string): Verified {
    const id = tokenId(token);
    if (id === undefined) return { ok: false, reason: 'malformed' };
    const key = this.keys.get(id);
    if (!key || !tokenMatches(token, key.hash)) return { ok: false, reason: 'unknown' };
    if (key.revokedAt) return { ok: false, reason: 'revoked' };
    return { ok: true, id: key.id, name: key.name, scope: key.scope };
  }

  private use(stamp: string, keys: KeyRecord[]): void {
    this.stamp = stamp;
    this.failure = undefined;
    this.keys = new Map(keys.map((k) => [k.id, k]));
    this.active = keys.filter((k) => !k.revokedAt).length;
    this.total = keys.length;
  }

  private fail(stamp: string, err: KeyFileError): void {
    this.stamp = stamp;
    this.failure = err;
    this.keys = new Map();
    this.active = 0;
    this.total = 0;
  }
}
