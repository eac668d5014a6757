/**
 * Communities over HTTP: the map as of a date is coloured by that date's own partition (the one
 * /api/metrics/network reports for it), and the same records give the same partition in two
 * fresh embedded stores fed in different orders and batches, and again after a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer } from '../../api/server.js';
import { communityAnswers as answers, plantedNetwork } from './community-network.js';
import { call, startTestApi, type Reply } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** The map's partition: the sets of person ids sharing a community number, in a comparable form. */
function partitionOf(map: Body): string[][] {
  const groups = new Map<number, string[]>();
  for (const n of map.nodes) groups.set(n.community, [...(groups.get(n.community) ?? []), n.id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Newman modularity of the map's partition on the map's own edges (unweighted). */
function modularityOf(map: Body): number {
  const m = map.edges.length;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  for (const [s, d] of map.edges) {
    const cs = map.nodes[s].community;
    const cd = map.nodes[d].community;
    if (cs === cd) inside.set(cs, (inside.get(cs) ?? 0) + 1);
    degree.set(cs, (degree.get(cs) ?? 0) + 1);
    degree.set(cd, (degree.get(cd) ?? 0) + 1);
  }
  let q = 0;
  for (const [c, k] of degree) q += (inside.get(c) ?? 0) / m - (k / (2 * m)) ** 2;
  return q;
}

const clique = (ids: string[], at: string, tag: string) =>
  ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ id: `${tag}-${a}-${b}`, a, b, kind: 'met', at })));

describe('the map as of a date', () => {
  it('when the network was two cliques at D and is regrouped since, then /api/map?asOf=D shows D\'s own communities, the ones /api/metrics/network reports for D', async () => {
    const api = await startTestApi();
    try {
      const ids = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);
      const [left, right] = [ids.slice(0, 6), ids.slice(6)];
      // By D: two 6-cliques joined by the bridge p05–p06. After D everyone meets: one 12-clique,
      // which Louvain keeps whole (any split of a clique has negative modularity).
      const doc = {
        people: ids.map((id) => ({ id, name: id })),
        interactions: [
          ...clique(left, '2024-03-01', 'a'),
          ...clique(right, '2024-03-01', 'a'),
          { id: 'bridge', a: 'p05', b: 'p06', kind: 'met', at: '2024-03-01' },
          ...clique(ids, '2024-09-01', 'b'),
        ],
      };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      const D = '2024-06-30';
      const map: Body = (await api.call('GET', `/api/map?asOf=${D}`)).body;
      const metrics: Body = (await api.call('GET', `/api/metrics/network?asOf=${D}`)).body;

      // Hand-computed: m = 31 ties at D; each clique has 15 inside and degree sum 31,
      // so Q = 2 × (15/31 − (31/62)²) = 30/31 − 1/2.
      expect(partitionOf(map)).toEqual([left, right]);
      expect(map.edges).toHaveLength(31);
      expect(modularityOf(map)).toBeCloseTo(30 / 31 - 0.5, 12);
      expect(metrics.communities.modularity).toBeCloseTo(modularityOf(map), 12);
      expect(metrics.communities.count).toBe(map.communities);
      expect(metrics.communities.sizes).toEqual(partitionOf(map).map((g) => g.length).sort((a, b) => b - a));

      // An ego view as of D follows D's ties: p00's contacts then were its own clique only.
      const ego: Body = (await api.call('GET', `/api/map?asOf=${D}&view=ego&person=p00&radius=1`)).body;
      expect(ego.nodes.map((n: Body) => n.id).sort()).toEqual(left);
      const egoToday: Body = (await api.call('GET', '/api/map?view=ego&person=p00&radius=1')).body;
      expect(egoToday.nodes.map((n: Body) => n.id).sort()).toEqual(ids);

      // Today's map is laid out by today's communities, which are not D's.
      const today: Body = (await api.call('GET', '/api/map')).body;
      expect(partitionOf(today)).toEqual([ids]);
      const metricsToday: Body = (await api.call('GET', '/api/metrics/network')).body;
      expect(metricsToday.communities.modularity).toBeCloseTo(modularityOf(today), 12);
    } finally {
      await api.close();
    }
  });
});

describe('reproducible communities', () => {
  const { people, interactions } = plantedNetwork();

  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  /** A refnet over the embedded store in `dir`, served on 127.0.0.1 (port 0). */
  async function open(dir: string) {
    const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
    const server = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
    return {
      call: (method: string, path: string, body?: unknown): Promise<Reply> => call(server.url, method, path, body),
      async close() {
        await server.stop(1000);
        await refnet.close();
      },
    };
  }

  it('when two fresh stores receive the same records in different orders and batches, then every date has the same partition, also after a restart', async () => {
    const a = await open(await mkdtemp(join(tmpdir(), 'refnet-comm-a-')).then((d) => (dirs.push(d), d)));
    const dirB = await mkdtemp(join(tmpdir(), 'refnet-comm-b-'));
    dirs.push(dirB);
    let b = await open(dirB);
    try {
      expect((await a.call('POST', '/api/import', { people, interactions })).status).toBe(200);
      // B: people in reverse order, then the interactions shuffled, in three batches.
      expect((await b.call('POST', '/api/import', { people: [...people].reverse() })).status).toBe(200);
      const shuffled = [...interactions].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : x.id < y.id ? 1 : -1));
      for (let k = 0; k < 3; k++) {
        const batch = shuffled.filter((_, i) => i % 3 === k);
        expect((await b.call('POST', '/api/import', { interactions: batch })).status).toBe(200);
      }
      const fromA = await answers(a);
      expect(fromA.every((x) => x.status === 'fresh')).toBe(true);
      // Several distinct partitions over the dates, so the comparison has something to compare.
      expect(new Set(fromA.map((x) => x.communities.count)).size).toBeGreaterThan(1);
      expect(await answers(b)).toEqual(fromA);

      await b.close();
      b = await open(dirB);
      expect(await answers(b)).toEqual(fromA);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
