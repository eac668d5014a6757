/**
 * Warm paths over real HTTP (issue #12 items 1, 5, 7): the settings file's path defaults and
 * caps are the only ones (the route schemas have none of their own), a request above a cap is a
 * 400 naming it, and costs, order and step strengths hold at the very asOf asked for.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type TestApi } from './harness.js';
import { DAY_MS } from '../../graph/analytics/time.js';

const L = Date.parse('2024-01-01');
const ALPHA = Math.LN2 / 180;
const tieCost = (base: number, age: number) => -Math.log(base) + age * ALPHA;
// Settings beyond the old hard-wired route limits (k ≤ 10, maxHops ≤ 8) and below them.
const SETTINGS = { strength: { tenureBonus: 0 }, paths: { maxHops: 3, k: 2, maxHopsCap: 9, kCap: 12 } };

let api: TestApi;
let settingsDir: string;
beforeAll(async () => {
  settingsDir = await mkdtemp(join(tmpdir(), 'refnet-paths-settings-'));
  const file = join(settingsDir, 'analytics.json');
  await writeFile(file, JSON.stringify(SETTINGS));
  api = await startTestApi({ ANALYTICS_CONFIG: file });
  const chain = Array.from({ length: 11 }, (_, i) => `c${i}`);
  const doc = {
    people: ['s', 'm', 't', ...chain, 'p1', 'p2', 'p3', 'p4'].map((id) => ({ id, name: id, industry: id === 't' || id === 'c4' ? 'law' : 'it' })),
    interactions: [
      // s–t visibility against s–m–t credibility: the direct tie is cheaper after 47.35 days
      { id: 'st', a: 's', b: 't', kind: 'met', at: '2024-01-01' },
      { id: 'sm', a: 's', b: 'm', kind: 'one_to_one', at: '2024-01-01' },
      { id: 'mt', a: 'm', b: 't', kind: 'one_to_one', at: '2024-01-01' },
      // a 10-hop chain, and parallel routes c0–pX–c2 so k has paths to count
      ...chain.slice(1).map((id, i) => ({ id: `ch${i}`, a: chain[i]!, b: id, kind: 'met', at: '2023-12-01' })),
      ...[1, 2, 3, 4].flatMap((x) => [
        { id: `pa${x}`, a: 'c0', b: `p${x}`, kind: 'met', at: '2023-11-01' },
        { id: `pb${x}`, a: `p${x}`, b: 'c2', kind: 'met', at: '2023-11-01' },
      ]),
    ],
  };
  expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
});
afterAll(async () => {
  await api?.close();
  await rm(settingsDir, { recursive: true, force: true });
});

const get = (path: string) => api.call('GET', path);

describe('path settings over HTTP (ANALYTICS_CONFIG)', () => {
  it('when a request names no k or maxHops, then the settings file defaults apply (paths.maxHops 3, paths.k 2)', async () => {
    const far = await get('/api/paths?from=c0&to=c4&asOf=2024-02-01');
    expect(far.status).toBe(200);
    expect(far.body).toMatchObject({ k: 2, maxHops: 3, paths: [], reason: expect.stringMatching(/within 3 hops/) });
    const near = await get('/api/paths?from=c0&to=c3&asOf=2024-02-01');
    expect(near.body.paths.map((p: { hops: number }) => p.hops)).toEqual([3, 3]);
    // the diversity gap's candidate paths too: c4, a lawyer 4 hops from c0, is out of reach at 3
    const lawyers = async (q: string) =>
      (await get(`/api/reports/diversity-gap?person=c0&dimension=industry&asOf=2024-02-01${q}`)).body.missing.find((g: { category: string }) => g.category === 'law').candidates;
    expect(await lawyers('')).toEqual([{ person: 'c4', path: null }, { person: 't', path: null }]);
    expect((await lawyers('&maxHops=4'))[0]).toMatchObject({ person: 'c4', path: { hops: 4 } });
  });

  it('when a request asks up to the settings caps, then it is served, even above the old route limits', async () => {
    const deep = await get('/api/paths?from=c0&to=c9&maxHops=9&k=1&asOf=2024-02-01');
    expect(deep.status).toBe(200);
    expect(deep.body.paths[0].hops).toBe(9);
    const many = await get('/api/paths?from=c0&to=c2&k=12&maxHops=9&asOf=2024-02-01');
    expect(many.status).toBe(200);
    expect(many.body.k).toBe(12);
    expect(many.body.paths.length).toBe(5);
    expect((await get('/api/reports/diversity-gap?person=s&dimension=industry&maxHops=9&asOf=2024-02-01')).status).toBe(200);
  });

  it('when a request asks above a cap, then 400 problem naming the cap and the setting', async () => {
    for (const [path, field, cap] of [
      ['/api/paths?from=c0&to=c9&maxHops=10', 'maxHops', 9],
      ['/api/paths?from=c0&to=c2&k=13', 'k', 12],
      ['/api/reports/diversity-gap?person=s&dimension=industry&maxHops=10', 'maxHops', 9],
    ] as const) {
      const r = await get(path);
      expect(isProblem(r, 400, 'validation')).toBe(true);
      expect(r.body.errors).toEqual([{ path: `/query/${field}`, message: `must be at most ${cap} (the service's paths.${field}Cap setting)` }]);
    }
    for (const bad of ['k=0', 'maxHops=0', 'k=1.5', 'maxHops=many']) {
      expect(isProblem(await get(`/api/paths?from=c0&to=c2&${bad}`), 400)).toBe(true);
    }
  });
});

describe('warm paths over HTTP at the instant asked for', () => {
  const cases = [
    ['a date (its end: age 47.99… days)', '2024-02-17', L + 48 * DAY_MS - 1],
    ['a mid-day instant (age 47.5 days)', '2024-02-17T12:00:00Z', L + 47.5 * DAY_MS],
    ['a date long after the newest record', '2025-03-01', Date.parse('2025-03-01') + DAY_MS - 1],
  ] as const;
  for (const [what, asOf, at] of cases) {
    it(`when asOf is ${what}, then the direct tie comes first, costs are hand-computed and Σ −ln(step strength), steps match /api/relationships`, async () => {
      const age = (at - L) / DAY_MS;
      const r = await get(`/api/paths?from=s&to=t&asOf=${asOf}`);
      expect(r.status).toBe(200);
      expect(r.body.paths.map((p: { people: string[] }) => p.people)).toEqual([['s', 't'], ['s', 'm', 't']]);
      expect(r.body.paths[0].cost).toBeCloseTo(tieCost(0.3, age), 9);
      expect(r.body.paths[1].cost).toBeCloseTo(2 * tieCost(0.6, age), 9);
      for (const p of r.body.paths as { cost: number; steps: { from: string; to: string; strength: number }[] }[]) {
        expect(Math.abs(p.steps.reduce((c, s) => c - Math.log(s.strength), 0) - p.cost)).toBeLessThan(1e-9);
        for (const step of p.steps) {
          const rel = await get(`/api/relationships/${step.from}/${step.to}?asOf=${asOf}`);
          expect(step.strength).toBe(rel.body.strength.strength);
        }
      }
    });
  }
  it('when asOf is on the crossing day but before it (06:00), then the two-hop path is first', async () => {
    const r = await get('/api/paths?from=s&to=t&asOf=2024-02-17T06:00:00Z');
    expect(r.body.paths.map((p: { people: string[] }) => p.people)).toEqual([['s', 'm', 't'], ['s', 't']]);
  });
});

describe('betweennessInfo.asOf over HTTP', () => {
  it('when metrics are asked at one date and then another, then betweennessInfo.asOf names each date asked', async () => {
    for (const [asOf, want] of [
      ['2024-03-01', '2024-03-01T23:59:59.999Z'],
      ['2024-05-01T08:30:00Z', '2024-05-01T08:30:00.000Z'],
    ] as const) {
      expect((await get(`/api/people/s/metrics?asOf=${asOf}`)).body.betweennessInfo).toMatchObject({ status: 'fresh', asOf: want });
      expect((await get(`/api/metrics/network?asOf=${asOf}`)).body.betweennessInfo).toMatchObject({ status: 'fresh', asOf: want });
    }
  });
});
