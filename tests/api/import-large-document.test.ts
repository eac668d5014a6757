/**
 * POST /api/import with a JSON document above api/json-document-body.ts's OFF_THREAD_BYTES: it is
 * parsed and validated on a worker thread, and must answer exactly as the small-body path does.
 * Each case sends the same document twice, once as is and once padded with trailing whitespace
 * past the threshold, and compares the answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../api/body-bytes.js';
import { OFF_THREAD_BYTES } from '../../api/json-document-body.js';
import { DocumentAssembler, documentMessages, ITEMS_PER_MESSAGE, READ_IN_BATCHES_FROM } from '../../api/json-document-messages.js';
import { isProblem, startTestApi, type Reply, type TestApi } from './harness.js';

const big = (text: string) => text + ' '.repeat(OFF_THREAD_BYTES + 1);
/** The problem body without what differs per request. */
const comparable = (r: Reply) => ({ status: r.status, body: typeof r.body === 'object' ? { ...r.body, requestId: undefined, instance: undefined } : r.body });

describe('large JSON document import (parsed off the event loop)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ BODY_LIMIT: '4mb' });
  });
  afterAll(() => api.close());

  const exported = async () => (await api.call('GET', '/api/export')).body;

  it.each([
    ['parsed whole', 0, 'big'],
    ['read a batch of records at a time', READ_IN_BATCHES_FROM, 'batched'],
  ])('when a large valid document is imported (%s), then every record lands, as from a small body', async (_how, padding, prefix) => {
    const people = Array.from({ length: 3000 }, (_, i) => ({ id: `${prefix}-${i}`, name: ` Person ${i} `, attributes: { team: `t${i % 7}` } }));
    const interactions = people.slice(1).map((p, i) => ({ a: people[i]!.id, b: p.id, at: '2024-01-01', kind: 'call' }));
    const text = JSON.stringify({ people, interactions }) + ' '.repeat(padding);
    expect(Buffer.byteLength(text)).toBeGreaterThan(Math.max(OFF_THREAD_BYTES, padding));
    const r = await api.call('POST', '/api/import', text);
    expect(r.status).toBe(200);
    expect(r.body.created.people).toBe(3000);
    expect(r.body.created.interactions).toBe(2999);
    const doc = await exported();
    const landed = doc.people.filter((p: { id: string }) => p.id.startsWith(`${prefix}-`));
    expect(landed.map((p: { id: string }) => p.id)).toStrictEqual(people.map((p) => p.id));
    expect(landed[5].name).toBe('Person 5'); // the schema's output (trimmed), not the raw input
  });

  const invalid: [string, string][] = [
    ['malformed JSON', '{"people": [{"id": "z", "name": "Z"}'],
    ['a top level that is not an object', '"people"'],
    ['null at the top level', 'null'],
    ['a number at the top level', '42'],
    ['an array at the top level', '[]'],
    ['nesting over the limit', `{"people":[{"id":"d","name":"D","attributes":${'['.repeat(MAX_JSON_DEPTH + 3)}${']'.repeat(MAX_JSON_DEPTH + 3)}}]}`],
    ['schema problems with JSON pointers', JSON.stringify({ people: [{ id: 'ok', name: 'Ok' }, { id: 7, name: 'Seven' }], referrals: [{ from: 'ok', to: 'ghost', at: '2024-01-01', status: 'passed' }] })],
    ['a reference to an unknown person', JSON.stringify({ interactions: [{ a: 'nobody', b: 'nobody2', at: '2024-01-01', kind: 'call' }] })],
    ['an unknown top-level field', JSON.stringify({ people: [], extra: 1 })],
    ['an own __proto__ attribute key', '{"people":[{"id":"proto","name":"P","attributes":{"__proto__":"x"}}]}'],
    ['a top-level array', '[1,2,3]'],
  ];
  for (const [what, text] of invalid) {
    it(`when a large body has ${what}, then the answer is the small body's, and nothing is written`, async () => {
      const before = await exported();
      const small = await api.call('POST', '/api/import', text);
      const large = await api.call('POST', '/api/import', big(text));
      expect(isProblem(small, 400), JSON.stringify(small.body)).toBe(true);
      expect(isProblem(large, 400)).toBe(true);
      if (what === 'malformed JSON') {
        expect(isProblem(large, 400, 'malformed-json')).toBe(true);
      } else if (what === 'a top level that is not an object') {
        expect(large.body.type).toBe(small.body.type);
      } else expect(comparable(large)).toStrictEqual(comparable(small));
      expect(await exported()).toStrictEqual(before);
    });
  }

  it('when a large body is not valid UTF-8, then 400 names the byte offset, as for a small body', async () => {
    const prefix = Buffer.from('{"people":[{"id":"u","name":"');
    const bad = Buffer.concat([prefix, Buffer.from([0xc3, 0x28]), Buffer.from('"}]}'), Buffer.alloc(OFF_THREAD_BYTES + 1, 0x20)]);
    const res = await fetch(`${api.url}/api/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bad });
    const body = (await res.json()) as { byteOffset?: number };
    expect(res.status).toBe(400);
    expect(body.byteOffset).toBe(prefix.length);
  });

  it('when a large body is over BODY_LIMIT, then 413', async () => {
    const r = await api.call('POST', '/api/import', big('{}') + ' '.repeat(4 * 2 ** 20));
    expect(isProblem(r, 413)).toBe(true);
  });

  it('when a large body declares a non-UTF charset, then 415 as express.json answers', async () => {
    const small = await api.call('POST', '/api/import', '{}', { 'content-type': 'application/json; charset=latin1' });
    const large = await api.call('POST', '/api/import', big('{}'), { 'content-type': 'application/json; charset=latin1' });
    expect(isProblem(large, 415)).toBe(true);
    expect(large.body.type).toBe(small.body.type);
  });
});

describe('document messages (the worker protocol, in process)', () => {
  const assemble = (text: string) => {
    const assembler = new DocumentAssembler();
    let messages = 0;
    for (const m of documentMessages(Buffer.from(text))) {
      messages++;
      // Every message crosses the thread boundary as a structured clone.
      if (assembler.add(structuredClone(m))) break;
    }
    return { result: assembler.result!, messages };
  };

  it('when records cross as structured clones, then an own __proto__ key stays an own data member and nothing is polluted', () => {
    const { result } = assemble('{"people":[{"id":"p","name":"P","attributes":{"__proto__":{"polluted":1}}}],"__proto__":{"polluted":2}}');
    const input = result.input as Record<string, unknown>;
    expect(Object.hasOwn(input, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    const attributes = (input.people as { attributes: object }[])[0]!.attributes;
    expect(Object.hasOwn(attributes, '__proto__')).toBe(true);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
    expect(result.shape.success).toBe(false);
  });

  it('when a collection is long, then it crosses in many small messages and arrives whole and in order', () => {
    const people = Array.from({ length: ITEMS_PER_MESSAGE * 3 + 7 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }));
    const { result, messages } = assemble(JSON.stringify({ people }));
    expect(messages).toBeGreaterThanOrEqual(4);
    expect(result.shape.success).toBe(true);
    expect((result.input as { people: unknown[] }).people).toStrictEqual(people);
  });

  it('when a document is long enough to be read a batch at a time, then its messages assemble to what the whole parse gives, valid or not', () => {
    const people = Array.from({ length: 2 * ITEMS_PER_MESSAGE + 3 }, (_, i) => ({ id: i === 7 ? '__proto__' : `p${i}`, name: ` P ${i} `, attributes: { constructor: 'x' } }));
    const pad = ' '.repeat(READ_IN_BATCHES_FROM);
    for (const doc of [{ people, interactions: [{ a: 'p1', b: '__proto__', at: '2024-01-01', kind: 'call' }] }, { people: [...people, { id: 'bad', name: '' }] }]) {
      const text = JSON.stringify(doc);
      const small = assemble(text).result;
      const large = assemble(text + pad).result;
      expect(JSON.stringify(large.shape)).toBe(JSON.stringify(small.shape));
      expect(JSON.stringify(large.input)).toBe(JSON.stringify(small.input));
    }
  });
});
