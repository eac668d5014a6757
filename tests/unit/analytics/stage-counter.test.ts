import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../graph/analytics/config.js';
import { DATE_YEARS } from '../../../graph/schema.js';
import { StageCounter, type CountedTies } from '../../../graph/analytics/stage-counter.js';
import { tieStages } from '../../../graph/analytics/tie-stages.js';
import type { TieEvidence } from '../../../graph/projection/tie-evidence.js';
import { tieWeighting } from '../../../graph/analytics/relationship.js';
import { stageOfTerm } from '../../../graph/analytics/tie-strength.js';
import { NetworkProjection } from '../../../graph/projection/network-projection.js';
import { runAtOnce } from '../../../graph/support/time-slices.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const DAY = 86_400_000;
const at = (d: string) => Date.parse(d);

/** a–b met once (visibility), a–c had a one-to-one (credibility), b–c traded referrals both ways, one won (profitability). */
const net = () =>
  testNetwork({
    people: people('a', 'b', 'c'),
    interactions: [met('a', 'b', '2024-01-01', 'met', 'i1'), met('a', 'c', '2024-03-01', 'one_to_one', 'i2')],
    referrals: [referral('b', 'c', '2024-03-20', 'won', 10, 'r1'), referral('c', 'b', '2024-03-25', 'passed', undefined, 'r2')],
  });

/** A counter's per-tie store of its own (the engine's counter keeps its counts in the projection's tie table). */
const ownMarks = (): (() => CountedTies) => {
  const marks = new Map<string, number>();
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const store: CountedTies = {
    mark: (a, b) => marks.get(key(a, b)) ?? NaN,
    setMark: (a, b, mark) => void marks.set(key(a, b), mark),
    setMarkAt: () => {
      throw new Error('this store keeps marks by the ties’ ends, not by slots');
    },
    clearMarks: () => marks.clear(),
  };
  return () => store;
};

describe('StageCounter', () => {
  it('when every tie is counted, then it gives one per stage, and dormant by each stage’s cadence', () => {
    const n = net();
    const counter = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
    n.engine.projection.ties.forEachEdge((e, a, b) => counter.update(a, b, e, false));
    expect(counter.at(at('2024-03-25'))).toEqual({ visibility: 1, credibility: 1, profitability: 1, dormant: 0 });
    // 2024-04-05: a–b last seen 95 days before (> 90 for visibility): dormant
    expect(counter.at(at('2024-04-05')).dormant).toBe(1);
    // + 61 days after 03-01 (> 60 for credibility), + 31 after 03-25 (> 30 for profitability)
    expect(counter.at(at('2024-03-01') + 61 * DAY).dormant).toBe(3);
  });

  it('when a tie changes, then it is counted under its new stage only; when removed, it is uncounted', () => {
    const n = net();
    const counter = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
    const e: TieEvidence = { interactions: 'i1' };
    counter.update('a', 'b', e, false);
    expect(counter.at(at('2024-01-02'))).toEqual({ visibility: 1, credibility: 0, profitability: 0, dormant: 0 });
    e.interactions = ['i1', 'i2']; // a one-to-one joins the same tie's evidence
    counter.update('a', 'b', e, false);
    expect(counter.at(at('2024-03-02'))).toEqual({ visibility: 0, credibility: 1, profitability: 0, dormant: 0 });
    counter.update('a', 'b', e, true);
    expect(counter.at(at('2024-03-02'))).toEqual({ visibility: 0, credibility: 0, profitability: 0, dormant: 0 });
  });

  it('when a tie’s evidence names no record, then it is not counted; clear() forgets everything', () => {
    const n = net();
    const counter = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
    counter.update('a', 'b', { interactions: 'gone' }, false);
    expect(counter.at(0)).toEqual({ visibility: 0, credibility: 0, profitability: 0, dormant: 0 });
    counter.update('a', 'b', { interactions: 'i1' }, false);
    counter.clear();
    expect(counter.at(0)).toEqual({ visibility: 0, credibility: 0, profitability: 0, dormant: 0 });
  });

  it('when ties are drawn at random, then its distribution equals the stages counted tie by tie (tieStages) at any date after every record', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.nat(4), fc.constantFrom('met', 'one_to_one', 'ref', 'won'), fc.integer({ min: 0, max: 200 })), { maxLength: 25 }),
        fc.integer({ min: 0, max: 300 }),
        (drawn, later) => {
          const ids = ['p0', 'p1', 'p2', 'p3', '__proto__'];
          const day = (d: number) => new Date(at('2024-01-01') + d * DAY).toISOString();
          const ties = drawn.filter(([x, y]) => x !== y);
          const n = testNetwork({
            people: people(...ids),
            interactions: ties.filter(([, , k]) => k === 'met' || k === 'one_to_one').map(([x, y, k, d]) => met(ids[x]!, ids[y]!, day(d), k as 'met' | 'one_to_one')),
            referrals: ties.filter(([, , k]) => k === 'ref' || k === 'won').map(([x, y, k, d]) => referral(ids[x]!, ids[y]!, day(d), k === 'won' ? 'won' : 'passed')),
          });
          const counter = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
          n.engine.projection.ties.forEachEdge((e, a, b) => counter.update(a, b, e, false));
          const asOf = at('2024-01-01') + (200 + later) * DAY;
          const reference = { visibility: 0, credibility: 0, profitability: 0, dormant: 0 };
          for (const t of tieStages(n.engine.context(asOf))) {
            reference[t.stage]++;
            if (t.dormant) reference.dormant++;
          }
          expect(counter.at(asOf)).toEqual(reference);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('when ties are dated anywhere in the years a record may name (1900–2199), then each is counted and uncounted exactly (stage and last contact kept per tie)', () => {
    const MIN = Date.UTC(DATE_YEARS.first, 0, 1);
    const MAX = Date.UTC(DATE_YEARS.last, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.constantFrom('met', 'one_to_one', 'won'), fc.integer({ min: MIN, max: MAX })), { maxLength: 12 }),
        (drawn) => {
          const ids = ['p0', 'p1', 'p2', 'p3'];
          const ties = drawn.filter(([x, y]) => x !== y);
          const iso = (ms: number) => new Date(ms).toISOString().replace(/^\+0*(\d{4})/, '$1');
          const n = testNetwork({
            people: people(...ids),
            interactions: ties.filter(([, , k]) => k !== 'won').map(([x, y, k, d]) => met(ids[x]!, ids[y]!, iso(d), k as 'met' | 'one_to_one')),
            referrals: ties.filter(([, , k]) => k === 'won').map(([x, y, , d]) => referral(ids[x]!, ids[y]!, iso(d), 'won')),
          });
          const counter = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
          const all: [string, string, TieEvidence][] = [];
          n.engine.projection.ties.forEachEdge((e, a, b) => all.push([a, b, e]));
          for (const [a, b, e] of all) counter.update(a, b, e, false);
          const reference = { visibility: 0, credibility: 0, profitability: 0, dormant: 0 };
          for (const t of tieStages(n.engine.context(MAX))) {
            reference[t.stage]++;
            if (t.dormant) reference.dormant++;
          }
          expect(counter.at(MAX)).toEqual(reference);
          // counted again (the old count is taken out first), then removed: nothing may be left over
          for (const [a, b, e] of all) counter.update(a, b, e, false);
          expect(counter.at(MAX)).toEqual(reference);
          for (const [a, b, e] of all) counter.update(a, b, e, true);
          expect(counter.at(MAX + 1000 * DAY)).toEqual({ visibility: 0, credibility: 0, profitability: 0, dormant: 0 });
        },
      ),
      { numRuns: 100 },
    );
  });
  it('when every tie is filled after a clear (the recount after a rebuild), then the distribution is update’s, and later updates and removals take the filled counts out', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(4), fc.nat(4), fc.constantFrom('met', 'one_to_one', 'won'), fc.integer({ min: 0, max: 200 })), { maxLength: 20 }), (drawn) => {
        const ids = ['p0', 'p1', 'p2', 'constructor', '__proto__'];
        const day = (d: number) => new Date(at('2024-01-01') + d * DAY).toISOString();
        const ties = drawn.filter(([x, y]) => x !== y);
        const n = testNetwork({
          people: people(...ids),
          interactions: ties.filter(([, , k]) => k !== 'won').map(([x, y, k, d]) => met(ids[x]!, ids[y]!, day(d), k as 'met' | 'one_to_one')),
          referrals: ties.filter(([, , k]) => k === 'won').map(([x, y, , d]) => referral(ids[x]!, ids[y]!, day(d), 'won')),
        });
        const all: [string, string, TieEvidence][] = [];
        n.engine.projection.ties.forEachEdge((e, a, b) => all.push([a, b, e]));
        const updated = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
        for (const [a, b, e] of all) updated.update(a, b, e, false);
        const filled = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
        filled.update('p0', 'p1', { interactions: 'gone' }, false);
        filled.clear();
        for (const [a, b, e] of all) filled.fill(a, b, e);
        const asOf = at('2024-01-01') + 250 * DAY;
        expect(filled.at(asOf)).toEqual(updated.at(asOf));
        for (const [a, b, e] of all) filled.update(a, b, e, false);
        expect(filled.at(asOf)).toEqual(updated.at(asOf));
        for (const [a, b, e] of all) filled.update(a, b, e, true);
        expect(filled.at(asOf)).toEqual({ visibility: 0, credibility: 0, profitability: 0, dormant: 0 });
      }),
      { numRuns: 100 },
    );
  });
  it('when ties are counted by their slots in the tie table (a snapshot build’s walk), then the counts are count-by-ends’, and each tie’s mark is found again by its ends', () => {
    const n = net();
    const projection = new NetworkProjection();
    projection.reset(n.records);
    const weighting = tieWeighting(() => n.records, DEFAULT_CONFIG);
    const bySlot = new StageCounter(() => n.records, () => projection.ties, DEFAULT_CONFIG);
    const byEnds = new StageCounter(() => n.records, ownMarks(), DEFAULT_CONFIG);
    const all: [string, string, TieEvidence][] = [];
    runAtOnce(
      projection.ties.forEachEdgePlacedInSteps((e, a, b, _ia, _ib, slot) => {
        const t = weighting.terms(e, a, b, Infinity)!;
        bySlot.countAt(slot, stageOfTerm(t.term), t.last);
        byEnds.update(a, b, e, false);
        all.push([a, b, e]);
      }, 2),
    );
    const asOf = at('2024-04-05');
    expect(bySlot.at(asOf)).toEqual(byEnds.at(asOf));
    expect(bySlot.at(asOf)).toEqual({ visibility: 1, credibility: 1, profitability: 1, dormant: 1 });
    for (const [a, b, e] of all) bySlot.update(a, b, e, true);
    expect(bySlot.at(asOf)).toEqual({ visibility: 0, credibility: 0, profitability: 0, dormant: 0 });
  });
  it('when the engine’s live counter (kept in the tie table) hears ties change and go, people leave, and holes close, then it still equals the stages counted tie by tie', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.constantFrom('met', 'one_to_one', 'won'), fc.integer({ min: 0, max: 200 })), { maxLength: 25 }),
        fc.array(fc.oneof(fc.nat(30).map((k) => ({ drop: k })), fc.nat(5).map((p) => ({ leave: p }))), { maxLength: 12 }),
        (drawn, removals) => {
          const ids = ['p0', 'p1', 'p2', 'p3', 'constructor', '__proto__'];
          const day = (d: number) => new Date(at('2024-01-01') + d * DAY).toISOString();
          const ties = drawn.filter(([x, y]) => x !== y);
          const n = testNetwork({
            people: people(...ids),
            interactions: ties.map(([x, y, k, d], i) => (k === 'won' ? undefined : met(ids[x]!, ids[y]!, day(d), k, `i${i}`))).filter((i) => i !== undefined),
            referrals: ties.map(([x, y, k, d], i) => (k === 'won' ? referral(ids[x]!, ids[y]!, day(d), 'won', 1, `r${i}`) : undefined)).filter((r) => r !== undefined),
          });
          const asOf = at('2024-01-01') + 250 * DAY;
          const reference = () => {
            const out = { visibility: 0, credibility: 0, profitability: 0, dormant: 0 };
            for (const t of tieStages(n.engine.context(asOf))) {
              out[t.stage]++;
              if (t.dormant) out.dormant++;
            }
            return out;
          };
          // the first read fills the live counter; every change after it is counted incrementally
          expect(n.engine.networkMetrics(asOf).stages).toEqual(reference());
          for (const r of removals) {
            if ('leave' in r) n.apply({ op: 'delete', kind: 'person', key: ids[r.leave]! });
            else if (r.drop < ties.length) n.apply(ties[r.drop]![2] === 'won' ? { op: 'delete', kind: 'referral', key: `r${r.drop}` } : { op: 'delete', kind: 'interaction', key: `i${r.drop}` });
            expect(n.engine.networkMetrics(asOf).stages).toEqual(reference());
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
