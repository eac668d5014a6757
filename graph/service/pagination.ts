/**
 * Opaque cursor pagination over records in key order. The cursor carries the last key served, so
 * pages stay correct when records are added or removed between requests (no skipped or repeated
 * records, unlike offsets).
 */
import { z } from 'zod';
import { ValidationError } from './errors.js';
import { queryInteger } from './query-number.js';
import { compareIds } from '../support/id-order.js';
import { upperBound } from './sorted-keys.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

// Strict, like every query of the API: a list given a filter it does not have (a typo such as
// ?industy=law) answers 400 naming it, not an unfiltered page that looks filtered.
export const pageQuerySchema = z.strictObject({
  limit: queryInteger({ min: 1, max: MAX_LIMIT })
    .default(DEFAULT_LIMIT)
    .describe(`records per page (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT})`),
  cursor: z.string().optional().describe("the previous page's nextCursor; absent for the first page"),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Encodes the last key of a page. */
export function encodeCursor(afterKey: string): string {
  return Buffer.from(JSON.stringify({ after: afterKey }), 'utf8').toString('base64url');
}

/** Decodes a cursor; a tampered or foreign one is a validation error on `cursor`. */
export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && typeof (value as { after?: unknown }).after === 'string') {
      return (value as { after: string }).after;
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([{ path: '/query/cursor', message: 'is not a cursor returned by this list' }]);
}

/**
 * One page of the records whose keys are in `sortedKeys` (or in `candidates`, any order, when an
 * index narrowed them down; or those `keysAfter` gives, in key order after the cursor's, when an
 * index finds them in order), keeping those `accept` returns a record for.
 */
export function paginate<T>(query: PageQuery, source: KeySource, accept: (key: string) => T | undefined): Page<T> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const items: T[] = [];
  let lastKey: string | undefined;
  for (const key of keysOf(source, after)) {
    const item = accept(key);
    if (item === undefined) continue;
    if (items.length === query.limit) return { items, nextCursor: encodeCursor(lastKey!) };
    items.push(item);
    lastKey = key;
  }
  return { items, nextCursor: null };
}

export type KeySource = { sortedKeys: readonly string[] } | { candidates: Iterable<string> } | { keysAfter: (after: string | undefined) => Iterable<string> };

/** A source's keys after `after` (all, if undefined), in key order. */
function keysOf(source: KeySource, after: string | undefined): Iterable<string> {
  if ('keysAfter' in source) return source.keysAfter(after);
  return sortedKeysAfter('sortedKeys' in source ? source.sortedKeys : [...source.candidates].sort(compareIds), after);
}

/** The keys of a sorted list after `after` (all, if undefined). */
export function* sortedKeysAfter(keys: readonly string[], after: string | undefined): Generator<string> {
  for (let i = after === undefined ? 0 : upperBound(keys, after); i < keys.length; i++) yield keys[i]!;
}
