/** Attribute dimensions over HTTP: `attributes.industry` is the attribute, `industry` the built-in field. */
import { describe, expect, it } from 'vitest';
import { withTestApi } from './harness.js';

/** Me – A (Law) – B (Café Services): a category spelt with an accent, one hop further. */
const LAW_AND_CAFE = {
  people: [
    { id: 'me', name: 'Me', industry: 'Law' },
    { id: 'a', name: 'A', industry: 'Law' },
    { id: 'b', name: 'B', industry: 'Café Services' },
  ],
  interactions: [
    { id: 'i1', a: 'me', b: 'a', kind: 'met', at: '2024-01-01' },
    { id: 'i2', a: 'a', b: 'b', kind: 'met', at: '2024-01-01' },
  ],
};

describe('attribute dimensions over HTTP', () => {
  it('when an attribute is named like a built-in field, then dimension=attributes.KEY analyses the attribute and the bare name the field', async () => {
    await withTestApi(async (api) => {
      const p = (id: string, industry: string, attr: string) => ({ id, name: id, industry, attributes: { industry: attr } });
      const doc = {
        people: [p('me', 'law', 'fintech'), p('a', 'tax', 'fintech'), p('b', 'tax', 'retail')],
        interactions: [
          { id: 'i1', a: 'me', b: 'a', kind: 'met', at: '2024-01-01' },
          { id: 'i2', a: 'me', b: 'b', kind: 'met', at: '2024-01-01' },
        ],
      };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      const field = await api.call('GET', '/api/people/me/metrics?dimension=industry');
      const attr = await api.call('GET', '/api/people/me/metrics?dimension=attributes.industry');
      expect(field.body.diversity.industry.counts).toEqual({ tax: 2 });
      expect(attr.body.diversity['attributes.industry'].counts).toEqual({ fintech: 1, retail: 1 });
      const all = await api.call('GET', '/api/people/me/metrics');
      expect(Object.keys(all.body.diversity)).toEqual(expect.arrayContaining(['industry', 'attributes.industry']));
      const gap = await api.call('GET', '/api/reports/diversity-gap?person=me&dimension=attributes.industry');
      expect(gap.status).toBe(200);
      expect(gap.body.shares.map((s: { category: string }) => s.category).sort()).toEqual(['fintech', 'retail']);
    });
  });

  it('when where[DIM]=VALUE differs from the stored category only in case or accents, then it matches; an unknown dimension or category is a 400 naming the known ones', async () => {
    await withTestApi(async (api) => {
      expect((await api.call('POST', '/api/import', LAW_AND_CAFE)).status).toBe(200);
      for (const [value, target] of [['law', 'a'], ['LAW', 'a'], ['cafe services', 'b']] as const) {
        const r = await api.call('GET', `/api/paths?from=me&where[industry]=${encodeURIComponent(value)}`);
        expect(r.status, value).toBe(200);
        expect(r.body.paths[0].people.at(-1), value).toBe(target);
      }
      const typo = await api.call('GET', '/api/paths?from=me&where[industry]=Lwa');
      expect(typo.status).toBe(400);
      expect(JSON.stringify(typo.body)).toMatch(/did you mean \\"Law\\"/);
      expect(typo.body.errors).toEqual([{ path: '/query/where', message: typo.body.detail, unknown: [{ value: 'Lwa', didYouMean: ['Law'] }] }]);
      for (const path of ['/api/paths?from=me&where[industy]=Law', '/api/reports/diversity-gap?person=me&dimension=industy', '/api/people/me/introductions?dimension=industy', '/api/people/me/metrics?dimension=industy']) {
        const r = await api.call('GET', path);
        expect(r.status, path).toBe(400);
        expect(JSON.stringify(r.body), path).toMatch(/unknown dimension.*did you mean \\"industry\\".*Known dimensions: industry, profession/);
        // On the parameter that named it: where[DIM] carries the dimension itself.
        expect(r.body.errors, path).toEqual([expect.objectContaining({ path: path.includes('where') ? '/query/where' : '/query/dimension', unknown: [{ value: 'industy', didYouMean: ['industry'] }] })]);
      }
      // Nothing near: the value is listed with no suggestion.
      const far = await api.call('GET', '/api/people/me/metrics?dimension=zodiac');
      expect(far.body.errors).toEqual([{ path: '/query/dimension', message: expect.stringMatching(/^unknown dimension "zodiac"\. Known dimensions: /), unknown: [{ value: 'zodiac', didYouMean: [] }] }]);
    });
  });
  it('when a diversity gap target is a typo or held by no one, then 400 problem+json on target naming each with its closest spellings; allowAbsent=true takes them', async () => {
    await withTestApi(async (api) => {
      expect((await api.call('POST', '/api/import', LAW_AND_CAFE)).status).toBe(200);
      const gap = (query: string) => api.call('GET', `/api/reports/diversity-gap?person=me&dimension=industry&${query}`);

      const typo = await gap(`target=${encodeURIComponent('Law,Lwa,Nowhere')}`);
      expect(typo.status).toBe(400);
      expect(typo.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(typo.body.errors).toHaveLength(1);
      expect(typo.body.errors[0].path).toBe('/query/target');
      expect(typo.body.detail).toMatch(/no one has industry "Lwa" \(did you mean "Law"\?\) nor "Nowhere"\. Categories of industry: Café Services, Law/);
      expect(typo.body.detail).not.toMatch(/"Law,/);
      // The same as data, each value no one holds in the order given: a page offers "Use "Law"".
      expect(typo.body.errors[0].unknown).toEqual([
        { value: 'Lwa', didYouMean: ['Law'] },
        { value: 'Nowhere', didYouMean: [] },
      ]);

      // Any case, accents optional: the stored spelling is what the report names.
      const folded = await gap(`target=${encodeURIComponent('LAW, cafe services')}`);
      expect(folded.status).toBe(200);
      expect(folded.body.reference).toBe('target');
      expect(folded.body.missing.map((c: { category: string }) => c.category)).toEqual(['Café Services']);
      expect(folded.body.shares.map((s: { category: string }) => s.category).sort()).toEqual(['Café Services', 'Law']);

      const absent = await gap(`target=${encodeURIComponent('Law,Nowhere')}&allowAbsent=true`);
      expect(absent.status).toBe(200);
      expect(absent.body.missing).toEqual([expect.objectContaining({ category: 'Nowhere', subjectShare: 0, referenceShare: 0.5, candidates: [] })]);
      expect((await gap('target=Lwa&allowAbsent=false')).status).toBe(400);
    });
  });
  it('when a diversity gap target is empty or holds an empty item, then 400 problem+json on target, as every empty filter is (never "the whole network", never a dropped item)', async () => {
    await withTestApi(async (api) => {
      expect((await api.call('POST', '/api/import', LAW_AND_CAFE)).status).toBe(200);
      for (const subject of ['person=me', 'group=nope']) {
        for (const value of ['', ' ', ',', 'Law,,Café Services', 'Law,', ',Law', 'Law, ,Law', '  ,  ']) {
          const r = await api.call('GET', `/api/reports/diversity-gap?${subject}&dimension=industry&target=${encodeURIComponent(value)}`);
          expect(r.status, `${subject} target=${JSON.stringify(value)}`).toBe(400);
          expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(r.body.errors, JSON.stringify(value)).toEqual([{ path: '/query/target', message: expect.stringMatching(/empty/) }]);
        }
      }
      const items = await api.call('GET', `/api/reports/diversity-gap?person=me&dimension=industry&target=${encodeURIComponent('Law,,Café Services,')}`);
      expect(items.body.errors[0].message).toMatch(/^items 2, 4 of the list are empty/);
      // Leaving target out still compares with the whole network, and a list without empty items works.
      expect((await api.call('GET', '/api/reports/diversity-gap?person=me&dimension=industry')).body.reference).toBe('network');
      expect((await api.call('GET', `/api/reports/diversity-gap?person=me&dimension=industry&target=${encodeURIComponent(' Law , Café Services ')}`)).body.reference).toBe('target');
    });
  });

  it('when the dimensions are listed, then the built-in ones come first and every repeating category key follows, in key order, by the name the other endpoints take, whatever its spelling; keys that are no categories are left out', async () => {
    await withTestApi(async (api) => {
      const attrs = (v: string) => ({ industry: `attr-${v}`, 'club.name': `club ${v}`, 'home town': 'Lyon', Ортак: 'бір', 'attributes.x': v, constructor: 'c', linkedin: `https://www.linkedin.com/in/${v}` });
      const doc = { people: ['a', 'b', 'c'].map((id) => ({ id, name: id, attributes: attrs(id === 'c' ? 'b' : id) })) };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      const r = await api.call('GET', '/api/dimensions');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        dimensions: ['industry', 'profession', 'location', 'company', 'title', 'group', 'attributes.attributes.x', 'club.name', 'constructor', 'home town', 'attributes.industry', 'Ортак'],
      });
      // Each listed name is one the report takes.
      for (const d of r.body.dimensions as string[]) expect((await api.call('GET', `/api/reports/diversity-gap?person=a&dimension=${encodeURIComponent(d)}`)).status, d).toBe(200);
      const bad = await api.call('GET', '/api/dimensions?asOf=2024-01-01');
      expect(bad.status).toBe(400);
    });
  });
});
