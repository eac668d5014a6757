/**
 * List queries for every record kind: filters as zod schemas (also documented in OpenAPI), served
 * from the in-memory RecordSet in key order with cursor pagination.
 */
import { z } from 'zod';
import type { RecordSet } from '../record-set.js';
import type { RecordKind, RecordTypes } from '../records.js';
import { interactionKindSchema, referralStatusSchema } from '../schema.js';
import { paginate, pageQuerySchema, type Page } from './pagination.js';
import type { SortedKeys } from './sorted-keys.js';
import { foldCategory, foldText, recordMatches } from './text-match.js';

const filter = z.string().min(1, 'must not be empty').optional();
const q = z.string().min(1, 'must not be empty').optional().describe('case- and accent-insensitive text search');

export const listQuerySchemas = {
  person: pageQuerySchema.extend({
    industry: filter.describe('exact industry, case- and accent-insensitive'),
    group: filter.describe('members of this group id'),
    tag: filter.describe('people with this tag'),
    q: q.describe('search in name and company, case- and accent-insensitive'),
  }),
  company: pageQuerySchema.extend({ industry: filter.describe('exact industry, case- and accent-insensitive'), q: q.describe('search in name') }),
  group: pageQuerySchema.extend({ kind: filter.describe('groups of this kind (e.g. chapter, club)'), q: q.describe('search in name') }),
  event: pageQuerySchema.extend({ group: filter.describe('events hosted by this group id'), q: q.describe('search in name') }),
  membership: pageQuerySchema.extend({ person: filter.describe('memberships of this person id'), group: filter.describe('memberships of this group id') }),
  attendance: pageQuerySchema.extend({ person: filter.describe('attendance of this person id'), event: filter.describe('attendance at this event id') }),
  interaction: pageQuerySchema.extend({ person: filter.describe('either side'), kind: interactionKindSchema.optional().describe('only interactions of this kind') }),
  referral: pageQuerySchema.extend({
    person: filter.describe('giver or receiver'),
    from: filter.describe('referrals given by this person id'),
    to: filter.describe('referrals received by this person id'),
    status: referralStatusSchema.optional().describe('only referrals in this status'),
  }),
  dismissal: pageQuerySchema.extend({ person: filter.describe('dismissals of this person id') }),
} as const satisfies { [K in RecordKind]: z.ZodType };

export type ListQuery<K extends RecordKind> = z.infer<(typeof listQuerySchemas)[K]>;

/** One page of records of `kind` matching the query (and `visible`: what the caller may see). */
export function listRecords<K extends RecordKind>(
  kind: K,
  query: ListQuery<K>,
  records: RecordSet,
  sorted: SortedKeys,
  visible: (r: RecordTypes[K]) => boolean = () => true,
): Page<RecordTypes[K]> {
  const map = records.maps[kind] as Map<string, RecordTypes[K]>;
  const { candidates, accept } = plan(kind, query, records);
  const pick = (key: string) => {
    const r = map.get(key);
    return r !== undefined && accept(r as never) && visible(r) ? r : undefined;
  };
  return paginate(query, candidates ? { candidates } : { sortedKeys: sorted.of(kind) }, pick);
}

interface Plan<R> {
  /** Keys narrowed down by an index, when a filter allows it. */
  candidates?: Iterable<string>;
  accept: (r: R) => boolean;
}

const fold = (s: string | undefined) => (s === undefined ? undefined : foldText(s));

function plan(kind: RecordKind, query: Record<string, unknown>, records: RecordSet): Plan<never> {
  switch (kind) {
    case 'person': {
      const f = query as ListQuery<'person'>;
      const industry = fold(f.industry);
      const needle = fold(f.q);
      const members = f.group === undefined ? undefined : membersOf(records, f.group);
      const p: Plan<RecordTypes['person']> = {
        candidates: members,
        accept: (r) =>
          (industry === undefined || (r.industry !== undefined && foldCategory(r.industry) === industry)) &&
          (f.tag === undefined || (r.tags?.includes(f.tag) ?? false)) &&
          (needle === undefined || recordMatches(needle, r, r.name, r.company)),
      };
      return p;
    }
    case 'company': {
      const f = query as ListQuery<'company'>;
      const industry = fold(f.industry);
      const needle = fold(f.q);
      const p: Plan<RecordTypes['company']> = {
        accept: (r) =>
          (industry === undefined || (r.industry !== undefined && foldCategory(r.industry) === industry)) &&
          (needle === undefined || recordMatches(needle, r, r.name)),
      };
      return p;
    }
    case 'group': {
      const f = query as ListQuery<'group'>;
      const needle = fold(f.q);
      const p: Plan<RecordTypes['group']> = {
        accept: (r) => (f.kind === undefined || r.kind === f.kind) && (needle === undefined || recordMatches(needle, r, r.name)),
      };
      return p;
    }
    case 'event': {
      const f = query as ListQuery<'event'>;
      const needle = fold(f.q);
      const p: Plan<RecordTypes['event']> = {
        candidates: f.group === undefined ? undefined : records.eventsOf.get(f.group),
        accept: (r) => needle === undefined || recordMatches(needle, r, r.name),
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
