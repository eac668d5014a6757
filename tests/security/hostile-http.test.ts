/**
 * Hostile requests at the HTTP layer answer a 4xx problem+json, never a 500 or a bare status:
 * deeply nested JSON on every JSON body route, malformed percent-encoding in any path, overlong
 * URLs and headers (including those Node refuses before Express sees them), and bodies that are
 * not the UTF-8 they claim to be (refused naming the byte offset, never stored with U+FFFD).
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, firstInvalidUtf8Offset, jsonBytesFault } from '../../api/body-bytes.js';
import { MAX_URL_LENGTH } from '../../api/request-line.js';
import { dataDirWithKeys, isProblem, startSecureApi, type Reply, type SecureApi } from './security-api.js';

/**
 * A raw request (no client-side URL normalisation, any bytes as body): with Content-Length, or
 * chunked when `chunked` (Transfer-Encoding: chunked, the body as one chunk; none when empty).
 */
function raw(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array, chunked = false): Promise<Reply> {
  const { hostname, port } = new URL(url);
  const framing = chunked ? { 'transfer-encoding': 'chunked' } : body ? { 'content-length': String(body.length) } : {};
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: { ...headers, ...framing } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: h, body: /json/.test(res.headers['content-type'] ?? '') && text ? JSON.parse(text) : text });
      });
    });
    req.on('error', reject);
    if (chunked && body && body.length > 0) req.write(body);
    req.end(chunked ? undefined : body);
  });
}

const nested = (depth: number) => `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('hostile HTTP requests', () => {
  let api: SecureApi;
  let bodyOperations: { method: string; path: string }[];
  beforeAll(async () => {
    const { dir } = await dataDirWithKeys();
    api = await startSecureApi(dir, { RATE_LIMIT_PER_MINUTE: '0' });
    expect((await api.as(undefined, 'POST', '/api/people', { id: 'p1', name: 'Ada' })).status).toBe(201);
    const doc = (await api.as(undefined, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    bodyOperations = Object.entries(doc.paths).flatMap(([path, item]) =>
      ['post', 'put', 'patch'].filter((m) => m in item).map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'p1') })),
    );
  });
  afterAll(() => api.close());

  describe('deeply nested JSON', () => {
    it('when a 5,000-level nested body is sent to every JSON body route, then each answers 400 naming the depth limit, and nothing changes', async () => {
      expect(bodyOperations.length).toBeGreaterThan(5);
      const before = (await api.as(undefined, 'GET', '/api/export')).body;
      for (const { method, path } of bodyOperations) {
        for (const type of ['application/json', 'application/merge-patch+json']) {
          const r = await api.as(undefined, method, path, nested(5000), { 'content-type': type });
          expect(isProblem(r, 400), `${method} ${path} (${type}) → ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
          expect(r.body.detail).toMatch(/nested more than 32 levels/);
          expect(r.body.maxDepth).toBe(MAX_JSON_DEPTH);
        }
      }
      expect((await api.as(undefined, 'GET', '/api/export')).body).toEqual(before);
    });

    it('when nesting is at the limit, then the body is parsed (and judged on its content); one level more is refused', async () => {
      const atLimit = await api.as(undefined, 'PATCH', '/api/people/p1', nested(MAX_JSON_DEPTH - 1));
      expect(atLimit.status).toBe(400);
      expect(atLimit.body.detail ?? '').not.toMatch(/nested more than/);
      const over = await api.as(undefined, 'PATCH', '/api/people/p1', nested(MAX_JSON_DEPTH));
      expect(isProblem(over, 400)).toBe(true);
      expect(over.body.detail).toMatch(/nested more than/);
    });

    it('when brackets sit inside strings, then they do not count as nesting', async () => {
      const r = await api.as(undefined, 'PATCH', '/api/people/p1', { title: `${'['.repeat(200)}\\"{{{` });
      expect(r.status).toBe(200);
      expect(r.body.title).toBe(`${'['.repeat(200)}\\"{{{`);
    });

    it('property: the depth scan agrees with the nesting JSON.parse builds, strings and escapes included', () => {
      const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (value, max) => {
          const bytes = Buffer.from(JSON.stringify(value));
          expect(jsonBytesFault(bytes, max)?.kind === 'too-deep').toBe(depthOf(value) > max);
        }),
      );
    });
  });

  describe('empty bodies', () => {
    it('when a route that reads a JSON body gets an empty one, then 400 saying the body is required, never a write of nothing', async () => {
      const doc = (await api.as(undefined, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
      const reading = Object.entries(doc.paths).flatMap(([path, item]) =>
        ['post', 'put', 'patch'].filter((m) => item[m]?.requestBody !== undefined).map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'p1') })),
      );
      expect(reading.length).toBeGreaterThan(10);
      // Every record kind at id p1 and "me" chosen, so each route gets as far as its body.
      expect((await api.as(undefined, 'POST', '/api/import', {
        people: [{ id: 'p2', name: 'Bo' }], companies: [{ id: 'p1', name: 'Co' }], groups: [{ id: 'p1', name: 'Gr' }], events: [{ id: 'p1', name: 'Ev', at: '2026-01-01' }],
        interactions: [{ id: 'p1', a: 'p1', b: 'p2', kind: 'met', at: '2026-01-01' }], referrals: [{ id: 'p1', from: 'p1', to: 'p2', at: '2026-01-01', status: 'passed' }],
      })).status).toBe(200);
      expect((await api.as(undefined, 'PUT', '/api/me', { person: 'p1' })).status).toBe(200);
      const before = (await api.as(undefined, 'GET', '/api/export')).body;
      for (const { method, path } of reading) {
        for (const type of ['application/json', 'application/merge-patch+json']) {
          // Content-Length: 0, and a chunked body of zero bytes: the same empty body, the same answer.
          const details: string[] = [];
          for (const chunked of [false, true]) {
            const what = `${method} ${path} (${type}${chunked ? ', chunked' : ''})`;
            const r = await raw(api.url, method, path, { 'content-type': type }, new Uint8Array(0), chunked);
            expect(isProblem(r, 400, 'validation'), `${what} → ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
            expect(r.body.errors.map((e: { path: string }) => e.path), what).toContain('');
            details.push(r.body.detail);
          }
          expect(details[1], `${method} ${path} (${type})`).toBe(details[0]);
        }
      }
      for (const path of ['/api/import', '/api/people']) {
        const r = await raw(api.url, 'POST', path, { 'content-type': 'application/json' }, new Uint8Array(0), true);
        expect(r.body.detail, path).toMatch(/a JSON body is required/);
      }
      expect((await api.as(undefined, 'GET', '/api/export')).body).toEqual(before);
    });

    it('when a chunked body is not empty, then it is read as with Content-Length', async () => {
      const r = await raw(api.url, 'PATCH', '/api/people/p1', { 'content-type': 'application/json' }, Buffer.from('{"title":"Chunked"}'), true);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.title).toBe('Chunked');
      const doc = await raw(api.url, 'POST', '/api/import', { 'content-type': 'application/json' }, Buffer.from('{"people":[{"id":"p7","name":"Chunk"}]}'), true);
      expect(doc.status, JSON.stringify(doc.body)).toBe(200);
      expect((await api.as(undefined, 'GET', '/api/people/p7')).body.name).toBe('Chunk');
    });

    it('when a route that reads no body gets an empty JSON one (the CLI sends one), then it is served, however framed', async () => {
      expect((await raw(api.url, 'POST', '/api/people/p1/share', { 'content-type': 'application/json' }, new Uint8Array(0))).status).toBe(200);
      expect((await raw(api.url, 'POST', '/api/people/p1/share', { 'content-type': 'application/json' }, new Uint8Array(0), true)).status).toBe(200);
    });
  });

  describe('charsets of JSON bodies', () => {
    it('when a JSON body declares a charset other than UTF-8, then 415 naming UTF-8 as the one supported, on every JSON route and both import readers', async () => {
      const before = (await api.as(undefined, 'GET', '/api/export')).body;
      for (const charset of ['utf-16', 'UTF-16LE', 'utf-32', 'latin1', '"utf-16"']) {
        for (const [method, path, body] of [
          ['PATCH', '/api/people/p1', '{"title":"Wide"}'],
          ['POST', '/api/people', '{"id":"p-wide","name":"Wide"}'],
          ['POST', '/api/import', '{"people":[{"id":"p-wide","name":"Wide"}]}'],
          ['POST', '/api/session', '{"email":"a@example.org","password":"xxxxxxxxxxxx"}'],
        ] as const) {
          for (const chunked of [false, true]) {
            const what = `${method} ${path} charset=${charset}${chunked ? ' (chunked)' : ''}`;
            const r = await raw(api.url, method, path, { 'content-type': `application/json; charset=${charset}` }, Buffer.from(body), chunked);
            expect(isProblem(r, 415), `${what} → ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
            expect(r.body.detail, what).toMatch(/unsupported charset ".+"; JSON is read as UTF-8 only \(charset=utf-8, or none\)/);
          }
        }
      }
      expect((await api.as(undefined, 'GET', '/api/export')).body).toEqual(before);
    });

    it('when a JSON body declares UTF-8 (in any letter case, quoted or not), then it is read', async () => {
      for (const charset of ['utf-8', 'UTF-8', '"utf-8"']) {
        const r = await raw(api.url, 'PATCH', '/api/people/p1', { 'content-type': `application/json; charset=${charset}` }, Buffer.from('{"title":"Narrow"}'));
        expect(r.status, `${charset} → ${JSON.stringify(r.body)}`).toBe(200);
      }
    });
  });

  describe('compressed bodies', () => {
    it('when a body claims gzip, deflate or br but does not decode that way, then 400 problem+json on every kind of route (signed in or not), and nothing changes', async () => {
      const before = (await api.as(undefined, 'GET', '/api/export')).body;
      for (const encoding of ['gzip', 'deflate', 'br']) {
        for (const [method, path, body] of [
          ['POST', '/api/session', '{"email":"a@example.org","password":"xxxxxxxxxxxx"}'],
          ['POST', '/api/people', '{"id":"p-zip","name":"Zip"}'],
          ['PATCH', '/api/people/p1', '{"title":"Zip"}'],
          ['POST', '/api/import', '{"people":[{"id":"p-zip","name":"Zip"}]}'],
        ] as const) {
          const what = `${method} ${path} ${encoding}`;
          const r = await raw(api.url, method, path, { 'content-type': 'application/json', 'content-encoding': encoding }, Buffer.from(body));
          expect(isProblem(r, 400), `${what} → ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
          expect(r.body.detail, what).toMatch(/does not decode as its Content-Encoding says/);
        }
      }
      expect((await api.as(undefined, 'GET', '/api/export')).body).toEqual(before);
    });

    it('when a body is really gzip-compressed, then it is read', async () => {
      const r = await raw(api.url, 'PATCH', '/api/people/p1', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync('{"title":"Zipped"}'));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.title).toBe('Zipped');
    });
  });

  describe('malformed percent-encoding in the path', () => {
    it('when a path carries a truncated, non-hex or non-UTF-8 escape, then the answer is 400 problem+json, on /api, the map and unknown paths alike', async () => {
      for (const path of ['/api/people/%E0%A4%A', '/api/people/%ZZ', '/api/people/%', '/api/people/%C0%80', '/api/%FF/keys', '/api/admin/keys/%ED%A0%80', '/map/%E0', '/%FF', '/healthz/%']) {
        const r = await raw(api.url, 'GET', path);
        expect(isProblem(r, 400), `${path} → ${r.status}`).toBe(true);
        expect(r.body.detail).toMatch(/percent-encoding/);
      }
    });

    it('when the escape is well-formed, then the path is served as before', async () => {
      expect((await raw(api.url, 'GET', '/api/people/%70%31')).status).toBe(200);
    });
  });

  describe('overlong URLs and headers', () => {
    it('when the URL is longer than the limit but within what Node reads, then the answer is 414 problem+json', async () => {
      const r = await raw(api.url, 'GET', `/api/people?q=${'a'.repeat(MAX_URL_LENGTH)}`);
      expect(isProblem(r, 414), `${r.status}`).toBe(true);
      expect(r.body.limit).toBe(MAX_URL_LENGTH);
      expect((await raw(api.url, 'GET', `/api/people?${'a'.repeat(MAX_URL_LENGTH - 40)}`)).status).not.toBe(414);
    });

    it('when a 20 KB query string or a 20 KB header passes Node\'s header limit, then the answer is 431 problem+json, not a bare status line', async () => {
      for (const [path, headers] of [
        [`/api/people?q=${'a'.repeat(20_000)}`, {}],
        ['/api/people', { 'x-padding': 'b'.repeat(20_000) }],
        ['/healthz', Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`x-h${i}`, 'c'.repeat(60)]))],
      ] as const) {
        const r = await raw(api.url, 'GET', path, headers);
        expect(isProblem(r, 431), `${path.slice(0, 30)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toBe(true);
        expect(r.headers.get('x-request-id')).toBe(r.body.requestId);
      }
      // The server still answers afterwards.
      expect((await raw(api.url, 'GET', '/healthz')).status).toBe(200);
    });
  });

  describe('invalid UTF-8 in bodies', () => {
    const utf8WithBadByteAt = (prefix: string, bad: number[], suffix: string) => Buffer.concat([Buffer.from(prefix), Buffer.from(bad), Buffer.from(suffix)]);

    it('when a JSON body holds invalid UTF-8, then every JSON route answers 400 naming the byte offset and nothing is written', async () => {
      const before = (await api.as(undefined, 'GET', '/api/export')).body;
      const prefix = '{"id":"p2","name":"Jos';
      for (const bad of [[0xe9], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
        const body = utf8WithBadByteAt(prefix, bad, 'e"}');
        for (const [method, path] of [['POST', '/api/people'], ['PUT', '/api/people/p2'], ['PATCH', '/api/people/p1'], ['POST', '/api/import']]) {
          const r = await raw(api.url, method!, path!, { 'content-type': 'application/json' }, body);
          expect(isProblem(r, 400), `${method} ${path} ${bad.join(',')} → ${r.status}`).toBe(true);
          expect(r.body.byteOffset).toBe(Buffer.byteLength(prefix));
          expect(r.body.detail).toMatch(new RegExp(`byte offset ${Buffer.byteLength(prefix)}\\b`));
        }
      }
      expect((await api.as(undefined, 'GET', '/api/export')).body).toEqual(before);
    });

    it('when a CSV or vCard body declared UTF-8 holds invalid UTF-8, then the import answers 400 naming the offset, also on a dry run', async () => {
      const before = (await api.as(undefined, 'GET', '/api/export')).body;
      const csvPrefix = 'id,name\np9,Ren';
      const vcfPrefix = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren';
      for (const [path, type, prefix, suffix] of [
        ['/api/import?format=people', 'text/csv; charset=utf-8', csvPrefix, 'e\n'],
        ['/api/import?format=people&dryRun=true', 'text/csv; charset="UTF-8"', csvPrefix, 'e\n'],
        ['/api/import', 'text/vcard; charset=utf8', vcfPrefix, 'e\r\nEND:VCARD\r\n'],
      ] as const) {
        const r = await raw(api.url, 'POST', path, { 'content-type': type }, utf8WithBadByteAt(prefix, [0xe9], suffix));
        expect(isProblem(r, 400), `${path} ${type} → ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
        expect(r.body.byteOffset).toBe(Buffer.byteLength(prefix));
      }
      expect((await api.as(undefined, 'GET', '/api/export')).body).toEqual(before);
    });

    it('when a CSV body declared UTF-8 is valid, then it is imported with its characters intact', async () => {
      const r = await raw(api.url, 'POST', '/api/import?format=people', { 'content-type': 'text/csv; charset=utf-8' }, Buffer.from('id,name\np8,Zoë 😀\n'));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect((await api.as(undefined, 'GET', '/api/people/p8')).body.name).toBe('Zoë 😀');
    });

    it('property: the reported offset is where a fatal UTF-8 decoder first fails, and -1 exactly when it succeeds', () => {
      const fatal = new TextDecoder('utf-8', { fatal: true });
      const valid = (b: Uint8Array) => {
        try {
          fatal.decode(b);
          return true;
        } catch {
          return false;
        }
      };
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 40 }),
        fc.tuple(fc.string({ unit: 'binary', maxLength: 10 }), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 10 })).map(
          ([a, mid, b]) => new Uint8Array(Buffer.concat([Buffer.from(a), mid, Buffer.from(b)])),
        ),
      );
      fc.assert(
        fc.property(bytes, (b) => {
          const offset = firstInvalidUtf8Offset(b);
          expect(offset === -1).toBe(valid(b));
          if (offset >= 0) {
            expect(valid(b.subarray(0, offset))).toBe(true);
            // The sequence starting at the offset cannot be completed into valid UTF-8 by anything after it.
            expect(valid(b.subarray(0, offset + 4))).toBe(false);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
