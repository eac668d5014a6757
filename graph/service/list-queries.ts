/**
 * List queries for every record kind: filters as zod schemas (also documented in OpenAPI), served
 * from the in-memory RecordSet in key order with cursor pagination.
 *
 * A filter never answers an empty page that only looks like "nobody": a filter naming a record by
 * id (`?group=g9`) that does not exist, or is a person withheld from the viewer, is a 404 like a
 * lookup of it; a category value (`?industry=Acountant`) that no record the viewer may see holds is
 * a 400 naming it with its closest spellings (matchCategories of graph/analytics/dimensions.ts, the
 * check `where[DIM]=` and a diversity gap's targets use), unless `allowAbsent=true`. Filters on a
 * sensitive dimension never get this far: api/routes/sensitive-filters.ts refuses them first, so
 * that 400 never names who holds what.
 */
import { z } from 'zod';
import { matchCategories, DimensionInputError, DimensionInputErrors } from '../analytics/dimensions.js';
import type { RecordSet } from '../record-set.js';
import type { RecordKind, RecordTypes } from '../records.js';
import { interactionKindSchema, introRequestStatusSchema, referralStatusSchema } from '../schema.js';
import { maySeeRecord } from './contact-visibility.js';
import { NotFoundError } from './errors.js';
import { paginate, pageQuerySchema, type Page } from './pagination.js';
import type { SortedKeys } from './sorted-keys.js';
import { foldCategory, foldText, searchText } from './text-match.js';
import { searchedKeys } from './text-index.js';

const filter = z.string().min(1, 'must not be empty').optional();
// A search is text a person types: a control character (NUL separates a record's searched fields)
// or a text that is nothing once accents, invisible characters and spaces are set aside (a lone
// combining accent, a blank or a non-breaking space, which every name with a space holds) matched everyone.
const q = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => !/\p{Cc}/u.test(s), 'must not hold control characters: give the text to search for')
  .refine((s) => /\p{Cc}/u.test(s) || !/^[\p{Z}\s]*$/u.test(foldText(s)), 'has nothing to search for once accents, invisible characters and spaces are set aside: give a letter, digit or sign')
  .optional()
  .describe('case- and accent-insensitive text search');
/** A filter naming a record by id. */
const byId = (what: string) => filter.describe(`${what}; an unknown id is a 404`);
/** A filter on a category the listed records hold (CATEGORY_FILTERS). */
const byCategory = (what: string) => filter.describe(`${what}, in any case and without accents; a value no one holds is a 400 naming the closest ones (unless allowAbsent=true)`);
const allowAbsent = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .describe('true: a category filter value no one holds answers an empty page instead of a 400');

export const listQuerySchemas = {
  person: pageQuerySchema.extend({
    industry: byCategory('exact industry'),
    group: byId('people with a membership of this group id, past, current or future'),
    tag: byCategory('people with this tag'),
    q: q.describe('search in name and company, case- and accent-insensitive'),
    allowAbsent,
  }),
  company: pageQuerySchema.extend({ industry: byCategory('exact industry'), q: q.describe('search in name'), allowAbsent }),
  group: pageQuerySchema.extend({ kind: byCategory('groups of this kind (e.g. chapter, club)'), q: q.describe('search in name'), allowAbsent }),
  event: pageQuerySchema.extend({ group: byId('events hosted by this group id'), q: q.describe('search in name') }),
  membership: pageQuerySchema.extend({ person: byId('memberships of this person id'), group: byId('memberships of this group id') }),
  attendance: pageQuerySchema.extend({ person: byId('attendance of this person id'), event: byId('attendance at this event id') }),
  interaction: pageQuerySchema.extend({ person: byId('either side'), kind: interactionKindSchema.optional().describe('only interactions of this kind') }),
  referral: pageQuerySchema.extend({
    person: byId('giver or receiver'),
    from: byId('referrals given by this person id'),
    to: byId('referrals received by this person id'),
    status: referralStatusSchema.optional().describe('only referrals in this status'),
  }),
  dismissal: pageQuerySchema.extend({ person: byId('dismissals of this person id') }),
  introRequest: pageQuerySchema.extend({
    person: byId('requester, connector or target'),
    requester: byId('asked by this person id'),
    connector: byId('asked of this person id'),
    target: byId('naming this person id as target'),
    status: introRequestStatusSchema.optional(),
  }),
} as const satisfies { [K in RecordKind]: z.ZodType };

/** The filters of each kind that name a record by id, and the kind they name. */
const ID_FILTERS: { readonly [K in RecordKind]: Readonly<Record<string, 'person' | 'group' | 'event'>> } = {
  person: { group: 'group' },
  company: {},
  group: {},
  event: { group: 'group' },
  membership: { person: 'person', group: 'group' },
  attendance: { person: 'person', event: 'event' },
  interaction: { person: 'person' },
  referral: { person: 'person', from: 'person', to: 'person' },
  dismissal: { person: 'person' },
  introRequest: { person: 'person', requester: 'person', connector: 'person', target: 'person' },
};

/** The list's filters naming a record by id, and those on a category (for the OpenAPI document's answers). */
export function filterNamesOf(kind: RecordKind): { ids: string[]; categories: string[] } {
  return { ids: Object.keys(ID_FILTERS[kind]), categories: Object.keys(CATEGORY_FILTERS[kind] ?? {}) };
}

type Held<R> = (record: R) => string | readonly string[] | undefined;

/** The filters of each kind on a category its records hold (the filter's name is the category's), and the values a record holds. */
const CATEGORY_FILTERS: { readonly [K in RecordKind]?: Readonly<Record<string, Held<RecordTypes[K]>>> } = {
  person: { industry: (p) => p.industry, tag: (p) => p.tags },
  company: { industry: (c) => c.industry },
  group: { kind: (g) => g.kind },
};

export type ListQuery<K extends RecordKind> = z.infer<(typeof listQuerySchemas)[K]>;

/**
 * One page of records of `kind` matching the query, as a viewer from whom `withheld` people (and
 * the records naming them) are hidden. Throws NotFoundError for an id filter naming nothing the
 * viewer may see, and DimensionInputError (DimensionInputErrors for several) for category values none of
 * the records the viewer may see holds.
 */
export function listRecords<K extends RecordKind>(kind: K, query: ListQuery<K>, records: RecordSet, sorted: SortedKeys, withheld: ReadonlySet<string> = NO_ONE): Page<RecordTypes[K]> {
  requireKnownIds(kind, query, records, withheld);
  const map = records.maps[kind] as Map<string, RecordTypes[K]>;
  const visible = (r: RecordTypes[K]) => maySeeRecord(kind, r, withheld, records);
  const { candidates, search, accept } = plan(kind, query, records);
  const categories = categoryFiltersOf(kind, query);
  const pick = (key: string) => {
    const r = map.get(key);
    return r !== undefined && accept(r as never) && categories.every((c) => holds(c.held, r, c.folded)) && visible(r) ? r : undefined;
  };
  // A text search with no narrower index reads the kind's search text (text-index.ts) for its matches in key order.
  const keysAfter = !candidates && search && ((after: string | undefined) => searchedKeys(records, kind, () => sorted.of(kind), search.textOf as never, search.needle, after));
  const page = paginate(query, candidates ? { candidates } : keysAfter ? { keysAfter } : { sortedKeys: sorted.of(kind) }, pick);
  // A page with items shows every category value is held; only an empty one needs the scan.
  if (page.items.length === 0 && (query as { allowAbsent?: boolean }).allowAbsent !== true) requireHeld(kind, categories, map.values(), visible);
  return page;
}

const NO_ONE: ReadonlySet<string> = new Set();

/** An id filter naming no record (or a person withheld from the viewer) is a 404, as a lookup of that id is. */
function requireKnownIds(kind: RecordKind, query: Record<string, unknown>, records: RecordSet, withheld: ReadonlySet<string>): void {
  for (const [name, target] of Object.entries(ID_FILTERS[kind])) {
    const id = query[name];
    if (typeof id !== 'string') continue;
    if (!records.has(target, id) || (target === 'person' && withheld.has(id))) throw new NotFoundError(`no ${target} with id "${id}" (the ${name} filter)`);
  }
}

/** A category filter the query gives: its name, the value asked for (and folded), how a record holds the category. */
interface CategoryFilter<R> {
  name: string;
  value: string;
  folded: string;
  held: Held<R>;
}

function categoryFiltersOf<K extends RecordKind>(kind: K, query: Record<string, unknown>): CategoryFilter<RecordTypes[K]>[] {
  const out: CategoryFilter<RecordTypes[K]>[] = [];
  for (const [name, held] of Object.entries<Held<RecordTypes[K]>>(CATEGORY_FILTERS[kind] ?? {})) {
    const value = query[name];
    if (typeof value === 'string') out.push({ name, value, folded: foldCategory(value), held });
  }
  return out;
}

/** The values a record holds on a category, empty strings left out (they are no value). */
function heldValues<R>(held: Held<R>, record: R): readonly string[] {
  const v = held(record);
  return (v === undefined ? [] : typeof v === 'string' ? [v] : v).filter((x) => x !== '');
}

/** True when the record holds the (folded) value: in any case and without accents, as matchCategories matches. */
function holds<R>(held: Held<R>, record: R, folded: string): boolean {
  return heldValues(held, record).some((x) => foldCategory(x) === folded);
}

/** Each category filter value must be held by a record the viewer may see: every one that is not is named (matchCategories). */
function requireHeld<K extends RecordKind>(kind: K, filters: CategoryFilter<RecordTypes[K]>[], all: Iterable<RecordTypes[K]>, visible: (r: RecordTypes[K]) => boolean): void {
  if (filters.length === 0) return;
  const held = new Map(filters.map((f) => [f, new Set<string>()]));
  for (const r of all) {
    if (!visible(r)) continue;
    for (const [f, values] of held) for (const x of heldValues(f.held, r)) values.add(x);
  }
  const problems: DimensionInputError[] = [];
  for (const [{ name, value }, values] of held) {
    try {
      matchCategories([...values].sort(), [value], { dimension: name, parameter: name, holders: kind === 'person' ? 'no one' : `no ${kind}` });
    } catch (err) {
      if (!(err instanceof DimensionInputError)) throw err;
      problems.push(err);
    }
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new DimensionInputErrors(problems);
}

interface Plan<R> {
  /** Keys narrowed down by an index, when a filter allows it. */
  candidates?: Iterable<string>;
  /** The text search, when `q` is given: its folded needle and a record's searched text. */
  search?: { needle: string; textOf: (r: R) => string };
  accept: (r: R) => boolean;
}

const fold = (s: string | undefined) => (s === undefined ? undefined : foldText(s));

function plan(kind: RecordKind, query: Record<string, unknown>, records: RecordSet): Plan<never> {
  switch (kind) {
    // Category filters (industry, tag, kind) are matched in listRecords (CATEGORY_FILTERS), for every kind alike.
    case 'person': {
      const f = query as ListQuery<'person'>;
      const needle = fold(f.q);
      const members = f.group === undefined ? undefined : membersOf(records, f.group);
      const textOf = (r: RecordTypes['person']) => searchText(r, r.name, r.company);
      const p: Plan<RecordTypes['person']> = {
        candidates: members,
        search: needle === undefined ? undefined : { needle, textOf },
        accept: (r) => needle === undefined || textOf(r).includes(needle),
      };
      return p;
    }
    case 'company': {
      const f = query as ListQuery<'company'>;
      const needle = fold(f.q);
      const textOf = (r: RecordTypes['company']) => searchText(r, r.name);
      const p: Plan<RecordTypes['company']> = {
        search: needle === undefined ? undefined : { needle, textOf },
        accept: (r) => needle === undefined || textOf(r).includes(needle),
      };
      return p;
    }
    case 'group': {
      const f = query as ListQuery<'group'>;
      const needle = fold(f.q);
      const textOf = (r: RecordTypes['group']) => searchText(r, r.name);
      const p: Plan<RecordTypes['group']> = {
        search: needle === undefined ? undefined : { needle, textOf },
        accept: (r) => needle === undefined || textOf(r).includes(needle),
      };
      return p;
    }
    case 'event': {
      const f = query as ListQuery<'event'>;
      const needle = fold(f.q);
      const textOf = (r: RecordTypes['event']) => searchText(r, r.name);
      const p: Plan<RecordTypes['event']> = {
        candidates: f.group === undefined ? undefined : records.eventsOf.get(f.group),
        search: needle === undefined ? undefined : { needle, textOf },
        accept: (r) => needle === undefined || textOf(r).includes(needle),
      };
      return p;
    }
    case 'membership': {
      const f = query as ListQuery<'membership'>;
      const p: Plan<RecordTypes['membership']> = {
        candidates: f.person !== undefined ? records.membershipsOf.get(f.person) : f.group !== undefined ? records.membersOf.get(f.group) : undefined,
        accept: (r) => (f.person === undefined || r.person === f.person) && (f.group === undefined || r.group === f.group),
      };
      return p;
    }
    case 'attendance': {
      const f = query as ListQuery<'attendance'>;
      const p: Plan<RecordTypes['attendance']> = {
        candidates: f.person !== undefined ? records.attendanceOf.get(f.person) : f.event !== undefined ? records.attendeesOf.get(f.event) : undefined,
        accept: (r) => (f.person === undefined || r.person === f.person) && (f.event === undefined || r.event === f.event),
      };
      return p;
    }
    case 'interaction': {
      const f = query as ListQuery<'interaction'>;
      const p: Plan<RecordTypes['interaction']> = {
        candidates: f.person === undefined ? undefined : records.interactionsOf.get(f.person),
        accept: (r) => f.kind === undefined || r.kind === f.kind,
      };
      return p;
    }
    case 'referral': {
      const f = query as ListQuery<'referral'>;
      const person = f.person ?? f.from ?? f.to;
      const p: Plan<RecordTypes['referral']> = {
        candidates: person === undefined ? undefined : records.referralsOf.get(person),
        accept: (r) =>
          (f.person === undefined || r.from === f.person || r.to === f.person) &&
          (f.from === undefined || r.from === f.from) &&
          (f.to === undefined || r.to === f.to) &&
          (f.status === undefined || r.status === f.status),
      };
      return p;
    }
    case 'dismissal': {
      const f = query as ListQuery<'dismissal'>;
      const p: Plan<RecordTypes['dismissal']> = {
        candidates: f.person === undefined ? undefined : records.dismissalsOf.get(f.person),
        accept: () => true,
      };
      return p;
    }
    case 'introRequest': {
      const f = query as ListQuery<'introRequest'>;
      const by = f.person ?? f.requester ?? f.connector ?? f.target;
      const p: Plan<RecordTypes['introRequest']> = {
        candidates: by === undefined ? undefined : records.introRequestsOf.get(by),
        accept: (r) =>
          (f.person === undefined || r.requester === f.person || r.connector === f.person || r.target === f.person) &&
          (f.requester === undefined || r.requester === f.requester) &&
          (f.connector === undefined || r.connector === f.connector) &&
          (f.target === undefined || r.target === f.target) &&
          (f.status === undefined || r.status === f.status),
      };
      return p;
    }
  }
}

/** Person ids of a group's members (the index holds membership keys). */
function membersOf(records: RecordSet, group: string): string[] {
  const ids: string[] = [];
  for (const key of records.membersOf.get(group)) {
    const m = records.maps.membership.get(key);
    if (m) ids.push(m.person);
  }
  return ids;
}
