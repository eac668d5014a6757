/**
 * `refnet paths` with no path to show: the line after the reason says what to do, and it follows
 * the server's reason (reasonCode), not one fixed text: "a larger --max-hops" only when a longer
 * path exists.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NO_PATH_REASONS } from '../../graph/analytics/warm-paths.js';
import { noPathAdvice } from '../../scripts/cli/commands/analytics.js';
import { workspace } from './run-cli.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

type Workspace = Awaited<ReturnType<typeof workspace>>;
let ws: Workspace;

beforeAll(async () => {
  ws = await workspace();
  // ann – bob – cy in a chain; dee – eli apart from them; lone knows no one.
  const doc = {
    // ann is the only notary
    people: ['ann', 'bob', 'cy', 'dee', 'eli', 'lone'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1), ...(id === 'ann' ? { profession: 'notary' } : {}) })),
    interactions: [
      { id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: '2026-01-05' },
      { id: 'i2', a: 'bob', b: 'cy', kind: 'one_to_one', at: '2026-01-06' },
      { id: 'i3', a: 'dee', b: 'eli', kind: 'one_to_one', at: '2026-01-07' },
    ],
  };
  const file = join(ws.dir, 'chain.json');
  await writeFile(file, JSON.stringify(doc));
  const r = await ws.run(['import', file]);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(() => ws?.cleanup());

/** The two lines of a "no path" answer: the reason, then the advice. */
async function noPath(args: string[]): Promise<{ reason: string; advice: string }> {
  const r = await ws.run(['paths', ...args]);
  expect(r.code, r.stderr).toBe(0);
  const [reason = '', advice = ''] = r.stdout.trim().split('\n');
  expect(reason).toMatch(/^No warm path from /);
  return { reason, advice };
}

describe('refnet paths with no path', () => {
  it('when the only one the target names is the person asking, then it says so and suggests someone else, not a larger --max-hops', async () => {
    const { reason, advice } = await noPath(['ann', '--where', 'profession=notary']);
    expect(reason).toContain('the only target is the person asking');
    expect(advice).toMatch(/the person the paths start from is the only one/i);
    expect(advice).not.toMatch(/max-hops/);
  });

  it('when a longer path exists than --max-hops allows, then it suggests a larger --max-hops than the one used', async () => {
    const found = JSON.parse((await ws.run(['--json', 'paths', 'ann', '--to', 'cy'])).stdout) as { paths: { hops: number }[] };
    const shortest = Math.min(...found.paths.map((p) => p.hops));
    const { reason, advice } = await noPath(['ann', '--to', 'cy', '--max-hops', String(shortest - 1)]);
    expect(reason).toMatch(/a longer one exists/);
    expect(advice).toMatch(new RegExp(`try a larger --max-hops than ${shortest - 1}`));
  });

  it('when no chain leads there at all, then it says a larger --max-hops cannot help', async () => {
    const { reason, advice } = await noPath(['ann', '--to', 'dee']);
    expect(reason).toMatch(/not connected/);
    expect(advice).toMatch(/cannot help/);
  });

  it('when the target has no tie at all, then it says so and suggests logging one, not a larger --max-hops', async () => {
    const { reason, advice } = await noPath(['ann', '--to', 'lone']);
    expect(reason).toMatch(/has no tie as of this date/);
    expect(advice).toMatch(/No one it names has a tie/);
    expect(advice).not.toMatch(/max-hops/);
  });
});

describe('no-path advice for every reason the server gives', () => {
  it('when the server answers any reasonCode of NO_PATH_REASONS, then the advice is its own, not the fallback', () => {
    const fallback = noPathAdvice(undefined, 4);
    const advice = NO_PATH_REASONS.map((code) => noPathAdvice(code, 4));
    expect(advice).not.toContain(fallback);
    expect(new Set(advice).size).toBe(NO_PATH_REASONS.length);
  });
});
