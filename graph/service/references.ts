/**
 * Reference and duplicate checks. A membership, attendance, interaction, referral, hosted event
 * or private contact (`privateTo`) may only name people, groups and events that exist, either already in the store or in the same
 * document; otherwise the write would leave a dangling edge. People's `company` is free text and
 * deliberately not checked.
 *
 * The document checks read the raw input defensively (anything may be missing or mistyped there),
 * so that one request reports shape problems and reference problems together in one list.
 */
import type { RecordSet } from '../record-set.js';
import { COLLECTION_OF, pairKey, type RecordKind } from '../records.js';
import type { Issue } from './errors.js';
import { jsonPointer } from './issues.js';
import { ShardedMap, ShardedSet } from '../support/sharded-map.js';
import { STEP_EVERY, runAtOnce, type Steps } from '../support/time-slices.js';
import { isObject } from '../support/is-object.js';

type Target = 'person' | 'group' | 'event';

/** Which fields of which kind name which other kind. */
export const REFERENCES: { kind: RecordKind; field: string; target: Target }[] = [
  { kind: 'event', field: 'group', target: 'group' },
  { kind: 'membership', field: 'person', target: 'person' },
  { kind: 'membership', field: 'group', target: 'group' },
  { kind: 'attendance', field: 'person', target: 'person' },
  { kind: 'attendance', field: 'event', target: 'event' },
  { kind: 'interaction', field: 'a', target: 'person' },
  { kind: 'interaction', field: 'b', target: 'person' },
  { kind: 'referral', field: 'from', target: 'person' },
  { kind: 'referral', field: 'to', target: 'person' },
  { kind: 'dismissal', field: 'person', target: 'person' },
  { kind: 'introRequest', field: 'requester', target: 'person' },
  { kind: 'introRequest', field: 'connector', target: 'person' },
  { kind: 'introRequest', field: 'target', target: 'person' },
  // the member whose private contact the person is (one naming themselves has its own problem: ownPrivateContactProblem)
  { kind: 'person', field: 'privateTo', target: 'person' },
];

/** A record naming itself (a person private to themselves) is refused for that, not as a dangling reference too. */
const namesItself = (ref: (typeof REFERENCES)[number], record: Record<string, unknown>, id: string) => ref.kind === ref.target && record.id === id;

const ENTITY_KINDS = ['person', 'company', 'group', 'event', 'interaction', 'referral', 'dismissal', 'introRequest'] as const;

/** The unknown references of one record about to be written alone (path relative to the body); `withheld` people count as unknown. */
export function checkRecordReferences(kind: RecordKind, record: object, records: RecordSet, withheld: ReadonlySet<string> = new Set()): Issue[] {
  const issues: Issue[] = [];
  for (const ref of REFERENCES) {
    if (ref.kind !== kind) continue;
    const id = (record as Record<string, unknown>)[ref.field];
    if (typeof id === 'string' && !namesItself(ref, record as Record<string, unknown>, id) && (!records.has(ref.target, id) || (ref.target === 'person' && withheld.has(id)))) {
      issues.push({ path: jsonPointer([ref.field]), message: `unknown ${ref.target} "${id}"` });
    }
  }
  return issues;
}

/** Duplicate keys within the document and references to ids found neither in it nor in the store. */
export function checkDocumentReferences(input: unknown, records: RecordSet): Issue[] {
  return runAtOnce(checkDocumentReferencesSteps(input, records));
}

/** checkDocumentReferences as pausable steps (a million-record document takes about a second); `withheld` people count as unknown. */
export function* checkDocumentReferencesSteps(input: unknown, records: RecordSet, withheld: ReadonlySet<string> = new Set()): Steps<Issue[]> {
  if (!isObject(input)) return [];
  const doc = input;
  const issues: Issue[] = [];
  /** A collection's elements (anything: only objects are checked), [] when it is not an array. */
  const listOf = (kind: RecordKind): unknown[] => {
    const list = doc[COLLECTION_OF[kind]];
    return Array.isArray(list) ? list : [];
  };

  // Sharded: a million ids must not double one hash table in a single step (graph/support/sharded-map.ts).
  const declared: Record<Target, ShardedSet<string>> = { person: new ShardedSet(), group: new ShardedSet(), event: new ShardedSet() };
  for (const kind of ENTITY_KINDS) {
    const first = new ShardedMap<string, number>();
    const collection = COLLECTION_OF[kind];
    const list = listOf(kind);
    for (let i = 0; i < list.length; i++) {
      if (i % STEP_EVERY === STEP_EVERY - 1) yield;
      const item = list[i];
      if (!isObject(item)) continue;
      const id = item.id;
      if (typeof id !== 'string') continue;
      const earlier = first.get(id);
      if (earlier !== undefined) {
        issues.push({ path: jsonPointer([collection, i, 'id']), message: `duplicate id "${id}" (also at ${jsonPointer([collection, earlier])})` });
      } else first.set(id, i);
      if (kind === 'person' || kind === 'group' || kind === 'event') declared[kind].add(id);
    }
  }

  const pairs: [RecordKind, string, string][] = [
    ['membership', 'person', 'group'],
    ['attendance', 'person', 'event'],
  ];
  for (const [kind, left, right] of pairs) {
    const first = new ShardedMap<string, number>();
    const collection = COLLECTION_OF[kind];
    const list = listOf(kind);
    for (let i = 0; i < list.length; i++) {
      if (i % STEP_EVERY === STEP_EVERY - 1) yield;
      const item = list[i];
      if (!isObject(item)) continue;
      const a = item[left];
      const b = item[right];
      if (typeof a !== 'string' || typeof b !== 'string') continue;
      const key = pairKey(a, b);
      const earlier = first.get(key);
      if (earlier !== undefined) {
        issues.push({ path: jsonPointer([collection, i]), message: `duplicate ${kind} of "${a}" and "${b}" (also at ${jsonPointer([collection, earlier])})` });
      } else first.set(key, i);
    }
  }

  for (const ref of REFERENCES) {
    const collection = COLLECTION_OF[ref.kind];
    const list = listOf(ref.kind);
    for (let i = 0; i < list.length; i++) {
      if (i % STEP_EVERY === STEP_EVERY - 1) yield;
      const item = list[i];
      if (!isObject(item)) continue;
      const id = item[ref.field];
      if (typeof id !== 'string' || namesItself(ref, item, id)) continue;
      if (!declared[ref.target].has(id) && (!records.has(ref.target, id) || (ref.target === 'person' && withheld.has(id)))) {
        issues.push({ path: jsonPointer([collection, i, ref.field]), message: `unknown ${ref.target} "${id}"` });
      }
    }
  }
  return issues;
}
