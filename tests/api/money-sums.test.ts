/**
 * Referral values summed exactly: a live server's totals after a referral is deleted, or after
 * slips were written in another order, are those of a fresh server on the same records, to the
 * last bit. Running totals kept with += and −= left a residue (100.1 + 0.2 − 100.1 is not 0.2),
 * and sums in arrival order differed in their last bits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactSum } from '../../graph/support/exact-sum.js';
import { startTestApi, type TestApi } from './harness.js';

const people = [{ id: 'p1', name: 'Ada' }, { id: 'p2', name: 'Bo' }, { id: 'p3', name: 'Cy' }];
const groups = [{ id: 'g1', name: 'Chapter' }];
const memberships = people.map((p) => ({ person: p.id, group: 'g1', since: '2025-01-01' }));
const referrals = [
  { id: 'r1', from: 'p1', to: 'p2', at: '2026-01-01', status: 'won', value: 100.1 },
  { id: 'r2', from: 'p1', to: 'p2', at: '2026-01-02', status: 'won', value: 0.2 },
  { id: 'r3', from: 'p2', to: 'p1', at: '2026-01-02', status: 'won', value: 0.7 },
  { id: 'r4', from: 'p2', to: 'p1', at: '2026-01-03', status: 'won', value: 0.1 },
  { id: 'r5', from: 'p3', to: 'p1', at: '2026-01-03', status: 'won', value: 0.2 },
];
const AS_OF = '2026-02-01T00:00:00Z';

/** Every answer that carries a sum of referral values. */
async function sums(api: TestApi): Promise<unknown[]> {
  const get = async (path: string) => {
    const r = await api.call('GET', `${path}${path.includes('?') ? '&' : '?'}asOf=${AS_OF}`);
    expect(r.status, path).toBe(200);
    return r.body as Record<string, unknown>;
  };
  const network = await get('/api/metrics/network');
  const out: unknown[] = [(network.reciprocity as { weighted: unknown }).weighted];
  for (const p of people) out.push((await get(`/api/people/${p.id}/metrics`)).reciprocity);
  out.push((await get('/api/groups/g1/metrics')).referrals);
  const chapter = await get('/api/groups/g1/report?from=2025-12-01&to=2026-01-31');
  out.push(chapter.totals, (chapter.members as { person: string; tyfcb: unknown }[]).map((m) => [m.person, m.tyfcb]));
  return out;
}

describe('sums of referral values', () => {
  const apis: TestApi[] = [];
  const start = async (doc: object) => {
    const api = await startTestApi();
    apis.push(api);
    expect((await api.call('POST', '/api/import', { people, groups, memberships, ...doc })).status).toBe(200);
    return api;
  };
  let live: TestApi;
  beforeAll(async () => {
    live = await start({ referrals });
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
  });

  it('when slips come in another order, then every total is the same to the last bit', async () => {
    const reversed = await start({ referrals: [...referrals].reverse() });
    expect(await sums(reversed)).toEqual(await sums(live));
  });

  it('when a referral is deleted, then the totals are those of a fresh server on the records left, with no residue', async () => {
    await sums(live);
    expect((await live.call('DELETE', '/api/referrals/r1')).status).toBe(200);
    const fresh = await start({ referrals: referrals.filter((r) => r.id !== 'r1') });
    const after = await sums(live);
    expect(after).toEqual(await sums(fresh));
    // p1 → p2 0.2 (1 slip), p2 → p1 0.7 + 0.1 (2), p3 → p1 0.2 (1): Σ min over both orders / Σ all
    expect(after[0]).toEqual({ count: 2 / 4, value: (2 * 0.2) / exactSum([0.2, 0.7, 0.1, 0.2]) });
  });
});
