/**
 * Every person's referrals and one-to-ones in time order, built in one pass over the records of
 * a version, so a report over a period reads the records dated in it (a binary search per person)
 * instead of each member's whole history. The chapter report reads two periods for every member
 * of a chapter; at 100,000 people that history is ten times the period's records.
 */
import type { Interaction, Referral } from '../schema.js';
import type { RecordSet } from '../record-set.js';
import { toMs } from './time.js';

/** One kind of record, columnar: by record index its object and time, and per person its record indexes in time order. */
export class Track<R> {
  /** Per-call stamps: a record involving two people of a report is counted once. */
  private readonly seen: Uint32Array;
  private epoch = 0;

  private constructor(
    readonly records: readonly R[],
    readonly at: Float64Array,
    private readonly offsets: Map<string, number>,
    private readonly counts: Map<string, number>,
    private readonly entries: Int32Array,
  ) {
    this.seen = new Uint32Array(records.length);
  }

  static build<R>(records: readonly R[], atOf: (r: R) => number, ends: (r: R) => readonly [string, string]): Track<R> {
    const at = Float64Array.from(records, atOf);
    // Records in time order first: filling each person's slice in that order sorts it. A record
    // without a valid date is in no period.
    const byTime = Int32Array.from(records.keys())
      .filter((i) => !Number.isNaN(at[i]))
      .sort((x, y) => at[x]! - at[y]! || x - y);
    const counts = new Map<string, number>();
    for (const i of byTime) {
      const [a, b] = ends(records[i]!);
      counts.set(a, (counts.get(a) ?? 0) + 1);
      if (b !== a) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    const offsets = new Map<string, number>();
    let total = 0;
    for (const [person, n] of counts) {
      offsets.set(person, total);
      total += n;
    }
    const fill = new Map(offsets);
    const entries = new Int32Array(total);
    for (const i of byTime) {
      const [a, b] = ends(records[i]!);
      entries[fill.get(a)!] = i;
      fill.set(a, fill.get(a)! + 1);
      if (b !== a) {
        entries[fill.get(b)!] = i;
        fill.set(b, fill.get(b)! + 1);
      }
    }
    return new Track(records, at, offsets, counts, entries);
  }

  /** Starts a new count: until the next call, `firstVisit` is true once per record. */
  newVisit(): void {
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
  }

  firstVisit(i: number): boolean {
    if (this.seen[i] === this.epoch) return false;
    this.seen[i] = this.epoch;
    return true;
  }

  /** Calls `visit` with the index of each of a person's records dated in [from, to] (ms, both included), in time order. */
  forEach(person: string, from: number, to: number, visit: (i: number) => void): void {
    const start = this.offsets.get(person);
    if (start === undefined) return;
    const end = start + this.counts.get(person)!;
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[this.entries[mid]!]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < end; k++) {
      const i = this.entries[k]!;
      if (this.at[i]! > to) return;
      visit(i);
    }
  }
}

export interface ActivityTimeline {
  referrals: Track<Referral>;
  oneToOnes: Track<Interaction>;
}

export function activityTimeline(records: RecordSet): ActivityTimeline {
  const oneToOnes: Interaction[] = [];
  for (const i of records.maps.interaction.values()) if (i.kind === 'one_to_one') oneToOnes.push(i);
  return {
    referrals: Track.build([...records.maps.referral.values()], (r) => toMs(r.at), (r) => [r.from, r.to]),
    oneToOnes: Track.build(oneToOnes, (i) => toMs(i.at), (i) => [i.a, i.b]),
  };
}
