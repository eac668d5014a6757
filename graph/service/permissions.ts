/**
 * Who may write which record: the one place of that decision. API keys and the local user are
 * not actors here (keys keep their scope semantics, checked by the auth guard); an actor is a
 * signed-in account: its role and the person of the network it is.
 *
 * - admin: everything.
 * - member: records they take part in — interactions where they are `a` or `b`, referrals they
 *   give (`from`) or receive (`to`), and interactions and referrals between two of their own
 *   private contacts (their address book: no one else sees those, nor any record naming them;
 *   between a contact and anyone else shared, the other would have a tie they never logged),
 *   intro requests they ask or are asked (requester, connector;
 *   which status each may set: introRequestMoveRefusal; asked and moved through their own routes
 *   only, so an import or a merge may delete one or rename its people, never create or move one),
 *   their own memberships and attendance,
 *   their own person record, their own private contacts (`privateTo` them) — and adding a new
 *   person (a contact they bring in, shared or private to them). Editing or deleting anyone else's
 *   record, and every company, group and event, is refused.
 * - organiser: what a member may, plus the groups they are a current member of (membershipActive
 *   of graph/analytics/dimensions.ts at the request's instant, the rule the reports use): the group
 *   record itself, its memberships, its events (an event belongs to a group through `event.group`)
 *   and the attendance of those events. The data model has no "organiser of" relation, so the role
 *   says "organises", membership says "which groups". Deleting such a group un-hosts its events in
 *   the same write (they stay, docs/DOMAIN.md): that un-hosting is theirs too, though an event
 *   with no host is otherwise admin-only (hostedEventLeavesWithItsGroup).
 *
 * A write is checked on the record before it (edit, delete) and after it (create, edit): moving
 * an interaction of your own onto two other people is refused like creating it would be.
 * A write that would leave the record as it is is checked the same (PUT, PATCH and POST check
 * every requested write, no-ops included): re-sending someone else's record is refused. An import
 * is checked on its changes: a document restating stored records asks for no write of them. Two rules
 * look at both at once:
 *
 * - Joining a group: a non-admin may not give themselves membership time, from now on, in a group
 *   that has been started — one with any membership (past, current or future) or hosting any event
 *   (otherwise an organiser could add themselves to any group and manage it: a folded chapter, or
 *   one whose members start next month, has no current members but has a record, events and
 *   attendance other people's metrics and reports rest on). So no new membership of their own
 *   there, and no edit that makes their membership cover a moment from now on it did not cover
 *   before (reviving an ended one, bringing a future one forward); that group's organisers or an
 *   admin add them. They may join a group nothing has happened in yet (starting it: no membership,
 *   no event), change the dates of a membership that is current, correct an ended one that stays
 *   ended, and leave (delete their membership) at any time.
 * - Privacy of a person: a non-admin makes a person private only to themselves (`privateTo` their
 *   own person id), or shares a record they own (removes `privateTo`); never private to anyone
 *   else, on their own record or their contacts alike. Two rules bind every writer, admins and
 *   the CLI included, and are decided with who sees whom (contact-visibility.ts): no one is their
 *   own private contact (`ownPrivateContactProblem`), and a person others have records with is
 *   never made private nor handed to another owner (`visibilityChangeProblems`), so what is left
 *   to a non-admin is making private a contact they add.
 */
import { membershipActive } from '../analytics/dimensions.js';
import { endOf } from '../analytics/time.js';
import type { RecordKind, RecordTypes } from '../records.js';
import { sameContent } from './canonical.js';
import type { NamedKind } from './record-label.js';

export type WriterRole = 'member' | 'organiser' | 'admin';

export interface Actor {
  role: WriterRole;
  /** The person of the network the account is. */
  person: string;
}

/** One write of one record: as it was (edit, delete; undefined for a create) and as it will be (create, edit; undefined for a delete). */
export type Write = { [K in RecordKind]: { kind: K; before: RecordTypes[K] | undefined; after: RecordTypes[K] | undefined } }[RecordKind];

/** What the rules need to know of the network beyond the record, read at one instant. */
export interface PermissionFacts {
  /** The instant of the request (ms since the epoch): "current" and "from now on" are at it. */
  now: number;
  /** Groups the person is a current member of (membershipActive at `now`). */
  groupsOf(person: string): ReadonlySet<string>;
  /** True when any membership of the group exists, whatever its dates (past, current or future). */
  hasMemberships(group: string): boolean;
  /** True when any event names the group as its host. */
  hostsEvents(group: string): boolean;
  /** The group hosting an event, if any. */
  groupOfEvent(event: string): string | undefined;
  /**
   * Whose private contact a person is (`privateTo`), as the write leaves them (a contact the same
   * write brings counts); undefined for a shared person. Left out: no one is anyone's contact.
   */
  privateToOf?(person: string): string | undefined;
  /**
   * Groups the write being checked deletes (a group's delete un-hosts its events in the same
   * write: hostedEventLeavesWithItsGroup). Left out: the write deletes no group.
   */
  deletedGroups?: ReadonlySet<string>;
  /**
   * How a refusal names a stored person, group or event (graph/service/record-label.ts: by name,
   * the id only to tell namesakes apart); left out, by its quoted id.
   */
  label?(kind: NamedKind, id: string): string;
}

/** A stored record as a refusal names it (facts.label), or its quoted id. */
function labelOf(facts: PermissionFacts, kind: NamedKind, id: string): string {
  return facts.label?.(kind, id) ?? `"${id}"`;
}

/** True when the actor may make this write. */
export function mayWrite(actor: Actor, write: Write, facts: PermissionFacts): boolean {
  return writeRefusal(actor, write, facts) === undefined;
}

/** Why the actor may not make this write (a short reason naming the record), or undefined when they may. */
export function writeRefusal(actor: Actor, write: Write, facts: PermissionFacts): string | undefined {
  if (actor.role === 'admin') return undefined;
  const sides = hostedEventLeavesWithItsGroup(write, facts) ? [write.before] : [write.before, write.after];
  for (const record of sides) {
    if (record !== undefined && !takesPart(actor, { kind: write.kind, record } as Side, facts)) return refusal(actor, { kind: write.kind, record } as Side, facts);
  }
  if (write.kind === 'person') return privacyRefusal(actor, write.before, write.after, facts);
  if (write.kind === 'membership') return joiningRefusal(actor, write.before, write.after, facts);
  if (write.kind === 'introRequest') return introRequestWriteRefusal(actor, write.before, write.after);
  return undefined;
}

/**
 * True when the write only un-hosts an event because the same write deletes its group: the event
 * stays, no longer hosted (docs/DOMAIN.md), and is judged as the group's event it was, so the
 * group's organiser who may delete the group may take its events' host away with it. Anything
 * else changed on the event, or an event hosted by another group, is judged on both sides as
 * ever; an event with no host stays admin-only afterwards.
 */
function hostedEventLeavesWithItsGroup(write: Write, facts: PermissionFacts): boolean {
  if (write.kind !== 'event' || write.before === undefined || write.after === undefined) return false;
  const host = write.before.group;
  if (host === undefined || facts.deletedGroups?.has(host) !== true || write.after.group !== undefined) return false;
  const { group: _host, ...unhosted } = write.before;
  return sameContent(unhosted, write.after);
}

type IntroRequest = RecordTypes['introRequest'];

/**
 * Intro requests are asked and moved through their own routes, which check the connector's ties,
 * who makes which move, and log the introduction a "made" brings. Any other write (an import, a
 * merge) by a non-admin may delete one, or rename its people, never create one or move it.
 */
function introRequestWriteRefusal(actor: Actor, before: IntroRequest | undefined, after: IntroRequest | undefined): string | undefined {
  if (after === undefined) return undefined;
  if (before === undefined) return `${aRole(actor)} asks for an introduction with POST /api/intro-requests: intro request "${after.id}" cannot be written directly`;
  const moves = ({ requester: _r, connector: _c, target: _t, ...rest }: IntroRequest) => rest;
  if (!sameContent(moves(before), moves(after))) return `${aRole(actor)} moves intro request "${after.id}" with POST /api/intro-requests/${after.id}/status, not by writing it`;
  return undefined;
}

/** One side of a write: a record as it was or will be. */
type Side = { [K in RecordKind]: { kind: K; record: RecordTypes[K] } }[RecordKind];

/** The rule on one side: the actor takes part in the record (or manages it). */
function takesPart(actor: Actor, side: Side, facts: PermissionFacts): boolean {
  const me = actor.person;
  const organises = (group: string | undefined) => actor.role === 'organiser' && group !== undefined && facts.groupsOf(me).has(group);
  // Their address book: themselves and their private contacts, whose ties only they (and admins) see.
  const mine = (person: string) => person === me || facts.privateToOf?.(person) === me;
  switch (side.kind) {
    case 'interaction':
      return side.record.a === me || side.record.b === me || (mine(side.record.a) && mine(side.record.b));
    case 'referral':
      return side.record.from === me || side.record.to === me || (mine(side.record.from) && mine(side.record.to));
    case 'person':
      return true; // decided on both sides at once: privacyRefusal
    case 'membership':
      return side.record.person === me || organises(side.record.group);
    case 'attendance':
      return side.record.person === me || organises(facts.groupOfEvent(side.record.event));
    case 'event':
      return organises(side.record.group);
    case 'group':
      return organises(side.record.id);
    case 'company':
      return false;
    case 'dismissal':
      return side.record.person === me;
    case 'introRequest':
      return side.record.requester === me || side.record.connector === me;
  }
}

type Person = RecordTypes['person'];

/**
 * A person record is the actor's when it is theirs (their own record) or their private contact.
 * They edit or delete only theirs, create shared people or contacts private to them, and an
 * edit leaves `privateTo` either unset (shared) or their own id.
 */
function privacyRefusal(actor: Actor, before: Person | undefined, after: Person | undefined, facts: PermissionFacts): string | undefined {
  const me = actor.person;
  const theirs = (p: Person) => p.id === me || p.privateTo === me;
  if (before !== undefined && !theirs(before)) return refusal(actor, { kind: 'person', record: before }, facts);
  if (after !== undefined && after.privateTo !== undefined && after.privateTo !== me) {
    return `${aRole(actor)} makes a person private only to themselves: ${describe({ kind: 'person', record: after }, facts)} cannot be private to ${labelOf(facts, 'person', after.privateTo)} (privateTo may be your own id "${me}", or left out to share it)`;
  }
  return undefined;
}

type Membership = RecordTypes['membership'];

/**
 * The actor's own membership in a group that has been started may not gain time from now on:
 * that group's organisers or an admin add them (the rule of the module comment).
 */
function joiningRefusal(actor: Actor, before: Membership | undefined, after: Membership | undefined, facts: PermissionFacts): string | undefined {
  if (after === undefined || after.person !== actor.person) return undefined;
  if (before !== undefined && membershipActive(before, facts.now)) return undefined;
  if (!started(after.group, facts)) return undefined;
  if (before !== undefined && gainsNoTime(before, after, facts.now)) return undefined;
  // The same words whatever started it: the memberships may be people the actor does not see
  // (another member's private contacts), and "it has members" would tell them such people are there.
  return `group ${labelOf(facts, 'group', after.group)} has already been started: ${aRole(actor)} does not add themselves to it (nor revive or bring forward their membership), only to a group nothing has happened in yet; ask one of its organisers or an admin to add you`;
}

/**
 * True when the group has been started, false for a group nothing has happened in yet. Not only
 * current members: ended and future memberships, and events (whose memberships may since have been
 * deleted with their people), are history a newcomer must not own.
 */
function started(group: string, facts: PermissionFacts): boolean {
  return facts.hasMemberships(group) || facts.hostsEvents(group);
}

/** True when every moment from `now` on that `after` covers, `before` covered too (membershipActive's bounds). */
function gainsNoTime(before: Membership, after: Membership, now: number): boolean {
  const span = (m: Membership) => ({ from: Math.max(now, m.since ? Date.parse(m.since) : -Infinity), to: m.until ? endOf(m.until) : Infinity });
  const a = span(after);
  if (a.from > a.to) return true; // covers nothing from now on
  const b = span(before);
  return b.from <= a.from && a.to <= b.to;
}

/** Who moves an intro request to each status: the connector answers, the requester reports. */
export const INTRO_REQUEST_MOVERS = { accepted: 'connector', declined: 'connector', made: 'connector', outcome: 'requester' } as const;

/**
 * Why `person` may not move the request to `status`, or undefined when they may: only the
 * people involved move it, each only in their own part (INTRO_REQUEST_MOVERS).
 */
export function introRequestMoveRefusal(
  person: string,
  request: RecordTypes['introRequest'],
  status: keyof typeof INTRO_REQUEST_MOVERS,
  label: (person: string) => string = (id) => `"${id}"`,
): string | undefined {
  const role = INTRO_REQUEST_MOVERS[status];
  if (request[role] === person) return undefined;
  const involved = [request.requester, request.connector, request.target].includes(person);
  return involved
    ? `only the ${role} (${label(request[role])}) moves intro request "${request.id}" to ${status}`
    : `intro request "${request.id}" does not involve you (${label(person)}): only its requester and connector move it`;
}

/** A short reason for a refusal on one side, in the words of the rules above. */
function refusal(actor: Actor, side: Side, facts: PermissionFacts): string {
  const what = `${side.kind} ${describe(side, facts)}`;
  if (side.kind === 'company') return `only an admin writes companies (${what})`;
  if (side.kind === 'group' || side.kind === 'event') return `only an organiser of the group or an admin writes ${what}`;
  if (side.kind === 'person') return `${aRole(actor)} writes only their own person record and their private contacts; ${what} is neither`;
  return `${aRole(actor)} writes only records they take part in; ${what} does not involve you (${labelOf(facts, 'person', actor.person)})`;
}

/** The actor's role with its article, as a refusal says it: "a member", "an organiser". */
function aRole(actor: Actor): string {
  return `${actor.role === 'member' ? 'a' : 'an'} ${actor.role}`;
}

/** The record of a side in a refusal's words: people, groups and events by name (facts.label), other records by id and the people they name. */
function describe(t: Side, facts: PermissionFacts): string {
  const person = (id: string) => labelOf(facts, 'person', id);
  switch (t.kind) {
    case 'person':
    case 'group':
    case 'event': {
      // a record not stored yet (being created) has no label to look up: its name as written
      const label = labelOf(facts, t.kind, t.record.id);
      return facts.label && label === `"${t.record.id}"` ? t.record.name : label;
    }
    case 'membership':
      return `of ${person(t.record.person)} in ${labelOf(facts, 'group', t.record.group)}`;
    case 'attendance':
      return `of ${person(t.record.person)} at ${labelOf(facts, 'event', t.record.event)}`;
    case 'interaction':
      return `"${t.record.id ?? ''}" between ${person(t.record.a)} and ${person(t.record.b)}`;
    case 'referral':
      return `"${t.record.id ?? ''}" from ${person(t.record.from)} to ${person(t.record.to)}`;
    case 'dismissal':
      return `of a home page row by ${person(t.record.person)}`;
    default:
      return `"${t.record.id}"`;
  }
}
