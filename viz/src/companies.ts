/**
 * A company typed in a field — an id or a name — found the way the CLI finds one
 * (scripts/cli/names.ts `resolve`): the API's list search (GET /api/companies?q=) read with the one
 * rule of graph/support/name-match.ts, then the text as an id. The API's company parameters take
 * ids (toCompany, like every reference), so the pages, like the CLI, resolve names before asking.
 */
import { ApiError, getJson } from './api.js';
import { namesMatching } from '../../graph/support/name-match.js';

export interface CompanyFound {
  id: string;
  name: string;
  industry?: string;
}

/** Why a typed company was not found: none, or several (listed). Shown next to the field. */
export class CompanyRefError extends Error {
  override readonly name = 'CompanyRefError';
  constructor(
    message: string,
    readonly candidates: CompanyFound[] = [],
  ) {
    super(message);
  }
}

const LISTED = 5;
const SEARCH_LIMIT = 500;

const describe = (c: CompanyFound) => `${c.name} (${[c.industry, `id ${c.id}`].filter(Boolean).join(', ')})`;

/** The company `text` names: a name (any case, accents optional) first, else an id. */
export async function findCompany(text: string): Promise<CompanyFound> {
  const t = text.trim();
  if (t === '') throw new CompanyRefError('Type a company name.');
  const page = await getJson<{ items: CompanyFound[] }>('/api/companies', { q: t, limit: SEARCH_LIMIT });
  const matches = namesMatching(page.items, t);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const listed = matches.slice(0, LISTED).map(describe);
    if (matches.length > LISTED) listed.push(`and ${matches.length - LISTED} more`);
    throw new CompanyRefError(`"${t}" could be ${matches.length} companies: ${listed.join('; ')}. Pick one from the list or type more of its name.`, matches);
  }
  try {
    return await getJson<CompanyFound>(`/api/companies/${encodeURIComponent(t)}`);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) throw new CompanyRefError(`No company is called "${t}": check the spelling, or pick one from the list.`);
    throw err;
  }
}
