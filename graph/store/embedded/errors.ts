/**
 * Errors of the embedded store. Each has a distinct `name` so callers (and tests) check the kind,
 * not the message. StoreFullError and StoreUnavailableError come from the port.
 */
import { StoreFullError } from '../port.js';

/** Another live process (or this one) holds the data directory. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    message: string,
    /** The data directory held, so a caller can look for the server holding it (api/server-record.ts). */
    readonly dir?: string,
  ) {
    super(message);
  }
}

/** A journal or snapshot is damaged somewhere other than a torn last write: refuse to guess. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(
    readonly file: string,
    readonly offset: number,
    detail: string,
    remedy = 'restore the data directory from a backup (the store will not guess which records are missing)',
  ) {
    super(`refnet embedded store: ${file} is corrupt at byte offset ${offset}: ${detail}. Nothing was changed; ${remedy}`);
  }
}

/**
 * The data directory holds less than the store had acknowledged: a journal emptied, deleted or
 * damaged where acknowledged frames were. Opening refuses rather than serve a store with
 * acknowledged writes missing; the message says what is damaged and the two ways out.
 */
export class StoreDataLossError extends Error {
  override readonly name = 'StoreDataLossError';
  constructor(
    readonly dir: string,
    /** The newest version the store had acknowledged, from its ACKNOWLEDGED record. */
    readonly acknowledgedVersion: number,
    /** The newest version the files still hold intact. */
    readonly recoverableVersion: number,
    /** What is wrong, one line per finding (file, offset, reason). */
    readonly damage: readonly string[],
    recordedWhen: string,
  ) {
    const lost = acknowledgedVersion - recoverableVersion;
    super(
      `refnet embedded store: ${dir} is missing acknowledged writes: it had acknowledged version ${acknowledgedVersion} ` +
        `(${recordedWhen}), but its files hold only up to version ${recoverableVersion}, ` +
        `so ${lost} acknowledged ${lost === 1 ? 'batch' : 'batches'} (version${lost === 1 ? '' : 's'} ${recoverableVersion + 1}` +
        `${lost === 1 ? '' : `..${acknowledgedVersion}`}) would be lost.\n` +
        `  damage: ${damage.length ? damage.join('; ') : 'no journal or snapshot holds the missing versions'}\n` +
        '  no journal or snapshot was changed. To recover, either:\n' +
        `  - restore ${dir} from a backup (or put the missing/damaged journal back) and start again; or\n` +
        `  - accept the loss: start once with REFNET_ACCEPT_DATA_LOSS=${recoverableVersion} (the version that is kept), ` +
        'then remove the setting; the store then continues from that version.',
    );
  }
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
