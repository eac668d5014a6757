/**
 * Pairs of people with a value each (a tie, a referral arc), kept in the order they were added:
 * the storage under TieTable and ReferralTable. A pair lives in a numbered slot (its index in
 * three parallel arrays, three words per pair); the tables' adjacency maps point at slots.
 * Dropping a pair leaves a hole, so no other slot moves; once holes outnumber the pairs they are
 * closed up in order (O(pairs), amortised O(1) per drop) and the owner re-points its maps.
 * Iteration is in insertion order, each pair with its ends as first given, as graphology's edge
 * map iterates: results computed on the tables stay the same as on graphology.
 */
import { runAtOnce } from '../support/time-slices.js';

/** Holes are closed up only past this many, so dropping a few pairs never rewrites the slots. */
const MIN_HOLES = 1024;

export class OrderedSlots<V> {
  private sources: string[] = [];
  private targets: string[] = [];
  /** undefined: a dropped pair's hole */
  private values: (V | undefined)[] = [];
  private holes = 0;

  /** Number of pairs held. */
  get size(): number {
    return this.values.length - this.holes;
  }

  /** Appends a pair; returns its slot. */
  add(a: string, b: string, value: V): number {
    this.sources.push(a);
    this.targets.push(b);
    return this.values.push(value) - 1;
  }

  /** The value in a slot the caller holds (undefined for a hole). */
  at(slot: number): V | undefined {
    return this.values[slot];
  }

  /** Empties a slot; then call compact(). */
  vacate(slot: number): void {
    this.values[slot] = undefined;
    // Cleared too, so a hole keeps no id alive.
    this.sources[slot] = '';
    this.targets[slot] = '';
    this.holes++;
  }

  /** Visits every pair once, in the order they were added. */
  forEach(visit: (value: V, a: string, b: string) => void): void {
    runAtOnce(this.forEachInSteps(visit, Infinity));
  }

  /**
   * forEach in slices: yields after every `step` pairs, so a caller can give the event loop back
   * (the warm-up's CSR build). A write between slices must abandon the walk: it sees the pairs
   * as they were when it started.
   */
  *forEachInSteps(visit: (value: V, a: string, b: string) => void, step: number): Generator<void, void, undefined> {
    const { sources, targets, values } = this;
    let seen = 0;
    for (let slot = 0; slot < values.length; slot++) {
      const v = values[slot];
      if (v === undefined) continue;
      visit(v, sources[slot]!, targets[slot]!);
      if (++seen % step === 0) yield;
    }
  }

  /** Closes the holes up once they outnumber the pairs; `moved` hears every pair's new slot. */
  compact(moved: (a: string, b: string, slot: number) => void): void {
    if (this.holes < MIN_HOLES || this.holes < this.size) return;
    const sources: string[] = [];
    const targets: string[] = [];
    const values: V[] = [];
    this.forEach((v, a, b) => {
      moved(a, b, values.length);
      sources.push(a);
      targets.push(b);
      values.push(v);
    });
    this.sources = sources;
    this.targets = targets;
    this.values = values;
    this.holes = 0;
  }
}
