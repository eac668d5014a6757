/**
 * The API description the docs page shows: every operation says what each parameter means and
 * what each answer holds (a schema with content, never an untyped object), /api/map included;
 * and the docs page's own files are served locally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

type Schema = { $ref?: string; type?: string | string[]; properties?: object; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; additionalProperties?: unknown; enum?: unknown[]; const?: unknown; format?: string };
type Operation = { description?: string; summary?: string; parameters?: { name: string; in: string; description?: string }[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };

let api: TestApi;
let spec: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
beforeAll(async () => {
  api = await startTestApi();
  spec = (await api.call('GET', '/api/openapi.json')).body;
});
afterAll(() => api?.close());

const operations = () => Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })));

/** True when the schema says something about the value: a type, a ref, a union, an enum. */
function typed(s: Schema | undefined, seen = new Set<string>()): boolean {
  if (!s) return false;
  if (s.$ref) {
    const name = s.$ref.split('/').pop()!;
    if (seen.has(name)) return true;
    seen.add(name);
    return typed(spec.components?.schemas?.[name], seen);
  }
  const union = s.anyOf ?? s.oneOf ?? s.allOf;
  if (union) return union.length > 0 && union.every((x) => typed(x, seen));
  if (s.enum || 'const' in s) return true;
  if (s.type === 'object') return !!s.properties && Object.keys(s.properties).length > 0 || (typeof s.additionalProperties === 'object' && typed(s.additionalProperties as Schema, seen));
  if (s.type === 'array') return typed(s.items, seen);
  return typeof s.type === 'string' || Array.isArray(s.type);
}

describe('GET /api/openapi.json', () => {
  it('when read, then every parameter of every operation has a description', () => {
    const undescribed = operations().flatMap(({ id, op }) => (op.parameters ?? []).filter((p) => !p.description?.trim()).map((p) => `${id} ${p.in}:${p.name}`));
    expect(undescribed).toEqual([]);
  });
  it('when read, then every JSON answer of every operation has a typed, non-empty schema', () => {
    const untyped = operations().flatMap(({ id, op }) =>
      Object.entries(op.responses).flatMap(([status, r]) =>
        Object.entries(r.content ?? {}).filter(([, c]) => !typed(c.schema)).map(([type]) => `${id} ${status} ${type}`),
      ),
    );
    expect(untyped).toEqual([]);
  });
  it('when read, then /api/map and /api/reports/diversity-gap are described with their fields', () => {
    expect(spec.paths['/api/map']?.get).toBeDefined();
    const gap = spec.paths['/api/reports/diversity-gap']!.get!.responses['200']!.content!['application/json']!.schema!;
    expect(JSON.stringify(gap)).toContain('"unknown"');
  });
});

describe('email addresses in the document', () => {
  it('when a person schema is read, then its email is an RFC 6531 address (idn-email), as the importer accepts', () => {
    const person = spec.components!.schemas!.Person as { properties: Record<string, { format?: string }> };
    expect(person.properties.email!.format).toBe('idn-email');
  });
});

describe('GET /api/docs', () => {
  it('when opened, then Swagger UI is served from this server and pointed at /api/openapi.json', async () => {
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const init = await (await fetch(`${api.url}/api/docs/init.js`)).text();
    expect(init).toContain('/api/openapi.json');
    const bundle = await fetch(`${api.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(await bundle.text()).not.toContain('scarf');
    expect((await fetch(`${api.url}/api/docs/package.json`)).status).toBe(404);
  });
});
