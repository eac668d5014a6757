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
import type { AnyRecord, RecordKind } from '../records.js';
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
  for (const field of PERSON_FIELDS[kind]) {
    const id = (record as unknown as Record<string, unknown>)[field];
    if (typeof id === 'string' && withheld.has(id)) return false;
  }
  if (kind === 'dismissal') return !rowNamesWithheld((record as { row: string }).row, withheld, records);
  return true;
}

/** True when a row key's ids name a withheld person, directly or as an end of a referral it names. */
function rowNamesWithheld(row: string, withheld: ReadonlySet<string>, records: RecordSet | undefined): boolean {
  for (const part of row.split(':').slice(1)) {
    let id: string;
    try {
      id = decodeURIComponent(part);
    } catch {
      continue;
    }
    if (withheld.has(id)) return true;
    const referral = records?.get('referral', id);
    if (referral && (withheld.has(referral.from) || withheld.has(referral.to))) return true;
  }
  return false;
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
