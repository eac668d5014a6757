/**
 * The layers keep to their lanes (issue #17): a route parses, calls one use-case and sends; the
 * map use-case (graph/map) reads the analytics engine's public surface only — never the
 * projection's internals (graph/projection/*, `engine.projection`, tie facts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The module specifiers a file imports or re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

const code = (file: string) => readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

describe('layer boundaries', () => {
  it('when a route or the map use-case imports, then nothing comes from graph/projection', () => {
    const offenders = [...sources('api/routes'), ...sources('graph/map')].flatMap((f) => importsOf(f).filter((s) => s.includes('/projection/')).map((s) => `${f} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it('when the map use-case reads the engine, then never through its projection or tie facts', () => {
    const offenders = sources('graph/map').filter((f) => /\.projection\b|tieFacts|tie-facts/.test(code(f)));
    expect(offenders).toEqual([]);
  });

  it('when the map route answers, then it goes through the one entry point of graph/map', () => {
    const fromMap = importsOf('api/routes/map.ts').filter((s) => s.includes('/graph/map/'));
    expect(fromMap.sort()).toEqual(['../../graph/map/map-view.js', '../../graph/map/schema.js']);
    expect(sources('api/routes').filter((f) => importsOf(f).some((s) => /\/graph\/map\/(?!map-view|schema)/.test(s)))).toEqual([]);
  });

  it('when an API file maps an error to a status, then it is api/problem.ts', () => {
    const offenders = sources('api').filter((f) => f !== 'api/problem.ts' && /\.status\(\s*(?:4|5)\d\d\s*\)|res\.statusCode\s*=\s*[45]/.test(code(f)));
    expect(offenders).toEqual([]);
  });

  it('when the browser app needs the map types, then they come from the shared schema, not a route', () => {
    const offenders = sources('viz/src').flatMap((f) => importsOf(f).filter((s) => s.includes('/api/routes/')).map((s) => `${f} → ${s}`));
    expect(offenders).toEqual([]);
  });
});
