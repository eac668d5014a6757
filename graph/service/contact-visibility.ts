/**
 * Who sees which person: the one place of that decision.
 *
 * A person imported from a member's own export (LinkedIn, vCard) is that member's private
 * contact (`person.privateTo`). Everyone but the owner is withheld from it: it is never named or
 * detailed, and records naming it (interactions, referrals, memberships, attendance) are withheld
 * with it. In a warm path it may appear as an anonymous hop ("a contact of Ann"). The owner shares
 * it by removing `privateTo` (graph/service/network-service.ts `share`).
 *
 * Who sees everything: admins (sessions with the admin role, API keys with the admin scope) and
 * the local user. Who sees only the shared network and their own private contacts: members and
 * organisers (signed-in sessions). An API key with the read or write scope is nobody: it sees the
 * shared network only. Analytics over the whole network still count private contacts (their
 * numbers follow the k rule); only answers that name or detail people are filtered.
 */
import type { RecordSet } from '../record-set.js';
import { recordCount } from '../collection-labels.js';
import { COLLECTION_OF, keyOf, type AnyRecord, type Change, type RecordKind, type RecordTypes } from '../records.js';
import { count } from '../support/words.js';
import type { IntroRequest, Person } from '../schema.js';
import type { Actor } from './permissions.js';

/** Whose eyes an answer is for. `person` undefined: a viewer who is nobody (a read or write key). */
export type ContactViewer = { seesAll: true } | { seesAll: false; person: string | undefined };

export const SEES_ALL: ContactViewer = { seesAll: true };

/** The viewer a writer is: no actor (a key, the local user; their scope was checked) and admins see all. */
export function viewerOfActor(actor: Actor | undefined): ContactViewer {
  return actor === undefined || actor.role === 'admin' ? SEES_ALL : { seesAll: false, person: actor.person };
}

/**
 * Who makes a write: the signed-in account whose permissions graph/service/permissions.ts checks
 * record by record (none for a key or the local user, whose scope the auth guard checked), and the
 * eyes the write is made with — the viewer its reads have, so that a write neither reveals nor
 * changes a person withheld from it (a key without the admin scope is nobody here as for reads).
 */
export interface Writer {
  actor?: Actor | undefined;
  viewer: ContactViewer;
}

/** The writer a signed-in actor is; with none, a caller who sees everything (the CLI, a restore). */
export function writerOfActor(actor?: Actor): Writer {
  return { actor, viewer: viewerOfActor(actor) };
}

export const TRUSTED_WRITER: Writer = writerOfActor(undefined);

/** True when the viewer may see this person (name, details, ties). */
export function maySeePerson(viewer: ContactViewer, person: Pick<Person, 'privateTo'>): boolean {
  return viewer.seesAll || person.privateTo === undefined || person.privateTo === viewer.person;
}

/** True when the viewer may change who sees this person (share it): its owner or an admin. */
export function mayShare(viewer: ContactViewer, person: Pick<Person, 'privateTo'>): boolean {
  return viewer.seesAll || (person.privateTo !== undefined && person.privateTo === viewer.person);
}

/**
 * The people withheld from a viewer, as ids: empty for a viewer who sees all. Read per request
 * from the records' private contacts (the people with `privateTo`: RecordSet.privatePeople).
 */
export function withheldPeople(records: RecordSet, viewer: ContactViewer): ReadonlySet<string> {
  if (viewer.seesAll) return EMPTY;
  const out = new Set<string>();
  for (const id of records.privatePeople) {
    const p = records.get('person', id);
    if (p && !maySeePerson(viewer, p)) out.add(id);
  }
  return out;
}

/** The person fields of each record kind: a record naming a withheld person is withheld with it. */
export const PERSON_FIELDS: { readonly [K in RecordKind]: readonly string[] } = {
  person: ['id'],
  company: [],
  group: [],
  event: [],
  membership: ['person'],
  attendance: ['person'],
  interaction: ['a', 'b'],
  referral: ['from', 'to'],
  dismissal: ['person'],
  introRequest: ['requester', 'connector', 'target'],
};

/**
 * True when the record names none of the withheld people. A dismissal also names the people of
 * its row (`dormant:ID`, `intro:A:B`, …; a slip's row names a referral, so its two ends, read from
 * `records` when given): which rows a member hid about a private contact says who that contact is.
 */
export function maySeeRecord(kind: RecordKind, record: AnyRecord, withheld: ReadonlySet<string>, records?: RecordSet): boolean {
  if (withheld.size === 0) return true;
  for (const id of peopleNamedBy(kind, record, (key) => records?.get('referral', key))) if (withheld.has(id)) return false;
  return true;
}

/**
 * The ids a record names as people (PERSON_FIELDS), and for a dismissal the ids of its row and the
 * two ends of a referral its row names (`referral` looks one up): whoever may not see one of them
 * may not see the record.
 */
function* peopleNamedBy(kind: RecordKind, record: AnyRecord, referral: (key: string) => { from: string; to: string } | undefined): Generator<string> {
  for (const field of PERSON_FIELDS[kind]) {
    const id = (record as unknown as Record<string, unknown>)[field];
    if (typeof id === 'string') yield id;
  }
  if (kind !== 'dismissal') return;
  for (const part of (record as { row: string }).row.split(':').slice(1)) {
    let id: string;
    try {
      id = decodeURIComponent(part);
    } catch {
      continue;
    }
    yield id;
    const named = referral(id);
    if (named) yield* [named.from, named.to];
  }
}

// ---- changing who sees a person ----------------------------------------------------------

/**
 * Why a person record may not say who it is private to, undefined when it may: nobody is their
 * own private contact. `privateTo` names the member whose address book the person is in; set to
 * the person's own id it would hide an account holder from the network they take part in, and
 * every interaction, referral and membership others have with them from those others — for
 * everyone, admins included, by every way in (graph/service/network-service.ts).
 */
export function ownPrivateContactProblem(person: Pick<Person, 'id' | 'privateTo'>): string | undefined {
  if (person.privateTo === undefined || person.privateTo !== person.id) return undefined;
  return `person "${person.id}" cannot be their own private contact: privateTo names the member whose contact they are (another person), or is left out (shared)`;
}

/**
 * Why an account may not be this person, undefined when it may: an account of a private contact
 * would not see its own record (its week, its card) — the same rule as making an account holder
 * private (visibilityChangeProblems). `owner` is the name of the member whose contact it is.
 */
export function accountPersonProblem(person: Pick<Person, 'id' | 'name' | 'privateTo'>, owner: string): string | undefined {
  if (person.privateTo === undefined) return undefined;
  return `${person.name} (${person.id}) is a private contact of ${owner}: an account of theirs would not see their own record; share the contact first (\`refnet people share ${person.id}\` or POST /api/people/${encodeURIComponent(person.id)}/share)`;
}

/** A person made private (or handed to another owner) by a write, and why the write may not do it. */
export interface VisibilityChangeProblem {
  person: string;
  message: string;
}

/**
 * The people the changes make private, or hand to another owner, who someone else has records
 * with: such a change would take those records out of the sight of the people who take part in
 * them (a member's interaction or referral with the person, the person's memberships and
 * attendance a group's organisers and reports read, intro requests naming them, rows of their week
 * others hid about them), so it is refused for every writer, naming how many records. A person no
 * one but the new owner (and the owner's private contacts) has records with may be made private:
 * a contact a member adds, or a shared person only they know. Judged record by record on the
 * write as a whole: a record counts when one who takes part in it (a person still there after the
 * write, or the shared network for a membership or attendance) saw it before the write and would
 * not after (a merge handing a removed person's contacts to the kept one takes nothing from
 * anyone). Creating a person takes nothing from anyone either: no record names them yet.
 */
export function visibilityChangeProblems(records: RecordSet, changes: readonly Change[], accountsOf: AccountsOf = NO_ACCOUNTS): VisibilityChangeProblem[] {
  const narrowed: { before: Person; after: Person }[] = [];
  const problems: VisibilityChangeProblem[] = [];
  // An account holder made private would no longer see their own record (nor their week): refused
  // like the records below (which are named first), a new record under an account's person id included.
  const accountProblem = (person: Person) => {
    const emails = accountsOf(person.id);
    if (emails.length === 0) return;
    problems.push({ person: person.id, message: `person "${person.id}" cannot be made private to "${person.privateTo}": ${accountWords(emails)} ${emails.length === 1 ? 'is' : 'are'} this person, who would no longer see their own record; link the account to another person first, or leave privateTo as it was` });
  };
  for (const c of changes) {
    if (c.op !== 'put' || c.kind !== 'person' || c.record.privateTo === undefined) continue;
    const before = records.get('person', c.record.id);
    if (before !== undefined && c.record.privateTo === before.privateTo) continue;
    if (before !== undefined) narrowed.push({ before, after: c.record });
    else accountProblem(c.record);
  }
  if (narrowed.length === 0) return problems;
  const after = stateAfter(records, changes);
  for (const { after: person } of narrowed) {
    const lost = new Map<RecordKind, number>();
    for (const [kind, key] of recordsNaming(records, person.id)) {
      const was = records.get(kind, key)!;
      const will = after.get(kind, key);
      if (will !== undefined && someoneLosesSight(kind, was, will, records, after, person.id)) lost.set(kind, (lost.get(kind) ?? 0) + 1);
    }
    if (lost.size === 0) {
      accountProblem(person);
      continue;
    }
    const n = [...lost.values()].reduce((a, b) => a + b, 0);
    const which = [...lost].map(([kind, k]) => recordCount(k, COLLECTION_OF[kind])).join(', ');
    problems.push({
      person: person.id,
      message: `person "${person.id}" cannot be made private to "${person.privateTo}": ${count(n, 'record')} other people take part in name them (${which}), and they would no longer see ${n === 1 ? 'it' : 'them'}; only a person no one else has records with becomes someone's private contact (leave privateTo as it was)`,
    });
  }
  return problems;
}

/** The emails of the accounts that are a person (enabled ones: graph/service/account-holders.ts). */
export type AccountsOf = (person: string) => readonly string[];
const NO_ACCOUNTS: AccountsOf = () => [];

/** "an account (ann@example.org)", "2 accounts (a@x.org, b@x.org)". */
export function accountWords(emails: readonly string[]): string {
  return `${emails.length === 1 ? 'an account' : `${emails.length} accounts`} (${emails.join(', ')})`;
}

/** A record a write puts that someone taking part in it would not see, and the field naming them. */
export interface JoinedRecordProblem {
  kind: RecordKind;
  key: string;
  field: string;
  message: string;
}

/**
 * The records a write puts (interactions, referrals, intro requests, memberships, attendance) that
 * one who takes part in them would not see: the rule visibilityChangeProblems keeps when a person
 * is made private, kept when a record is written. A record may join a member's private contact
 * only with that member (or their other private contacts): with anyone else it would be withheld
 * from that person, who is in it — and a membership or attendance of a private contact from the
 * group's organisers and reports. Judged on the write as a whole (a merge, an import), like the
 * other rule; a record already withheld from someone before the write (stored before the rule) is
 * not counted against a write that leaves them as withheld as they were. `label` names a person.
 */
export function joinedRecordProblems(records: RecordSet, changes: readonly Change[], label: (id: string) => string): JoinedRecordProblem[] {
  const after = stateAfter(records, changes);
  const problems: JoinedRecordProblem[] = [];
  for (const c of changes) {
    if (c.op === 'put' && c.kind in PARTICIPANT_FIELDS) problems.push(...putProblems(records, after, c.kind as keyof typeof PARTICIPANT_FIELDS, c.record, label));
  }
  return problems;
}

type RecordsAfter = ReturnType<typeof stateAfter>;

/** joinedRecordProblems for one record put: each participant who would not see it, or (a membership, an attendance) the network. */
function putProblems(records: RecordSet, after: RecordsAfter, kind: keyof typeof PARTICIPANT_FIELDS, will: AnyRecord, label: (id: string) => string): JoinedRecordProblem[] {
  const key = keyOf(kind, will as never);
  const was = records.get(kind, key);
  const field = (name: string) => (will as unknown as Record<string, string>)[name]!;
  const problems: JoinedRecordProblem[] = [];
  for (const name of PARTICIPANT_FIELDS[kind]) {
    const self = field(name);
    // A private contact is no one's eyes: they take part with their owner's (two contacts of one member may meet).
    const viewer: ContactViewer = { seesAll: false, person: after.get('person', self)?.privateTo ?? self };
    const contact = withheldIn(after, kind, will, viewer, self);
    if (contact === undefined || !sawAllBefore(records, kind, was, viewer, self)) continue;
    const owner = after.get('person', contact)!.privateTo!;
    problems.push({ kind, key, field: name, message: `${label(self)} is not the owner of the private contact ${label(contact)} (a contact of ${label(owner)}) and would not see this ${kind}, which names them both: share the contact first` });
  }
  if ((kind === 'membership' || kind === 'attendance') && problems.length === 0) {
    const network: ContactViewer = { seesAll: false, person: undefined };
    const contact = withheldIn(after, kind, will, network);
    if (contact !== undefined && sawAllBefore(records, kind, was, network)) {
      const where = kind === 'membership' ? `a membership of group "${field('group')}"` : `attendance of event "${field('event')}"`;
      problems.push({ kind, key, field: 'person', message: `${label(contact)} is a private contact of ${label(after.get('person', contact)!.privateTo!)}: ${where} is read by the group's organisers and reports, who would not see it; share the contact first` });
    }
  }
  return problems;
}

/** A person the record names, other than `self`, whom `viewer` may not see after the write. */
function withheldIn(after: RecordsAfter, kind: RecordKind, record: AnyRecord, viewer: ContactViewer, self?: string): string | undefined {
  for (const id of peopleNamedBy(kind, record, (k) => after.get('referral', k))) {
    const p = after.get('person', id);
    if (id !== self && p !== undefined && !maySeePerson(viewer, p)) return id;
  }
  return undefined;
}

/**
 * Whether `viewer` saw everyone the stored record named (or `self` was not in it, or there was
 * none): only one who was in the stored record and withheld from it then is left as they were
 * (a record stored before the rule).
 */
function sawAllBefore(records: RecordSet, kind: RecordKind, was: AnyRecord | undefined, viewer: ContactViewer, self?: string): boolean {
  if (was === undefined) return true;
  const named = [...peopleNamedBy(kind, was, (k) => records.get('referral', k))];
  if (self !== undefined && !named.includes(self)) return true;
  return named.every((id) => {
    const p = records.get('person', id);
    return id === self || p === undefined || maySeePerson(viewer, p);
  });
}

/** The fields naming the people who take part in a record (each sees it with their own eyes); a membership or attendance is read by the shared network too. */
const PARTICIPANT_FIELDS = {
  interaction: ['a', 'b'],
  referral: ['from', 'to'],
  introRequest: ['requester', 'connector', 'target'],
  membership: ['person'],
  attendance: ['person'],
} as const;

/** The records as a write leaves them: its puts and deletes over the stored ones (for the few keys asked). */
function stateAfter(records: RecordSet, changes: readonly Change[]): { get<K extends RecordKind>(kind: K, key: string): RecordTypes[K] | undefined } {
  const changed = new Map<string, AnyRecord | null>();
  const at = (kind: RecordKind, key: string) => `${kind}\u0000${key}`;
  for (const c of changes) changed.set(c.op === 'put' ? at(c.kind, keyOf(c.kind, c.record as never)) : at(c.kind, c.key), c.op === 'put' ? c.record : null);
  return {
    get<K extends RecordKind>(kind: K, key: string) {
      const c = changed.get(at(kind, key));
      return c === null ? undefined : ((c as RecordTypes[K] | undefined) ?? records.get(kind, key));
    },
  };
}

/** Every stored record naming the person besides their own dismissals (no one else takes part in those), as [kind, key]. */
function* recordsNaming(records: RecordSet, person: string): Generator<[RecordKind, string]> {
  for (const key of records.membershipsOf.get(person)) yield ['membership', key];
  for (const key of records.attendanceOf.get(person)) yield ['attendance', key];
  for (const key of records.interactionsOf.get(person)) yield ['interaction', key];
  for (const key of records.referralsOf.get(person)) yield ['referral', key];
  for (const key of records.introRequestsOf.get(person)) yield ['introRequest', key];
  // Rows others hid about them: no index by a row's people, and dismissals are few (hidden by hand).
  for (const [key, d] of records.maps.dismissal) {
    if (d.person === person) continue;
    for (const id of peopleNamedBy('dismissal', d, (k) => records.get('referral', k))) {
      if (id === person) {
        yield ['dismissal', key];
        break;
      }
    }
  }
}

/** Who takes part in a record, as viewers: its people, and for a membership or attendance the shared network too (the group's organisers and reports). */
function takingPart(kind: RecordKind, record: AnyRecord): ContactViewer[] {
  const field = (name: string) => (record as unknown as Record<string, string>)[name]!;
  const person = (id: string): ContactViewer => ({ seesAll: false, person: id });
  switch (kind) {
    case 'interaction':
      return [person(field('a')), person(field('b'))];
    case 'referral':
      return [person(field('from')), person(field('to'))];
    case 'introRequest':
      return [person(field('requester')), person(field('connector')), person(field('target'))];
    case 'dismissal':
      return [person(field('person'))];
    case 'membership':
    case 'attendance':
      return [person(field('person')), { seesAll: false, person: undefined }];
    default:
      return [];
  }
}

type PersonLookup = { get(kind: 'person', key: string): Person | undefined; get(kind: 'referral', key: string): { from: string; to: string } | undefined };

/**
 * True when someone taking part in the record (and there after the write) saw it before the write
 * and would not after it. The person made private is left out: a contact is no one's eyes (a
 * person with an account made private is the case docs/SECURITY.md leaves to admins, "Not covered").
 */
function someoneLosesSight(kind: RecordKind, was: AnyRecord, will: AnyRecord, before: PersonLookup, after: PersonLookup, madePrivate: string): boolean {
  const sees = (viewer: ContactViewer, record: AnyRecord, state: PersonLookup) => {
    for (const id of peopleNamedBy(kind, record, (k) => state.get('referral', k))) {
      const p = state.get('person', id);
      if (p !== undefined && !maySeePerson(viewer, p)) return false;
    }
    return true;
  };
  const there = (v: ContactViewer) => v.seesAll || v.person === undefined || (v.person !== madePrivate && after.get('person', v.person) !== undefined);
  return takingPart(kind, will).some((v) => there(v) && sees(v, was, before) && !sees(v, will, after));
}

/**
 * The people of an intro request withheld from its connector, [] when none. The connector answers
 * a request from their own list (graph/service/intro-requests.ts `introRequestsOf`), where one
 * naming a person withheld from them is left out and can never be moved; so such a request is
 * refused when asked (a private contact stays private: it is never shown to the connector) and
 * counts for nothing in the connector's reliability, however it came in (an import, or a person
 * made private after the asking) — a request they could not see is no request they let lapse.
 * The connector is judged with a member's eyes (the shared network and their own private
 * contacts), whatever their account's role: what a person is asked to answer, and their track
 * record, follow the people, not a role that can change.
 */
export function hiddenFromConnector(records: RecordSet, request: Pick<IntroRequest, 'requester' | 'connector' | 'target'>): string[] {
  const connector: ContactViewer = { seesAll: false, person: request.connector };
  return [request.requester, request.connector, request.target].filter((id) => {
    const p = records.get('person', id);
    return p !== undefined && !maySeePerson(connector, p);
  });
}

/** How a withheld person reads in a warm path: only whose contact it is (the owner, when the viewer may see them). */
export function anonymousHop(records: RecordSet, viewer: ContactViewer, id: string): { contactOf: string | null; label: string } {
  const ownerId = records.get('person', id)?.privateTo;
  const owner = ownerId === undefined ? undefined : records.get('person', ownerId);
  if (owner === undefined || !maySeePerson(viewer, owner)) return { contactOf: null, label: 'a private contact' };
  return { contactOf: owner.id, label: `a contact of ${owner.name}` };
}

const EMPTY: ReadonlySet<string> = new Set();
