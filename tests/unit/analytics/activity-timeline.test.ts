import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityTimeline, Track } from '../../../graph/analytics/activity-timeline.js';
import { RecordSet } from '../../../graph/record-set.js';
import { emptyDocument } from '../../../graph/schema.js';

const PEOPLE = ['a', 'b', 'c', '__proto__', 'constructor'];
const DAY = 86_400_000;

const rowsArb = fc.array(
  fc.record({
    a: fc.constantFrom(...PEOPLE),
    b: fc.constantFrom(...PEOPLE),
    // NaN stands for a record without a valid date: it is in no period.
    at: fc.oneof(fc.integer({ min: 0, max: 40 }).map((d) => d * DAY), fc.constant(Number.NaN)),
  }),
  { maxLength: 40 },
);

const visited = <R,>(track: Track<R>, person: string, from: number, to: number) => {
  const out: number[] = [];
  track.forEach(person, from, to, (i) => out.push(i));
  return out;
};

describe('analytics/activity-timeline', () => {
  it("when asked for a person's records over a period, then they are exactly those involving them dated in it, in time order", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(...PEOPLE, 'nobody'), fc.integer({ min: -5, max: 45 }), fc.integer({ min: 0, max: 20 }), (rows, person, fromDay, days) => {
        const track = Track.build(rows, (r) => r.at, (r) => [r.a, r.b] as const);
        const from = fromDay * DAY;
        const to = from + days * DAY;
        const got = visited(track, person, from, to);
        const want = rows
          .map((r, i) => ({ r, i }))
          .filter(({ r }) => (r.a === person || r.b === person) && r.at >= from && r.at <= to)
          .sort((x, y) => x.r.at - y.r.at || x.i - y.i)
          .map(({ i }) => i);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('when a record involves two people of one count, then firstVisit says yes once, and again after a new count starts', () => {
    const track = Track.build([{ a: 'a', b: 'b', at: DAY }], (r) => r.at, (r) => [r.a, r.b] as const);
    track.newVisit();
    const seen = [...visited(track, 'a', 0, 2 * DAY), ...visited(track, 'b', 0, 2 * DAY)].map((i) => track.firstVisit(i));
    expect(seen).toEqual([true, false]);
    track.newVisit();
    expect(track.firstVisit(0)).toBe(true);
  });

  it('when built from records, then referrals are kept whatever their status and only one-to-ones among interactions, with their dates', () => {
    const records = RecordSet.fromDocument({
      ...emptyDocument(),
      people: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      interactions: [
        { id: 'i1', a: 'a', b: 'b', kind: 'one_to_one', at: '2024-01-02' },
        { id: 'i2', a: 'a', b: 'b', kind: 'met', at: '2024-01-03' },
      ],
      referrals: [
        { id: 'r1', from: 'a', to: 'b', at: '2024-01-05', status: 'won', value: 10 },
        { id: 'r2', from: 'b', to: 'a', at: '2024-01-04', status: 'passed' },
      ],
    });
    const timeline = activityTimeline(records);
    const ids = <R extends { id?: string }>(track: Track<R>) => visited(track, 'a', 0, Date.parse('2025-01-01')).map((i) => track.records[i]!.id);
    expect(ids(timeline.referrals)).toEqual(['r2', 'r1']);
    expect(ids(timeline.oneToOnes)).toEqual(['i1']);
    expect(visited(timeline.referrals, 'b', Date.parse('2024-01-05'), Date.parse('2024-01-05'))).toHaveLength(1);
  });
});
