import { describe, expect, it } from 'vitest';
import { monthsBefore, PeriodError } from '../../../graph/analytics/chapter.js';
import { met, testNetwork } from '../network-fixture.js';
import { compareIds } from '../../../graph/support/id-order.js';

const at = (d: string) => Date.parse(d);
const iso = (d: string) => new Date(d).toISOString();

/** Chapter g: members a (Alice) and b (Bob); v (Vera) visited once; x (Xavier) is known to a but has nothing to do with g. */
const net = (config = {}) =>
  testNetwork(
    {
      people: [
        { id: 'a', name: 'Alice' },
        { id: 'b', name: 'Bob' },
        { id: 'v', name: 'Vera' },
        { id: 'x', name: 'Xavier' },
      ],
      groups: [{ id: 'g', name: 'G' }],
      memberships: [{ person: 'a', group: 'g' }, { person: 'b', group: 'g' }],
      events: [
        { id: 'm1', name: 'm1', at: '2024-01-31', group: 'g' },
        { id: 'm2', name: 'm2', at: '2024-02-01', group: 'g' },
        { id: 'm3', name: 'm3', at: '2024-04-15', group: 'g' },
      ],
      attendance: [{ person: 'a', event: 'm2' }, { person: 'a', event: 'm3' }, { person: 'b', event: 'm1' }, { person: 'v', event: 'm3' }],
      interactions: [met('a', 'x', '2024-01-01')],
    },
    config,
  );

describe('monthsBefore', () => {
  it('when counting back calendar months, then the day of the month is kept, across a year end too', () => {
    expect(monthsBefore(at('2024-07-15T10:00:00Z'), 6)).toBe(at('2024-01-15T10:00:00Z'));
    expect(monthsBefore(at('2024-02-10'), 3)).toBe(at('2023-11-10'));
    expect(monthsBefore(at('2024-02-10'), 0)).toBe(at('2024-02-10'));
    expect(monthsBefore(at('2024-02-10'), 24)).toBe(at('2022-02-10'));
  });
  it('when the day does not exist in the month counted back to, then it is that month\'s last day, never a day of the month after', () => {
    expect(monthsBefore(at('2026-08-31T23:59:59.999Z'), 6)).toBe(at('2026-02-28T23:59:59.999Z'));
    expect(monthsBefore(at('2024-08-31'), 6)).toBe(at('2024-02-29'));
    expect(monthsBefore(at('2024-03-31T08:00:00Z'), 1)).toBe(at('2024-02-29T08:00:00Z'));
    expect(monthsBefore(at('2024-12-31'), 3)).toBe(at('2024-09-30'));
    expect(monthsBefore(at('2025-01-31'), 2)).toBe(at('2024-11-30'));
  });
});

describe('chapterReport', () => {
  it('when no period is given, then it is the configured number of calendar months before asOf', () => {
    const r = net().engine.chapterReport('g', { asOf: at('2024-06-01') });
    expect([r.from, r.to, r.asOf]).toEqual([iso('2023-12-01'), iso('2024-06-01'), iso('2024-06-01')]);
    expect(r.meetings).toBe(3);
    const two = net({ chapter: { periodMonths: 2 } }).engine.chapterReport('g', { asOf: at('2024-06-01') });
    expect([two.from, two.meetings]).toEqual([iso('2024-04-01'), 1]);
  });

  it('when asOf is a date (the end of its day), then the default period is whole days: 1 March to the end of 31 August, at a month end too', () => {
    const r = net().engine.chapterReport('g', { asOf: at('2026-08-31T23:59:59.999Z') });
    expect([r.from, r.to]).toEqual(['2026-03-01T00:00:00.000Z', '2026-08-31T23:59:59.999Z']);
    const mid = net().engine.chapterReport('g', { asOf: at('2026-08-15T23:59:59.999Z') });
    expect(mid.from).toBe('2026-02-16T00:00:00.000Z');
  });

  it('when only `from` is given, then the period ends at asOf', () => {
    const r = net().engine.chapterReport('g', { asOf: at('2024-05-01'), from: at('2024-02-01') });
    expect([r.from, r.to, r.meetings]).toEqual([iso('2024-02-01'), iso('2024-05-01'), 2]);
  });

  it('when the period ends before it starts, or is one instant (no weeks to rate anyone by), then PeriodError (a RangeError); a period of one day is allowed', () => {
    const { engine } = net();
    const run = () => engine.chapterReport('g', { asOf: at('2024-06-01'), from: at('2024-03-02'), to: at('2024-03-01') });
    expect(run).toThrow(PeriodError);
    expect(run).toThrow(RangeError);
    expect(() => engine.chapterReport('g', { asOf: at('2024-06-01'), from: at('2024-04-15'), to: at('2024-04-15') })).toThrow(/same instant/);
    expect(engine.chapterReport('g', { asOf: at('2024-06-01'), from: at('2024-04-15'), to: at('2024-04-15') + 86_400_000 - 1 }).meetings).toBe(1);
  });

  it('when comparing, then the previous period is the one of the same length just before, its first day not stretched', () => {
    // period 04-01 → 05-31 (60 days); previous: the 60 days up to 03-31, so 02-01 is in and 01-31 is out.
    // a: present at m2 (02-01) → no absence before: 25 then, 25 now (present at m3). b: absent at m2 only: 20 then.
    const r = net().engine.chapterReport('g', { asOf: at('2024-06-01'), from: at('2024-04-01'), to: at('2024-05-31') });
    expect(r.change.map((c) => [c.person, c.previousScore]).sort()).toEqual([
      ['a', 25],
      ['b', 20],
    ]);
  });

  it('when the report names people, then each is listed once with their name, and no one it does not mention', () => {
    const r = net().engine.chapterReport('g', { asOf: at('2024-06-01') });
    expect(r.people.sort((p, q) => compareIds(p.id, q.id))).toEqual([
      { id: 'a', name: 'Alice' },
      { id: 'b', name: 'Bob' },
      { id: 'v', name: 'Vera' },
    ]);
  });
});
