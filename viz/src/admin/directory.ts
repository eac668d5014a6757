/**
 * The people an admin links accounts to, read from GET /api/people (paged, as the home page reads
 * them): their names for the accounts table, and the options of the person fields. A field shows
 * a person by name, or by id when someone else has the same name (graph/support/name-match.ts);
 * what is typed is resolved as every person field resolves it (people.ts findPerson).
 */
import { ApiError, getJson } from '../api.js';
import { h } from '../dom.js';
import { findPerson, nameWithId } from '../people.js';
import { namesakeIds } from '../../../graph/support/name-match.js';

interface Person {
  id: string;
  name: string;
}

/** As many people as the home page reads for its fields; a larger network still resolves typed names through the search. */
const READ_AT_MOST = 20_000;

export class Directory {
  private readonly byId = new Map<string, Person>();
  private namesakes = new Set<string>();
  /** Account people outside the list read (or no longer in the network: null), asked one by one. */
  private readonly extra = new Map<string, Person | null>();

  async load(): Promise<void> {
    const people: Person[] = [];
    let cursor: string | undefined;
    do {
      const page = await getJson<{ items: Person[]; nextCursor: string | null }>('/api/people', { limit: 500, cursor });
      people.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && people.length < READ_AT_MOST);
    this.byId.clear();
    for (const p of people) this.byId.set(p.id, p);
    this.namesakes = namesakeIds(people);
  }

  /** Reads the people of these ids that the list did not hold; a 404 means the person has left the network. */
  async include(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.byId.has(id) && !this.extra.has(id));
    await Promise.all(
      missing.map(async (id) => {
        try {
          this.extra.set(id, await getJson<Person>(`/api/people/${encodeURIComponent(id)}`));
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) this.extra.set(id, null);
          else throw err;
        }
      }),
    );
  }

  /** The person's name as a list shows it (with the id when the name is shared), or undefined when nobody has that id. */
  label(id: string): string | undefined {
    const p = this.byId.get(id) ?? this.extra.get(id);
    return p ? nameWithId(p.name, p.id, this.namesakes) : undefined;
  }

  /** How a field shows the person: the name, or the id when the name is shared. */
  fieldText(id: string): string {
    const p = this.byId.get(id) ?? this.extra.get(id);
    return p && !this.namesakes.has(id) ? p.name : id;
  }

  /** The id a person field's text names; PersonRefError (in words) when it names nobody or several. */
  async personId(text: string): Promise<string> {
    return (await findPerson(text, (t) => this.byId.has(t))).id;
  }

  /** The datalist options of the person fields. */
  options(): HTMLOptionElement[] {
    return [...this.byId.values()].map((p) => (this.namesakes.has(p.id) ? h('option', { value: p.id, label: nameWithId(p.name, p.id, this.namesakes) }) : h('option', { value: p.name })));
  }
}
