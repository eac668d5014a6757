/** The chapter report over HTTP on the bundled sample: the answer's own arithmetic, dates and errors. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isProblem, withTestApi } from './harness.js';

const SAMPLE = new URL('../../data/sample-network.json', import.meta.url);
type Row = {
  present: number; absent: number; score: number; light: string;
  points: Record<string, number>;
  referralsGiven: { inside: number; outside: number }; referralsReceived: { inside: number; outside: number };
  oneToOnes: { inside: number; outside: number };
};
const sum = (rows: Row[], f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);

describe('GET /api/groups/:id/report', () => {
  it('answers for a chapter of the sample with figures that add up', async () => {
    await withTestApi(async (api) => {
      expect((await api.call('POST', '/api/import', JSON.parse(await readFile(SAMPLE, 'utf8')))).status).toBe(200);
      const r = await api.call('GET', '/api/groups/g1/report?from=2026-05-01&to=2026-10-31&asOf=2026-11-01');
      expect(r.status).toBe(200);
      expect([r.body.from, r.body.to]).toEqual(['2026-05-01T00:00:00.000Z', '2026-10-31T23:59:59.999Z']);
      const rows = r.body.members as Row[];
      expect(rows.length).toBeGreaterThan(3);
      for (const m of rows) {
        expect(m.present + m.absent).toBeLessThanOrEqual(r.body.meetings);
        expect(m.score).toBe(m.points.attendance! + m.points.referrals! + m.points.oneToOnes! + m.points.tyfcb!);
        expect(m.light).toBe(m.score >= 70 ? 'green' : m.score >= 50 ? 'amber' : m.score >= 30 ? 'red' : 'grey');
      }
      // A referral between two members is inside for both; the totals count each record once.
      expect(sum(rows, (m) => m.referralsGiven.inside)).toBe(sum(rows, (m) => m.referralsReceived.inside));
      const given = sum(rows, (m) => m.referralsGiven.inside + m.referralsGiven.outside);
      expect(r.body.totals.referrals).toBe(given + sum(rows, (m) => m.referralsReceived.outside));
      expect(r.body.totals.oneToOnes).toBe(sum(rows, (m) => m.oneToOnes.outside) + sum(rows, (m) => m.oneToOnes.inside) / 2);
      expect(r.body.change.map((c: { person: string }) => c.person)).toEqual(rows.map((m) => (m as unknown as { person: string }).person));
    });
  });

  it('measures a period of whole days as whole days, whether its end is given as a date or as that day\'s last instant, default periods and memberships ending on a date included', async () => {
    await withTestApi(async (api) => {
      await api.call('POST', '/api/import', {
        people: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }],
        groups: [{ id: 'g', name: 'G' }],
        memberships: [{ person: 'a', group: 'g' }, { person: 'b', group: 'g', since: '2026-03-01', until: '2026-04-15' }, { person: 'c', group: 'g', since: '2026-02-10T12:00:00Z' }],
      });
      const weeks = async (query: string) => {
        const r = await api.call('GET', `/api/groups/g/report?${query}`);
        expect(r.status, query).toBe(200);
        return Object.fromEntries((r.body.members as { person: string; weeks: number }[]).map((m) => [m.person, m.weeks]));
      };
      // 1 January to 30 June 2026: 181 days.
      const asDates = await weeks('from=2026-01-01&to=2026-06-30&asOf=2026-07-01');
      expect(asDates.a).toBe(181 / 7);
      expect(asDates.b).toBe(46 / 7); // 1 March to the end of 15 April
      expect(await weeks('from=2026-01-01T00:00:00Z&to=2026-06-30T23:59:59.999Z&asOf=2026-07-01')).toEqual(asDates);
      expect(await weeks('from=2026-01-01&to=2026-06-30T23:59:59.999Z&asOf=2026-07-01T00:00:00Z')).toEqual(asDates);
      // The default period: six months up to the end of 30 June (31 December to 30 June: 182 days); a date-time asOf measures exactly too.
      expect((await weeks('asOf=2026-06-30')).a).toBe(182 / 7);
      expect((await weeks('asOf=2026-06-30T23:59:59.999Z')).a).toBe(182 / 7);
      expect((await weeks('asOf=2026-06-30T12:00:00Z')).a).toBe(182 / 7);
      expect((await weeks('asOf=2026-06-30T12:00:00Z')).c).toBe(140 / 7); // since 10 February noon, to 30 June noon
    });
  });

  it('when `to` is after asOf, then the report says where its figures stop, measures the weeks to there and gives no attendance points without a meeting', async () => {
    await withTestApi(async (api) => {
      expect((await api.call('POST', '/api/import', JSON.parse(await readFile(SAMPLE, 'utf8')))).status).toBe(200);
      const r = await api.call('GET', '/api/groups/g1/report?to=2027-06-01&asOf=2026-12-07T04:20:00Z');
      expect(r.status).toBe(200);
      expect([r.body.from, r.body.to, r.body.measuredTo]).toEqual(['2026-12-02T00:00:00.000Z', '2027-06-01T23:59:59.999Z', '2026-12-07T04:20:00.000Z']);
      const measuredWeeks = (Date.parse('2026-12-07T04:20:00Z') - Date.parse('2026-12-02')) / (7 * 86_400_000);
      for (const m of r.body.members as (Row & { weeks: number })[]) {
        expect(m.weeks).toBeLessThanOrEqual(measuredWeeks + 1e-9);
        if (m.present + m.absent === 0) expect(m.points.attendance).toBe(0);
      }
      // a period whose first day is after asOf has not happened: 400 naming from
      const future = await api.call('GET', '/api/groups/g1/report?from=2027-01-01&to=2027-06-01&asOf=2026-12-07');
      expect(isProblem(future, 400)).toBe(true);
      expect(future.body.errors[0].path).toBe('/query/from');
      expect(future.body.errors[0].message).toContain('after asOf');
    });
  });

  it('refuses an unknown group (404), a period that ends before it starts or where it starts and an unknown parameter (400)', async () => {
    await withTestApi(async (api) => {
      await api.call('POST', '/api/import', { groups: [{ id: 'g', name: 'G' }] });
      expect(isProblem(await api.call('GET', '/api/groups/nope/report'), 404)).toBe(true);
      const backwards = await api.call('GET', '/api/groups/g/report?from=2024-05-01&to=2024-04-01');
      expect(isProblem(backwards, 400)).toBe(true);
      expect(backwards.body.errors[0].path).toBe('/query/from');
      // A period of no length (a date's start and the same instant as `to`): its weeks would be 0.
      const instant = await api.call('GET', '/api/groups/g/report?from=2026-01-05&to=2026-01-05T00:00:00Z&asOf=2026-03-31');
      expect(isProblem(instant, 400)).toBe(true);
      expect(instant.body.errors).toEqual([{ path: '/query/from', message: expect.stringMatching(/^from and to are the same instant: a period needs a length/) }]);
      expect((await api.call('GET', '/api/groups/g/report?from=2026-01-05&to=2026-01-05&asOf=2026-03-31')).status).toBe(200);
      expect(isProblem(await api.call('GET', '/api/groups/g/report?from=yesterday'), 400)).toBe(true);
      const noSuchDay = await api.call('GET', '/api/groups/g/report?from=2026-02-30');
      expect(isProblem(noSuchDay, 400)).toBe(true);
      expect(noSuchDay.body.errors).toEqual([{ path: '/query/from', message: '2026-02-30 does not exist: February 2026 has 28 days' }]);
      expect(isProblem(await api.call('GET', '/api/groups/g/report?period=6m'), 400)).toBe(true);
      const empty = await api.call('GET', '/api/groups/g/report');
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({ meetings: 0, members: [], visitors: [], totals: { referrals: 0, oneToOnes: 0, tyfcb: 0 } });
    });
  });

  it('withholds what it derives from professions when profession is a sensitive dimension', async () => {
    const sample = JSON.parse(await readFile(SAMPLE, 'utf8'));
    const path = '/api/groups/g1/report?from=2026-05-01&to=2026-10-31&asOf=2026-11-01';
    const plain = await withTestApi(async (api) => {
      await api.call('POST', '/api/import', sample);
      return (await api.call('GET', path)).body;
    });
    expect(plain.openSeats.length).toBeGreaterThan(0);
    await withTestApi(
      async (api) => {
        await api.call('POST', '/api/import', sample);
        const r = await api.call('GET', path);
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ oneToOnesThatWouldPay: [], openSeats: [], withheld: ['oneToOnesThatWouldPay', 'openSeats', 'powerTeams.professions'] });
        expect(r.body.powerTeams.every((t: { professions: string[] }) => t.professions.length === 0)).toBe(true);
        expect(r.body.members).toEqual(plain.members);
      },
      { SENSITIVE_ATTRIBUTES: 'profession' },
    );
  });
});
