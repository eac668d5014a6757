/**
 * People, groups and companies by name on the command line, and names (not ids) in what the CLI
 * prints. An argument is an id when a record has that id, else a name matched case- and
 * accent-insensitively ("zoe scott" finds "Zoë Scott"); two records with that name are an error
 * listing both with their ids, never a guess.
 */
import { foldText, namesMatching } from '../../graph/support/name-match.js';
import { closestMatches } from '../../graph/service/text-match.js';
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

/**
 * Refuses a blank id or name (it would ask for "/api/people/", the list, not for anyone). Commands
 * call it for their name options before opening the store, so the mistake is reported first.
 */
export function checkName(kind: RecordKind, arg: string, option?: string): void {
  if (arg.trim() === '') throw usageError(`an empty ${kind} id or name${option ? ` (${option})` : ''}`, `give the ${kind}'s id or part of the name`);
}

/** The record an argument names: an id, else exactly one record with that name (or, failing that, one name containing it). */
export async function resolve(http: HttpClient, kind: RecordKind, arg: string): Promise<Named> {
  checkName(kind, arg);
  const byId = await http.find<Named>(`/api/${COLLECTION[kind]}/${encodeURIComponent(arg)}`);
  if (byId) return byId;
  return byName(kind, arg, (text) => search(http, kind, text));
}

/**
 * The one record whose name `arg` is (no record has it as its id), among those `find` (a list
 * search: name contains the text) answers; several are listed with their ids, none is an error
 * with the closest names. `where` says where it was looked for, when that is worth saying.
 */
export async function byName<T extends Named>(kind: RecordKind, arg: string, find: (text: string) => Promise<T[]>, where?: string): Promise<T> {
  const found = foldText(arg.trim()) ? await find(arg.trim()) : [];
  const matches = namesMatching(found, arg);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const shown = matches.slice(0, 10).map((r) => `  ${describe(r)}`);
    if (matches.length > 10) shown.push(`  … and ${matches.length - 10} more`);
    throw usageError(`${matches.length} ${COLLECTION[kind]} match "${arg}":\n${shown.join('\n')}`, `give one of the ids above instead of the name (e.g. ${matches[0]!.id}); \`--json\` output always carries ids`);
  }
  const near = await nearNames(arg.trim(), find);
  const lookUp = kind === 'person' ? 'find the name with `refnet people find TEXT` (part of a name or company is enough)' : `list them with \`refnet ${COLLECTION[kind]} find TEXT\``;
  throw usageError(
    `no ${kind} with the id or name "${arg}"${where ? ` in the ${where}` : ''}${near.length ? ` (did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?)` : ''}`,
    near.length ? `give the name as suggested above, or ${lookUp}` : lookUp,
  );
}

/** Search words of a mistyped name: each word, and its first three letters (a typo later in the word still finds it). */
function searchWords(text: string): string[] {
  const words = foldText(text).split(/[\s,.'’-]+/).filter((w) => w.length >= 2);
  return [...new Set(words.flatMap((w) => (w.length > 3 ? [w, w.slice(0, 3)] : [w])))];
}

/**
 * "Did you mean" for a name no record has: the closest names (the rule the dimensions and
 * categories use, graph/service/text-match.ts), among the records a word of it, or its start, finds.
 */
async function nearNames(text: string, find: (text: string) => Promise<Named[]>): Promise<string[]> {
  const words = searchWords(text).slice(0, 8);
  const found = (await Promise.all(words.map(find))).flat();
  return closestMatches(text, new Set(found.map((r) => r.name)));
}

/**
 * Names for ids in output, fetched once each. A name shows as "Name [id]" with --ids, and also
 * whenever another record of the network has the same name (any case, accents optional): the
 * sample's two "Zoë Scott"s are told apart even when only one of them is in the answer, so the
 * reader can pass the right one to the next command instead of hitting "2 people match".
 */
export class Labels {
  private readonly names = new Map<string, Promise<string>>();
  private readonly done = new Map<string, string>();
  /** kind:folded name → whether more than one record of that kind has it. */
  private readonly namesakes = new Map<string, Promise<boolean>>();
  private readonly shared = new Set<string>();

  constructor(
    private readonly http: HttpClient,
    private readonly withIds = false,
  ) {}

  /**
   * Fetches the names of these ids (in parallel) so label() can answer synchronously; `known`
   * gives names the caller already has (a report that carries them), which are not fetched.
   */
  async load(kind: RecordKind, ids: Iterable<string>, known: ReadonlyMap<string, string> = new Map()): Promise<void> {
    const pending: Promise<string>[] = [];
    for (const id of ids) {
      const key = `${kind}:${id}`;
      if (!this.names.has(key)) {
        const name = known.get(id);
        this.names.set(
          key,
          name !== undefined ? Promise.resolve(name) : this.http.find<Named>(`/api/${COLLECTION[kind]}/${encodeURIComponent(id)}`).then((r) => r?.name ?? id),
        );
      }
      pending.push(this.names.get(key)!);
    }
    await Promise.all(pending);
    for (const [key, p] of this.names) this.done.set(key, await p);
    await this.findNamesakes(kind);
  }

  /** One search per distinct name of this kind (events are told apart by their dates instead). */
  private async findNamesakes(kind: RecordKind): Promise<void> {
    if (kind === 'event') return;
    const checks: Promise<void>[] = [];
    for (const [key, name] of this.done) {
      if (!key.startsWith(`${kind}:`) || name === key.slice(kind.length + 1)) continue;
      const folded = `${kind}:${foldText(name)}`;
      if (!this.namesakes.has(folded)) {
        this.namesakes.set(
          folded,
          search(this.http, kind, name).then((found) => found.filter((r) => foldText(r.name) === foldText(name)).length > 1),
        );
      }
      checks.push(this.namesakes.get(folded)!.then((many) => void (many && this.shared.add(folded))));
    }
    await Promise.all(checks);
  }

  /** The name of a loaded id (the id itself when it has no record); "Name [id]" with --ids, when the name is not unique, or when another loaded record has it. */
  label(kind: RecordKind, id: string): string {
    const name = this.done.get(`${kind}:${id}`) ?? id;
    if (name === id) return id;
    const inAnswer = [...this.done].some(([key, other]) => other === name && key !== `${kind}:${id}` && key.startsWith(`${kind}:`));
    return this.withIds || inAnswer || this.shared.has(`${kind}:${foldText(name)}`) ? `${name} [${id}]` : name;
  }

  /** The bare name of a loaded id (the id itself when it has no record). */
  name(kind: RecordKind, id: string): string {
    return this.done.get(`${kind}:${id}`) ?? id;
  }

  person = (id: string) => this.label('person', id);
  group = (id: string) => this.label('group', id);
}
