/**
 * A referral's status and value as of an instant, read from its dated history, and the history a
 * write records (graph/service/referral-status.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referralSchema, REFERRAL_STATUSES, type Referral, type ReferralChange, type ReferralStatus } from '../../../graph/schema.js';
import { historyAfterWrite, lastChangeMs, recordedHistoryIssues, referralAsOf, referralReplacing, statusMoveProblem } from '../../../graph/service/referral-status.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** A valid history: statuses along the lifecycle, dates never going back, from the referral's `at`. */
const history = fc
  .array(fc.record({ status: fc.constantFrom(...REFERRAL_STATUSES), gapDays: fc.integer({ min: 0, max: 40 }), value: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }) }), { minLength: 1, maxLength: 8 })
  .map((steps) => {
    const changes: ReferralChange[] = [];
    let at = START;
    let status: ReferralStatus = 'passed';
    for (const [k, s] of steps.entries()) {
      if (k > 0 && statusMoveProblem(status, s.status) === undefined) status = s.status;
      if (k > 0) at += s.gapDays * DAY;
      changes.push({ status, at: iso(at), ...(s.value !== undefined ? { value: s.value } : {}) });
    }
    const last = changes.at(-1)!;
    const r: Referral = { id: 'r', from: 'a', to: 'b', at: iso(START), status: last.status, ...(last.value !== undefined ? { value: last.value } : {}), changes };
    return r;
  });

/** The status and value at `asOf` read the long way: every entry whose date has come, the last one wins. */
function bruteForce(r: Referral, asOf: number): { status: ReferralStatus; value: number | undefined } | undefined {
  if (Date.parse(r.at) > asOf) return undefined;
  let now: { status: ReferralStatus; value: number | undefined } = { status: r.status, value: r.value };
  if (r.changes?.length) {
    now = { status: r.changes[0]!.status, value: r.changes[0]!.value };
    for (const c of r.changes) if (Date.parse(c.at) <= asOf) now = { status: c.status, value: c.value };
  }
  return now;
}

describe('referralAsOf', () => {
  it('when histories are random, then the status and value as of any instant are those a reading of the whole history gives, and every such history is valid', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: -5, max: 400 }), (r, day) => {
        expect(referralSchema.safeParse(r).success).toBe(true);
        const asOf = START + day * DAY - (day % 3) * 1000;
        const then = referralAsOf(r, asOf);
        const expected = bruteForce(r, asOf);
        expect(then === undefined ? undefined : { status: then.status, value: then.value }).toStrictEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('when a referral has no history, then its own status and value count from its at, and nothing before', () => {
    const r: Referral = { from: 'a', to: 'b', at: '2026-03-10', status: 'won', value: 5 };
    expect(referralAsOf(r, Date.parse('2026-03-09T23:59:59Z'))).toBeUndefined();
    expect(referralAsOf(r, Date.parse('2026-03-10'))).toBe(r);
    expect(referralAsOf({ ...r, changes: [] }, Date.parse('2026-12-01'))).toMatchObject({ status: 'won', value: 5 });
    expect(lastChangeMs(r)).toBe(-Infinity);
  });
});

describe('historyAfterWrite', () => {
  const passed: Referral = { id: 'r', from: 'a', to: 'b', at: '2026-03-10', status: 'passed' };
  const now = new Date('2026-12-07T10:15:42Z');

  it('when a slip with no history is closed, then its first entry is the slip as passed at its at, and the close is dated at the instant of the write (to the minute, it would count as of the seconds before)', () => {
    const won = { ...passed, status: 'won' as const, value: 50 };
    expect(historyAfterWrite(passed, won, new Date('2026-12-07T10:15:42.317Z'))).toStrictEqual([
      { status: 'passed', at: '2026-03-10' },
      { status: 'won', at: '2026-12-07T10:15:42.317Z', value: 50 },
    ]);
  });

  it('when nothing moves, then the history stays as it was (none stays none)', () => {
    expect(historyAfterWrite(passed, { ...passed, note: 'x' }, now)).toBeUndefined();
    const kept = [{ status: 'passed' as const, at: '2026-03-10' }, { status: 'contacted' as const, at: '2026-04-01' }];
    expect(historyAfterWrite({ ...passed, status: 'contacted', changes: kept }, { ...passed, status: 'contacted', note: 'x' }, now)).toStrictEqual(kept);
  });

  it('when the last entry is the clock\'s own instant, then the move is dated at it, never before it nor after now', () => {
    const kept = [{ status: 'passed' as const, at: '2026-03-10' }, { status: 'contacted' as const, at: '2026-12-07T10:15:42Z' }];
    const moved = historyAfterWrite({ ...passed, status: 'contacted', changes: kept }, { ...passed, status: 'won', value: 1 }, now)!;
    expect(moved.at(-1)).toStrictEqual({ status: 'won', at: '2026-12-07T10:15:42.000Z', value: 1 });
    const earlier = [kept[0]!, { status: 'contacted' as const, at: '2026-12-07T10:15:30Z' }];
    expect(historyAfterWrite({ ...passed, status: 'contacted', changes: earlier }, { ...passed, status: 'won', value: 1 }, now)!.at(-1)).toStrictEqual({ status: 'won', at: '2026-12-07T10:15:42.000Z', value: 1 });
  });

  it('when the slip or its stored history is after the clock, then referralReplacing refuses the move (no date fits), and keeps a write that moves nothing', () => {
    const later = { ...passed, at: '2027-01-05' };
    expect(referralReplacing(later, { ...later, status: 'contacted' }, false, now).refused).toMatch(/^the referral is dated 2027-01-05, after the server's clock/);
    const ahead = { ...passed, status: 'won' as const, value: 5, changes: [{ status: 'passed' as const, at: '2026-03-10' }, { status: 'won' as const, at: '2031-01-01', value: 5 }] };
    expect(referralReplacing(ahead, { ...ahead, value: 6 }, false, now).refused).toMatch(/^its history runs to 2031-01-01, after the server's clock/);
    const kept = referralReplacing(ahead, { ...ahead, note: 'x' }, false, now);
    expect(kept).not.toHaveProperty('refused');
    expect(kept.issues).toStrictEqual([]);
    expect(kept.record.changes).toStrictEqual(ahead.changes);
  });
});

describe('recordedHistoryIssues', () => {
  const after = (r: Referral) => new Date(lastChangeMs(r) + DAY);
  const paths = (issues: { path: (string | number)[] }[]) => issues.map((i) => i.path.join('/'));

  it('when a given history keeps every recorded change (a note edited, a later move added), then no issue; removed, emptied, cut short or with a change rewritten, then one naming where', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.integer({ min: 1, max: 5 }), (r, pick, days) => {
        const now = after(r);
        const changes = r.changes!;
        expect(recordedHistoryIssues(r, r, now)).toStrictEqual([]);
        const noted = changes.map((c, k) => (k === pick % changes.length ? { ...c, note: 'said so' } : c));
        expect(recordedHistoryIssues(r, { ...r, changes: noted }, now)).toStrictEqual([]);
        expect(paths(recordedHistoryIssues(r, { ...r, changes: undefined }, now))).toStrictEqual(['changes']);
        expect(paths(recordedHistoryIssues(r, { ...r, changes: [] }, now))).toStrictEqual(['changes']);
        if (changes.length > 1) {
          expect(paths(recordedHistoryIssues(r, { ...r, changes: changes.slice(0, -1) }, now))).toStrictEqual(['changes']);
          const k = 1 + (pick % (changes.length - 1));
          const moved = changes.map((c, i) => (i === k ? { ...c, at: iso(Date.parse(c.at) - days * 1000) } : c));
          expect(paths(recordedHistoryIssues(r, { ...r, changes: moved }, now))).toStrictEqual([`changes/${k}/at`]);
          const valued = changes.map((c, i) => (i === k ? { ...c, value: (c.value ?? 0) + days } : c));
          expect(paths(recordedHistoryIssues(r, { ...r, changes: valued }, now))).toStrictEqual([`changes/${k}/value`]);
        }
        if (statusMoveProblem(r.status, 'lost') === undefined) {
          const closed = { status: 'lost' as const, at: iso(lastChangeMs(r) + days * 1000) };
          expect(recordedHistoryIssues(r, { ...r, status: 'lost', value: undefined, changes: [...changes, closed] }, new Date(Date.parse(closed.at)))).toStrictEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when a slip has no history, then one given must start as it was recorded, and none is kept only while status and value stay', () => {
    const now = new Date('2026-12-07T10:15:42Z');
    const r: Referral = { from: 'a', to: 'b', at: '2026-03-10', status: 'passed' };
    expect(recordedHistoryIssues(r, { ...r, note: 'x' }, now)).toStrictEqual([]);
    expect(recordedHistoryIssues(r, { ...r, changes: [] }, now)).toStrictEqual([]);
    const [unrecorded] = recordedHistoryIssues(r, { ...r, status: 'won', value: 9 }, now);
    expect(unrecorded).toStrictEqual({ path: ['changes'], message: expect.stringMatching(/^without a history the slip would count as won \(worth 9\) from its at \(2026-03-10\), but it was recorded passed then/) });
    const backdated = [{ status: 'passed' as const, at: '2026-03-10' }, { status: 'won' as const, at: '2026-04-01', value: 9 }];
    expect(recordedHistoryIssues(r, { ...r, status: 'won', value: 9, changes: backdated }, now)).toStrictEqual([]);
    const otherwise = [{ status: 'contacted' as const, at: '2026-03-10' }, { status: 'won' as const, at: '2026-04-01', value: 9 }];
    expect(paths(recordedHistoryIssues(r, { ...r, status: 'won', value: 9, changes: otherwise }, now))).toStrictEqual(['changes/0/status']);
  });

  it('when recorded changes are dated after the clock (a clock that ran ahead), then only those may be dated again; a slip dated ahead has none recorded yet', () => {
    const now = new Date('2026-12-07T10:15:42Z');
    const ahead: Referral = { from: 'a', to: 'b', at: '2026-03-10', status: 'won', value: 5, changes: [{ status: 'passed', at: '2026-03-10' }, { status: 'won', at: '2031-01-01', value: 5 }] };
    expect(recordedHistoryIssues(ahead, { ...ahead, value: 6, changes: [ahead.changes![0]!, { status: 'won', at: '2026-12-01', value: 6 }] }, now)).toStrictEqual([]);
    expect(paths(recordedHistoryIssues(ahead, { ...ahead, changes: [] }, now))).toStrictEqual(['changes']);
    const later: Referral = { from: 'a', to: 'b', at: '2027-01-05', status: 'passed' };
    expect(recordedHistoryIssues(later, { ...later, status: 'won', changes: [] }, now)).toStrictEqual([]);
  });
});
