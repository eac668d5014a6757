/**
 * People, groups and companies by name on the command line, and names (not ids) in what the CLI
 * prints. An argument is an id when a record has that id, else a name matched case- and
 * accent-insensitively ("zoe scott" finds "Zoë Scott"); two records with that name are an error
 * listing both with their ids, never a guess.
 */
import { foldText } from '../../graph/service/text-match.js';
import { usageError } from './errors.js';
import type { HttpClient } from './http-client.js';

export type RecordKind = 'person' | 'group' | 'company' | 'event';

export interface Named {
  id: string;
  name: string;
  company?: string;
  industry?: string;
  kind?: string;
  location?: string;
}

const COLLECTION: Record<RecordKind, string> = { person: 'people', group: 'groups', company: 'companies', event: 'events' };
const SEARCH_LIMIT = 500;

/** Records whose name contains the text (case- and accent-insensitive); people also by company. */
export async function search(http: HttpClient, kind: RecordKind, text: string, limit = SEARCH_LIMIT): Promise<Named[]> {
  const page = await http.get<{ items: Named[] }>(`/api/${COLLECTION[kind]}`, { q: text, limit });
  return page.items;
}

/** One line describing a record so two with the same name can be told apart. */
export function describe(r: Named): string {
  const extra = [r.company, r.industry, r.kind, r.location].filter(Boolean);
  return `${r.id}  ${r.name}${extra.length ? `  (${extra.join(', ')})` : ''}`;
}

/** The record an argument names: an id, else exactly one record with that name (or, failing that, one name containing it). */
export async function resolve(http: HttpClient, kind: RecordKind, arg: string): Promise<Named> {
  // Blank would ask for "/api/people/" (the list), not for anyone.
  if (arg.trim() === '') throw usageError(`an empty ${kind} id or name`, `give the ${kind}'s id or part of the name`);
  const byId = await http.find<Named>(`/api/${COLLECTION[kind]}/${encodeURIComponent(arg)}`);
  if (byId) return byId;
  const wanted = foldText(arg.trim());
  const found = wanted ? await search(http, kind, arg.trim()) : [];
  const exact = found.filter((r) => foldText(r.name) === wanted);
  const inName = found.filter((r) => foldText(r.name).includes(wanted));
  const matches = exact.length ? exact : inName;
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const shown = matches.slice(0, 10).map((r) => `  ${describe(r)}`);
    if (matches.length > 10) shown.push(`  … and ${matches.length - 10} more`);
    throw usageError(`${matches.length} ${COLLECTION[kind]} match "${arg}":\n${shown.join('\n')}`, `give one of the ids above instead of the name (e.g. ${matches[0]!.id}); \`--json\` output always carries ids`);
  }
  throw usageError(
    `no ${kind} with the id or name "${arg}"`,
    kind === 'person' ? 'find the name with `refnet people find TEXT` (part of a name or company is enough)' : `list them with \`refnet ${COLLECTION[kind]} find TEXT\``,
  );
}

/** Names for ids in output, fetched once each; `withIds` prints "Name [id]" (the --ids option). */
export class Labels {
  private readonly names = new Map<string, Promise<string>>();
  private readonly done = new Map<string, string>();

  constructor(
    private readonly http: HttpClient,
    private readonly withIds = false,
  ) {}

  /** Fetches the names of these ids (in parallel) so label() can answer synchronously. */
  async load(kind: RecordKind, ids: Iterable<string>): Promise<void> {
    const pending: Promise<string>[] = [];
    for (const id of ids) {
      const key = `${kind}:${id}`;
      if (!this.names.has(key)) {
        this.names.set(
          key,
          this.http.find<Named>(`/api/${COLLECTION[kind]}/${encodeURIComponent(id)}`).then((r) => r?.name ?? id),
        );
      }
      pending.push(this.names.get(key)!);
    }
    await Promise.all(pending);
    for (const [key, p] of this.names) this.done.set(key, await p);
  }

  /** The name of a loaded id (the id itself when it has no record); with --ids, or when another loaded record has the same name, "Name [id]". */
  label(kind: RecordKind, id: string): string {
    const name = this.done.get(`${kind}:${id}`) ?? id;
    if (name === id) return id;
    // Two people of one answer with the same name (the sample's two Zoë Scotts) are told apart by id.
    const shared = [...this.done].some(([key, other]) => other === name && key !== `${kind}:${id}` && key.startsWith(`${kind}:`));
    return this.withIds || shared ? `${name} [${id}]` : name;
  }

  person = (id: string) => this.label('person', id);
  group = (id: string) => this.label('group', id);
}
