/**
 * The nine record kinds of the domain, how each is keyed, and the change type that every store
 * adapter applies. Entities have ids; memberships and attendance are keyed by their two ends.
 */
import type {
  Attendance,
  Dismissal,
  IntroRequest,
  Company,
  Group,
  Membership,
  NetworkDocument,
  NetworkEvent,
  Person,
  StoredInteraction,
  StoredReferral,
} from './schema.js';

export interface RecordTypes {
  person: Person;
  company: Company;
  group: Group;
  membership: Membership;
  event: NetworkEvent;
  attendance: Attendance;
  interaction: StoredInteraction;
  referral: StoredReferral;
  dismissal: Dismissal;
  introRequest: IntroRequest;
}

export type RecordKind = keyof RecordTypes;
export type AnyRecord = RecordTypes[RecordKind];

/** Kinds in dependency order: a record only refers to kinds listed before it. */
export const RECORD_KINDS = [
  'person',
  'company',
  'group',
  'event',
  'membership',
  'attendance',
  'interaction',
  'referral',
  'dismissal',
  'introRequest',
] as const satisfies readonly RecordKind[];

/** Which collection of the network document holds each kind. */
export const COLLECTION_OF = {
  person: 'people',
  company: 'companies',
  group: 'groups',
  membership: 'memberships',
  event: 'events',
  attendance: 'attendance',
  interaction: 'interactions',
  referral: 'referrals',
  dismissal: 'dismissals',
  introRequest: 'introRequests',
} as const satisfies { [K in RecordKind]: keyof NetworkDocument };

/** A pair key that no id can forge (ids may contain any character, JSON escapes them). */
export function pairKey(a: string, b: string): string {
  return JSON.stringify([a, b]);
}

/** The store key of a record: its id, or its two ends for memberships and attendance. */
export function keyOf<K extends RecordKind>(kind: K, record: RecordTypes[K]): string {
  switch (kind) {
    case 'membership': {
      const m = record as Membership;
      return pairKey(m.person, m.group);
    }
    case 'attendance': {
      const a = record as Attendance;
      return pairKey(a.person, a.event);
    }
    default:
      return (record as { id: string }).id;
  }
}

/** One step of an atomic write: put (insert or replace) a record, or delete one by key. */
export type Change =
  | { [K in RecordKind]: { op: 'put'; kind: K; record: RecordTypes[K] } }[RecordKind]
  | { op: 'delete'; kind: RecordKind; key: string };
