/**
 * Errors of the embedded store. Each has a distinct `name` so callers (and tests) check the kind,
 * not the message. StoreFullError and StoreUnavailableError come from the port.
 */
import { StoreFullError } from '../port.js';

/** Another live process (or this one) holds the data directory. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
}

/** A journal or snapshot is damaged somewhere other than a torn last write: refuse to guess. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(
    readonly file: string,
    readonly offset: number,
    detail: string,
  ) {
    super(`refnet embedded store: ${file} is corrupt at byte offset ${offset}: ${detail}`);
  }
}

/** A change the store cannot even key or serialise (domain validation happens before the store). */
export class InvalidChangeError extends Error {
  override readonly name = 'InvalidChangeError';
}

/** A file-system failure other than a full disk, naming the file and the errno code. */
export class StoreIoError extends Error {
  override readonly name = 'StoreIoError';
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    action: string,
    cause: unknown,
  ) {
    super(`refnet embedded store: cannot ${action} ${file}: ${messageOf(cause)}`, { cause });
  }
}

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** The errno code of a Node fs error, if any. */
export function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps a raw fs error to StoreFullError (disk or quota full) or StoreIoError (anything else). */
export function storeErrorFrom(err: unknown, file: string, action: string): Error {
  if (err instanceof StoreFullError || err instanceof StoreIoError) return err;
  const code = errnoOf(err);
  if (code && FULL_CODES.has(code)) {
    return new StoreFullError(`refnet embedded store: no space left to ${action} ${file} (${code})`, { cause: err });
  }
  return new StoreIoError(file, code, action, err);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
