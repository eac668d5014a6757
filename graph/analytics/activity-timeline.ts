/**
 * Every person's referrals and one-to-ones in time order, so a report over a period reads the
 * records dated in it (a binary search per person) instead of each member's whole history. The
 * chapter report reads two periods for every member of a chapter; at 100,000 people that history
 * is ten times the period's records.
 *
 * Built in one pass over the records, then kept right as they change without a rebuild: a
 * referral or one-to-one put or deleted since marks its two people as changed (RecordSet.watch),
 * and a changed person's records are read from the record set's own index instead of the built
 * tracks. The tracks are built again only once many people have changed. Rebuilt on every write,
 * they cost a chapter report after any change a pass over every record: 0.7 s on the
 * 100,000-person benchmark network.
 */
import type { RecordSet } from '../record-set.js';
import { keyOf, type RecordTypes } from '../records.js';

type Referral = RecordTypes['referral'];
type Interaction = RecordTypes['interaction'];
import { toMs } from './time.js';

/** The tracks are built again once more people than this (or than this share of everyone) have changed. */
const REBUILD_AFTER = 2_000;
const REBUILD_SHARE = 0.02;

/** How a track reads one kind of record. */
interface TrackKind<R> {
  /** the records of this kind, as the record set holds them now */
  all(): R[];
  /** a person's records of this kind now, from the record set's index */
  of(person: string): R[];
  at(r: R): number;
  ends(r: R): readonly [string, string];
  key(r: R): string;
}

/** The records of one kind as built: by record index its object and time, and per person its record indexes in time order. */
class BuiltTrack<R> {
  readonly records: readonly R[];
  readonly at: Float64Array;
  readonly offsets = new Map<string, number>();
  readonly counts = new Map<string, number>();
  readonly entries: Int32Array;

  constructor(kind: TrackKind<R>) {
    const records = kind.all();
    const at = Float64Array.from(records, (r) => kind.at(r));
    // Records in time order first: filling each person's slice in that order sorts it. A record
    // without a valid date is in no period.
    const byTime = Int32Array.from(records.keys())
      .filter((i) => !Number.isNaN(at[i]))
      .sort((x, y) => at[x]! - at[y]! || x - y);
    const { counts, offsets } = this;
    for (const i of byTime) {
      const [a, b] = kind.ends(records[i]!);
      counts.set(a, (counts.get(a) ?? 0) + 1);
      if (b !== a) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    let total = 0;
    for (const [person, n] of counts) {
      offsets.set(person, total);
      total += n;
    }
    const fill = new Map(offsets);
    const entries = new Int32Array(total);
    for (const i of byTime) {
      const [a, b] = kind.ends(records[i]!);
      entries[fill.get(a)!] = i;
      fill.set(a, fill.get(a)! + 1);
      if (b !== a) {
        entries[fill.get(b)!] = i;
        fill.set(b, fill.get(b)! + 1);
      }
    }
    this.records = records;
    this.at = at;
    this.entries = entries;
  }
}

/** One kind of record over time, kept right as the records change (see above). */
export class Track<R> {
  private built: BuiltTrack<R> | undefined;
  /** people with a record of this kind put or deleted since the build */
  private readonly changed = new Set<string>();
  /** Per visit: built records already visited (stamps), and those of a changed person (keys). */
  private seen = new Uint32Array(0);
  private epoch = 0;
  private readonly seenKeys = new Set<string>();

  constructor(
    private readonly kind: TrackKind<R>,
    private readonly people: () => number,
  ) {}

  /** A record of this kind was put or deleted: its people are read from the record set from now on. */
  touched(r: R): void {
    for (const p of this.kind.ends(r)) this.changed.add(p);
  }

  /** Starts a new visit: until the next call, forEach gives each record once, whichever people it is asked for. */
  newVisit(): void {
    if (!this.built || this.changed.size > Math.max(REBUILD_AFTER, REBUILD_SHARE * this.people())) {
      this.built = new BuiltTrack(this.kind);
      this.changed.clear();
      this.seen = new Uint32Array(this.built.records.length);
      this.epoch = 0;
    }
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    this.seenKeys.clear();
  }

  /**
   * Calls `visit` with each of a person's records dated in [from, to] (ms, both included) not
   * visited yet since newVisit(), in time order.
   */
  forEach(person: string, from: number, to: number, visit: (r: R, at: number) => void): void {
    const { kind, changed, seenKeys } = this;
    if (changed.has(person)) {
      const dated = kind
        .of(person)
        .map((r) => ({ r, at: kind.at(r) }))
        .filter((x) => x.at >= from && x.at <= to)
        .sort((x, y) => x.at - y.at);
      for (const { r, at } of dated) {
        const key = kind.key(r);
        if (seenKeys.has(key)) continue;
        seenKeys.add(key);
        visit(r, at);
      }
      return;
    }
    const { records, at, offsets, counts, entries } = this.built!;
    const start = offsets.get(person);
    if (start === undefined) return;
    const end = start + counts.get(person)!;
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[entries[mid]!]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < end; k++) {
      const i = entries[k]!;
      if (at[i]! > to) return;
      if (this.seen[i] === this.epoch) continue;
      this.seen[i] = this.epoch;
      // Unchanged (this person has not changed, so neither has any record of theirs), but the
      // other end may have: a changed person's records are given by key, so this one is too.
      const r = records[i]!;
      const [a, b] = kind.ends(r);
      if (changed.has(a) || changed.has(b)) {
        const key = kind.key(r);
        if (seenKeys.has(key)) continue;
        seenKeys.add(key);
      }
      visit(r, at[i]!);
    }
  }
}

export interface ActivityTimeline {
  referrals: Track<Referral>;
  oneToOnes: Track<Interaction>;
}

/** The timeline of a record set, kept right as its referrals and interactions change. */
export function activityTimeline(records: RecordSet): ActivityTimeline {
  const people = () => records.maps.person.size;
  const fromKeys = <R>(keys: Iterable<string>, get: (key: string) => R | undefined) => {
    const out: R[] = [];
    for (const key of keys) {
      const r = get(key);
      if (r !== undefined) out.push(r);
    }
    return out;
  };
  const referrals = new Track<Referral>(
    {
      all: () => [...records.maps.referral.values()],
      of: (person) => fromKeys(records.referralsOf.get(person), (key) => records.get('referral', key)),
      at: (r) => toMs(r.at),
      ends: (r) => [r.from, r.to],
      key: (r) => keyOf('referral', r),
    },
    people,
  );
  const isOneToOne = (i: Interaction | undefined): i is Interaction => i?.kind === 'one_to_one';
  const oneToOnes = new Track<Interaction>(
    {
      all: () => [...records.maps.interaction.values()].filter(isOneToOne),
      of: (person) => fromKeys(records.interactionsOf.get(person), (key) => records.get('interaction', key)).filter(isOneToOne),
      at: (i) => toMs(i.at),
      ends: (i) => [i.a, i.b],
      key: (i) => keyOf('interaction', i),
    },
    people,
  );
  records.watch('referral', (r) => referrals.touched(r));
  // Whether it is a one-to-one now or was one before, its people's one-to-ones may have changed.
  records.watch('interaction', (i) => isOneToOne(i) && oneToOnes.touched(i));
  return { referrals, oneToOnes };
}
