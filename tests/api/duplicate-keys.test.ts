/**
 * A JSON body with the same key twice in one object is refused, on every route that reads JSON,
 * naming the object's JSON pointer and the key: JSON.parse would keep the last value and drop the
 * others without a word (`{"people":[…],"people":[…]}` imported half a document with a 200).
 * The check is api/body-bytes.ts's one byte scan, so small bodies, large import documents (parsed
 * on a worker) and merge-patch bodies all answer alike.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBytesFault } from '../../api/body-bytes.js';
import { OFF_THREAD_BYTES } from '../../api/json-document-body.js';
import { READ_IN_BATCHES_FROM } from '../../api/json-document-messages.js';
import { isProblem, startTestApi, type Reply, type TestApi } from './harness.js';

const fault = (text: string) => jsonBytesFault(Buffer.from(text));

describe('the byte scan for duplicate keys', () => {
  it.each([
    ['top level', '{"people":[],"people":[]}', '', 'people'],
    ['inside a record', '{"people":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"pp7","name":"x","id":"pp8"}]}', '/people/3', 'id'],
    ['an escaped spelling of the same key', '{"a":1,"\\u0061":2}', '', 'a'],
    ['both escaped', '{"\\u00e9":1,"\\u00E9":2}', '', 'é'],
    ['a raw and an escaped non-ASCII key', '{"é":1,"\\u00e9":2}', '', 'é'],
    ['in a nested attributes object', '{"people":[{"id":"a","attributes":{"x":"1","y":"2","x":"3"}}]}', '/people/0/attributes', 'x'],
    ['after 40 distinct keys (a Set of them)', `{${Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',')},"k7":0}`, '', 'k7'],
    ['pointer tokens escaped per RFC 6901', '{"a/b":{"c~d":{"k":1,"k":2}}}', '/a~1b/c~0d', 'k'],
    ['the empty key', '{"":1,"":2}', '', ''],
  ])('when a key appears twice (%s), then the scan names the object and the key', (_what, text, pointer, key) => {
    expect(fault(text)).toMatchObject({ kind: 'duplicate-key', pointer, key });
  });

  it.each([
    ['the same key in sibling objects', '{"people":[{"id":"a"},{"id":"b"}]}'],
    ['the same key at different depths', '{"id":{"id":{"id":1}},"x":{"id":2}}'],
    ['a value equal to a key', '{"a":"b","b":"a"}'],
    ['keys that differ only after an escaped quote', '{"a\\"b":1,"a\\"c":2}'],
    ['keys differing in case', '{"a":1,"A":2}'],
    ['a value string that looks like a key', '{"a":"\\",\\"a\\":1"}'],
    ['keys of objects inside arrays of arrays', '[[{"a":1}],[{"a":1}]]'],
    ['60,000 distinct keys', `{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`],
  ])('when keys only look alike (%s), then the scan finds nothing', (_what, text) => {
    expect(fault(text)).toBeUndefined();
  });

  it('property: no fault in what JSON.stringify writes (no object of it can hold a key twice)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(fault(JSON.stringify(value))).toBeUndefined();
      }),
    );
  });

  it('property: a key repeated at the end of any object is found, with that object\'s pointer', () => {
    const objects = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 30 });
    fc.assert(
      fc.property(objects, fc.nat(), fc.array(fc.string(), { maxLength: 3 }), (object, pick, path) => {
        const keys = Object.keys(object);
        const key = keys[pick % keys.length]!;
        const inner = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(key)}:null}`;
        // Wrapped in objects along `path` (each of one key, so none is a duplicate there).
        const text = path.reduceRight((acc, k) => `{${JSON.stringify(k)}:${acc}}`, inner);
        const pointer = path.map((k) => `/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
        expect(fault(text)).toMatchObject({ kind: 'duplicate-key', pointer, key });
      }),
    );
  });
});

describe('duplicate keys over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ BODY_LIMIT: '8mb' });
    const seed = await api.call('POST', '/api/import', { people: [{ id: 'p1', name: 'Ada' }, { id: 'p2', name: 'Bo' }], referrals: [{ id: 'r1', from: 'p1', to: 'p2', at: '2026-01-01', status: 'passed' }] });
    expect(seed.status).toBe(200);
  });
  afterAll(() => api.close());

  const exported = async () => (await api.call('GET', '/api/export')).body;
  const expectDuplicate = (r: Reply, pointer: string, key: string) => {
    expect(isProblem(r, 400, 'validation'), JSON.stringify(r.body)).toBe(true);
    expect(r.body).toMatchObject({ pointer, key });
    expect(r.body.detail).toContain(`the key ${JSON.stringify(key)} twice`);
    expect(r.body.errors).toEqual([{ path: pointer, message: expect.stringContaining(JSON.stringify(key)) }]);
  };

  it('when an import document has "people" twice, then 400 naming the key at the top level, and nothing is written', async () => {
    const before = await exported();
    const r = await api.call('POST', '/api/import', '{"people":[{"id":"pp2","name":"Two"}],"people":[{"id":"pp3","name":"Three"}]}');
    expectDuplicate(r, '', 'people');
    expect(r.body.detail).toContain('the top-level object');
    expect(await exported()).toEqual(before);
  });

  it.each([
    ['parsed whole on the worker', OFF_THREAD_BYTES + 1],
    ['read a batch at a time on the worker', READ_IN_BATCHES_FROM + 1],
  ])('when a large import document (%s) has a record with "id" twice, then 400 naming /people/3 and id, and nothing is written', async (_how, size) => {
    const before = await exported();
    const people = Array.from({ length: 3 }, (_, i) => JSON.stringify({ id: `big-${i}`, name: `Big ${i}` }));
    people.push('{"id":"pp7","name":"x","id":"pp8"}');
    const text = `{"people":[${people.join(',')}]}`;
    const r = await api.call('POST', '/api/import', text + ' '.repeat(size));
    expectDuplicate(r, '/people/3', 'id');
    expect(await exported()).toEqual(before);
  });

  it('when a large import document has "people" twice (8,000 people in the first), then 400, not the second list alone', async () => {
    const list = (from: number, n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: `dup-${from + i}`, name: `Dup ${from + i}` })));
    const text = `{"people":${list(0, 8000)},"people":${list(8000, 10)}}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(OFF_THREAD_BYTES);
    const r = await api.call('POST', '/api/import', text);
    expectDuplicate(r, '', 'people');
  });

  it.each(['application/json', 'application/merge-patch+json'])('when a PATCH (%s) has "status" twice, then 400 naming it, and the referral is unchanged', async (type) => {
    const r = await api.call('PATCH', '/api/referrals/r1', '{"status":"won","status":"passed"}', { 'content-type': type });
    expectDuplicate(r, '', 'status');
    expect((await api.call('GET', '/api/referrals/r1')).body.status).toBe('passed');
  });

  it('when a key is spelled once plainly and once escaped, then it is the same key', async () => {
    const r = await api.call('POST', '/api/people', '{"id":"pe","name":"A","\\u006eame":"B"}');
    expectDuplicate(r, '', 'name');
    expect((await api.call('GET', '/api/people/pe')).status).toBe(404);
  });

  it('when every route that reads a JSON body gets a body with a key twice, then each answers 400 naming it, and nothing changes', async () => {
    const doc = (await api.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      ['post', 'put', 'patch'].filter((m) => item[m]?.requestBody !== undefined).map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'p1') })),
    );
    expect(routes.length).toBeGreaterThan(10);
    const before = await exported();
    for (const { method, path } of routes) {
      const res = await fetch(api.url + path, { method, headers: { 'content-type': 'application/json' }, body: '{"x":{"name":"a","name":"b"}}' });
      const body = (await res.json()) as { pointer?: string; key?: string };
      expect({ route: `${method} ${path}`, status: res.status, pointer: body.pointer, key: body.key }).toEqual({ route: `${method} ${path}`, status: 400, pointer: '/x', key: 'name' });
    }
    expect(await exported()).toEqual(before);
  });
});
