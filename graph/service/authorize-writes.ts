/**
 * Applies graph/service/permissions.ts to the changes of one write, on the records as they are
 * inside the write queue (so no other write lands between the check and the write). Every change
 * is checked before (the record it replaces or deletes) and after (the record it puts).
 */
import type { RecordSet } from '../record-set.js';
import { keyOf, type Change } from '../records.js';
import { maySeeRecord, viewerOfActor, withheldPeople } from './contact-visibility.js';
import { ForbiddenError } from './errors.js';
import { runAtOnce, STEP_EVERY, type Steps } from '../support/time-slices.js';
import { mayWrite, refusal, type Actor, type PermissionFacts, type WriteTarget } from './permissions.js';

/** The facts mayWrite needs, read from the current records. */
export function factsOf(records: RecordSet, now = Date.now()): PermissionFacts {
  return {
    groupsOf(person) {
      const groups = new Set<string>();
      for (const key of records.membershipsOf.get(person)) {
        const m = records.get('membership', key);
        if (m && (m.until === undefined || Date.parse(m.until) >= now)) groups.add(m.group);
      }
      return groups;
    },
    groupOfEvent: (event) => records.get('event', event)?.group,
  };
}

/** Throws ForbiddenError naming the first change the actor may not make; no actor: no check. */
export function authorizeWrites(actor: Actor | undefined, changes: readonly Change[], records: RecordSet): void {
  runAtOnce(authorizeWritesSteps(actor, changes, records));
}

/** authorizeWrites as pausable steps: a member's import of a million records is checked a slice at a time. */
export function* authorizeWritesSteps(actor: Actor | undefined, changes: readonly Change[], records: RecordSet): Steps<void> {
  if (actor === undefined || actor.role === 'admin') return;
  const facts = factsOf(records);
  let step = 0;
  for (const change of changes) {
    if (++step % STEP_EVERY === 0) yield;
    const key = change.op === 'delete' ? change.key : keyOf(change.kind, change.record as never);
    const before = records.get(change.kind, key);
    const targets: WriteTarget[] = [];
    if (before !== undefined) targets.push({ kind: change.kind, record: before, isNew: false } as WriteTarget);
    if (change.op === 'put') targets.push({ kind: change.kind, record: change.record, isNew: before === undefined } as WriteTarget);
    for (const target of targets) if (!mayWrite(actor, target, facts)) throw new ForbiddenError(refusalFor(actor, target, records));
  }
}

/**
 * The refusal, naming the record only when the actor may see it: a write can reach records the
 * actor never sees (a merge handing over another member's private contacts, a cascade), and a
 * refusal must not name what a lookup would answer 404 for.
 */
function refusalFor(actor: Actor, target: WriteTarget, records: RecordSet): string {
  if (maySeeRecord(target.kind, target.record, withheldPeople(records, viewerOfActor(actor)))) return refusal(actor, target);
  return `a ${actor.role} writes only records they take part in; this write would also change records that are not theirs`;
}
