/**
 * What a data directory holds, as refnet reads it before making a store there: nothing yet (a new
 * store's), refnet's files, or other files and none of refnet's. The last is a typo (`--data ~`,
 * `REFNET_DATA=.`): making a store there would write journals among someone's files and tighten
 * the directory to owner-only, so every way in (the server, the CLI, an import) refuses it.
 */
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { isStoreFileName } from '../graph/store/embedded/data-files.js';
import { accountsFilePath } from './security/account-file.js';
import { keysFilePath } from './security/key-file.js';
import { localMeFilePath } from './security/local-me.js';
import { SERVER_RECORD_FILE } from './server-record.js';

export type DataDirState = 'missing' | 'empty' | 'refnet' | 'foreign';

/** What refnet keeps in a data directory besides the store's own files (the keys, accounts, local "me" and running-server records). */
const BESIDE_THE_STORE = [keysFilePath, accountsFilePath, localMeFilePath].map((at) => basename(at({ REFNET_DATA: '.' }))).concat(SERVER_RECORD_FILE);

/** A file system's own entry at the root of a volume mounted for the data: it makes no directory someone else's. */
const NEUTRAL = new Set(['lost+found']);

/** True for a file refnet writes in a data directory. */
const isRefnetFile = (name: string) => isStoreFileName(name) || BESIDE_THE_STORE.includes(name);

export function dataDirState(dir: string): DataDirState {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw err;
  }
  if (names.some(isRefnetFile)) return 'refnet';
  return names.every((n) => NEUTRAL.has(n)) ? 'empty' : 'foreign';
}

/** The words for a foreign directory, shared by the server's refusal and the CLI's. */
export const FOREIGN_DATA_DIR = 'the directory holds other files and none of a refnet store';
