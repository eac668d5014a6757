/**
 * The graphology projection of the record set, kept in step change by change (a NetworkListener):
 *
 * - `ties`: the relationship graph of docs/DOMAIN.md — undirected, simple, on people. a–b is a tie iff
 *   they co-attended an event, or have an interaction, or a referral either way. Membership alone
 *   is not a tie. Each tie carries its TieEvidence (record ids); removing the last evidence
 *   removes the tie. A TieTable (tie-table.ts), not a graphology graph: a third of the memory.
 * - `referrals`: the referral graph — directed, simple; a → b iff a referral from a to b, with the
 *   referral ids on the arc. A ReferralTable (referral-table.ts).
 *
 * Every write costs O(records it touches): an attendance links its person to the event's other
 * attendees, nothing else is rebuilt. Tie listeners (the CSR snapshot, caches) hear about each
 * tie that appeared, changed or went away. Edge reciprocity counters are kept incrementally.
 */
import type { NetworkListener } from '../live-network.js';
import type { RecordSet } from '../record-set.js';
import type { AnyRecord, Change, RecordTypes } from '../records.js';
import {
  addEvidence,
  appendEvidence,
  firstEvidence,
  isEmptyEvidence,
  removeEvidence,
  type EvidenceKind,
  type TieEvidence,
} from './tie-evidence.js';
import { runAtOnce } from '../support/time-slices.js';
import { ReferralTable } from './referral-table.js';
import { TieTable } from './tie-table.js';
import { lastChangeMs } from '../service/referral-status.js';
import { ExactSum } from '../support/exact-sum.js';
import { countedValue } from '../support/money.js';
import { membershipSpan } from '../analytics/dimensions.js';

export type PersonChange = 'added' | 'changed' | 'removed' | 'attended';

/** Hears about every tie and person change of the projection. */
export interface TieListener {
  /** Everything was rebuilt. */
  reset(): void;
  /**
   * A tie appeared, or its evidence changed, or is going away (`evidence`: its — last — evidence
   * object; a tie going away is still in the table while its listeners hear of it).
   */
  tie(a: string, b: string, what: 'added' | 'changed' | 'removed', evidence: TieEvidence): void;
  /**
   * A person (node) was added, or removed with all of their ties, or their attributes or groups
   * changed (`changed`), or only the events they attended did (`attended`: an attendance, or an
   * event's date).
   */
  person(id: string, what: PersonChange): void;
}

/** Live reciprocity counters of the referral graph (all records, no asOf). */
export interface ReciprocityCounters {
  arcs: number;
  reciprocatedArcs: number;
  /** Σ w_ij and Σ_{i≠j} min(w_ij, w_ji), with w = number of referrals and w = their value */
  referrals: number;
  minCount: number;
  value: number;
  minValue: number;
}

export class NetworkProjection implements NetworkListener {
  ties = new TieTable();
  referrals = new ReferralTable();
  records!: RecordSet;
  /** Bumped on every applied change. */
  version = 0;
  /**
   * The latest date of any evidence ever seen (ms), a referral's dated moves (`changes`) included.
   * It only grows, so "asOf ≥ highWater" safely means "every record is included, as it stands
   * now" and the live snapshot answers.
   */
  highWater = -Infinity;
  /**
   * The latest boundary (since, or the end of until's day) of any membership ever seen (ms). It
   * stays out of highWater, so a membership paid through next year does not make every read of
   * today a past date's; an answer that reads memberships (a group category flow) is the same at
   * every instant at or after both marks.
   */
  membershipsSettled = -Infinity;
  readonly counters: ReciprocityCounters = { arcs: 0, reciprocatedArcs: 0, referrals: 0, minCount: 0, value: 0, minValue: 0 };
  /** the counters' two sums of money, exact (support/exact-sum.ts): a removal takes back what its addition put in */
  private valueSum = new ExactSum();
  private minValueSum = new ExactSum();
  private readonly listeners: TieListener[] = [];

  /** Registers a tie listener (the CSR keeper, metric caches). */
  listen(l: TieListener): void {
    this.listeners.push(l);
  }

  reset(records: RecordSet): void {
    const steps = this.rebuild(records, Infinity);
    while (!steps.next().done);
  }

  /**
   * Drops the graphs when they are out of date and a rebuild will follow before anyone reads them
   * (graph/projection/lazy-projection.ts), so old and new graphs never both sit in memory.
   */
  release(): void {
    this.version++;
    this.ties = new TieTable();
    this.referrals = new ReferralTable();
    for (const l of this.listeners) l.reset();
  }

  /**
   * The rebuild behind reset(), in slices: it yields after about `slice` units of work (records
   * read or co-attendance pairs linked), so a caller can give the event loop back between slices
   * (graph/projection/warm-up.ts). Tie listeners hear nothing while it runs, then one reset().
   * Abandoning it half-way (return()) leaves a partial projection: only a new rebuild may follow.
   */
  *rebuild(records: RecordSet, slice: number): Generator<void, void, undefined> {
    this.records = records;
    this.version++;
    this.ties = new TieTable();
    this.referrals = new ReferralTable();
    Object.assign(this.counters, { arcs: 0, reciprocatedArcs: 0, referrals: 0, minCount: 0, value: 0, minValue: 0 });
    this.valueSum = new ExactSum();
    this.minValueSum = new ExactSum();
    this.highWater = -Infinity;
    this.membershipsSettled = -Infinity;
    for (const m of records.maps.membership.values()) this.settleMembership(m);
    this.rebuilding = true;
    this.reserveFor(records);
    let work = 0;
    try {
      for (const id of records.maps.person.keys()) {
        this.ties.addNode(id);
        if (++work >= slice) {
          work = 0;
          yield;
        }
      }
      for (const i of records.maps.interaction.values()) {
        this.addInteraction(i);
        if (++work >= slice) {
          work = 0;
          yield;
        }
      }
      for (const r of records.maps.referral.values()) {
        this.addReferral(r);
        if (++work >= slice) {
          work = 0;
          yield;
        }
      }
      for (const id of records.maps.event.keys()) {
        // A big event's pairs in steps too: 2,000 attendees are 2 million ties (issue #18).
        work += yield* this.linkEventSteps(id, slice);
        if (work >= slice) {
          work = 0;
          yield;
        }
      }
    } finally {
      this.rebuilding = false;
    }
    for (const l of this.listeners) l.reset();
  }

  /**
   * Room in the tables for what the records can make, so the build never grows them: a referral
   * is at most one arc; a tie comes from an interaction, a referral or a pair of co-attendees, and
   * the pairs are counted only up to as many again as the others, so one huge event does not
   * reserve room for millions of ties that mostly repeat. A guess either way: room never used
   * costs no resident memory (pair-lists.ts), and a build that outgrows it grows as before.
   */
  private reserveFor(records: RecordSet): void {
    const direct = records.maps.interaction.size + records.maps.referral.size;
    let eventPairs = 0;
    for (const id of records.maps.event.keys()) {
      const k = records.attendeesOf.count(id);
      eventPairs += (k * (k - 1)) / 2;
    }
    // Hashed: the direct ties, at most one per interaction or referral and most of the ties of a
    // network that logs its meetings; co-attendance may add as many again, or nothing new.
    this.ties.reserve(direct + Math.min(eventPairs, direct), direct);
    this.referrals.reserve(records.maps.referral.size, records.maps.referral.size);
  }

  applied(change: Change, previous: AnyRecord | undefined, records: RecordSet): void {
    this.records = records;
    this.version++;
    const record = change.op === 'put' ? change.record : undefined;
    switch (change.kind) {
      case 'person':
        if (record) {
          const id = (record as RecordTypes['person']).id;
          if (this.ties.hasNode(id)) this.emitPerson(id, 'changed');
          else this.addPerson(id);
        } else if (previous) this.removePerson((previous as RecordTypes['person']).id);
        break;
      case 'interaction':
        if (previous) this.removeInteraction(previous as RecordTypes['interaction']);
        if (record) this.addInteraction(record as RecordTypes['interaction']);
        break;
      case 'referral':
        if (previous) this.removeReferral(previous as RecordTypes['referral']);
        if (record) this.addReferral(record as RecordTypes['referral']);
        break;
      case 'attendance':
        if (previous) this.unattend(previous as RecordTypes['attendance']);
        if (record) this.attend(record as RecordTypes['attendance']);
        for (const a of new Set([previous, record].map((x) => (x as RecordTypes['attendance'] | undefined)?.person))) if (a !== undefined) this.emitPerson(a, 'attended');
        break;
      case 'event': {
        const id = record ? (record as RecordTypes['event']).id : (previous as RecordTypes['event'] | undefined)?.id;
        if (!id) break;
        if (!record) this.unlinkEvent(id, previous as RecordTypes['event']);
        else if (!previous) this.linkEvent(id);
        else this.eventChanged(id, record as RecordTypes['event']);
        // Each attendee's count of recent events depends on the event's date.
        for (const a of this.attendees(id)) this.emitPerson(a, 'attended');
        break;
      }
      case 'membership': {
        const m = (record ?? previous) as RecordTypes['membership'] | undefined;
        if (record) this.settleMembership(record as RecordTypes['membership']);
        if (m) this.emitPerson(m.person, 'changed');
        break;
      }
      default:
        break;
    }
  }

  private settleMembership(m: RecordTypes['membership']): void {
    const [from, to] = membershipSpan(m);
    // An open end changes nothing later on: the last boundary is the last date written.
    const latest = to === Infinity ? from : to;
    if (latest > this.membershipsSettled) this.membershipsSettled = latest;
  }

  /** The evidence of the tie a–b, if any (live: every record). */
  evidence(a: string, b: string): TieEvidence | undefined {
    return this.ties.evidence(a, b);
  }

  // ---- people ----

  private addPerson(id: string): void {
    if (this.ties.hasNode(id)) return;
    this.ties.addNode(id);
    this.emitPerson(id, 'added');
  }

  private ensureNode(id: string): void {
    if (!this.ties.hasNode(id)) this.addPerson(id);
  }

  private removePerson(id: string): void {
    if (!this.ties.hasNode(id)) return;
    // Normally the domain layer cascades first; if not, the ties go with the person.
    this.ties.forEachNeighbor(id, (other, e) => this.emitTie(id, other, 'removed', e));
    for (const to of this.referrals.outNeighbors(id)) this.dropArc(id, to);
    for (const from of this.referrals.inNeighbors(id)) this.dropArc(from, id);
    this.ties.dropNode(id);
    this.emitPerson(id, 'removed');
  }

  // ---- evidence ----

  /** true while reset() rebuilds: every (tie, record) pair arrives once, so no duplicate checks */
  private rebuilding = false;

  private link(a: string, b: string, kind: EvidenceKind, id: string, at: number): void {
    if (a === b) return;
    const u = this.numbered(a);
    this.linkNumbered(u, this.numbered(b), a, b, kind, id, at);
  }

  /** A person's node number in the tie table, the person added first if need be. */
  private numbered(id: string): number {
    const u = this.ties.numberOf(id);
    if (u !== undefined) return u;
    this.addPerson(id);
    return this.ties.numberOf(id)!;
  }

  /** link() of two distinct people already numbered (u for a, v for b). */
  private linkNumbered(u: number, v: number, a: string, b: string, kind: EvidenceKind, id: string, at: number): void {
    if (at > this.highWater) this.highWater = at;
    const e = this.ties.evidenceBetween(u, v);
    if (e === undefined) {
      const fresh = firstEvidence(kind, id);
      this.ties.addNumberedEdge(u, v, fresh);
      this.emitTie(a, b, 'added', fresh);
    } else if (this.rebuilding) {
      appendEvidence(e, kind, id);
    } else if (addEvidence(e, kind, id)) this.emitTie(a, b, 'changed', e);
  }

  private unlink(a: string, b: string, kind: EvidenceKind, id: string): void {
    const e = a === b ? undefined : this.ties.evidence(a, b);
    if (e === undefined || !removeEvidence(e, kind, id)) return;
    if (isEmptyEvidence(e)) {
      // Heard while the tie is still there, as when a person goes: a listener may read what it kept with it.
      this.emitTie(a, b, 'removed', e);
      this.ties.dropEdge(a, b);
    } else this.emitTie(a, b, 'changed', e);
  }

  private addInteraction(i: RecordTypes['interaction']): void {
    this.link(i.a, i.b, 'interactions', i.id, Date.parse(i.at));
  }

  private removeInteraction(i: RecordTypes['interaction']): void {
    this.unlink(i.a, i.b, 'interactions', i.id);
  }

  private addReferral(r: RecordTypes['referral']): void {
    if (r.from === r.to) return;
    this.link(r.from, r.to, 'referrals', r.id, Date.parse(r.at));
    // A move of the slip (won in December) is evidence dated then: before it, answers read the
    // status the slip had, so an instant before the latest move is no longer the live graph's.
    const moved = lastChangeMs(r);
    if (moved > this.highWater) this.highWater = moved;
    const arc = this.referrals.arc(r.from, r.to);
    this.pairMins(r.from, r.to, -1);
    if (arc === undefined) {
      this.referrals.addArc(r.from, r.to, { ids: [r.id], value: new ExactSum().add(countedValue(r)) });
      this.counters.arcs++;
      if (this.referrals.hasArc(r.to, r.from)) this.counters.reciprocatedArcs += 2;
      this.counters.referrals++;
      this.addValue(countedValue(r));
    } else {
      if (!arc.ids.includes(r.id)) {
        arc.ids.push(r.id);
        arc.value.add(countedValue(r));
        this.counters.referrals++;
        this.addValue(countedValue(r));
      }
    }
    this.pairMins(r.from, r.to, 1);
  }

  private addValue(x: number): void {
    this.counters.value = this.valueSum.add(x).value;
  }

  /** Adds (sign 1) or removes (−1) the pair a⇄b's share of Σ min(w_ij, w_ji), both orders. */
  private pairMins(a: string, b: string, sign: 1 | -1): void {
    const x = this.referrals.arc(a, b);
    const y = x && this.referrals.arc(b, a);
    if (!x || !y) return;
    this.counters.minCount += sign * 2 * Math.min(x.ids.length, y.ids.length);
    this.minValueSum.add(sign * 2 * Math.min(x.value.value, y.value.value));
    this.counters.minValue = this.minValueSum.value;
  }

  private removeReferral(r: RecordTypes['referral']): void {
    this.unlink(r.from, r.to, 'referrals', r.id);
    const arc = this.referrals.arc(r.from, r.to);
    if (arc === undefined) return;
    const i = arc.ids.indexOf(r.id);
    if (i < 0) return;
    this.pairMins(r.from, r.to, -1);
    arc.ids.splice(i, 1);
    arc.value.add(-countedValue(r));
    this.counters.referrals--;
    this.addValue(-countedValue(r));
    if (arc.ids.length === 0) this.dropArc(r.from, r.to, false);
    else this.pairMins(r.from, r.to, 1);
  }

  private dropArc(from: string, to: string, withReferrals = true): void {
    if (withReferrals) {
      const arc = this.referrals.arc(from, to)!;
      this.pairMins(from, to, -1);
      this.counters.referrals -= arc.ids.length;
      this.addValue(-arc.value.value);
    }
    this.referrals.dropArc(from, to);
    this.counters.arcs--;
    if (this.referrals.hasArc(to, from)) this.counters.reciprocatedArcs -= 2;
  }

  /** Attendees of an event (person ids), from the record set's index. */
  private attendees(eventId: string): string[] {
    const out: string[] = [];
    for (const key of this.records.attendeesOf.get(eventId)) {
      const a = this.records.get('attendance', key);
      if (a) out.push(a.person);
    }
    return out;
  }

  private eventTime(eventId: string): number | undefined {
    const e = this.records.get('event', eventId);
    return e ? Date.parse(e.at) : undefined;
  }

  private attend(a: RecordTypes['attendance']): void {
    this.ensureNode(a.person);
    const at = this.eventTime(a.event);
    // Attendance at an event not (yet) recorded makes no tie; linkEvent adds it when it arrives.
    if (at === undefined) return;
    for (const other of this.attendees(a.event)) this.link(a.person, other, 'events', a.event, at);
  }

  private unattend(a: RecordTypes['attendance']): void {
    for (const other of this.attendees(a.event)) this.unlink(a.person, other, 'events', a.event);
  }

  /** Links every pair of the event's attendees; returns the number of pairs (work done). */
  private linkEvent(eventId: string): number {
    return runAtOnce(this.linkEventSteps(eventId, Infinity));
  }

  /** Links an event's co-attendees, yielding after every `slice` pairs; returns the work done (1 + pairs). */
  private *linkEventSteps(eventId: string, slice: number): Generator<void, number, undefined> {
    const at = this.eventTime(eventId);
    if (at === undefined) return 1;
    const people = this.attendees(eventId);
    // Each attendee numbered once (−1: not yet), not once per pair: an event of k people is k²/2 pairs.
    // The numbers hold across yields: the table only changes by this build while it runs.
    const numbers = new Int32Array(people.length).fill(-1);
    let pairs = 0;
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const a = people[i]!;
        const b = people[j]!;
        if (a !== b) {
          // numbered in link()'s order: a, then b
          const u = numbers[i]! >= 0 ? numbers[i]! : (numbers[i] = this.numbered(a));
          const v = numbers[j]! >= 0 ? numbers[j]! : (numbers[j] = this.numbered(b));
          this.linkNumbered(u, v, a, b, 'events', eventId, at);
        }
        if (++pairs % slice === 0) yield;
      }
    }
    return 1 + pairs;
  }

  private unlinkEvent(eventId: string, _previous: RecordTypes['event'] | undefined): void {
    const people = this.attendees(eventId);
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) this.unlink(people[i]!, people[j]!, 'events', eventId);
    }
  }

  /** A re-dated event changes the dates (not the existence) of every co-attendance tie it makes. */
  private eventChanged(eventId: string, e: RecordTypes['event']): void {
    const people = this.attendees(eventId);
    // As a build counts it: an event's date is evidence only where it makes a tie.
    const at = Date.parse(e.at);
    if (people.length > 1 && at > this.highWater) this.highWater = at;
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const e = people[i] !== people[j] ? this.evidence(people[i]!, people[j]!) : undefined;
        if (e) this.emitTie(people[i]!, people[j]!, 'changed', e);
      }
    }
  }

  // During a rebuild listeners are quiet: they get one reset() at the end instead.
  private emitTie(a: string, b: string, what: 'added' | 'changed' | 'removed', evidence: TieEvidence): void {
    if (this.rebuilding) return;
    for (const l of this.listeners) l.tie(a, b, what, evidence);
  }

  private emitPerson(id: string, what: PersonChange): void {
    if (this.rebuilding) return;
    for (const l of this.listeners) l.person(id, what);
  }
}
