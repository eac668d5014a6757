/**
 * The analytics endpoints over real HTTP (embedded store in a temp dir, port 0): datasets
 * imported through POST /api/import and compared with the networkx expectations, plus the
 * endpoint contracts (asOf, validation, 404 problems, unreachable = 200 with a reason).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, type Reply, type TestApi } from '../../../api/harness.js';
import { close, datasetDocument, expected, type DatasetName } from '../../datasets.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const get = (path: string) => api.call('GET', path);

describe('analytics endpoints', () => {
  beforeAll(async () => {
    const prev = await api.call('GET', '/api/export');
    for (const p of prev.body.people) await api.call('DELETE', `/api/people/${encodeURIComponent(p.id)}`);
    const doc = {
      people: [
        { id: 'ann', name: 'Ann', industry: 'law', profession: 'lawyer' },
        { id: 'bob', name: 'Bob', industry: 'tax', profession: 'accountant', company: 'Acme' },
        { id: 'cy', name: 'Cy', industry: 'it', profession: 'developer' },
        { id: 'dee', name: 'Dee', industry: 'law', profession: 'lawyer' },
        { id: 'eve', name: 'Eve', industry: 'tax', profession: 'accountant' },
        { id: 'lone', name: 'Lone', industry: 'it' },
      ],
      companies: [{ id: 'acme', name: 'Acme' }],
      groups: [{ id: 'g', name: 'Chapter' }],
      memberships: [{ person: 'ann', group: 'g' }, { person: 'bob', group: 'g' }, { person: 'dee', group: 'g' }],
      events: [{ id: 'ev', name: 'Breakfast', at: '2024-01-10', group: 'g' }],
      attendance: [{ person: 'ann', event: 'ev' }, { person: 'bob', event: 'ev' }],
      interactions: [
        { id: 'i1', a: 'ann', b: 'cy', kind: 'one_to_one', at: '2024-01-05' },
        { id: 'i2', a: 'cy', b: 'eve', kind: 'met', at: '2024-02-01' },
      ],
      referrals: [
        { id: 'r1', from: 'ann', to: 'bob', at: '2024-02-01', status: 'won', value: 1000 },
        { id: 'r2', from: 'bob', to: 'ann', at: '2024-03-01', status: 'passed' },
        { id: 'r3', from: 'eve', to: 'dee', at: '2024-03-01', status: 'passed' },
      ],
    };
    expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
  });

  it('when asking for a relationship, then stage, evidence, dormancy and strength come back; asOf excludes later records', async () => {
    const r = await get('/api/relationships/ann/bob?asOf=2024-03-10');
    expect(r.status).toBe(200);
    expect(r.body.vcp).toMatchObject({ stage: 'profitability', dormant: false, evidence: { referralsGiven: 1, referralsReceived: 1, coAttendedEvents: 1 } });
    expect(r.body.strength.components.stage).toBe('profitability');
    const before = await get('/api/relationships/ann/bob?asOf=2024-02-15');
    expect(before.body.vcp.stage).toBe('credibility');
    expect((await get('/api/relationships/ann/eve?asOf=2024-03-10')).body.tie).toBe(false);
  });
  it('when an id is unknown, then 404 problem', async () => {
    expect(isProblem(await get('/api/relationships/ann/nobody'), 404)).toBe(true);
    expect(isProblem(await get('/api/people/nobody/metrics'), 404)).toBe(true);
    expect(isProblem(await get('/api/groups/nope/metrics'), 404)).toBe(true);
    expect(isProblem(await get('/api/paths?from=ann&toCompany=nope'), 404)).toBe(true);
    expect(isProblem(await get('/api/renetworking?person=nobody'), 404)).toBe(true);
    expect(isProblem(await get('/api/people/nobody/introductions'), 404)).toBe(true);
    expect(isProblem(await get('/api/reports/diversity-gap?person=nobody&dimension=industry'), 404)).toBe(true);
  });
  it('when the query is invalid, then 400 problem listing the problems', async () => {
    const bad = await get('/api/paths?from=ann&to=bob&k=0&asOf=yesterday');
    expect(isProblem(bad, 400)).toBe(true);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/query/asOf', '/query/k']);
    expect(isProblem(await get('/api/paths?from=ann&to=bob&toCompany=acme'), 400)).toBe(true);
    expect(isProblem(await get('/api/paths?from=ann'), 400)).toBe(true);
    expect(isProblem(await get('/api/metrics/network?surprise=1'), 400)).toBe(true);
    expect(isProblem(await get('/api/reports/diversity-gap?dimension=industry'), 400)).toBe(true);
  });
  it('when a path exists, then k paths with hop details; to a company and to where[industry]', async () => {
    const r = await get('/api/paths?from=ann&to=eve&k=2&asOf=2024-03-10');
    expect(r.status).toBe(200);
    expect(r.body.paths[0].people).toEqual(['ann', 'cy', 'eve']);
    expect(r.body.paths[0].steps[0]).toMatchObject({ from: 'ann', to: 'cy', stage: 'credibility' });
    expect((await get('/api/paths?from=ann&toCompany=acme&asOf=2024-03-10')).body.paths[0].people).toEqual(['ann', 'bob']);
    const w = await get('/api/paths?from=cy&where[industry]=law&k=3&asOf=2024-03-10');
    expect(w.body.paths.map((p: { people: string[] }) => p.people.at(-1)).sort()).toEqual(['ann', 'dee']);
  });
  it('when the target is unreachable, then 200 with no paths and a reason: no-target when it has no tie at all, not-connected when its ties lead elsewhere', async () => {
    const untied = await get('/api/paths?from=ann&to=lone');
    expect(untied.status).toBe(200);
    expect(untied.body).toMatchObject({ paths: [], reasonCode: 'no-target', reason: 'the person it names has no tie as of this date' });
    // Eve's only tie (to Cy) starts on 2024-02-01: before it she has none.
    expect((await get('/api/paths?from=ann&to=eve&asOf=2024-01-20')).body.reasonCode).toBe('no-target');
    expect((await api.call('POST', '/api/people', { id: 'lone2', name: 'Lone Two', industry: 'it' })).status).toBe(201);
    expect((await api.call('POST', '/api/interactions', { id: 'i-lone', a: 'lone', b: 'lone2', kind: 'met', at: '2024-01-02' })).status).toBe(201);
    try {
      const r = await get('/api/paths?from=ann&to=lone');
      expect(r.body).toMatchObject({ paths: [], reasonCode: 'not-connected', reason: expect.stringMatching(/not connected/) });
    } finally {
      expect((await api.call('DELETE', '/api/people/lone2')).status).toBe(200);
    }
  });
  it('when the path asked for is from a person to themselves, then a 400 on to says so and what to give instead', async () => {
    const self = await get('/api/paths?from=ann&to=ann');
    expect(isProblem(self, 400, 'validation')).toBe(true);
    expect(self.body.errors).toEqual([{ path: '/query/to', message: expect.stringMatching(/is the person the paths start from.*give someone else/) }]);
    // A target set holding the asker and others: the asker is just not a target.
    const law = await get('/api/paths?from=ann&where[industry]=law');
    expect(law.status).toBe(200);
    expect(law.body).toMatchObject({ targets: 1 });
    expect(law.body.reasonCode).not.toBe('self');
  });
  it('when no path is found, then reasonCode says why: the only holder is the person asking, or a path longer than maxHops', async () => {
    const onlyMe = await get('/api/paths?from=cy&where[profession]=developer');
    expect(onlyMe.body).toMatchObject({ paths: [], reasonCode: 'self' });
    const within = await get('/api/paths?from=ann&to=eve');
    expect(within.body.paths[0].hops).toBeGreaterThan(1);
    const tooFar = await get('/api/paths?from=ann&to=eve&maxHops=1');
    expect(tooFar.body).toMatchObject({ paths: [], reasonCode: 'too-far' });
    expect(tooFar.body.reason).toMatch(/within 1 hop/);
  });
  it('when asking for person metrics with a dimension, then only that diversity dimension is computed', async () => {
    const r = await get('/api/people/ann/metrics?dimension=industry&asOf=2024-03-10');
    expect(Object.keys(r.body.diversity)).toEqual(['industry']);
    expect(r.body.reciprocity).toMatchObject({ given: 1, received: 1, givenValue: 1000, reciprocatedPartners: ['bob'] });
    expect(r.body.visibility).toMatchObject({ degree: 2, groups: 1, events: 1 });
    expect(r.body.betweennessInfo.status).toBe('fresh');
  });
  it('when asking for group metrics, then coverage, flows and return on attendance', async () => {
    const r = await get('/api/groups/g/metrics?asOf=2024-03-10');
    expect(r.body.members).toBe(3);
    expect(r.body.coverage[0].overlaps).toEqual([{ category: 'lawyer', members: ['ann', 'dee'] }]);
    expect(r.body.referrals).toMatchObject({ inside: 2, outsideGiven: 0, outsideReceived: 1 });
    expect(r.body.returnOnAttendance).toMatchObject({ events: 1, tiesMade: 1, referrals: 2, won: 1, wonValue: 1000 });
  });
  it('when asking for the re-networking queue late, then dormant ties are ranked with reasons', async () => {
    const r = await get('/api/renetworking?person=ann&asOf=2024-12-31');
    expect(r.status).toBe(200);
    expect(r.body.queue.map((q: { person: string }) => q.person)).toEqual(['bob', 'cy']);
    expect(r.body.queue[0].reason).toMatch(/profitability tie/);
  });
  it('when asking for introductions and a diversity gap, then ranked answers', async () => {
    const i = await get('/api/people/cy/introductions?asOf=2024-03-10');
    expect(i.body.introductions[0]).toMatchObject({ a: 'ann', b: 'eve', referralTraffic: 3, competitors: false });
    expect(i.body.introductions[0].people.map((c: { name: string }) => c.name)).toEqual(['Ann', 'Eve']);
    expect(i.body.introductions[0].message).toMatch(/^Ann, meet Eve/);
    expect(isProblem(await get('/api/people/cy/introductions?includeCompetitors=yes'), 400)).toBe(true);
    const all = await get('/api/people/cy/introductions?asOf=2024-03-10&includeCompetitors=true');
    expect(all.status).toBe(200);
    expect(all.body.introductions.length).toBeGreaterThanOrEqual(i.body.introductions.length);
    const g = await get('/api/reports/diversity-gap?person=cy&dimension=industry&target=law,tax,it,finance&allowAbsent=true&asOf=2024-03-10');
    expect(g.status).toBe(200);
    expect(g.body.missing.map((m: { category: string }) => m.category)).toContain('finance');
  });
  it('when the OpenAPI document is fetched, then the analytics paths are in it', async () => {
    const doc = (await get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/paths', '/api/people/{id}/metrics', '/api/reports/diversity-gap']));
  });
});

describe.each(['karate', 'florentine', 'davis', 'email-eu-core'] as DatasetName[])('dataset %s through the API', (name) => {
  const exp = expected(name);
  const ids = Object.keys(exp.degree);
  const metrics: Record<string, Reply['body']> = {};

  beforeAll(async () => {
    // Each dataset alone: the previous one is replaced by deleting its people.
    const prev = await api.call('GET', '/api/export');
    for (const p of prev.body.people) await api.call('DELETE', `/api/people/${encodeURIComponent(p.id)}`);
    const imported = await api.call('POST', '/api/import', datasetDocument(name));
    expect(imported.status).toBe(200);
    const dim = exp.diversity ? `&dimension=${exp.diversity.dimension}` : '&dimension=industry';
    for (const id of ids) metrics[id] = (await get(`/api/people/${encodeURIComponent(id)}/metrics?asOf=2100-01-01${dim}`)).body;
  }, 240_000);

  it('when imported, then degree, betweenness, effective size and constraint match networkx within 1e-9', () => {
    const bad = ids.filter(
      (id) =>
        metrics[id].visibility.degree !== exp.degree[id] ||
        !close(metrics[id].visibility.betweenness, exp.betweenness[id]) ||
        !close(metrics[id].brokerage.effectiveSize, exp.effectiveSize[id]) ||
        !close(metrics[id].brokerage.constraint, exp.constraint[id]),
    );
    expect(bad).toEqual([]);
  });

  if (exp.diversity) {
    it('when imported, then ego diversity matches within 1e-9', () => {
      const dim = exp.diversity!.dimension;
      const bad = ids.filter((id) => {
        const got = metrics[id].diversity[dim];
        const want = exp.diversity!.byPerson[id]!;
        return got.richness !== want.richness || !(['shannon', 'evenness', 'blau', 'iqv'] as const).every((k) => close(got[k], want[k]));
      });
      expect(bad).toEqual([]);
    });
  }

  it('when asking for the network metrics, then people, ties and reciprocity match', async () => {
    const m = (await get('/api/metrics/network?asOf=2100-01-01')).body;
    expect(m.people).toBe(exp.people);
    expect(m.ties).toBe(exp.ties);
    if (exp.reciprocity) {
      expect(close(m.reciprocity.edge, exp.reciprocity.edge)).toBe(true);
      expect(close(m.reciprocity.rho, exp.reciprocity.rho)).toBe(true);
    }
    expect(m.communities.count).toBeGreaterThan(0);
    expect(m.topBrokers[0].betweenness).toBeCloseTo(Math.max(...Object.values(exp.betweenness)), 9);
  });

  if (name === 'karate' || name === 'florentine') {
    it('when every tie is equally strong, then path hop counts are networkx shortest-path lengths', async () => {
      const bad: unknown[] = [];
      const sources = Object.keys(exp.hops).slice(0, 5);
      for (const s of sources) {
        for (const [t, hops] of Object.entries(exp.hops[s]!)) {
          if (s === t) continue;
          const r = await get(`/api/paths?from=${s}&to=${t}&k=1&maxHops=8&asOf=2100-01-01`);
          if (r.status !== 200 || r.body.paths[0]?.hops !== hops) bad.push({ s, t, hops, got: r.body.paths?.[0]?.hops });
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
