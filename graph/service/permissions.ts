/**
 * Who may write which record: the one place of that decision. API keys and the local user are
 * not actors here (keys keep their scope semantics, checked by the auth guard); an actor is a
 * signed-in account: its role and the person of the network it is.
 *
 * - admin: everything.
 * - member: records they take part in — interactions where they are `a` or `b`, referrals they
 *   give (`from`) or receive (`to`), their own memberships and attendance, their own person
 *   record, their own private contacts (`privateTo` them) — and adding a new person (a contact
 *   they bring in, shared or private to them). Editing or deleting anyone else's
 *   record, and every company, group and event, is refused.
 * - organiser: what a member may, plus the groups they are a current member of (a membership
 *   with no `until`, or one not yet past): the group record itself, its memberships, its events
 *   (an event belongs to a group through `event.group`) and the attendance of those events. The
 *   data model has no "organiser of" relation, so the role says "organises", membership says
 *   "which groups".
 *
 * A write is checked on the record before it (edit, delete) and after it (create, edit): moving
 * an interaction of your own onto two other people is refused like creating it would be.
 */
import type { RecordKind, RecordTypes } from '../records.js';

export type WriterRole = 'member' | 'organiser' | 'admin';

export interface Actor {
  role: WriterRole;
  /** The person of the network the account is. */
  person: string;
}

/** One side of a write: the record as it was (edit, delete) or will be (create, edit). */
export type WriteTarget = { [K in RecordKind]: { kind: K; record: RecordTypes[K]; isNew: boolean } }[RecordKind];

/** What mayWrite needs to know of the network beyond the record. */
export interface PermissionFacts {
  /** Groups the person currently belongs to. */
  groupsOf(person: string): ReadonlySet<string>;
  /** The group hosting an event, if any. */
  groupOfEvent(event: string): string | undefined;
}

/** True when the actor may have the record in this state. */
export function mayWrite(actor: Actor, target: WriteTarget, facts: PermissionFacts): boolean {
  if (actor.role === 'admin') return true;
  const me = actor.person;
  const organises = (group: string | undefined) => actor.role === 'organiser' && group !== undefined && facts.groupsOf(me).has(group);
  switch (target.kind) {
    case 'interaction':
      return target.record.a === me || target.record.b === me;
    case 'referral':
      return target.record.from === me || target.record.to === me;
    case 'person':
      // Their own record, and the contacts they bring in (new, shared or private to them) or own.
      return target.record.id === me || target.record.privateTo === me || (target.isNew && target.record.privateTo === undefined);
    case 'membership':
      return target.record.person === me || organises(target.record.group);
    case 'attendance':
      return target.record.person === me || organises(facts.groupOfEvent(target.record.event));
    case 'event':
      return organises(target.record.group);
    case 'group':
      return organises(target.record.id);
    case 'company':
      return false;
    case 'dismissal':
      return target.record.person === me;
  }
}

/** A short reason for a refusal, in the words of the rules above. */
export function refusal(actor: Actor, target: WriteTarget): string {
  const what = `${target.kind} ${describe(target)}`;
  if (target.kind === 'company') return `only an admin writes companies (${what})`;
  if (target.kind === 'group' || target.kind === 'event') return `only an organiser of the group or an admin writes ${what}`;
  return `a ${actor.role} writes only records they take part in; ${what} does not involve person "${actor.person}"`;
}

function describe(t: WriteTarget): string {
  switch (t.kind) {
    case 'membership':
      return `of "${t.record.person}" in "${t.record.group}"`;
    case 'attendance':
      return `of "${t.record.person}" at "${t.record.event}"`;
    default:
      return `"${t.record.id ?? ''}"`;
  }
}
