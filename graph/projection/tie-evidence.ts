/**
 * What makes a tie, stored compactly on each relationship edge: the ids of the records that are
 * its evidence. Kinds, dates, statuses and values stay in the RecordSet (one copy of the truth);
 * analytics resolve them as of the date they are asked about. Arrays, not Sets: a tie rarely has
 * more than a handful of records and an array costs a fraction of a Set's memory.
 */

export type EvidenceKind = 'interactions' | 'referrals' | 'events';

export interface TieEvidence {
  /** interaction ids between the two people */
  interactions?: string[];
  /** referral ids, either direction */
  referrals?: string[];
  /** ids of events both attended */
  events?: string[];
}

/** Referral-graph arc data (a → b): the referral ids; counts and values are resolved as of a date. */
export interface ReferralArc {
  ids: string[];
  /** Σ value of these referrals (all of them, no asOf): for the live weighted-reciprocity counters */
  value: number;
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
      return { interactions: [id] };
    case 'referrals':
      return { referrals: [id] };
    case 'events':
      return { events: [id] };
  }
}

/** Appends an id the caller knows is not in the list yet (a build sees each record once). */
export function appendEvidence(e: TieEvidence, kind: EvidenceKind, id: string): void {
  const list = e[kind];
  if (!list) e[kind] = [id];
  else if (list.length < EXACT_UP_TO) e[kind] = list.concat(id);
  else list.push(id);
}

/** Adds an id to one evidence list; false when it was already there. */
export function addEvidence(e: TieEvidence, kind: EvidenceKind, id: string): boolean {
  if (e[kind]?.includes(id)) return false;
  appendEvidence(e, kind, id);
  return true;
}

/** Removes an id from one evidence list; false when it was not there. */
export function removeEvidence(e: TieEvidence, kind: EvidenceKind, id: string): boolean {
  const list = e[kind];
  if (!list) return false;
  const i = list.indexOf(id);
  if (i < 0) return false;
  list.splice(i, 1);
  if (list.length === 0) delete e[kind];
  return true;
}

/** True when no evidence is left: the tie must go. */
export function isEmptyEvidence(e: TieEvidence): boolean {
  return !e.interactions && !e.referrals && !e.events;
}
