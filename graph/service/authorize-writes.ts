/**
 * Applies graph/service/permissions.ts to the changes of one write, on the records as they are
 * inside the write queue (so no other write lands between the check and the write). Every change
 * is checked before (the record it replaces or deletes) and after (the record it puts).
 */
import type { RecordSet } from '../record-set.js';
import { keyOf, type Change } from '../records.js';
import { membershipActive } from '../analytics/dimensions.js';
import { maySeeRecord, viewerOfActor, withheldPeople } from './contact-visibility.js';
import { ForbiddenError } from './errors.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';
import { writeRefusal, type Actor, type PermissionFacts, type Write } from './permissions.js';
import { recordLabel } from './record-label.js';

/**
 * The facts the permissions need, read from the current records at one instant (the request's):
 * a membership is current by membershipActive, the rule the reports use; whether a group has
 * memberships or events at all is read from the indexes, whatever the dates.
 */
export function factsOf(records: RecordSet, now = Date.now(), changes: readonly Change[] = []): PermissionFacts {
  const current = (key: string) => {
    const m = records.get('membership', key);
    return m !== undefined && membershipActive(m, now) ? m : undefined;
  };
  const groups = new Map<string, ReadonlySet<string>>();
  // People as the write leaves them: a contact an import brings is theirs for the records beside it.
  const people = new Map(changes.flatMap((c) => (c.op === 'put' && c.kind === 'person' ? [[c.record.id, c.record] as const] : [])));
  return {
    now,
    groupsOf(person) {
      let mine = groups.get(person);
      if (mine === undefined) {
        const found = new Set<string>();
        for (const key of records.membershipsOf.get(person)) {
          const m = current(key);
          if (m) found.add(m.group);
        }
        groups.set(person, (mine = found));
      }
      return mine;
    },
    hasMemberships: (group) => records.membersOf.count(group) > 0,
    hostsEvents: (group) => records.eventsOf.count(group) > 0,
    groupOfEvent: (event) => records.get('event', event)?.group,
    privateToOf(person) {
      const put = people.get(person);
      return put !== undefined ? put.privateTo : records.get('person', person)?.privateTo;
    },
    deletedGroups: new Set(changes.flatMap((c) => (c.op === 'delete' && c.kind === 'group' ? [c.key] : []))),
    label: (kind, id) => recordLabel(records, kind, id),
  };
}

/** Throws ForbiddenError naming the first change the actor may not make; no actor: no check. */
export function authorizeWrites(actor: Actor | undefined, changes: readonly Change[], records: RecordSet): void {
  runAtOnce(authorizeWritesSteps(actor, changes, records));
}

/** authorizeWrites as pausable steps: a member's import of a million records is checked a slice at a time. */
export function* authorizeWritesSteps(actor: Actor | undefined, changes: readonly Change[], records: RecordSet): Steps<void> {
  if (actor === undefined || actor.role === 'admin') return;
  const facts = factsOf(records, Date.now(), changes);
  let step = 0;
  for (const change of changes) {
    if (++step % STEP_EVERY === 0) yield;
    const key = change.op === 'delete' ? change.key : keyOf(change.kind, change.record as never);
    const before = records.get(change.kind, key);
    const write = { kind: change.kind, before, after: change.op === 'put' ? change.record : undefined } as Write;
    const reason = writeRefusal(actor, write, facts);
    if (reason !== undefined) throw new ForbiddenError(refusalFor(actor, write, reason, records));
  }
}

/**
 * The refusal, naming the record only when the actor may see it: a write can reach records the
 * actor never sees (a merge handing over another member's private contacts, a cascade), and a
 * refusal must not name what a lookup would answer 404 for.
 */
function refusalFor(actor: Actor, write: Write, reason: string, records: RecordSet): string {
  const withheld = withheldPeople(records, viewerOfActor(actor));
  const named = [write.before, write.after].every((record) => record === undefined || maySeeRecord(write.kind, record, withheld, records));
  if (named) return reason;
  return `a ${actor.role} writes only records they take part in; this write would also change records that are not theirs`;
}
