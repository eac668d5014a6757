/**
 * The k rule under attack, endpoint by endpoint (issue #11, item 4). With industry, religion,
 * company and group sensitive and k = 5, a caller tries to name or count a category held by fewer
 * than k people of a subject: directly, by subtraction from a public total (degree, members), by
 * naming categories in `target=`, and by comparing two `asOf`s around the day one person joined.
 *
 * The network (asOf T1 = 2026-10-15, T2 = 2026-11-15; `newbie` joins g1 and meets hub on 2026-11-01):
 * - hub's contacts c0..c12: industry Law ×6, Retail ×5, Mining ×1 (c11), none ×1 (c12);
 *   religion A ×7, B ×3, C ×2, D ×1;
 * - group g1 = hub + c0..c12 (+ newbie from 2026-11-01): Law 7, Retail 5, Mining 1 (2 at T2), none 1;
 * - network-wide Mining has 6 people (m1..m4 are far from hub), so it is a category the network
 *   table shows while hub and g1 hold it once;
 * - n1..n6 have no industry, so the network's "no value" cell is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CATEGORY } from '../../graph/privacy/small-cells.js';
import { dataDirWithKeys, isProblem, startSecureApi, type Reply, type SecureApi } from './security-api.js';

const K = 5;
const T1 = '2026-10-15';
const T2 = '2026-11-15';
/** Values some subject holds fewer than k times (the caller must never see them unless it named them). */
const RARE = ['Mining', 'D-faith', 'C-faith', 'B-faith', 'E-faith', 'Acme Secret'];

function network() {
  const industries = [...Array(6).fill('Law'), ...Array(5).fill('Retail'), 'Mining', undefined];
  const religions = [...Array(6).fill('A'), 'B', 'B', 'B', 'C', 'C', 'D', 'A'];
  const contacts = industries.map((industry, i) => ({
    id: `c${i}`,
    name: `Contact ${i}`,
    ...(industry ? { industry } : {}),
    ...(i === 11 ? { company: 'Acme Secret' } : {}),
    profession: i % 2 ? 'Lawyer' : 'Baker',
    attributes: { religion: `${religions[i]}-faith`, club: i < 2 ? 'Lions' : 'Rotary' },
  }));
  const far = [1, 2, 3, 4].map((i) => ({ id: `m${i}`, name: `Miner ${i}`, industry: 'Mining', attributes: { religion: 'E-faith' } }));
  const blank = [1, 2, 3, 4, 5, 6].map((i) => ({ id: `n${i}`, name: `Blank ${i}`, attributes: {} }));
  const people = [
    { id: 'hub', name: 'Hub Person', industry: 'Law', attributes: { religion: 'A-faith', club: 'Rotary' } },
    ...contacts,
    ...far,
    ...blank,
    { id: 'newbie', name: 'New Person', industry: 'Mining', attributes: { religion: 'D-faith', club: 'Rotary' } },
  ];
  const met = (id: string, a: string, b: string, at: string) => ({ id, a, b, kind: 'one_to_one', at });
  return {
    people,
    companies: [{ id: 'acme', name: 'Acme Secret' }],
    groups: [{ id: 'g1', name: 'Chapter One' }],
    memberships: [
      { person: 'hub', group: 'g1', since: '2026-01-01' },
      ...contacts.map((c) => ({ person: c.id, group: 'g1', since: '2026-01-01' })),
      { person: 'newbie', group: 'g1', since: '2026-11-01' },
    ],
    interactions: [
      ...contacts.map((c, i) => met(`h${i}`, 'hub', c.id, '2026-10-01')),
      met('hn', 'hub', 'newbie', '2026-11-01'),
      met('cm', 'c11', 'm1', '2026-10-01'),
      ...[2, 3, 4].map((i) => met(`mm${i}`, 'm1', `m${i}`, '2026-10-01')),
    ],
    referrals: [
      { id: 'r1', from: 'c0', to: 'c1', at: '2026-10-02', status: 'won', value: 100 },
      { id: 'r2', from: 'c11', to: 'm1', at: '2026-10-03', status: 'won', value: 900 },
      { id: 'r3', from: 'm2', to: 'c6', at: '2026-10-04', status: 'passed' },
    ],
  };
}

/** Rare values the reply carries, leaving out the ones the caller named itself. */
function rareIn(reply: Reply, named: string[] = []): string[] {
  const text = JSON.stringify(reply.body);
  return RARE.filter((v) => !named.includes(v) && text.includes(`"${v}`));
}

/** Every number of a protected table is 0 or ≥ k, and with the shown "no value" cell they add up to the public total. */
function expectSound(counts: Record<string, number>, missing: number | null, publicTotal: number) {
  for (const n of [...Object.values(counts), missing ?? 0]) expect(n === 0 || n >= K, `${n} in ${JSON.stringify(counts)}`).toBe(true);
  const shown = Object.values(counts).reduce((s, n) => s + n, 0) + (missing ?? 0);
  // Nothing is left over for a subtraction to find: the shown cells cover everyone.
  expect(shown === 0 || shown === publicTotal).toBe(true);
}

/** The parts of a gap report that concern one category. */
function aboutCategory(body: { shares: { category: string }[]; missing: { category: string }[]; underRepresented: { category: string }[] }, c: string) {
  return {
    share: body.shares.find((s) => s.category === c),
    missing: body.missing.find((g) => g.category === c),
    under: body.underRepresented.find((g) => g.category === c),
  };
}

describe('the k rule under attack (SENSITIVE_ATTRIBUTES=industry,religion,company,group, k=5)', () => {
  let api: SecureApi;
  const get = (path: string) => api.as(undefined, 'GET', path);
  beforeAll(async () => {
    const { dir } = await dataDirWithKeys();
    api = await startSecureApi(dir, { SENSITIVE_ATTRIBUTES: 'industry,religion,company,group', PRIVACY_MIN_COUNT: String(K) });
    const imported = await api.as(undefined, 'POST', '/api/import', network());
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  });
  afterAll(() => api.close());

  describe('person metrics', () => {
    it('when the caller subtracts contacts from the degree, then no count under k comes out, at either date', async () => {
      for (const asOf of [T1, T2]) {
        const r = await get(`/api/people/hub/metrics?asOf=${asOf}`);
        expect(r.status).toBe(200);
        const degree = r.body.visibility.degree as number;
        for (const dimension of ['industry', 'religion', 'group']) {
          const d = r.body.diversity[dimension];
          expect(d.privacy).toMatchObject({ sensitive: true, k: K });
          expectSound(d.counts, d.missing, degree);
          // contacts and missing are shown together or not at all (either gives the other).
          expect(d.contacts === null).toBe(d.missing === null);
          if (d.contacts !== null) expect(degree - d.contacts).toBe(d.missing);
        }
        expect(rareIn(r)).toEqual([]);
        expect(r.body.diversity.club.counts).toEqual({ Lions: 2, Rotary: 11 - (asOf === T1 ? 0 : -1) });
      }
    });

    it('when hub meets the one Mining newcomer between two dates, then the industry breakdown does not name Mining at either', async () => {
      const metrics = (d: string) => get(`/api/people/hub/metrics?asOf=${d}&dimension=industry`);
      const [before, after] = await Promise.all([metrics(T1), metrics(T2)]);
      expect(after.body.visibility.degree).toBe(before.body.visibility.degree + 1);
      expect(Object.keys(before.body.diversity.industry.counts).sort()).toEqual(Object.keys(after.body.diversity.industry.counts).sort());
      expect([...rareIn(before), ...rareIn(after)]).toEqual([]);
    });
  });

  describe('group metrics', () => {
    it('when the caller subtracts coverage from the member count, then no count under k comes out, at either date', async () => {
      for (const asOf of [T1, T2]) {
        const r = await get(`/api/groups/g1/metrics?asOf=${asOf}`);
        expect(r.status).toBe(200);
        const industry = r.body.coverage.find((c: { dimension: string }) => c.dimension === 'industry');
        expectSound(industry.categories, industry.missing, r.body.members);
        expect(industry.overlaps).toEqual([]);
        expect(JSON.stringify(industry)).not.toMatch(/"(c\d+|hub|newbie)"/);
        expect(rareIn(r)).toEqual([]);
        // profession is not sensitive: members are listed as before.
        expect(r.body.coverage.find((c: { dimension: string }) => c.dimension === 'profession').privacy).toBeUndefined();
      }
    });
  });

  describe('diversity gap report', () => {
    const subjects = ['person=hub', 'group=g1'];

    it('when the subject holds a category once, then no report names or counts it (network reference, both subjects, both dates)', async () => {
      for (const subject of subjects) {
        for (const asOf of [T1, T2]) {
          const r = await get(`/api/reports/diversity-gap?${subject}&dimension=industry&asOf=${asOf}`);
          expect(r.status).toBe(200);
          expect(r.body.privacy).toMatchObject({ sensitive: true, k: K });
          for (const g of [...r.body.missing, ...r.body.underRepresented]) {
            expect(g.candidates).toEqual([]);
            expect(g.referralPotential).toBeNull();
            expect(g.subjectCount === null || g.subjectCount >= K).toBe(true);
          }
          // Mining is shown network-wide (6 people), so it is listed — with nothing about the subject.
          expect(aboutCategory(r.body, 'Mining').share).toMatchObject({ subjectShare: null });
          expect(aboutCategory(r.body, 'Mining').missing).toMatchObject({ subjectShare: null, subjectCount: null });
        }
      }
    });

    it('when the caller compares two asOfs around one person joining, then what the report says about their category is the same', async () => {
      for (const subject of subjects) {
        for (const target of ['', '&target=Mining,Law,Retail,Nowhere']) {
          const report = (d: string) => get(`/api/reports/diversity-gap?${subject}&dimension=industry&asOf=${d}${target}`);
          const [before, after] = await Promise.all([report(T1), report(T2)]);
          expect(after.body.subjectPeople).toBe(before.body.subjectPeople + 1);
          expect(aboutCategory(after.body, 'Mining')).toEqual(aboutCategory(before.body, 'Mining'));
        }
      }
    });

    it('when the caller names categories in target=, then a category held once looks exactly like one held by nobody', async () => {
      for (const subject of subjects) {
        const r = await get(`/api/reports/diversity-gap?${subject}&dimension=religion&target=D-faith,Nowhere-faith,A-faith`);
        expect(r.status).toBe(200);
        expect(r.body.reference).toBe('target');
        // The rank breaks ties by name alone, so it is set aside with the name.
        const rename = (x: object | undefined) => x && { ...x, category: 'D-faith', ...('rank' in x ? { rank: 0 } : {}) };
        const nobody = aboutCategory(r.body, 'Nowhere-faith');
        const held = aboutCategory(r.body, 'D-faith');
        expect({ share: rename(held.share), missing: rename(held.missing), under: rename(held.under) }).toEqual({ share: rename(nobody.share), missing: rename(nobody.missing), under: rename(nobody.under) });
        // Categories the caller did not name and the subject holds under k are not listed.
        expect(rareIn(r, ['D-faith'])).toEqual([]);
        for (const s of r.body.shares) expect(s.subjectShare === null || s.category === OTHER_CATEGORY || ['A-faith'].includes(s.category) || s.subjectShare === 0).toBe(true);
      }
    });

    it('when the subject does not exist, then the protected report is a 404 like the plain one', async () => {
      expect(isProblem(await get('/api/reports/diversity-gap?person=nobody&dimension=industry'), 404)).toBe(true);
      expect(isProblem(await get('/api/reports/diversity-gap?group=nogroup&dimension=industry'), 404)).toBe(true);
    });

    it('when the dimension is not sensitive, then the report is the plain one, small shares and potentials included', async () => {
      const r = await get(`/api/reports/diversity-gap?person=hub&dimension=club&target=Lions,Rotary,Kiwanis&allowAbsent=true&asOf=${T1}`);
      expect(r.status).toBe(200);
      expect(r.body.privacy).toBeUndefined();
      expect(aboutCategory(r.body, 'Lions').share).toMatchObject({ subjectShare: 2 / 13 });
      expect(aboutCategory(r.body, 'Kiwanis').missing).toMatchObject({ subjectShare: 0, subjectCount: 0 });
      expect(typeof (aboutCategory(r.body, 'Kiwanis').missing as { referralPotential?: unknown } | undefined)?.referralPotential).toBe('number');
    });
  });

  describe('queries that would select people by a sensitive value', () => {
    it('when paths target a sensitive value or a company (company sensitive), then they are refused; paths to a person carry no sensitive value', async () => {
      for (const q of ['where[industry]=Mining', 'where[religion]=D-faith', 'toCompany=acme', 'where[group]=g1']) {
        const r = await get(`/api/paths?from=hub&${q}`);
        expect(isProblem(r, 400), q).toBe(true);
        expect(JSON.stringify(r.body)).toMatch(/sensitive/);
      }
      const ok = await get('/api/paths?from=hub&to=m2');
      expect(ok.status).toBe(200);
      expect(ok.body.paths.length).toBeGreaterThan(0);
      expect(rareIn(ok)).toEqual([]);
    });

    it('when introductions use a sensitive dimension, also by default (industry), then they are refused; on a plain one no sensitive value shows', async () => {
      expect(isProblem(await get('/api/people/hub/introductions'), 400)).toBe(true);
      expect(isProblem(await get('/api/people/hub/introductions?dimension=religion'), 400)).toBe(true);
      const ok = await get('/api/people/hub/introductions?dimension=profession');
      expect(ok.status).toBe(200);
      expect(rareIn(ok)).toEqual([]);
    });

    it('when people are listed by a sensitive filter, then the list is refused in every spelling of the path; a plain filter works', async () => {
      for (const path of ['/api/people?industry=Mining', '/api/people/?industry=mining', '/api/people?group=g1', '/api/people?industry=Law&limit=1']) {
        expect(isProblem(await get(path), 400), path).toBe(true);
      }
      // Another letter case is refused, or (with case-sensitive routing) not a route at all.
      const upper = await get('/api/People?industry=Mining');
      expect([400, 404]).toContain(upper.status);
      const ok = await get('/api/people?tag=x&allowAbsent=true');
      expect(ok.status).toBe(200);
    });

    it('when a sensitive filter value is a near miss, then the refusal is the sensitive one and names no category held', async () => {
      for (const path of ['/api/people?industry=Minnig', '/api/people?industry=Minnig&allowAbsent=true', '/api/people?group=g2']) {
        const r = await get(path);
        expect(isProblem(r, 400), path).toBe(true);
        expect(r.body.detail, path).toMatch(/is a sensitive attribute: people cannot be listed by it/);
        expect(JSON.stringify(r.body), path).not.toMatch(/Mining|Law|did you mean|Categories of|no group/);
      }
    });
  });

  describe('answers that carry no dimension', () => {
    it('when network metrics, a relationship and the re-networking queue are read, then no sensitive value and no shared group shows', async () => {
      const network = await get(`/api/metrics/network?asOf=${T2}`);
      expect(network.status).toBe(200);
      expect(rareIn(network)).toEqual([]);
      const rel = await get('/api/relationships/hub/c11');
      expect(rel.status).toBe(200);
      expect(rareIn(rel)).toEqual([]);
      const queue = await get('/api/renetworking?person=hub&asOf=2029-01-01');
      expect(queue.status).toBe(200);
      expect(queue.body.queue.length).toBeGreaterThan(0);
      for (const item of queue.body.queue) {
        expect(item.sharedGroups).toEqual([]);
        expect(item.reason).not.toMatch(/shared group/);
      }
    });
  });

  describe('map', () => {
    it('when the map is fetched, then nodes carry no sensitive field or group to colour or filter by, and a group view is refused', async () => {
      const r = await get('/api/map');
      expect(r.status).toBe(200);
      expect(r.body.nodes.length).toBeGreaterThan(20);
      for (const n of r.body.nodes) {
        expect(n.industry).toBeUndefined();
        expect(n.company).toBeUndefined();
        expect(n.groups).toEqual([]);
      }
      // profession is not sensitive: still there to colour by.
      expect(r.body.nodes.some((n: { profession?: string }) => n.profession === 'Lawyer')).toBe(true);
      expect(rareIn(r)).toEqual([]);
      expect(isProblem(await get('/api/map?view=group&group=g1'), 400)).toBe(true);
    });
  });
});
