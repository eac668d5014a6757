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

  it('refuses an unknown group (404), a period that ends before it starts and an unknown parameter (400)', async () => {
    await withTestApi(async (api) => {
      await api.call('POST', '/api/import', { groups: [{ id: 'g', name: 'G' }] });
      expect(isProblem(await api.call('GET', '/api/groups/nope/report'), 404)).toBe(true);
      const backwards = await api.call('GET', '/api/groups/g/report?from=2024-05-01&to=2024-04-01');
      expect(isProblem(backwards, 400)).toBe(true);
      expect(backwards.body.errors[0].path).toBe('/query/from');
      expect(isProblem(await api.call('GET', '/api/groups/g/report?from=yesterday'), 400)).toBe(true);
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
