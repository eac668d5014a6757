import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityTimeline, type Track } from '../../../graph/analytics/activity-timeline.js';
import { RecordSet } from '../../../graph/record-set.js';
import type { Change, RecordTypes } from '../../../graph/records.js';
import { emptyDocument } from '../../../graph/schema.js';

const PEOPLE = ['a', 'b', 'c', '__proto__', 'constructor'];
const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);

type Referral = RecordTypes['referral'];
type Interaction = RecordTypes['interaction'];

/** What one visit gives for these people over [from, to]: keys in the order given, and whether each person's came in time order. */
function visit<R extends { id: string; at: string }>(track: Track<R>, people: readonly string[], from: number, to: number): { keys: string[]; ordered: boolean } {
  track.newVisit();
  const keys: string[] = [];
  let ordered = true;
  for (const p of people) {
    let last = -Infinity;
    track.forEach(p, from, to, (r, at) => {
      keys.push(r.id);
      if (at < last || at !== Date.parse(r.at)) ordered = false;
      last = at;
    });
  }
  return { keys, ordered };
}

const pair = fc.tuple(fc.constantFrom(...PEOPLE), fc.constantFrom(...PEOPLE)).filter(([x, y]) => x !== y);
const referral = fc.record({ id: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'), ends: pair, at: fc.integer({ min: 0, max: 40 }) }).map(
  ({ id, ends: [from, to], at }): Referral => ({ id, from, to, at: day(at), status: 'passed' }),
);
const interaction = fc
  .record({ id: fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5'), ends: pair, at: fc.integer({ min: 0, max: 40 }), kind: fc.constantFrom<'one_to_one' | 'met'>('one_to_one', 'met') })
  .map(({ id, ends: [a, b], at, kind }): Interaction => ({ id, a, b, at: day(at), kind }));
const change: fc.Arbitrary<Change> = fc.oneof(
  referral.map((record): Change => ({ op: 'put', kind: 'referral', record })),
  interaction.map((record): Change => ({ op: 'put', kind: 'interaction', record })),
  fc.constantFrom('r1', 'r2', 'r3').map((key): Change => ({ op: 'delete', kind: 'referral', key })),
  fc.constantFrom('i1', 'i2', 'i3').map((key): Change => ({ op: 'delete', kind: 'interaction', key })),
);

function records(referrals: Referral[], interactions: Interaction[]): RecordSet {
  const unique = <R extends { id: string }>(xs: R[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  return RecordSet.fromDocument({ ...emptyDocument(), people: PEOPLE.map((id) => ({ id, name: id })), referrals: unique(referrals), interactions: unique(interactions) });
}

describe('analytics/activity-timeline', () => {
  it("when records are put and deleted between visits, then a visit gives each current record of the people asked dated in the period once, each person's in time order", () => {
    fc.assert(
      fc.property(
        fc.array(referral, { maxLength: 6 }),
        fc.array(interaction, { maxLength: 6 }),
        fc.array(fc.tuple(fc.array(change, { maxLength: 4 }), fc.subarray(PEOPLE), fc.integer({ min: -2, max: 42 }), fc.integer({ min: 0, max: 45 })), { minLength: 1, maxLength: 5 }),
        (referrals, interactions, steps) => {
          const set = records(referrals, interactions);
          const timeline = activityTimeline(set);
          for (const [changes, people, fromDay, days] of steps) {
            for (const c of changes) set.apply(c);
            const from = Date.parse(day(fromDay));
            const to = Date.parse(day(fromDay + days));
            const dated = (at: string) => Date.parse(at) >= from && Date.parse(at) <= to;
            const involves = (x: string, y: string) => people.includes(x) || people.includes(y);
            const wantReferrals = [...set.maps.referral.values()].filter((r) => dated(r.at) && involves(r.from, r.to)).map((r) => r.id);
            const wantOneToOnes = [...set.maps.interaction.values()].filter((i) => i.kind === 'one_to_one' && dated(i.at) && involves(i.a, i.b)).map((i) => i.id);
            for (const [track, want] of [
              [timeline.referrals, wantReferrals],
              [timeline.oneToOnes, wantOneToOnes],
            ] as const) {
              const got = visit(track as Track<Referral | Interaction>, people, from, to);
              expect(got.ordered).toBe(true);
              expect([...got.keys].sort()).toEqual([...want].sort());
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when more people have changed than the timeline reads one by one, then it is built again and still gives every current record once', () => {
    const people = Array.from({ length: 2_200 }, (_, i) => `p${i}`);
    const set = RecordSet.fromDocument({ ...emptyDocument(), people: people.map((id) => ({ id, name: id })) });
    const timeline = activityTimeline(set);
    expect(visit(timeline.referrals, people, 0, Date.parse('2025-01-01')).keys).toEqual([]);
    people.forEach((p, i) => set.apply({ op: 'put', kind: 'referral', record: { id: `r${i}`, from: p, to: people[(i + 1) % people.length]!, at: day(i % 30), status: 'won', value: 1 } }));
    set.apply({ op: 'delete', kind: 'referral', key: 'r7' });
    const got = visit(timeline.referrals, people, 0, Date.parse('2025-01-01'));
    expect(got.ordered).toBe(true);
    expect(got.keys).toHaveLength(people.length - 1);
    expect(new Set(got.keys).size).toBe(people.length - 1);
    expect(got.keys).not.toContain('r7');
  });
});
