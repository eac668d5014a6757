/** Attribute dimensions over HTTP: `attributes.industry` is the attribute, `industry` the built-in field. */
import { describe, expect, it } from 'vitest';
import { withTestApi } from './harness.js';

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
      const doc = {
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
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      for (const [value, target] of [['law', 'a'], ['LAW', 'a'], ['cafe services', 'b']] as const) {
        const r = await api.call('GET', `/api/paths?from=me&where[industry]=${encodeURIComponent(value)}`);
        expect(r.status, value).toBe(200);
        expect(r.body.paths[0].people.at(-1), value).toBe(target);
      }
      const typo = await api.call('GET', '/api/paths?from=me&where[industry]=Lwa');
      expect(typo.status).toBe(400);
      expect(JSON.stringify(typo.body)).toMatch(/did you mean \\"Law\\"/);
      for (const path of ['/api/paths?from=me&where[industy]=Law', '/api/reports/diversity-gap?person=me&dimension=industy', '/api/people/me/introductions?dimension=industy', '/api/people/me/metrics?dimension=industy']) {
        const r = await api.call('GET', path);
        expect(r.status, path).toBe(400);
        expect(JSON.stringify(r.body), path).toMatch(/unknown dimension.*did you mean \\"industry\\".*Known dimensions: industry, profession/);
      }
    });
  });
});
