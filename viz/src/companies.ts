/**
 * A company typed in a field — an id or a name — found the way the CLI finds one
 * (scripts/cli/names.ts `resolve`): the API's list search (GET /api/companies?q=) read with the one
 * rule of graph/support/name-match.ts, then the text as an id. The API's company parameters take
 * ids (toCompany, like every reference), so the pages, like the CLI, resolve names before asking.
 */
import { findByName, NameRefError } from './find-by-name.js';

export interface CompanyFound {
  id: string;
  name: string;
  industry?: string;
}

/** Why a typed company was not found: none, or several (listed). Shown next to the field. */
export class CompanyRefError extends NameRefError<CompanyFound> {
  override readonly name = 'CompanyRefError';
}

/** The company `text` names: a name (any case, accents optional) first, else an id. */
export function findCompany(text: string): Promise<CompanyFound> {
  return findByName(text, {
    collection: '/api/companies',
    empty: 'Type a company name.',
    ambiguous: (t, count, listed) => `"${t}" could be ${count} companies: ${listed}. Pick one from the list or type more of its name.`,
    unknown: (t) => `No company is called "${t}": check the spelling, or pick one from the list.`,
    describe: (c) => `${c.name} (${[c.industry, `id ${c.id}`].filter(Boolean).join(', ')})`,
    refuse: (message, candidates) => new CompanyRefError(message, candidates),
  });
}
