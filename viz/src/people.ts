/**
 * A person typed in a field — an id or a name — found the way the CLI finds one
 * (scripts/cli/names.ts): the API's list search (GET /api/people?q=, case- and accent-insensitive)
 * read with the one rule of graph/support/name-match.ts. A name several people share is refused
 * listing them with what tells them apart (company, email, id), never settled by a guess.
 */
import { getJson } from './api.js';
import { findByName, NameRefError, SEARCH_LIMIT } from './find-by-name.js';
import { sameName } from '../../graph/support/name-match.js';

export interface PersonFound {
  id: string;
  name: string;
  company?: string;
  email?: string;
}

/** Why a typed person was not found: nobody, or several (listed). Shown next to the field. */
export class PersonRefError extends NameRefError<PersonFound> {
  override readonly name = 'PersonRefError';
}

/** "Jörg Meyer (Meyer Bau, joerg@meyer.example, id p012)": a person as told apart from a namesake. */
export function distinguish(p: PersonFound): string {
  return `${p.name} (${[p.company, p.email, `id ${p.id}`].filter(Boolean).join(', ')})`;
}

/**
 * The person `text` names. `isKnownId` answers for ids the page already holds (no request);
 * otherwise the name is searched first and, when no name matches, the text is tried as an id.
 */
export function findPerson(text: string, isKnownId: (id: string) => boolean = () => false): Promise<PersonFound> {
  if (isKnownId(text.trim())) return Promise.resolve({ id: text.trim(), name: text.trim() });
  return findByName(text, {
    collection: '/api/people',
    empty: 'Type a name or an id.',
    ambiguous: (t, count, listed) => `"${t}" is ambiguous: ${count} people have that name: ${listed}. Type the id of the one you mean.`,
    unknown: (t) => `Nobody is called "${t}" and no one has that id: check the spelling (accents and case do not matter).`,
    describe: distinguish,
    refuse: (message, candidates) => new PersonRefError(message, candidates),
  });
}

/** A name as a list shows it: with its id when someone else in the network has the same name. */
export function nameWithId(name: string, id: string, namesakes: ReadonlySet<string>): string {
  return namesakes.has(id) ? `${name} [${id}]` : name;
}

/**
 * Which of these people share their name with someone else in the network (case and accents
 * aside), asked of the list search once per distinct name, as the CLI's labels do: a page that
 * lists a few people (a report, a path) can then show ids beside exactly those names.
 */
export async function namesakesOf(people: Iterable<{ id: string; name: string }>): Promise<Set<string>> {
  const byName = new Map<string, string[]>();
  for (const p of people) byName.set(p.name, [...(byName.get(p.name) ?? []), p.id]);
  const shared = new Set<string>();
  await Promise.all(
    [...byName].map(async ([name, ids]) => {
      if (name.trim() === '') return;
      const page = await getJson<{ items: PersonFound[] }>('/api/people', { q: name.trim(), limit: SEARCH_LIMIT }).catch(() => ({ items: [] as PersonFound[] }));
      const exact = page.items.filter((p) => sameName(p.name, name));
      if (new Set([...exact.map((p) => p.id), ...ids]).size > 1) ids.forEach((id) => shared.add(id));
    }),
  );
  return shared;
}
