/**
 * Merging two records of the same person: `remove` folds into `keep`. The plan is every change of
 * one atomic write, and a preview says what moves before anything is written.
 *
 * Field policy (as the importers' dedup, graph/importers/merge-people.ts): the kept person wins a
 * field, the removed one only fills empty fields; a differing value is listed as a conflict, never
 * silently dropped. Tags are united; attributes the kept person lacks are added.
 * Records: memberships, attendance, interactions, referrals and dismissals naming `remove` are
 * rewritten to name `keep` — a dismissal both by its person and by the people its row is about,
 * whoever hid it (mergeDismissals). Those that would then be between `keep` and itself (an
 * interaction or referral between the two duplicates; a dismissal whose row is none of its
 * person's week, one about keep held by keep or an introduction to keep: rowKeyProblem) are
 * dropped, as are attendance `keep` already has and a dismissal of a row its person already hid
 * that does not stand over theirs (standingDismissal). A membership of a group `keep` is in too
 * becomes one covering both periods (foldMemberships; two periods apart: the later, the other
 * listed in conflicts). Of two open intro requests that become the same (requester, connector,
 * target), the earlier ask stays.
 */
import { z } from 'zod';
import type { RecordSet } from '../record-set.js';
import { keyOf, type Change } from '../records.js';
import { idSchema, type Dismissal, type IntroRequest, type Membership, type Person } from '../schema.js';
import { dismissalId, dismissalsOfRow, standingDismissal } from './dismissals.js';
import { NotFoundError, ValidationError } from './errors.js';
import { OPEN_INTRO_STATUSES } from './intro-requests.js';
import { rowKeyNaming, rowKeyProblem, type ReferralEnds } from './this-week.js';

/** Body of a merge (and of its preview): the person kept and the duplicate folded into them. */
export const mergeRequestSchema = z.strictObject({ keep: idSchema, remove: idSchema });

export interface MergeCounts {
  memberships: number;
  attendance: number;
  interactions: number;
  referrals: number;
  dismissals: number;
  introRequests: number;
}

export interface MergePreview {
  keep: Person;
  remove: Person;
  /** the kept person as it will be stored */
  merged: Person;
  /** fields where the two differ: the kept value stays ("" when the merged person has none), `note` says why when the rule is not "kept wins" */
  conflicts: { field: string; kept: string; dropped: string; note?: string }[];
  /** records rewritten to name the kept person */
  moved: MergeCounts;
  /** records dropped: between the two duplicates, already held by the kept person, or (a dismissal) of no row of its person's week, or one of two of a row its person hid (the other stands) */
  dropped: MergeCounts;
}

export interface MergePlan {
  preview: MergePreview;
  changes: Change[];
}

const zero = (): MergeCounts => ({ memberships: 0, attendance: 0, interactions: 0, referrals: 0, dismissals: 0, introRequests: 0 });

/** Why a merge shares a private contact (graph/service/contact-visibility.ts). */
const SHARED_ON_MERGE = 'the merged person is shared: it stays private only when both were the same member\'s private contact, since whoever knew either record keeps knowing it';

/**
 * How the merge treats each person field (mergeFields): typed over the person schema, so a field
 * added to it does not compile until it is placed here, and is never dropped from `remove` unseen.
 */
const FIELD_RULES = {
  id: 'kept',
  name: 'kept',
  email: 'filled',
  company: 'filled',
  title: 'filled',
  industry: 'filled',
  profession: 'filled',
  location: 'filled',
  tags: 'united',
  attributes: 'united',
  privateTo: 'private only when both were the same member\'s',
} as const satisfies Record<keyof Person, string>;

type FilledField = { [F in keyof typeof FIELD_RULES]: (typeof FIELD_RULES)[F] extends 'filled' ? F : never }[keyof typeof FIELD_RULES];

/** The fields the removed person fills when the kept one has none. */
const SCALAR_FIELDS = (Object.keys(FIELD_RULES) as (keyof typeof FIELD_RULES)[]).filter((f): f is FilledField => FIELD_RULES[f] === 'filled');

/** The merge of `removeId` into `keepId`; NotFoundError for an unknown id, ValidationError for the same id twice. */
export function planMerge(records: RecordSet, keepId: string, removeId: string): MergePlan {
  if (keepId === removeId) throw new ValidationError([{ path: '/remove', message: 'must differ from keep: a person cannot merge with themselves' }]);
  const keep = records.get('person', keepId);
  if (!keep) throw new NotFoundError(`no person with id "${keepId}"`);
  const remove = records.get('person', removeId);
  if (!remove) throw new NotFoundError(`no person with id "${removeId}"`);

  const { merged, conflicts } = mergeFields(keep, remove);
  const moved = zero();
  const dropped = zero();
  const changes: Change[] = [{ op: 'put', kind: 'person', record: merged }];
  const swap = (id: string) => (id === removeId ? keepId : id);

  // The private contacts of the person merged away become the kept person's.
  for (const p of records.maps.person.values()) {
    if (p.privateTo === removeId && p.id !== keepId) changes.push({ op: 'put', kind: 'person', record: { ...p, privateTo: keepId } });
  }
  for (const key of records.membershipsOf.get(removeId)) {
    const m = records.get('membership', key)!;
    changes.push({ op: 'delete', kind: 'membership', key });
    const next = { ...m, person: keepId };
    const held = records.get('membership', keyOf('membership', next));
    const folded = held === undefined ? { membership: next } : foldMemberships(held, next);
    if (folded.lost) conflicts.push(folded.lost);
    if (held !== undefined && sameSpan(folded.membership, held)) dropped.memberships++;
    else {
      changes.push({ op: 'put', kind: 'membership', record: folded.membership });
      if (held === undefined || !folded.lost) moved.memberships++;
      else dropped.memberships++;
    }
  }
  for (const key of records.attendanceOf.get(removeId)) {
    const a = records.get('attendance', key)!;
    changes.push({ op: 'delete', kind: 'attendance', key });
    const next = { ...a, person: keepId };
    if (records.has('attendance', keyOf('attendance', next))) dropped.attendance++;
    else {
      changes.push({ op: 'put', kind: 'attendance', record: next });
      moved.attendance++;
    }
  }
  for (const key of records.interactionsOf.get(removeId)) {
    const i = records.get('interaction', key)!;
    const next = { ...i, a: swap(i.a), b: swap(i.b) };
    if (next.a === next.b) {
      changes.push({ op: 'delete', kind: 'interaction', key });
      dropped.interactions++;
    } else {
      changes.push({ op: 'put', kind: 'interaction', record: next });
      moved.interactions++;
    }
  }
  for (const key of records.referralsOf.get(removeId)) {
    const r = records.get('referral', key)!;
    const next = { ...r, from: swap(r.from), to: swap(r.to) };
    if (next.from === next.to) {
      changes.push({ op: 'delete', kind: 'referral', key });
      dropped.referrals++;
    } else {
      changes.push({ op: 'put', kind: 'referral', record: next });
      moved.referrals++;
    }
  }
  // Of the referrals as the merge leaves them: the duplicate's slips are keep's.
  const endsAfter = (id: string) => {
    const r = records.get('referral', id);
    return r === undefined ? undefined : { from: swap(r.from), to: swap(r.to) };
  };
  const dismissals = mergeDismissals(records, keepId, removeId, endsAfter);
  changes.push(...dismissals.changes);
  moved.dismissals = dismissals.moved;
  dropped.dismissals = dismissals.dropped;
  // One open request per requester, connector and target (intro-requests.ts refuses a second ask):
  // of the duplicate's open request and the kept person's own for the same introduction, the
  // earlier ask stays (its wait is the longer), the other is dropped.
  const triple = (q: IntroRequest) => JSON.stringify([q.requester, q.connector, q.target]);
  const openOfKeep = new Map<string, IntroRequest>();
  for (const key of records.introRequestsOf.get(keepId)) {
    const q = records.get('introRequest', key)!;
    if (OPEN_INTRO_STATUSES.includes(q.status) && ![q.requester, q.connector, q.target].includes(removeId)) openOfKeep.set(triple(q), q);
  }
  for (const key of records.introRequestsOf.get(removeId)) {
    const q = records.get('introRequest', key)!;
    const next = { ...q, requester: swap(q.requester), connector: swap(q.connector), target: swap(q.target) };
    if (new Set([next.requester, next.connector, next.target]).size < 3) {
      dropped.introRequests++;
      changes.push({ op: 'delete', kind: 'introRequest', key });
      continue;
    }
    const twin = OPEN_INTRO_STATUSES.includes(next.status) ? openOfKeep.get(triple(next)) : undefined;
    if (twin !== undefined && Date.parse(twin.at) <= Date.parse(next.at)) {
      dropped.introRequests++;
      changes.push({ op: 'delete', kind: 'introRequest', key });
      continue;
    }
    if (twin !== undefined) {
      dropped.introRequests++;
      changes.push({ op: 'delete', kind: 'introRequest', key: twin.id });
    }
    moved.introRequests++;
    changes.push({ op: 'put', kind: 'introRequest', record: next });
  }
  changes.push({ op: 'delete', kind: 'person', key: removeId });
  return { preview: { keep, remove, merged, conflicts, moved, dropped }, changes };
}

/**
 * The dismissals a merge rewrites: `remove`'s own become `keep`'s, and a row naming `remove` as a
 * person — whoever hid it — is rebuilt to name `keep` (rowKeyNaming: spelt as the week spells it,
 * an introduction's pair in id order), each under the id derived from its person and row. One
 * that is then no row of its person's week (rowKeyProblem: about themselves, an introduction of
 * `keep` to `keep` or to its holder) is dropped. One meeting a dismissal its person already has of
 * the row is decided as any two of one row are (standingDismissal: the later choice, at the same
 * instant the one already there): the one that stands is kept, the other dropped, so a row is
 * never hidden twice and the merge adds none. Dismissals after the merge = before − dropped.
 */
function mergeDismissals(records: RecordSet, keepId: string, removeId: string, endsAfter: ReferralEnds): { changes: Change[]; moved: number; dropped: number } {
  const changes: Change[] = [];
  let dropped = 0;
  /** the rewritten dismissals that may stand, by the id they would have (their old id kept until decided) */
  const rewritten = new Map<string, Dismissal[]>();
  // No index of dismissals by the people their rows name: a scan of them all, which are few (each
  // hidden by hand), as contact-visibility.ts reads rows naming a person.
  for (const [key, d] of records.maps.dismissal) {
    const person = d.person === removeId ? keepId : d.person;
    const row = rowKeyNaming(d.row, removeId, keepId);
    if (person === d.person && row === d.row) continue;
    changes.push({ op: 'delete', kind: 'dismissal', key });
    if (rowKeyProblem(person, row, endsAfter) !== undefined) {
      dropped++;
      continue;
    }
    const id = dismissalId(person, row);
    rewritten.set(id, [...(rewritten.get(id) ?? []), { ...d, person, row }]);
  }
  let moved = 0;
  for (const [id, candidates] of rewritten) {
    const best = standingDismissal(candidates)!;
    dropped += candidates.length - 1;
    const held = dismissalsOfRow(records, best.person, best.row).map((key) => records.get('dismissal', key)!);
    if (standingDismissal([best, ...held]) !== best) {
      dropped++;
      continue;
    }
    changes.push({ op: 'put', kind: 'dismissal', record: { ...best, id } });
    moved++;
    // Replaced: the one under the derived id by the put, any other (an older store's) deleted.
    for (const d of held) if (d.id !== id) changes.push({ op: 'delete', kind: 'dismissal', key: d.id });
    dropped += held.length;
  }
  return { changes, moved, dropped };
}

/** A membership's bounds in ms, open ends as infinities. */
const bounds = (m: Membership): [number, number] => [m.since === undefined ? -Infinity : Date.parse(m.since), m.until === undefined ? Infinity : Date.parse(m.until)];
const sameSpan = (a: Membership, b: Membership) => a.since === b.since && a.until === b.until;
/** Two periods a day or less apart are one: a membership renewed the day after it ended. */
const RENEWAL_GAP_MS = 86_400_000;
const spanWords = (m: Membership) => (m.since === undefined ? (m.until === undefined ? 'always' : `until ${m.until}`) : m.until === undefined ? `since ${m.since}` : `${m.since} – ${m.until}`);

/**
 * The one membership of a group the kept person holds when both duplicates had one (one per person
 * and group): both periods as one when they overlap or meet, so whoever was a member through
 * either record stays one (the duplicate's current seat is never lost to the kept record's ended
 * one); when they are apart, the later period stays and the other is returned as `lost`, listed
 * in the preview's conflicts rather than dropped unseen.
 */
function foldMemberships(held: Membership, moved: Membership): { membership: Membership; lost?: MergePreview['conflicts'][number] } {
  const [heldFrom, heldTo] = bounds(held);
  const [movedFrom, movedTo] = bounds(moved);
  if (movedFrom <= heldTo + RENEWAL_GAP_MS && heldFrom <= movedTo + RENEWAL_GAP_MS) {
    const since = movedFrom < heldFrom ? moved.since : held.since;
    const until = movedTo > heldTo ? moved.until : held.until;
    const membership: Membership = { person: held.person, group: held.group };
    if (since !== undefined) membership.since = since;
    if (until !== undefined) membership.until = until;
    return { membership };
  }
  const [later, earlier] = movedFrom > heldFrom ? [moved, held] : [held, moved];
  return {
    membership: later,
    lost: { field: `memberships/${held.group}`, kept: spanWords(later), dropped: spanWords(earlier), note: 'one membership per person and group: of two periods apart, the later one stays' },
  };
}

function mergeFields(keep: Person, remove: Person): { merged: Person; conflicts: MergePreview['conflicts'] } {
  const merged: Person = { ...keep };
  // Private only when both were the same member's private contact: a person the shared network (or
  // another member) already knew stays known (graph/service/contact-visibility.ts).
  const conflicts: MergePreview['conflicts'] = [];
  if (keep.privateTo !== remove.privateTo) {
    delete merged.privateTo;
    // Listed, never dropped silently: the kept record's privateTo goes too, so "kept wins" does not hold here.
    for (const owner of [keep.privateTo, remove.privateTo]) {
      if (owner !== undefined) conflicts.push({ field: 'privateTo', kept: '', dropped: owner, note: SHARED_ON_MERGE });
    }
  }
  if (remove.name !== keep.name) conflicts.push({ field: 'name', kept: keep.name, dropped: remove.name });
  for (const field of SCALAR_FIELDS) {
    const theirs = remove[field];
    if (theirs === undefined) continue;
    if (merged[field] === undefined) merged[field] = theirs;
    else if (merged[field] !== theirs) conflicts.push({ field, kept: merged[field], dropped: theirs });
  }
  if (remove.tags?.length) merged.tags = [...new Set([...(keep.tags ?? []), ...remove.tags])];
  if (remove.attributes && Object.keys(remove.attributes).length) {
    const attributes = new Map(Object.entries(keep.attributes ?? {}));
    for (const [key, value] of Object.entries(remove.attributes)) {
      const mine = attributes.get(key);
      if (mine === undefined) attributes.set(key, value);
      else if (mine !== value) conflicts.push({ field: `attributes/${key}`, kept: mine, dropped: value });
    }
    merged.attributes = Object.fromEntries(attributes);
  }
  return { merged, conflicts };
}
