/**
 * What makes a tie, stored compactly on each relationship edge: the ids of the records that are
 * its evidence. Kinds, dates, statuses and values stay in the RecordSet (one copy of the truth);
 * analytics resolve them as of the date they are asked about. Arrays, not Sets: a tie rarely has
 * more than a handful of records and an array costs a fraction of a Set's memory. And one id is
 * held as itself, not in a list of one: most ties have one record of a kind, and its list (array
 * and backing store, ~56 bytes) was most of the tie's memory (issue #18). A list has two ids or more.
 */
import type { ExactSum } from '../support/exact-sum.js';

export type EvidenceKind = 'interactions' | 'referrals' | 'events';

/** The ids of one kind: a single id as itself, two or more as a list. */
export type EvidenceIds = string | string[];

export interface TieEvidence {
  /** interaction ids between the two people */
  interactions?: EvidenceIds;
  /** referral ids, either direction */
  referrals?: EvidenceIds;
  /** ids of events both attended */
  events?: EvidenceIds;
}

/** How many ids there are of one kind (none when undefined). */
export function idCount(ids: EvidenceIds | undefined): number {
  return ids === undefined ? 0 : typeof ids === 'string' ? 1 : ids.length;
}

/** The k-th id of one kind (k < idCount): readers loop on these, so a single id costs no list. */
export function idAt(ids: EvidenceIds, k: number): string {
  return typeof ids === 'string' ? ids : ids[k]!;
}

/** The ids of one kind as a list (a fresh one for a single id): for readers off the hot paths. */
export function idList(ids: EvidenceIds | undefined): readonly string[] {
  return ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids;
}

/** Referral-graph arc data (a → b): the referral ids; counts and values are resolved as of a date. */
export interface ReferralArc {
  ids: string[];
  /** Σ value of these referrals (all of them, no asOf), exact: for the live weighted-reciprocity counters */
  value: ExactSum;
}

/**
 * Lists up to this length grow by an exact-length copy: push would leave room for 16 more ids in
 * each of the third of ties that have several records. Past it, push's room is proportionally small.
 */
const EXACT_UP_TO = 16;

/**
 * A new tie's evidence: one id of one kind. Written as a literal of its one key, not `{}` plus a
 * key: V8 gives an empty literal room for four properties, which a million ties pay 24 bytes each for.
 */
export function firstEvidence(kind: EvidenceKind, id: string): TieEvidence {
  switch (kind) {
    case 'interactions':
      return { interactions: id };
    case 'referrals':
      return { referrals: id };
    case 'events':
      return { events: id };
  }
}

/**
 * Appends an id the caller knows is not there yet (a build sees each record once). Each kind's
 * property by name, not e[kind]: a build appends 1.7M ids at 100k people, and a property looked up
 * by a key that varies, on evidence objects of many shapes, took a third more time (issue #18).
 */
export function appendEvidence(e: TieEvidence, kind: EvidenceKind, id: string): void {
  switch (kind) {
    case 'interactions':
      e.interactions = withId(e.interactions, id);
      return;
    case 'referrals':
      e.referrals = withId(e.referrals, id);
      return;
    case 'events':
      e.events = withId(e.events, id);
      return;
  }
}

/** The ids of one kind with one more (the list itself when it grows by push). */
function withId(ids: EvidenceIds | undefined, id: string): EvidenceIds {
  if (ids === undefined) return id;
  if (typeof ids === 'string') return [ids, id];
  if (ids.length < EXACT_UP_TO) return ids.concat(id);
  ids.push(id);
  return ids;
}

/** Adds an id of one kind; false when it was already there. */
export function addEvidence(e: TieEvidence, kind: EvidenceKind, id: string): boolean {
  const ids = e[kind];
  if (ids !== undefined && (typeof ids === 'string' ? ids === id : ids.includes(id))) return false;
  appendEvidence(e, kind, id);
  return true;
}

/** Removes an id of one kind; false when it was not there. A list left with one id becomes the id. */
export function removeEvidence(e: TieEvidence, kind: EvidenceKind, id: string): boolean {
  const ids = e[kind];
  if (ids === undefined) return false;
  if (typeof ids === 'string') {
    if (ids !== id) return false;
    delete e[kind];
    return true;
  }
  const i = ids.indexOf(id);
  if (i < 0) return false;
  if (ids.length === 2) e[kind] = ids[1 - i]!;
  else ids.splice(i, 1);
  return true;
}

/** True when no evidence is left: the tie must go. */
export function isEmptyEvidence(e: TieEvidence): boolean {
  return e.interactions === undefined && e.referrals === undefined && e.events === undefined;
}
