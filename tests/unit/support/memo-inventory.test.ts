/**
 * The caching design in docs/ANALYTICS.md names every memo: a memo created anywhere in graph/ or
 * api/ without a row in its table fails here, and so does a row for a memo that no longer exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, dir, f));
}

/**
 * Names passed to memo(…), ownerMemo(…) or stampedOwnerMemo(…) in the source. The map's memos (graph/map/) are listed
 * by its own module, which the doc's table points to with one row.
 */
function memoNames(): Set<string> {
  const names = new Set<string>();
  const map = join(root, 'graph', 'map');
  for (const file of [...sources('graph'), ...sources('api')].filter((f) => !f.startsWith(map))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:memo|ownerMemo|stampedOwnerMemo)(?:<[^(]*>)?\(\s*'([^']+)'/g)) names.add(m[1]!);
  }
  return names;
}

/** Memo names in the first column of the doc's caching table. */
function documentedNames(): Set<string> {
  const doc = readFileSync(join(root, 'docs/ANALYTICS.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Caching'), doc.indexOf('### Three copies of the network'));
  return new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!));
}

describe('the caching design in docs/ANALYTICS.md', () => {
  it('when a memo is created in graph/ or api/, then the doc has a row for it by name, and no row names a memo that is gone', () => {
    const inCode = memoNames();
    expect(inCode.size).toBeGreaterThan(5);
    expect([...documentedNames()].sort()).toEqual([...inCode].sort());
    expect(readFileSync(join(root, 'docs/ANALYTICS.md'), 'utf8')).toContain('graph/map (see there)');
  });
});
