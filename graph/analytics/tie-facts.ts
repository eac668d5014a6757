/**
 * The facts of one tie as of a date, resolved from its evidence ids: interaction counts by kind,
 * referrals each way (count, and won and value as they stood then), co-attended events, first and
 * last contact. VCP stage,
 * tie strength, dormancy and path hops all read these, so a person can always see why.
 */
import type { RecordSet } from '../record-set.js';
import type { InteractionKind } from '../schema.js';
import { idAt, idCount, type TieEvidence } from '../projection/tie-evidence.js';
import { endOf, toMs } from './time.js';
import { referralAsOf } from '../service/referral-status.js';
import { countedValue } from '../support/money.js';
import { compareIds } from '../support/id-order.js';
import { ExactSum } from '../support/exact-sum.js';

export interface DirectedReferrals {
  count: number;
  won: number;
  /** Σ value of the referrals that carry one. */
  value: number;
  ids: string[];
}

export interface TieFacts {
  a: string;
  b: string;
  interactions: number;
  byKind: Partial<Record<InteractionKind, number>>;
  oneToOnes: number;
  /** referrals from a to b, and from b to a */
  aToB: DirectedReferrals;
  bToA: DirectedReferrals;
  /** ids of events both attended (dated ≤ asOf) */
  events: string[];
  /** first and last contact (ms): interaction, referral or co-attended event */
  first: number;
  last: number;
  /**
   * The earliest instant by which a contact had surely happened (ms): the least of the contact
   * dates' ends, a calendar date ending with its UTC day (docs/DOMAIN.md, "a calendar date counts
   * its whole day"). No contact is before an instant t unless firstBy < t: so a slip dated the day
   * of a meeting at 07:00 does not make the tie older than the meeting.
   */
  firstBy: number;
}

const emptyDirected = (): DirectedReferrals => ({ count: 0, won: 0, value: 0, ids: [] });

/**
 * Resolves a tie's evidence as of `asOf` (records dated later are ignored). Undefined when no
 * evidence is left by then: the tie did not exist yet.
 */
export function tieFacts(records: RecordSet, evidence: TieEvidence, a: string, b: string, asOf: number): TieFacts | undefined {
  const f: TieFacts = {
    a,
    b,
    interactions: 0,
    byKind: {},
    oneToOnes: 0,
    aToB: emptyDirected(),
    bToA: emptyDirected(),
    events: [],
    first: Infinity,
    last: -Infinity,
    firstBy: Infinity,
  };
  const interactions = evidence.interactions;
  for (let k = 0, n = idCount(interactions); k < n; k++) {
    const id = idAt(interactions!, k);
    const i = records.get('interaction', id);
    if (!i) continue;
    const at = toMs(i.at);
    if (!(at <= asOf)) continue;
    f.interactions++;
    f.byKind[i.kind] = (f.byKind[i.kind] ?? 0) + 1;
    if (i.kind === 'one_to_one') f.oneToOnes++;
    if (at < f.first) f.first = at;
    if (at > f.last) f.last = at;
    f.firstBy = Math.min(f.firstBy, endOf(i.at));
  }
  const referrals = evidence.referrals;
  // Σ value each way, exact (support/exact-sum.ts): the same whatever order the slips were written in.
  let values: [ExactSum, ExactSum] | undefined;
  for (let k = 0, n = idCount(referrals); k < n; k++) {
    const id = idAt(referrals!, k);
    const r = records.get('referral', id);
    if (!r) continue;
    // Its status and value as they were at asOf: a slip closed later was still open then.
    const then = referralAsOf(r, asOf);
    if (then === undefined) continue;
    const at = toMs(r.at);
    const d = r.from === a ? f.aToB : f.bToA;
    d.count++;
    d.ids.push(id);
    if (then.status === 'won') d.won++;
    (values ??= [new ExactSum(), new ExactSum()])[d === f.aToB ? 0 : 1].add(countedValue(then));
    if (at < f.first) f.first = at;
    if (at > f.last) f.last = at;
    f.firstBy = Math.min(f.firstBy, endOf(r.at));
  }
  if (values) [f.aToB.value, f.bToA.value] = [values[0].value, values[1].value];
  const events = evidence.events;
  for (let k = 0, n = idCount(events); k < n; k++) {
    const id = idAt(events!, k);
    const e = records.get('event', id);
    if (!e) continue;
    const at = toMs(e.at);
    if (!(at <= asOf)) continue;
    f.events.push(id);
    if (at < f.first) f.first = at;
    if (at > f.last) f.last = at;
    f.firstBy = Math.min(f.firstBy, endOf(e.at));
  }
  return f.last === -Infinity ? undefined : f;
}

/**
 * The co-attended event that made the tie, if one did: an event no contact of the tie is before
 * (firstBy, so a record dated the day of a 07:00 meeting is not before it), the earliest such
 * event, then the first by id (code units) when several share the instant.
 */
export function eventThatMadeTie(records: RecordSet, f: TieFacts): string | undefined {
  let made: { id: string; at: number } | undefined;
  for (const id of f.events) {
    const at = toMs(records.get('event', id)!.at);
    if (at > f.firstBy) continue;
    if (!made || at < made.at || (at === made.at && compareIds(id, made.id) < 0)) made = { id, at };
  }
  return made?.id;
}

/** What tie strength needs, without the evidence lists (the CSR cost of every tie uses it). */
export interface TieSummary {
  interactions: number;
  oneToOnes: number;
  aToB: number;
  bToA: number;
  won: number;
  first: number;
  last: number;
}

/**
 * Like tieFacts but allocation-light: counts and dates only. Undefined when no evidence ≤ asOf.
 * With `into`, the summary is written there and nothing is allocated (the CSR build summarises a
 * million ties, and each short-lived summary object, its two dates boxed, was garbage to collect).
 */
export function tieSummary(records: RecordSet, evidence: TieEvidence, a: string, asOf: number, into?: TieSummary): TieSummary | undefined {
  let interactions = 0;
  let oneToOnes = 0;
  let aToB = 0;
  let bToA = 0;
  let won = 0;
  let first = Infinity;
  let last = -Infinity;
  const list1 = evidence.interactions;
  if (list1 !== undefined) {
    for (let i = 0, n = idCount(list1); i < n; i++) {
      const r = records.maps.interaction.get(idAt(list1, i));
      if (!r) continue;
      const at = toMs(r.at);
      if (!(at <= asOf)) continue;
      interactions++;
      if (r.kind === 'one_to_one') oneToOnes++;
      if (at < first) first = at;
      if (at > last) last = at;
    }
  }
  const list2 = evidence.referrals;
  if (list2 !== undefined) {
    for (let i = 0, n = idCount(list2); i < n; i++) {
      const r = records.maps.referral.get(idAt(list2, i));
      if (!r) continue;
      const then = referralAsOf(r, asOf);
      if (then === undefined) continue;
      const at = toMs(r.at);
      if (r.from === a) aToB++;
      else bToA++;
      if (then.status === 'won') won++;
      if (at < first) first = at;
      if (at > last) last = at;
    }
  }
  const list3 = evidence.events;
  if (list3 !== undefined) {
    for (let i = 0, n = idCount(list3); i < n; i++) {
      const r = records.maps.event.get(idAt(list3, i));
      if (!r) continue;
      const at = toMs(r.at);
      if (!(at <= asOf)) continue;
      if (at < first) first = at;
      if (at > last) last = at;
    }
  }
  if (last === -Infinity) return undefined;
  if (!into) return { interactions, oneToOnes, aToB, bToA, won, first, last };
  into.interactions = interactions;
  into.oneToOnes = oneToOnes;
  into.aToB = aToB;
  into.bToA = bToA;
  into.won = won;
  into.first = first;
  into.last = last;
  return into;
}
