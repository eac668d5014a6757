/**
 * The unit tests mirror the analytics and projection sources: graph/<dir>/<path>.ts has its own
 * tests/unit/<dir>/<path>.test.ts (issue #17, Hygiene), so a module's tests are where one looks.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const MIRRORED = ['analytics', 'projection'];

/** Every .ts file under graph/<dir>, as paths relative to graph/. */
function sources(dir: string): string[] {
  return readdirSync(`graph/${dir}`, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `${dir}/${f.split('\\').join('/')}`);
}

describe('tests mirror the source tree', () => {
  it.each(MIRRORED)('when a source file is in graph/%s, then tests/unit has a test file of the same path and name', (dir) => {
    const all = sources(dir);
    expect(all.length).toBeGreaterThan(0);
    const missing = all.filter((f) => !existsSync(`tests/unit/${f.replace(/\.ts$/, '.test.ts')}`));
    expect(missing).toEqual([]);
  });
});
