/**
 * Where a sensitive dimension sits outside the analytics: a person's built-in field shown per
 * person (the map colours and filters by industry, profession, company, location; `groups` lists
 * memberships), and list filters that select people by a value (`/api/people?industry=…`). The
 * map leaves a sensitive field out; a filter on one is refused, like a warm path to
 * `where[religion]=…`: its page would name everyone holding the value and count them.
 */
import type { Issue } from '../service/errors.js';
import { isSensitive, type PrivacyPolicy } from './policy.js';

/** The person fields the map carries per node, each the dimension of the same name. */
const MAP_FIELDS = ['industry', 'profession', 'company', 'location'] as const;

/** A map node without the sensitive fields (and without its groups when `group` is sensitive). */
export function withoutSensitiveFields<N extends Partial<Record<(typeof MAP_FIELDS)[number], string>> & { groups: number[] }>(node: N, policy: PrivacyPolicy): N {
  if (policy.sensitive.size === 0) return node;
  const out = { ...node };
  for (const f of MAP_FIELDS) if (isSensitive(policy, f)) delete out[f];
  if (isSensitive(policy, 'group')) out.groups = [];
  return out;
}

/** Person list filters and the dimension each selects by. */
const PERSON_FILTERS: Readonly<Record<string, string>> = { industry: 'industry', group: 'group' };

/** Problems for each filter of a person list query that selects people by a sensitive dimension. */
export function sensitivePersonFilters(query: Readonly<Record<string, unknown>>, policy: PrivacyPolicy): Issue[] {
  return Object.keys(query)
    .filter((key) => Object.hasOwn(PERSON_FILTERS, key) && isSensitive(policy, PERSON_FILTERS[key]!))
    .map((key) => ({ path: `/query/${key}`, message: `"${PERSON_FILTERS[key]}" is a sensitive attribute: people cannot be listed by it` }));
}
