/**
 * A network document to import that holds no record at all (`{}`, or every collection empty) is
 * refused with a ValidationError (a 400 over HTTP, exit 2 on the CLI), as a CSV file with no rows
 * or a vCard with no card is (graph/importers/formats.ts noRecords): an import of nothing is a
 * mistake (the wrong file, an export filtered down to nothing), never a silent write of nothing.
 * `refnet restore` of an empty network's backup is no import and is not refused.
 */
import { networkDocumentSchema } from '../schema.js';
import { isObject } from '../support/is-object.js';
import { ValidationError } from './errors.js';

const COLLECTIONS: ReadonlySet<string> = new Set(Object.keys(networkDocumentSchema.shape));

/**
 * Throws when `input` is an object whose every key is a collection holding an empty list. Anything
 * else (records, an unknown key, not an object) is left to the schema's checks.
 */
export function refuseEmptyDocument(input: unknown): void {
  if (!isObject(input)) return;
  if (!Object.entries(input).every(([key, value]) => COLLECTIONS.has(key) && Array.isArray(value) && value.length === 0)) return;
  throw new ValidationError([{ path: '', message: `the document holds no records (${Object.keys(input).length === 0 ? 'it is {}' : 'every collection in it is empty'}), so there is nothing to import; nothing was written` }]);
}
