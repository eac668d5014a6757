/**
 * docs/API.md names no query parameter an operation does not have: the list filters of its
 * filter table, the `?a=&b=` of its GET rows, and any "filters (`x`, …)" sentence are checked
 * against the OpenAPI document (generated from the schemas the routes parse with). It once named
 * intro-request list filters (`person`, `requester`, …, `status`) that no route takes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '../../support/openapi-check.js';

const API_MD = readFileSync(new URL('../../../docs/API.md', import.meta.url), 'utf8');

interface Operation {
  parameters?: { in: string; name: string }[];
}

/** The query parameter names of GET `path` (a template such as /api/people/{id}/week); undefined when there is no such operation. */
function queryOf(path: string): string[] | undefined {
  const op = (OPENAPI_DOCUMENT.paths?.[path] as Record<string, Operation> | undefined)?.get;
  return op && (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
}

/** The text of the `### title` section of API.md. */
function section(title: string): string {
  const start = API_MD.indexOf(`\n### ${title}\n`);
  expect(start, `section "${title}"`).toBeGreaterThan(-1);
  const end = API_MD.slice(start + 1).search(/\n#{2,3} /);
  return end === -1 ? API_MD.slice(start) : API_MD.slice(start, start + 1 + end);
}

const codeNames = (text: string) => [...text.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!);

describe('docs/API.md query parameters', () => {
  it('when the lists filter table names a filter, then the list operation has that query parameter', () => {
    const rows = [...section('Lists: filters and pagination').matchAll(/^\| ([a-z]+) \| (.+) \|$/gm)].filter(([, resource]) => resource !== 'resource');
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const [, resource, filters] of rows) {
      const query = queryOf(`/api/${resource}`);
      expect(query, `GET /api/${resource}`).toBeDefined();
      // Only the names before each description (`q` (name or company contains: `q=jose` …)).
      const names = codeNames(filters!.replace(/\([^)]*\)/g, ''));
      expect(names.length, resource).toBeGreaterThan(0);
      for (const name of names) expect(query, `GET /api/${resource} ?${name}`).toContain(name);
    }
  });

  it('when a GET row of a table shows its query (`/api/x?a=&b=`), then the operation has each parameter', () => {
    const rows = [...API_MD.matchAll(/^\| GET \| `(\/[^`?]+)\?([^`]+)`/gm)];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, path, query] of rows) {
      const params = queryOf(path!);
      expect(params, `GET ${path}`).toBeDefined();
      for (const name of query!.split('&').map((p) => p.split('=')[0]!)) expect(params, `GET ${path} ?${name}`).toContain(name);
    }
  });

  it('when the intro requests section names filters, then GET /api/intro-requests takes them', () => {
    const text = section('Intro requests');
    const query = queryOf('/api/intro-requests');
    expect(query).toBeDefined();
    for (const [, list] of text.matchAll(/filters?[^(.]*\(([^)]*)\)/g)) {
      for (const name of codeNames(list!)) expect(query, `GET /api/intro-requests ?${name}`).toContain(name);
    }
  });
});
