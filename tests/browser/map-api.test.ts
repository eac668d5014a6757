/**
 * GET /api/map and the page serving, over real HTTP on a real refnet (no browser needed):
 * a tiny hand-built network with known stages, dormancy, views and limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.mjs';
import { WORKER_LAYOUT_MIN_NODES } from '../../graph/map/layout.js';
import { startTestApi, withTestApi, type TestApi } from '../api/harness.js';
import { largeNetwork } from './large-network.js';

const network = {
  people: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: `Person ${id.toUpperCase()}`, industry: id < 'c' ? 'Legal' : 'Finance' })),
  groups: [{ id: 'g1', name: 'Chapter One' }],
  memberships: [
    { person: 'a', group: 'g1' },
    { person: 'b', group: 'g1' },
  ],
  interactions: [
    { id: 'i1', a: 'a', b: 'b', kind: 'one_to_one', at: '2026-01-10' },
    { id: 'i2', a: 'b', b: 'c', kind: 'met', at: '2026-01-05' },
  ],
  referrals: [
    { id: 'r1', from: 'c', to: 'd', at: '2026-02-01', status: 'won', value: 500 },
    { id: 'r2', from: 'd', to: 'c', at: '2026-02-02', status: 'passed' },
  ],
};

interface MapBody {
  total: { people: number; ties: number };
  view: { kind: string; person?: string };
  filtered?: { reason: string };
  stages: string[];
  groups: { id: string; name: string }[];
  nodes: { id: string; x: number; y: number; degree: number; groups: number[]; industry?: string }[];
  edges: [number, number, number, number][];
}

/** The ties of a map answer as "x-y" → [stage, dormant]. */
function tiesOf(body: MapBody): Record<string, [string, boolean]> {
  const out: Record<string, [string, boolean]> = {};
  for (const [s, t, stage, dormant] of body.edges) {
    const pair = [body.nodes[s]!.id, body.nodes[t]!.id].sort().join('-');
    out[pair] = [body.stages[stage]!, dormant === 1];
  }
  return out;
}

describe('GET /api/map', () => {
  let api: TestApi;
  beforeAll(async () => {
    await ensureBuilt();
    api = await startTestApi();
    const imported = await api.call('POST', '/api/import', network);
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('when asked as of a date, then every person comes with a position and every tie with its stage and dormant flag then', async () => {
    const r = await api.call('GET', '/api/map?asOf=2026-03-15');
    expect(r.status).toBe(200);
    const body = r.body as MapBody;
    expect(body.total).toEqual({ people: 5, ties: 3 });
    expect(body.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const n of body.nodes) {
      expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
    }
    // a–b: one-to-one → credibility, 64 days > 60 → dormant; b–c: met → visibility, 69 days ≤ 90;
    // c–d: referrals both ways, one won → profitability, 41 days > 30 → dormant.
    expect(tiesOf(body)).toEqual({
      'a-b': ['credibility', true],
      'b-c': ['visibility', false],
      'c-d': ['profitability', true],
    });
    const b = body.nodes.find((n) => n.id === 'b')!;
    expect(b.degree).toBe(2);
    expect(b.groups.map((g) => body.groups[g]!.id)).toEqual(['g1']);
    expect(body.filtered).toBeUndefined();
  });

  it('when asOf is before a tie’s first record, then that tie is not drawn', async () => {
    const body = (await api.call('GET', '/api/map?asOf=2026-01-31')).body as MapBody;
    expect(Object.keys(tiesOf(body)).sort()).toEqual(['a-b', 'b-c']);
    expect(body.nodes).toHaveLength(5);
    expect(body.nodes.find((n) => n.id === 'c')!.degree).toBe(1);
  });

  it('when the same version is asked twice, then the positions are the same (cached per version)', async () => {
    const one = (await api.call('GET', '/api/map')).body as MapBody;
    const two = (await api.call('GET', '/api/map')).body as MapBody;
    expect(two.nodes.map((n) => [n.x, n.y])).toEqual(one.nodes.map((n) => [n.x, n.y]));
  });

  it('when view=ego with radius 1, then only the person and their contacts are sent', async () => {
    const body = (await api.call('GET', '/api/map?view=ego&person=c&radius=1')).body as MapBody;
    expect(body.view).toMatchObject({ kind: 'ego', person: 'c' });
    expect(body.nodes.map((n) => n.id).sort()).toEqual(['b', 'c', 'd']);
    expect(Object.keys(tiesOf(body)).sort()).toEqual(['b-c', 'c-d']);
  });

  it('when view=group, then the members and the ties between them are sent', async () => {
    const body = (await api.call('GET', '/api/map?view=group&group=g1')).body as MapBody;
    expect(body.nodes.map((n) => n.id).sort()).toEqual(['a', 'b']);
    expect(Object.keys(tiesOf(body))).toEqual(['a-b']);
  });

  it('when the network is over the size cap, then the server sends the best-connected person’s ego network and says why', async () => {
    const body = (await api.call('GET', '/api/map?maxNodes=3')).body as MapBody;
    expect(body.view.kind).toBe('ego');
    expect(['b', 'c']).toContain(body.view.person);
    expect(body.nodes.length).toBeLessThanOrEqual(3);
    expect(body.filtered?.reason).toMatch(/5 people and 3 ties, more than the map draws at once/);
  });

  it('when edges=false, then people only are sent and the tie count never cuts the view down', async () => {
    const body = (await api.call('GET', '/api/map?edges=false&maxEdges=1')).body as MapBody;
    expect(body.nodes).toHaveLength(5);
    expect(body.edges).toEqual([]);
    expect(body.filtered).toBeUndefined();
  });

  it('when the query is invalid, then a 400 problem names each bad field', async () => {
    const r = await api.call('GET', '/api/map?radius=9&colour=red');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const paths = (r.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['/query', '/query/radius']);
    const ego = await api.call('GET', '/api/map?view=ego');
    expect(ego.status).toBe(400);
    expect(ego.body.errors[0].path).toBe('/query/person');
  });

  it('when the view names an unknown person or group, then 404', async () => {
    expect((await api.call('GET', '/api/map?view=ego&person=nobody')).status).toBe(404);
    expect((await api.call('GET', '/api/map?view=group&group=nothing')).status).toBe(404);
  });

  it('when the bundled sample is fetched, then it is a network document the import accepts', async () => {
    const sample = await api.call('GET', '/api/map/sample');
    expect(sample.status).toBe(200);
    expect(sample.body.people.length).toBeGreaterThan(100);
  });
});

describe('GET /api/map with records dated after now', () => {
  it('when a meeting is logged for next week, then the map of now answers without it (and again after a write), and the map as of that week draws it, everyone at the same place', async () => {
    await withTestApi(async (api) => {
      const day = 86_400_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      const ahead = Date.now() + 7 * day;
      const doc = {
        people: ['a', 'b', 'c'].map((id) => ({ id, name: `Person ${id.toUpperCase()}` })),
        interactions: [
          { id: 'past', a: 'a', b: 'b', kind: 'one_to_one', at: iso(Date.now() - 30 * day) },
          { id: 'next-week', a: 'b', b: 'c', kind: 'one_to_one', at: iso(ahead) },
        ],
      };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      const now = await api.call('GET', '/api/map');
      expect(now.status).toBe(200);
      expect(Object.keys(tiesOf(now.body as MapBody))).toEqual(['a-b']);
      const then = await api.call('GET', `/api/map?asOf=${encodeURIComponent(iso(ahead + day))}`);
      expect(then.status).toBe(200);
      expect(Object.keys(tiesOf(then.body as MapBody)).sort()).toEqual(['a-b', 'b-c']);
      const at = (body: MapBody) => Object.fromEntries(body.nodes.map((n) => [n.id, [n.x, n.y]]));
      const placed = at(then.body as MapBody);
      for (const [id, xy] of Object.entries(at(now.body as MapBody))) expect(xy).toEqual(placed[id]);
      expect((await api.call('POST', '/api/interactions', { id: 'today', a: 'a', b: 'c', kind: 'call', at: iso(Date.now() - day) })).status).toBe(201);
      const after = await api.call('GET', '/api/map');
      expect(after.status).toBe(200);
      expect(Object.keys(tiesOf(after.body as MapBody)).sort()).toEqual(['a-b', 'a-c']);
    });
  });
});

describe('GET /api/map on a network above the in-line layout size', () => {
  it('when the first map of a version is being laid out, then other requests are answered meanwhile (the layout runs on a worker thread), and every person gets a finite position', async () => {
    const api = await startTestApi();
    try {
      expect((await api.call('POST', '/api/import', largeNetwork(WORKER_LAYOUT_MIN_NODES + 500, 6_000))).status).toBe(200);
      expect((await api.call('GET', '/api/map?edges=false&maxNodes=1')).status).toBe(200); // analytics warm, base laid out
      // A write makes a new version; an ego view of one person keeps the answer small.
      expect((await api.call('PUT', '/api/people/newcomer', { id: 'newcomer', name: 'Newcomer' })).status).toBeLessThan(300);
      // Over a tenth of the people new: the next base is a full layout again.
      const extra = Array.from({ length: 300 }, (_, i) => ({ id: `x${i}`, name: `Extra ${i}` }));
      expect((await api.call('POST', '/api/import', { people: extra })).status).toBe(200);
      // Other requests, one after another, for as long as the map takes: laid out on the main
      // thread, the map is computed in one synchronous stretch once its request is read, and none
      // of them is answered before it. No timing race: they keep coming however slow the machine.
      let mapDone = false;
      const map = api.call('GET', '/api/map?view=ego&person=p0&radius=1').finally(() => (mapDone = true));
      let answeredMeanwhile = 0;
      while (!mapDone) {
        const people = await api.call('GET', '/api/people/p1');
        expect(people.status).toBe(200);
        if (!mapDone) answeredMeanwhile++;
      }
      expect((await map).status).toBe(200);
      expect(answeredMeanwhile).toBeGreaterThan(0);
      const full = await api.call('GET', '/api/map?edges=false');
      expect(full.body.total.people).toBe(WORKER_LAYOUT_MIN_NODES + 500 + 301);
      expect(full.body.nodes.every((n: { x: number; y: number }) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    } finally {
      await api.close();
    }
  }, 120_000);
});

describe('the pages at /', () => {
  let api: TestApi;
  beforeAll(async () => {
    await ensureBuilt();
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('when / is asked, then the map page is served with a CSP that allows the layout worker', async () => {
    const res = await fetch(`${api.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/worker-src 'self' blob:/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('id="sigma"');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${api.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('when /report.html is asked, then the report page is served; an unknown page is a 404 problem', async () => {
    expect((await fetch(`${api.url}/report.html`)).status).toBe(200);
    const missing = await fetch(`${api.url}/nope.html`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
