/**
 * A record typed in a field — a name or an id — found the way the CLI finds one
 * (scripts/cli/names.ts): the API's list search (`?q=`, case- and accent-insensitive) read with
 * the one rule of graph/support/name-match.ts, then the text as an id. A name several records
 * share is refused listing them with what tells them apart, never settled by a guess. Each kind
 * (people.ts, companies.ts) says only where it is listed and how it words the refusals.
 */
import { ApiError, getJson } from './api.js';
import { namesMatching } from '../../graph/support/name-match.js';

/** At most this many namesakes are listed in a refusal. */
const LISTED = 5;
/** As many as the list search gives in one page. */
export const SEARCH_LIMIT = 500;

/** Why a typed name found no record, or several (listed): shown next to the field. */
export class NameRefError<T> extends Error {
  constructor(
    message: string,
    readonly candidates: T[] = [],
  ) {
    super(message);
  }
}

export interface FindWords<T> {
  /** Where the kind is listed and fetched by id: '/api/people'. */
  readonly collection: string;
  readonly empty: string;
  /** The refusal of a name `count` records share; `listed` tells them apart. */
  readonly ambiguous: (text: string, count: number, listed: string) => string;
  readonly unknown: (text: string) => string;
  /** One record as told apart from a namesake. */
  readonly describe: (found: T) => string;
  /** The error the field shows (the kind's own class, which callers tell apart). */
  readonly refuse: (message: string, candidates?: T[]) => Error;
}

export async function findByName<T extends { id: string; name: string }>(text: string, w: FindWords<T>): Promise<T> {
  const t = text.trim();
  if (t === '') throw w.refuse(w.empty);
  const page = await getJson<{ items: T[] }>(w.collection, { q: t, limit: SEARCH_LIMIT });
  const matches = namesMatching(page.items, t);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const listed = matches.slice(0, LISTED).map(w.describe);
    if (matches.length > LISTED) listed.push(`and ${matches.length - LISTED} more`);
    throw w.refuse(w.ambiguous(t, matches.length, listed.join('; ')), matches);
  }
  try {
    return await getJson<T>(`${w.collection}/${encodeURIComponent(t)}`);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) throw w.refuse(w.unknown(t));
    throw err;
  }
}
