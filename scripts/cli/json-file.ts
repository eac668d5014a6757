/**
 * A JSON file the CLI reads (a network document to import, a backup to restore) is checked as the
 * server checks a JSON body (api/body-bytes.ts) before it is parsed: an object holding a key twice
 * would lose all but the last value in JSON.parse, silently, so it is a usage error naming where.
 */
import { MAX_JSON_DEPTH, duplicateKeyMessage, jsonBytesFault } from '../../api/body-bytes.js';
import { usageError } from './errors.js';

/** Throws a usage error (exit 2) when `text`, read from `file`, holds a key twice in an object or nests too deep; `hint` says what the file should be. */
export function checkJsonFileText(file: string, text: string, hint: string): void {
  const fault = jsonBytesFault(Buffer.from(text));
  if (fault === undefined) return;
  if (fault.kind === 'duplicate-key') {
    throw usageError(`${file} ${duplicateKeyMessage(fault)}`, `keep one ${JSON.stringify(fault.key)} in that object and run it again; ${hint}`);
  }
  throw usageError(`${file} is nested more than ${MAX_JSON_DEPTH} levels deep (at byte offset ${fault.byteOffset}); no refnet document needs that`, hint);
}
