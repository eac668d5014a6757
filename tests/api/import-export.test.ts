import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, startTestApi, withTestApi, type TestApi } from './harness.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const karate = fixture('karate.json');
const davis = fixture('davis.json');
const florentine = fixture('florentine.json');

const EMPTY = { people: [], companies: [], groups: [], memberships: [], events: [], attendance: [], interactions: [], referrals: [] };

describe('import and export round trip', () => {
  for (const [name, doc] of [['karate', karate], ['davis', davis], ['florentine', florentine]] as const) {
    it(`when the ${name} network is imported into an empty store, then GET /api/export returns exactly it`, () =>
      withTestApi(async (api) => {
        const imported = await api.call('POST', '/api/import', doc);
        expect(imported.status).toBe(200);
        expect(imported.body.created.people).toBe(doc.people.length);
        const exported = await api.call('GET', '/api/export');
        expect(exported.status).toBe(200);
        expect(exported.body).toStrictEqual(doc);
      }));
  }

  it('when karate then davis are imported, then the export holds both, each collection in import order', () =>
    withTestApi(async (api) => {
      expect((await api.call('POST', '/api/import', karate)).status).toBe(200);
      expect((await api.call('POST', '/api/import', davis)).status).toBe(200);
      const { body } = await api.call('GET', '/api/export');
      expect(body.people).toStrictEqual([...karate.people, ...davis.people]);
      expect(body.interactions).toStrictEqual(karate.interactions);
      expect(body.attendance).toStrictEqual(davis.attendance);
    }));

  it('when the same document is imported twice, then the second import reports everything unchanged and writes nothing', () =>
    withTestApi(async (api) => {
      const first = await api.call('POST', '/api/import', karate);
      const second = await api.call('POST', '/api/import', karate);
      expect(second.status).toBe(200);
      expect(second.body.created.people).toBe(0);
      expect(second.body.updated.people).toBe(0);
      expect(second.body.unchanged.people).toBe(34);
      expect(second.body.unchanged.interactions).toBe(78);
      expect(second.body.version).toBe(first.body.version);
    }));

  it('when interactions and referrals come without ids, then ids derive from content: re-import is a no-op and identical copies are both kept', () =>
    withTestApi(async (api) => {
      const doc = {
        people: [{ id: 'a', name: 'Ann' }, { id: 'b', name: 'Bob' }],
        interactions: [
          { a: 'a', b: 'b', kind: 'call', at: '2024-01-02' },
          { a: 'a', b: 'b', kind: 'call', at: '2024-01-02' },
        ],
        referrals: [{ from: 'a', to: 'b', at: '2024-01-03', status: 'passed' }],
      };
      const first = await api.call('POST', '/api/import', doc);
      expect(first.body.created).toMatchObject({ interactions: 2, referrals: 1 });
      const again = await api.call('POST', '/api/import', doc);
      expect(again.body.created).toMatchObject({ interactions: 0, referrals: 0 });
      expect(again.body.unchanged).toMatchObject({ people: 2, interactions: 2, referrals: 1 });
      const { body } = await api.call('GET', '/api/export');
      expect(body.interactions).toHaveLength(2);
      const [x, y] = body.interactions;
      expect(x.id).not.toBe(y.id);
      expect(x.id).toMatch(/^ix-/);
      expect(body.referrals[0].id).toMatch(/^rf-/);
    }));

  it('when a record is imported again with other fields, then it is replaced in place and reported updated', () =>
    withTestApi(async (api) => {
      await api.call('POST', '/api/import', { people: [{ id: 'a', name: 'Ann' }, { id: 'b', name: 'Bob' }] });
      const r = await api.call('POST', '/api/import', { people: [{ id: 'a', name: 'Ann Lee', industry: 'Law' }] });
      expect(r.body.updated.people).toBe(1);
      const { body } = await api.call('GET', '/api/export');
      expect(body.people).toStrictEqual([{ id: 'a', name: 'Ann Lee', industry: 'Law' }, { id: 'b', name: 'Bob' }]);
    }));

  it('when names are not ASCII, then they are accepted and round-trip unchanged', () =>
    withTestApi(async (api) => {
      const doc = {
        ...EMPTY,
        people: [
          { id: 'zoë', name: 'Zoë Ødegård-Łukasz', company: 'Müller & Söhne GmbH', attributes: { ville: 'Genève' } },
          { id: '山田', name: '山田 太郎', company: '株式会社テスト' },
          { id: 'emoji', name: 'Ana 🚀 Núñez' },
        ],
        interactions: [{ id: 'x1', a: 'zoë', b: '山田', kind: 'met', at: '2024-05-01', note: 'café ☕' }],
      };
      expect((await api.call('POST', '/api/import', doc)).status).toBe(200);
      expect((await api.call('GET', '/api/export')).body).toStrictEqual(doc);
      expect((await api.call('GET', `/api/people/${encodeURIComponent('山田')}`)).body.name).toBe('山田 太郎');
    }));

  it('when the document holds no records ({}, or only empty collections: an empty network\'s export), then it is accepted as a valid document that writes nothing', () =>
    withTestApi(async (api) => {
      await api.call('POST', '/api/import', karate);
      for (const doc of [{}, { people: [] }, { people: [], interactions: [], referrals: [] }]) {
        const r = await api.call('POST', '/api/import', doc);
        expect(r.status, JSON.stringify(doc)).toBe(200);
        expect(Object.values(r.body.created).every((n) => n === 0)).toBe(true);
      }
      // An unknown key is still the schema's to name.
      const unknown = await api.call('POST', '/api/import', { peeple: [] });
      expect(unknown.status).toBe(400);
      expect((await api.call('GET', '/api/export')).body).toStrictEqual(karate);
    }));
});

describe('import of bad input', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ BODY_LIMIT: '64kb' });
    expect((await api.call('POST', '/api/import', karate)).status).toBe(200);
  });
  afterAll(() => api.close());

  /** Every bad import must leave the network exactly as karate left it. */
  async function expectUnchanged(): Promise<void> {
    expect((await api.call('GET', '/api/export')).body).toStrictEqual(karate);
  }

  it('when the body is malformed JSON, then 400 malformed-json and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', '{"people": [{"id": "z", "name": "Z"}');
    expect(isProblem(r, 400, 'malformed-json')).toBe(true);
    expect(r.body.type).toBe('urn:refnet:problem:malformed-json');
    await expectUnchanged();
  });

  it('when fields have the wrong types, then 400 lists each with its JSON pointer and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', {
      people: [{ id: 'new1', name: 'New' }, { id: 7, name: 'Seven' }, { id: 'x', name: ['no'] }],
      referrals: [{ from: 'k0', to: 'k1', at: '2024-01-01', status: 'passed', value: '100' }],
    });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.type).toBe('urn:refnet:problem:validation');
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/people/1/id', '/people/2/name', '/referrals/0/value']));
    await expectUnchanged();
  });

  it('when required fields are missing, then 400 says each is required and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', {
      people: [{ id: 'nameless' }],
      events: [{ id: 'ev', name: 'Breakfast' }],
      interactions: [{ a: 'k0', b: 'k1', at: '2024-01-01' }],
    });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/people/0/name', message: expect.stringMatching(/required/) },
        { path: '/events/0/at', message: expect.stringMatching(/required/) },
        { path: '/interactions/0/kind', message: expect.stringMatching(/required/) },
      ]),
    );
    await expectUnchanged();
  });

  it('when records name unknown ids, then 400 names each unknown id at its path and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', {
      people: [{ id: 'newbie', name: 'Newbie' }],
      memberships: [{ person: 'newbie', group: 'ghost-group' }],
      attendance: [{ person: 'nobody', event: 'no-event' }],
      events: [{ id: 'e1', name: 'Lunch', at: '2024-01-01', group: 'ghost-group' }],
      interactions: [{ a: 'k0', b: 'missing-person', kind: 'met', at: '2024-01-01' }],
      referrals: [{ from: 'stranger', to: 'newbie', at: '2024-01-01', status: 'passed' }],
    });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/memberships/0/group', message: 'unknown group "ghost-group"' },
        { path: '/attendance/0/person', message: 'unknown person "nobody"' },
        { path: '/attendance/0/event', message: 'unknown event "no-event"' },
        { path: '/events/0/group', message: 'unknown group "ghost-group"' },
        { path: '/interactions/0/b', message: 'unknown person "missing-person"' },
        { path: '/referrals/0/from', message: 'unknown person "stranger"' },
      ]),
    );
    expect(r.body.errors).toHaveLength(6);
    await expectUnchanged();
  });

  it('when shape errors and unknown ids come together, then one 400 lists both kinds', async () => {
    const r = await api.call('POST', '/api/import', {
      people: [{ id: 'p', name: '' }],
      interactions: [{ a: 'p', b: 'ghost', kind: 'met', at: '2024-01-01' }],
    });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/people/0/name', '/interactions/0/b']));
    await expectUnchanged();
  });

  it('when the same id appears twice in one import, then 400 points at the second and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', {
      people: [{ id: 'twin', name: 'One' }, { id: 'twin', name: 'Two' }],
      interactions: [
        { id: 'i1', a: 'k0', b: 'k1', kind: 'met', at: '2024-01-01' },
        { id: 'i1', a: 'k0', b: 'k2', kind: 'met', at: '2024-01-01' },
      ],
      memberships: [],
      attendance: [],
    });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual([
      { path: '/people/1/id', message: 'duplicate id "twin" (also at /people/0)' },
      { path: '/interactions/1/id', message: 'duplicate id "i1" (also at /interactions/0)' },
    ]);
    await expectUnchanged();
  });

  it('when a membership appears twice in one import, then 400 and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', {
      groups: [{ id: 'g', name: 'Chapter' }],
      memberships: [{ person: 'k0', group: 'g' }, { person: 'k0', group: 'g', since: '2020-01-01' }],
    });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors[0].path).toBe('/memberships/1');
    await expectUnchanged();
  });

  it('when a referral goes from a person to themselves, then 400 at its path and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', {
      people: [{ id: 'solo', name: 'Solo' }],
      referrals: [{ from: 'solo', to: 'solo', at: '2024-01-01', status: 'passed' }],
    });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual([{ path: '/referrals/0/to', message: 'a referral cannot go from a person to themselves' }]);
    await expectUnchanged();
  });

  it('when the document has an unknown collection or field, then 400 names it and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', { people: [{ id: 'q', name: 'Q', nickname: 'q' }], friends: [] });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/people/0', message: 'unknown field: nickname' },
        { path: '', message: 'unknown field: friends' },
      ]),
    );
    await expectUnchanged();
  });

  it('when the body is valid JSON but not an object, then 400 validation naming the expected object, and nothing is written', async () => {
    for (const body of [[], 'null', '42', '"text"', 'true']) {
      const r = await api.call('POST', '/api/import', body);
      expect(isProblem(r, 400, 'validation')).toBe(true);
      expect(r.body.errors).toEqual([expect.objectContaining({ path: '', message: expect.stringMatching(/expected object/) })]);
    }
    await expectUnchanged();
  });

  it('when a record write has a body that is valid JSON but not an object, then 400 validation, not malformed JSON', async () => {
    for (const [method, path] of [['POST', '/api/people'], ['PUT', '/api/people/x1']] as const) {
      for (const body of ['null', '42', '"text"']) expect(isProblem(await api.call(method, path, body), 400, 'validation')).toBe(true);
    }
    await expectUnchanged();
  });

  it('when thousands of records are invalid, then the first 1000 problems are listed and the rest counted', async () => {
    const people = Array.from({ length: 1500 }, (_, i) => ({ id: `bad-${i}`, name: '' }));
    const r = await api.call('POST', '/api/import', { people });
    expect(isProblem(r, 400, 'validation')).toBe(true);
    expect(r.body.detail).toBe('1500 problems in the input');
    expect(r.body.errors).toHaveLength(1000);
    expect(r.body.errorsOmitted).toBe(500);
    await expectUnchanged();
  });

  it('when the body is over the limit, then 413 problem and nothing is written', async () => {
    const people = Array.from({ length: 2000 }, (_, i) => ({ id: `big-${i}`, name: `Person number ${i}` }));
    const r = await api.call('POST', '/api/import', { people });
    expect(isProblem(r, 413, 'payload-too-large')).toBe(true);
    await expectUnchanged();
  });

  it('when a network document comes with a file import option (?dryRun=true, ?owner=…), then 400 naming it and nothing is written', async () => {
    for (const query of ['dryRun=true', 'dryRun=1&owner=ann', 'shared=true', 'format=people', 'zzz=1']) {
      const r = await api.call('POST', `/api/import?${query}`, { people: [{ id: 'dry', name: 'Dry Run' }] });
      expect(isProblem(r, 400, 'validation'), `${query}: ${r.status}`).toBe(true);
      const names = new URLSearchParams(query).keys();
      expect(r.body.errors.map((e: { path: string }) => e.path).sort(), query).toEqual([...names].map((n) => (n === 'zzz' ? '/query' : `/query/${n}`)).sort());
    }
    await expectUnchanged();
  });

  it('when the body is not JSON, then 415 problem and nothing is written', async () => {
    const r = await api.call('POST', '/api/import', 'people=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(isProblem(r, 415)).toBe(true);
    await expectUnchanged();
  });
});
