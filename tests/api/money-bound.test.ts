/**
 * A referral's value is money, bounded where it comes in (MAX_MONEY): 1.7e308 was accepted as
 * "finite", and two of them summed to Infinity, which JSON writes as null (givenValue,
 * valueBalance, referralValueGiven) and which zeroed weighted reciprocity. Every way in refuses it
 * (a create, a PATCH, an import document, a referrals CSV), and a value stored before the bound
 * still loads and counts as the bound, so no sum overflows.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { MAX_MONEY } from '../../graph/schema.js';
import { isProblem, startTestApi, type TestApi } from './harness.js';

const people = [{ id: 'p1', name: 'Ada' }, { id: 'p2', name: 'Bo' }];

describe('referral values above the bound', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    expect((await api.call('POST', '/api/import', { people, referrals: [{ id: 'r1', from: 'p1', to: 'p2', at: '2026-01-01', status: 'passed', value: 10 }] })).status).toBe(200);
  });
  afterAll(() => api.close());

  const errorPaths = (body: { errors?: { path: string; message: string }[] }) => (body.errors ?? []).map((e) => e.path);

  it('when a referral is created at the bound, then it is kept; above it (or 1.7e308), then 400 on /value', async () => {
    expect((await api.call('POST', '/api/referrals', { id: 'at-bound', from: 'p1', to: 'p2', at: '2026-01-02', status: 'passed', value: MAX_MONEY })).status).toBe(201);
    for (const value of [MAX_MONEY + 1, 1e300, 1.7e308]) {
      const r = await api.call('POST', '/api/referrals', { id: `over-${value}`, from: 'p1', to: 'p2', at: '2026-01-02', status: 'passed', value });
      expect(isProblem(r, 400, 'validation'), JSON.stringify(r.body)).toBe(true);
      expect(errorPaths(r.body)).toEqual(['/value']);
      expect(r.body.errors[0].message).toMatch(/at most 1,000,000,000,000/);
    }
  });

  it('when a PATCH sets a value above the bound, then 400 and the referral keeps its value', async () => {
    const r = await api.call('PATCH', '/api/referrals/r1', { value: 1.7e308 }, { 'content-type': 'application/merge-patch+json' });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(errorPaths(r.body)).toEqual(['/value']);
    expect((await api.call('GET', '/api/referrals/r1')).body.value).toBe(10);
  });

  it('when an import document has a value above the bound, then 400 naming the record, and nothing is written', async () => {
    const before = (await api.call('GET', '/api/export')).body;
    const r = await api.call('POST', '/api/import', { referrals: [{ id: 'big', from: 'p1', to: 'p2', at: '2026-01-03', status: 'won', value: 1e300 }] });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(errorPaths(r.body)).toEqual(['/referrals/0/value']);
    expect((await api.call('GET', '/api/export')).body).toEqual(before);
  });

  it('when a referrals CSV has an amount above the bound, then that row is skipped saying why', async () => {
    const csv = 'from,to,date,status,value\np1,p2,2026-01-04,won,"2,000,000,000,000"\np1,p2,2026-01-05,won,"$1,250"\n';
    const res = await fetch(`${api.url}/api/import?format=referrals`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    const report = (await res.json()) as { skipped: { row: number; reason: string }[]; referrals: { created: number } };
    expect(res.status).toBe(200);
    expect(report.referrals.created).toBe(1);
    expect(report.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/value: .*2,000,000,000,000.*at most 1,000,000,000,000/) }]);
  });
});

describe('referral values stored before the bound', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Written straight to the store, as a data directory from before the bound holds them.
    const dir = await mkdtemp(join(tmpdir(), 'refnet-money-'));
    const legacy = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
    await legacy.store.apply([
      ...people.map((record) => ({ op: 'put' as const, kind: 'person' as const, record })),
      { op: 'put', kind: 'referral', record: { id: 'huge1', from: 'p1', to: 'p2', at: '2026-01-01', status: 'won', value: 1.7e308 } },
      { op: 'put', kind: 'referral', record: { id: 'huge2', from: 'p1', to: 'p2', at: '2026-01-02', status: 'won', value: 1.7e308 } },
      { op: 'put', kind: 'referral', record: { id: 'back', from: 'p2', to: 'p1', at: '2026-01-03', status: 'passed', value: 500 } },
    ]);
    await legacy.close();
    api = await startTestApi({ REFNET_DATA: dir });
  });
  afterAll(() => api.close());

  it('when the data directory is opened, then the records load as they were', async () => {
    // Read as stored, not through api.call: the documented maximum is that of values written since.
    const res = await fetch(`${api.url}/api/referrals/huge1`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: number }).value).toBe(1.7e308);
  });

  it('when sums include them, then each counts as the bound: no null, no NaN, weighted reciprocity is not zeroed', async () => {
    const metrics = (await api.call('GET', '/api/people/p1/metrics')).body;
    expect(metrics.reciprocity).toMatchObject({ givenValue: 2 * MAX_MONEY, receivedValue: 500, valueBalance: 2 * MAX_MONEY - 500 });
    const tie = (await api.call('GET', '/api/relationships/p1/p2')).body;
    expect(tie.vcp.evidence).toMatchObject({ referralValueGiven: 2 * MAX_MONEY, referralValueReceived: 500 });
    const network = (await api.call('GET', '/api/metrics/network')).body;
    expect(network.reciprocity.weighted.value).toBeCloseTo((2 * 500) / (2 * MAX_MONEY + 500), 12);
    expect(network.reciprocity.weighted.value).toBeGreaterThan(0);
  });
});
