/**
 * Warm paths are ranked, costed and described at the one instant asked for (issue #12 item 1),
 * on hand-computed networks whose cheapest path changes within a day: with no tenure bonus a tie
 * of base b last seen `age` days before asOf costs −ln b + age·ln 2 / 180, so a path of h such
 * ties grows by h·ln 2 / 180 a day and a longer path overtakes a shorter one at a known instant.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS, iso } from '../../../graph/analytics/time.js';
import { met, people, testNetwork } from '../network-fixture.js';

const L = Date.parse('2024-01-01'); // every tie's only contact (the newest record)
const ALPHA = Math.LN2 / 180; // cost per day of decay
const tieCost = (base: number, age: number) => -Math.log(base) + age * ALPHA;
const config = { strength: { tenureBonus: 0 } };

// s–t direct (visibility, 0.3) against s–m–t (credibility, 0.6 each): the direct tie is cheaper
// once α·age > ln 1.2, at age* = 47.35 days — between 00:00 and 12:00 of day 47.
const AGE_STAR = (Math.log(1.2) * 180) / Math.LN2;
const DAY47 = L + 47 * DAY_MS;
const triangle = (later: boolean) =>
  testNetwork(
    {
      people: people('s', 'm', 't', 'x', 'y'),
      interactions: [
        met('s', 't', '2024-01-01'),
        met('s', 'm', '2024-01-01', 'one_to_one'),
        met('m', 't', '2024-01-01', 'one_to_one'),
        // a record after every asOf below: the queries then read a snapshot filtered by date
        ...(later ? [met('x', 'y', '2025-06-01')] : []),
      ],
    },
    config,
  );

const INSTANTS = [
  ['the end of a date (how the API reads asOf=2024-02-17)', DAY47 + DAY_MS - 1],
  ['a mid-day instant', DAY47 + DAY_MS / 2],
  ['a date-time a minute after the crossing', L + AGE_STAR * DAY_MS + 60_000],
] as const;

describe('warm paths at the instant asked for', () => {
  it('the premise: on the midnight before each instant the two-hop path was the cheaper one', () => {
    const age = (DAY47 - L) / DAY_MS;
    expect(2 * tieCost(0.6, age)).toBeLessThan(tieCost(0.3, age));
    expect(AGE_STAR).toBeGreaterThan(47);
    expect(AGE_STAR).toBeLessThan(47.5);
  });

  for (const later of [false, true]) {
    for (const [what, at] of INSTANTS) {
      it(`when asOf is ${what}${later ? ', before the newest record' : ', after the newest record'}, then the direct tie comes first and every cost is Σ −ln(step strength) at asOf`, () => {
        const n = triangle(later);
        const age = (at - L) / DAY_MS;
        const r = n.engine.paths('s', { to: 't' }, { asOf: at, k: 2, maxHops: 3 });
        expect(r.paths.map((p) => p.people)).toEqual([['s', 't'], ['s', 'm', 't']]);
        expect(r.paths[0]!.cost).toBeCloseTo(tieCost(0.3, age), 9);
        expect(r.paths[1]!.cost).toBeCloseTo(2 * tieCost(0.6, age), 9);
        for (const p of r.paths) {
          const sum = p.steps.reduce((c, step) => c - Math.log(step.strength), 0);
          expect(Math.abs(sum - p.cost)).toBeLessThan(1e-9);
          for (const step of p.steps) {
            // the strength each step reports is the one /api/relationships gives at the same asOf
            expect(step.strength).toBe(n.engine.relationship(step.from, step.to, at).strength!.strength);
          }
        }
        // k = 1 takes the same search's first answer
        expect(n.engine.paths('s', { to: 't' }, { asOf: at, k: 1, maxHops: 3 }).paths[0]!.people).toEqual(['s', 't']);
      });
    }
  }

  it('when asOf is just before the crossing, then the two-hop path is first (the order follows the instant, not its day)', () => {
    const at = L + AGE_STAR * DAY_MS - 60_000;
    const r = triangle(false).engine.paths('s', { to: 't' }, { asOf: at, k: 2, maxHops: 3 });
    expect(r.paths.map((p) => p.people)).toEqual([['s', 'm', 't'], ['s', 't']]);
  });

  it('when the same snapshot is asked at two instants in turn, then each answer is for its own instant', () => {
    const n = triangle(false);
    const early = L + 10 * DAY_MS;
    const late = DAY47 + DAY_MS / 2;
    const first = n.engine.paths('s', { to: 't' }, { asOf: late, k: 1 }).paths[0]!;
    expect(n.engine.paths('s', { to: 't' }, { asOf: early, k: 1 }).paths[0]!.cost).toBeCloseTo(2 * tieCost(0.6, 10), 9);
    expect(n.engine.paths('s', { to: 't' }, { asOf: late, k: 1 }).paths[0]!.cost).toBe(first.cost);
  });
});

// The diversity gap's candidates: x (the only lawyer) is reached by s–a–x (visibility ties) or
// s–b–c–x (credibility ties); the two-hop route is cheaper once α·age > ln 2.4, at 227.35 days.
describe('diversity-gap candidates at the instant asked for', () => {
  const AGE = (Math.log(2.4) * 180) / Math.LN2;
  const gapNet = () =>
    testNetwork(
      {
        people: [
          { id: 's', name: 's', industry: 'it' },
          { id: 'a', name: 'a', industry: 'it' },
          { id: 'b', name: 'b', industry: 'it' },
          { id: 'c', name: 'c', industry: 'it' },
          { id: 'x', name: 'x', industry: 'law' },
        ],
        interactions: [
          met('s', 'a', '2024-01-01'),
          met('a', 'x', '2024-01-01'),
          met('s', 'b', '2024-01-01', 'one_to_one'),
          met('b', 'c', '2024-01-01', 'one_to_one'),
          met('c', 'x', '2024-01-01', 'one_to_one'),
        ],
      },
      config,
    );

  it('when asOf is mid-day after the crossing (the midnight before it ranked the other route first), then the candidate path is the cheapest at asOf and its cost Σ −ln(step strength)', () => {
    const day = L + Math.floor(AGE) * DAY_MS;
    expect(3 * tieCost(0.6, Math.floor(AGE))).toBeLessThan(2 * tieCost(0.3, Math.floor(AGE)));
    for (const at of [day + DAY_MS / 2, day + DAY_MS - 1]) {
      const age = (at - L) / DAY_MS;
      const report = gapNet().engine.diversityGap({ person: 's' }, 'industry', { asOf: at });
      const law = report.missing.find((g) => g.category === 'law')!;
      const path = law.candidates.find((c) => c.person === 'x')!.path!;
      expect(path.people).toEqual(['s', 'a', 'x']);
      expect(path.cost).toBeCloseTo(2 * tieCost(0.3, age), 9);
      expect(Math.abs(path.steps.reduce((c, step) => c - Math.log(step.strength), 0) - path.cost)).toBeLessThan(1e-9);
    }
  });
});

describe('betweennessInfo.asOf', () => {
  it('when person and network metrics are asked at a date after an earlier one, then betweennessInfo.asOf is the date asked, not that of the cached pass', () => {
    const n = triangle(false);
    const first = DAY47;
    const second = DAY47 + 30 * DAY_MS + DAY_MS / 2;
    expect(n.engine.personMetrics('s', { asOf: first }).betweennessInfo).toMatchObject({ status: 'fresh', asOf: iso(first) });
    expect(n.engine.personMetrics('s', { asOf: second }).betweennessInfo).toMatchObject({ status: 'fresh', asOf: iso(second) });
    expect(n.engine.networkMetrics(second).betweennessInfo).toMatchObject({ status: 'fresh', asOf: iso(second) });
    // a past date (a filtered snapshot) names its own date too
    const past = triangle(true);
    expect(past.engine.personMetrics('s', { asOf: second }).betweennessInfo.asOf).toBe(iso(second));
  });
});
